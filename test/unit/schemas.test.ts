import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  CallRequestSchema,
  CallSignalSchema,
  PresenceSetSchema,
  RequestRefSchema,
  SignalDataSchema,
} from '../../src/protocol/index.ts';

const ID = '3f2b8c1e-7d7a-4d8e-9a55-0c1f2e3d4a5b';
const ok = (schema: v.GenericSchema, value: unknown) => v.safeParse(schema, value).success;

describe('protocol schemas', () => {
  it('accept call preferences with defaults', () => {
    expect(v.parse(CallRequestSchema, {})).toEqual({ gender: 'any' });
    expect(v.parse(CallRequestSchema, { gender: 'female', language: 'sdl' })).toEqual({
      gender: 'female',
      language: 'sdl',
    });
    expect(ok(CallRequestSchema, { gender: 'other' })).toBe(false);
    expect(ok(CallRequestSchema, { language: 'klingon' })).toBe(false);
  });

  it('accept presence choices and nothing else', () => {
    expect(ok(PresenceSetSchema, { status: 'available' })).toBe(true);
    expect(ok(PresenceSetSchema, { status: 'break' })).toBe(true);
    expect(ok(PresenceSetSchema, { status: 'offline' })).toBe(true);
    expect(ok(PresenceSetSchema, { status: 'in-call' })).toBe(false);
    expect(ok(PresenceSetSchema, { status: 'available', role: 'kiosk' })).toBe(false);
  });

  it('accept server-issued ids only', () => {
    expect(ok(RequestRefSchema, { requestId: ID })).toBe(true);
    for (const bad of ['short', 'a b c d e f g h', '../../../../etc', 'x'.repeat(65), 42]) {
      expect(ok(RequestRefSchema, { requestId: bad }), String(bad)).toBe(false);
    }
  });

  it('accept every signal simple-peer sends', () => {
    const signals = [
      { type: 'offer', sdp: 'v=0\r\n' },
      { type: 'answer', sdp: 'v=0\r\n' },
      {
        type: 'candidate',
        candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMLineIndex: 0, sdpMid: '0' },
      },
      { type: 'candidate', candidate: { candidate: '', sdpMLineIndex: null, sdpMid: null } },
      { type: 'renegotiate', renegotiate: true },
      { type: 'transceiverRequest', transceiverRequest: { kind: 'video', init: { direction: 'recvonly' } } },
    ];
    for (const data of signals)
      expect(ok(CallSignalSchema, { callId: ID, data }), JSON.stringify(data)).toBe(true);
  });

  it('reject malformed or oversized signals', () => {
    const bad = [
      { type: 'offer' },
      { type: 'offer', sdp: 'x'.repeat(32_001) },
      { type: 'candidate', candidate: { candidate: 'x'.repeat(1001) } },
      { type: 'candidate', candidate: { candidate: 'c', sdpMLineIndex: -1 } },
      { type: 'renegotiate', renegotiate: false },
      { type: 'offer', sdp: 'v=0', extra: 1 },
      { type: 'script', src: 'x' },
    ];
    for (const data of bad) expect(ok(SignalDataSchema, data), JSON.stringify(data).slice(0, 60)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
  ACK_RESULTS,
  CLIENT_EVENTS,
  SERVER_EVENTS,
  clientEvents,
  type ClientEventName,
} from '../../src/protocol/index.ts';
import { PICTOGRAM_IDS } from '../../src/pictograms/catalog.ts';
import { checkAck, checkProtocol, checkServerEvent, takeViolations } from '../helpers/protocol-check.ts';

describe('the protocol module', () => {
  it('has an ack result schema for every client event and for nothing else', () => {
    expect(Object.keys(ACK_RESULTS).sort()).toEqual(Object.keys(CLIENT_EVENTS).sort());
  });

  it('checks pictogram ids against the board it is given, not one it imports', () => {
    const events = clientEvents({ pictogramIds: ['yes', 'no'] });
    const schema = events['pictogram:send'].schema;
    expect(v.safeParse(schema, { ids: ['yes'] }).success).toBe(true);
    expect(v.safeParse(schema, { ids: ['fee'] }).success).toBe(false);
    // The server's own table knows the real board.
    const board = clientEvents({ pictogramIds: PICTOGRAM_IDS })['pictogram:send'].schema;
    expect(v.safeParse(board, { ids: ['fee'] }).success).toBe(true);
    expect(v.safeParse(board, { ids: ['unicorn'] }).success).toBe(false);
    // Every other event is the same table.
    for (const e of Object.keys(CLIENT_EVENTS) as ClientEventName[])
      if (e !== 'pictogram:send') expect(events[e]).toBe(CLIENT_EVENTS[e]);
  });

  it('describes what the server sends: a wrong payload is a violation the tests see', () => {
    checkProtocol();
    takeViolations();
    checkServerEvent('queue:summary', [{ waiting: 1, oldestRequestedAt: null, available: 0 }]);
    checkAck('call:request', { ok: true, requestId: 'abcdefgh-1', position: 0 });
    checkAck('call:request', { ok: false, code: 'conflict', message: 'x' });
    expect(takeViolations()).toEqual([]);
    checkServerEvent('queue:summary', [{ waiting: -1, oldestRequestedAt: null, available: 0 }]);
    checkServerEvent('call:ended', [{ callId: 'c', reason: 'peer_hangup', extra: 1 }]);
    checkServerEvent('no:such', [{}]);
    checkAck('call:request', { ok: true, requestId: 'abcdefgh-1' });
    expect(takeViolations()).toHaveLength(4);
    expect(Object.keys(SERVER_EVENTS)).toContain('call:start');
  });
});

/**
 * Limits on a real server: a socket that floods is answered `rate_limited` (and nobody else is
 * slowed down), and one identity cannot open more than MAX_SOCKETS_PER_IDENTITY sockets.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  connectClient,
  connectWithCookie,
  refusal,
  emitRaw,
  interpreterAuth,
  kioskAuth,
  type TestSocket,
} from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let srv: TestServer;
const sockets: TestSocket[] = [];
beforeEach(async () => {
  srv = await startTestServer({
    RATE_LIMIT_PER_S: '20',
    RATE_LIMIT_BURST: '50',
    MAX_SOCKETS_PER_IDENTITY: '3',
  });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await srv.close();
});

const signal = { callId: 'aaaaaaaa-bbbb-cccc', data: { type: 'renegotiate', renegotiate: true } };

it('answers a flood with rate_limited after the burst, and only that socket', async () => {
  const flooder = await connectClient(srv, kioskAuth('Flooder'));
  const bystander = await connectClient(srv, kioskAuth('Bystander'));
  sockets.push(flooder, bystander);
  const acks = (await Promise.all(
    Array.from({ length: 70 }, () => emitRaw(flooder, 'call:signal', signal)),
  )) as Array<{
    code: string;
    message: string;
  }>;
  const limited = acks.filter((a) => a.code === 'rate_limited');
  // The burst is 50; a few more tokens may have refilled while the 70 were on their way.
  expect(limited.length).toBeGreaterThanOrEqual(15);
  expect(acks.slice(0, 50).every((a) => a.code === 'not_found')).toBe(true);
  expect(limited[0]!.message).toMatch(/at most 20 a second/);
  // Someone else is not slowed down by it.
  expect(await emitRaw(bystander, 'call:signal', signal)).toMatchObject({ code: 'not_found' });
  // The flooder is served again once tokens come back (20 a second).
  await expect
    .poll(async () => ((await emitRaw(flooder, 'call:signal', signal)) as { code: string }).code)
    .toBe('not_found');
  expect(srv.logs.filter((l) => l.includes('rate limited'))).toHaveLength(1);
});

it('refuses a fourth socket for the same identity, and allows it once one closes', async () => {
  const cookie = await srv.cookieFor(interpreterAuth('Same'));
  for (let i = 0; i < 3; i++) sockets.push((await connectWithCookie(srv.url, cookie)).socket);
  expect(await refusal(srv.url, cookie)).toMatch(/^too_many_connections/);
  // Another identity is not affected.
  sockets.push(await connectClient(srv, interpreterAuth('Other')));
  sockets.shift()!.disconnect();
  await expect
    .poll(async () => {
      try {
        sockets.push((await connectWithCookie(srv.url, cookie)).socket);
        return true;
      } catch {
        return false;
      }
    })
    .toBe(true);
});

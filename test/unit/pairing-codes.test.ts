/**
 * Pairing codes in the routing core: random, single-use, replaced when they expire (many kiosks at
 * once each get a code from fresh randomness), and never two alike.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { PAIRING_CODE_TTL_MS } from '../../src/protocol/constants.ts';
import { coreHarness } from '../helpers/core.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('replaces every kiosk code when it expires, each different', async () => {
  // The shell's own randomness, as in production.
  const { driver, sent } = await coreHarness({}, { rand: () => randomBytes(64).toString('hex') });
  const ids = Array.from({ length: 30 }, (_, i) => `kiosk-${i}`);
  for (const id of ids)
    void driver.dispatch({
      type: 'connect',
      id,
      identity: { role: 'kiosk', name: id, office: 'A', accountId: id },
    });
  const codeOf = (id: string) => {
    const c = driver.state.clients.get(id);
    return c?.kind === 'kiosk' ? c.code : null;
  };
  const before = ids.map(codeOf);
  expect(new Set(before).size).toBe(ids.length);
  vi.advanceTimersByTime(PAIRING_CODE_TTL_MS + 1000);
  const after = ids.map(codeOf);
  expect(new Set(after).size).toBe(ids.length);
  for (let i = 0; i < ids.length; i++) expect(after[i]).not.toBe(before[i]);
  // Each kiosk was shown its new code.
  for (const id of ids) {
    const states = sent.filter((s) => s.to === id && s.event === 'session:state');
    expect((states.at(-1)!.payload as { pairingCode: string }).pairingCode).toBe(codeOf(id));
  }
  // No two codes of the sweep came from one draw: none is a small sequential fallback.
  expect(after.filter((c) => Number(c) < 100).length).toBeLessThan(3);
});

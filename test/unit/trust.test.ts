/** The pieces of sign-in and resume trust, with injected time: backoff, tokens, hashes, addresses. */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { enrollKeys, signInKeys, SignInThrottle } from '../../signaling-server/auth/throttle.ts';
import { resumeTokens, RESUME_TOKEN_TTL_MS } from '../../signaling-server/realtime/resume-tokens.ts';
import { hashPassword, parseHash, verifyPassword } from '../../signaling-server/auth/secrets.ts';
import { knownConsoles } from '../../signaling-server/auth/known-console.ts';
import { clientAddress } from '../../signaling-server/http/client-address.ts';
import { Accounts } from '../../signaling-server/store/accounts.ts';
import { openStore } from '../../signaling-server/store/db.ts';

describe('sign-in backoff', () => {
  it('backs off the name from one address after five failures, doubling, and never for ever', () => {
    let now = 0;
    const throttle = new SignInThrottle(() => now);
    const keys = signInKeys('Huda', '10.0.0.1', false);
    for (let i = 0; i < 5; i++) {
      expect(throttle.waitMs(keys)).toBe(0);
      throttle.failed(keys);
    }
    expect(throttle.waitMs(keys)).toBe(1000);
    now += 1000;
    throttle.failed(keys);
    expect(throttle.waitMs(keys)).toBe(2000);
    // The name from another address is not held back by this address's failures.
    expect(throttle.waitMs(signInKeys('huda', '10.0.0.2', false))).toBe(0);
    // The window passes: nothing is held against the name any more.
    now += 15 * 60_000 + 1;
    expect(throttle.waitMs(keys)).toBe(0);
  });

  it('holds a name failed from many addresses, except on a console it signed in on before', () => {
    const throttle = new SignInThrottle(() => 0);
    for (let i = 0; i < 20; i++) throttle.failed(signInKeys('huda', `10.0.1.${i}`, false));
    expect(throttle.waitMs(signInKeys('huda', '10.0.2.1', false))).toBeGreaterThan(0);
    expect(throttle.waitMs(signInKeys('huda', '10.0.2.1', true))).toBe(0);
    expect(throttle.waitMs(signInKeys('other', '10.0.2.1', false))).toBe(0);
  });

  it('bounds enrollment guesses per address and across all addresses', () => {
    const throttle = new SignInThrottle(() => 0);
    for (let i = 0; i < 5; i++) throttle.failed(enrollKeys('10.0.0.9'));
    expect(throttle.waitMs(enrollKeys('10.0.0.9'))).toBeGreaterThan(0);
    expect(throttle.waitMs(enrollKeys('10.0.0.10'))).toBe(0);
    for (let i = 0; i < 100; i++) throttle.failed(enrollKeys(`10.1.${i >> 8}.${i & 255}`));
    expect(throttle.waitMs(enrollKeys('10.0.0.10'))).toBeGreaterThan(0);
  });
});

describe('resume tokens', () => {
  const claim = { callId: 'call-0001', requestId: 'req-00001', role: 'kiosk' as const, accountId: 'k-1' };
  const earlier = resumeTokens('k'.repeat(43), 'runAAAAAAAAAAAAA', null);
  const token = earlier.sign(claim, 1_000);

  it('are good in the next run only, for their claim, until they expire', () => {
    const next = resumeTokens('k'.repeat(43), 'runBBBBBBBBBBBBB', 'runAAAAAAAAAAAAA');
    expect(next.verify(token, claim, 2_000)).toBe(true);
    expect(next.verify(token, { ...claim, role: 'interpreter' }, 2_000)).toBe(false);
    expect(next.verify(token, claim, 1_000 + RESUME_TOKEN_TTL_MS)).toBe(false);
    // The run that issued it, and any run after the next, take it not.
    expect(earlier.verify(token, claim, 2_000)).toBe(false);
    const later = resumeTokens('k'.repeat(43), 'runCCCCCCCCCCCCC', 'runBBBBBBBBBBBBB');
    expect(later.verify(token, claim, 2_000)).toBe(false);
    // Another key, or a token with its expiry moved, is refused.
    expect(resumeTokens('j'.repeat(43), 'x'.repeat(16), 'runAAAAAAAAAAAAA').verify(token, claim, 2_000)).toBe(
      false,
    );
    const [run, , mac] = token.split('.');
    expect(next.verify(`${run}.9999999999999.${mac}`, claim, 2_000)).toBe(false);
  });
});

describe('passwords', () => {
  it('compare an unknown name against a real hash, made at start-up', async () => {
    const accounts = new Accounts((await openStore(':memory:')).db);
    expect(parseHash(accounts.dummyHash)).not.toBeNull();
    expect(await verifyPassword('anything', accounts.dummyHash)).toBe(false);
    expect(await accounts.checkPassword('nobody', 'anything')).toBeNull();
    const stored = hashPassword('right one');
    expect(await verifyPassword('right one', stored)).toBe(true);
    expect(await verifyPassword('wrong one', stored)).toBe(false);
    // A stored hash asking for other costs is not one this server made.
    expect(parseHash(stored.replace('$16384$', '$2$'))).toBeNull();
  });
});

describe('known consoles', () => {
  it('vouch for the name they were issued for, case aside, and nothing else', () => {
    const consoles = knownConsoles('c'.repeat(43));
    const cookie = consoles.issue('Huda');
    expect(consoles.knows(cookie, 'huda')).toBe(true);
    expect(consoles.knows(cookie, 'sara')).toBe(false);
    expect(consoles.knows(undefined, 'huda')).toBe(false);
    expect(consoles.knows(`${cookie}x`, 'huda')).toBe(false);
    expect(knownConsoles('d'.repeat(43)).knows(cookie, 'huda')).toBe(false);
  });
});

describe('the client address', () => {
  const req = (peer: string, xff?: string) =>
    ({ socket: { remoteAddress: peer }, headers: xff ? { 'x-forwarded-for': xff } : {} }) as IncomingMessage;
  it('is the peer unless proxies are trusted, then the address the nearest trusted one saw', () => {
    expect(clientAddress(req('10.0.0.1', '6.6.6.6'), 0)).toBe('10.0.0.1');
    expect(clientAddress(req('10.0.0.1', '6.6.6.6, 192.0.2.7'), 1)).toBe('192.0.2.7');
    expect(clientAddress(req('10.0.0.1', '6.6.6.6, 192.0.2.7'), 2)).toBe('6.6.6.6');
    expect(clientAddress(req('10.0.0.1'), 1)).toBe('10.0.0.1');
  });
});

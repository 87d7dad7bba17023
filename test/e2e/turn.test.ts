/**
 * Media through a real TURN server (coturn, use-auth-secret): the server hands out short-lived TURN
 * credentials, the call is forced to relay, and video flows over a relay candidate pair. The sender
 * follows the sign-language policy (maintain-framerate, motion hint), and the quality meter shows.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessibleInBothLanguages } from '../helpers/axe.ts';
import { connectedCall, serverAndBrowser } from '../helpers/e2e.ts';
import { expectRemoteVideoFlowing, kioskState, snap } from '../helpers/pages.ts';
import { startTurn, type TurnServer } from '../helpers/turn.ts';

let turn: TurnServer;
// Registered first, so coturn is up before the server that hands out its credentials.
beforeAll(async () => {
  turn = await startTurn();
});
afterAll(async () => {
  await turn?.stop();
});
const ctx = serverAndBrowser(() => ({
  TURN_URLS: turn.url,
  TURN_SECRET: turn.secret,
  TURN_TTL_S: '600',
  ICE_TRANSPORT_POLICY: 'relay',
}));

/** The selected candidate pair's local and remote candidate types, from real getStats. */
function selectedPair(page: Page): Promise<{ local: string; remote: string } | null> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.filter(
      (pc) => pc.connectionState === 'connected',
    );
    const pc = pcs.at(-1);
    if (!pc) return null;
    const stats = new Map<string, Record<string, unknown>>();
    (await pc.getStats()).forEach((s: Record<string, unknown>) => stats.set(s.id as string, s));
    for (const s of stats.values()) {
      if (s.type !== 'transport' || typeof s.selectedCandidatePairId !== 'string') continue;
      const pair = stats.get(s.selectedCandidatePairId);
      const local = stats.get(pair?.localCandidateId as string);
      const remote = stats.get(pair?.remoteCandidateId as string);
      return { local: String(local?.candidateType), remote: String(remote?.candidateType) };
    }
    return null;
  });
}

it('relays the call through TURN with the sign-language sender policy', async () => {
  const { kiosk, interpreter } = await connectedCall(ctx);
  await expectRemoteVideoFlowing(kiosk);
  await expectRemoteVideoFlowing(interpreter);

  expect(await selectedPair(kiosk)).toEqual({ local: 'relay', remote: 'relay' });
  expect(await selectedPair(interpreter)).toEqual({ local: 'relay', remote: 'relay' });

  const sender = await kiosk.evaluate(() => {
    const pc = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs
      .filter((p) => p.connectionState === 'connected')
      .at(-1)!;
    const s = pc.getSenders().find((x) => x.track?.kind === 'video')!;
    const p = s.getParameters();
    return {
      degradation: p.degradationPreference,
      maxBitrate: p.encodings[0]?.maxBitrate,
      hint: s.track!.contentHint,
    };
  });
  expect(sender).toEqual({ degradation: 'maintain-framerate', maxBitrate: 1_500_000, hint: 'motion' });

  await interpreter.getByTestId('quality-panel').waitFor({ timeout: 10_000 });
  await kiosk.getByTestId('quality').waitFor();
  await snap(interpreter, 'interpreter-quality-ar');
  await expectAccessibleInBothLanguages(interpreter, 'interpreter in call with quality panel');
  await expectAccessibleInBothLanguages(kiosk, 'kiosk in call with quality badge');
  pages = { kiosk, interpreter };
});

let pages: { kiosk: Page; interpreter: Page } | null = null;

/**
 * A real cut of the media path: the call is relay-only, so killing the TURN server stops every
 * packet between the two pages. It comes back 5 s later (same port and secret, no allocations):
 * ICE restarts by itself and the video flows again, with nobody touching either page.
 */
it('recovers by itself from a 5 s cut of the media path', async () => {
  // The relayed call of the test before, or (run alone) a new one.
  const { kiosk, interpreter } = pages ?? (await connectedCall(ctx));
  await expectRemoteVideoFlowing(kiosk);
  await turn.stop();
  await expect.poll(() => kioskState(kiosk), { timeout: 20_000 }).toBe('reconnecting');
  await interpreter.getByText('جارٍ إعادة الاتصال…').waitFor();
  await snap(kiosk, 'kiosk-reconnecting-ar');
  await expectAccessibleInBothLanguages(kiosk, 'kiosk reconnecting');
  await new Promise((r) => setTimeout(r, 5000)); // the outage itself, not a wait for a result
  await turn.start();
  await expect.poll(() => kioskState(kiosk), { timeout: 60_000 }).toBe('connected');
  await expectRemoteVideoFlowing(kiosk);
  await expectRemoteVideoFlowing(interpreter);
  expect(await selectedPair(kiosk)).toEqual({ local: 'relay', remote: 'relay' });
});

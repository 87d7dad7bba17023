/**
 * Pre-connect while ringing (#19): when an offer rings, the kiosk and the ringing interpreter's console
 * connect (ICE, DTLS, codecs) with no media: before the accept neither page has decoded a frame or
 * received a sample of the other's audio, though their connection is up. On accept that same
 * connection carries the call. A declined offer's connection closes on both pages at once, and so
 * does one the citizen cancels.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { serverAndBrowser } from '../helpers/e2e.ts';
import {
  expectRemoteVideoFlowing,
  foreignRequests,
  goAvailable,
  kioskState,
  openInterpreter,
  openKiosk,
} from '../helpers/pages.ts';

const ctx = serverAndBrowser({ RING_TIMEOUT_MS: '30000' });

/** The page's connections that are up, with what they received of media so far. */
function connections(page: Page) {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    const out: Array<{ index: number; state: string; frames: number; samples: number; packets: number }> = [];
    for (const [index, pc] of pcs.entries()) {
      if (pc.connectionState !== 'connected') continue;
      let frames = 0;
      let samples = 0;
      let packets = 0;
      (await pc.getStats()).forEach((r: Record<string, unknown>) => {
        if (r.type !== 'inbound-rtp') return;
        packets += Number(r.packetsReceived ?? 0);
        if (r.kind === 'video') frames += Number(r.framesDecoded ?? 0);
        if (r.kind === 'audio') samples += Number(r.totalSamplesReceived ?? 0);
      });
      out.push({ index, state: pc.connectionState, frames, samples, packets });
    }
    return out;
  });
}
const states = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.map((pc) => pc.connectionState),
  );

it('connects while ringing with no media either way, and the call uses that connection', async () => {
  const interpreter = await openInterpreter(ctx.browser, ctx.srv, 'Huda');
  await goAvailable(interpreter);
  const kiosk = await openKiosk(ctx.browser, ctx.srv);
  await kiosk.getByTestId('call-button').click();
  await interpreter.getByTestId('accept').waitFor();
  // Both ends are connected while the offer still rings…
  await expect.poll(async () => (await connections(kiosk)).length, { timeout: 15_000 }).toBe(1);
  await expect.poll(async () => (await connections(interpreter)).length, { timeout: 15_000 }).toBe(1);
  // …and stay so for a while with nothing of either person on it.
  await new Promise((r) => setTimeout(r, 1500));
  for (const page of [kiosk, interpreter]) {
    const [up] = await connections(page);
    expect(up).toMatchObject({ frames: 0, samples: 0, packets: 0 });
  }
  expect(await kioskState(kiosk)).toBe('ringing');
  const before = {
    kiosk: (await connections(kiosk))[0]!.index,
    interpreter: (await connections(interpreter))[0]!.index,
  };

  await interpreter.getByTestId('accept').click();
  await expect.poll(() => kioskState(kiosk), { timeout: 15_000 }).toBe('connected');
  await expectRemoteVideoFlowing(kiosk);
  await expectRemoteVideoFlowing(interpreter);
  // The call's media runs on the connection made while ringing: no other was opened.
  expect((await connections(kiosk)).map((c) => c.index)).toEqual([before.kiosk]);
  expect((await connections(interpreter)).map((c) => c.index)).toEqual([before.interpreter]);
  const [heard] = await connections(interpreter);
  expect(heard!.samples).toBeGreaterThan(0);
  await kiosk.getByTestId('end-call').click();
  await expect.poll(() => kioskState(kiosk)).not.toBe('connected');
  for (const p of [kiosk, interpreter]) expect(foreignRequests(p)).toEqual([]);
  for (const p of [kiosk, interpreter]) await p.context().close();
});

it('closes the connection on both pages when the offer is declined, and when the citizen cancels', async () => {
  const interpreter = await openInterpreter(ctx.browser, ctx.srv, 'Omar', 'male');
  await goAvailable(interpreter);
  const kiosk = await openKiosk(ctx.browser, ctx.srv, 'Counter 4');
  await kiosk.getByTestId('call-button').click();
  await expect.poll(async () => (await connections(interpreter)).length, { timeout: 15_000 }).toBe(1);
  await expect.poll(async () => (await connections(kiosk)).length, { timeout: 15_000 }).toBe(1);
  await interpreter.getByTestId('decline').click();
  for (const page of [kiosk, interpreter])
    await expect.poll(async () => (await states(page)).filter((s) => s === 'connected')).toEqual([]);
  // The citizen is still waiting; a second interpreter's ring connects again, and a cancel closes it.
  const second = await openInterpreter(ctx.browser, ctx.srv, 'Layla');
  await second.getByTestId('presence-available').check();
  await second.getByTestId('accept').waitFor();
  await expect.poll(async () => (await connections(second)).length, { timeout: 15_000 }).toBe(1);
  await expect.poll(async () => (await connections(kiosk)).length, { timeout: 15_000 }).toBe(1);
  await kiosk.getByTestId('cancel-button').click();
  for (const page of [kiosk, second])
    await expect.poll(async () => (await states(page)).filter((s) => s === 'connected')).toEqual([]);
  for (const p of [kiosk, interpreter, second]) await p.context().close();
});

/**
 * Poor video for 10 s in a row offers the citizen text and pictograms, and the call goes on. The
 * interpreter's sender is scaled down 8× (80×60, below QCIF) and capped at 20 kbps, so the kiosk's
 * incoming video is "poor" by EN 301 549 §6.5, measured from the kiosk's own getStats.
 */
import { expect, it } from 'vitest';
import { expectAccessibleInBothLanguages } from '../helpers/axe.ts';
import { connectedCall, serverAndBrowser } from '../helpers/e2e.ts';
import { kioskState, snap } from '../helpers/pages.ts';

const ctx = serverAndBrowser();

it('offers text and pictograms after 10 s of poor video without ending the call', async () => {
  const { kiosk, interpreter } = await connectedCall(ctx);

  await interpreter.evaluate(async () => {
    const pc = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs
      .filter((p) => p.connectionState === 'connected')
      .at(-1)!;
    const sender = pc.getSenders().find((s) => s.track?.kind === 'video')!;
    const params = sender.getParameters();
    for (const e of params.encodings) {
      e.maxBitrate = 20_000;
      e.scaleResolutionDownBy = 8; // 640×480 → 80×60: well below QCIF
    }
    await sender.setParameters(params);
  });
  await expect
    .poll(() => kiosk.getByTestId('quality').getAttribute('data-level'), { timeout: 15_000 })
    .toBe('poor');
  await kiosk.getByTestId('poor-video-offer').waitFor({ timeout: 20_000 });
  expect(await kioskState(kiosk)).toBe('connected');
  await snap(kiosk, 'kiosk-poor-video-ar');
  await expectAccessibleInBothLanguages(kiosk, 'kiosk offered text for poor video');

  await kiosk.getByRole('button', { name: 'نعم، أتواصل مع الموظف' }).click();
  await kiosk.getByTestId('text-chosen').waitFor();
  expect(await kioskState(kiosk)).toBe('connected');
  expect(await kiosk.getByTestId('end-call').count()).toBe(1);
});

/**
 * A weak link (a mobile office unit on 4G): with the video capped at 60 kbps (VIDEO_MAX_KBPS) the
 * kiosk's sender holds the picture at 320×240 (the camera's 640×480 scaled by 2, resolution kept:
 * src/call/media-policy.ts) and gives speech 20 kbps; the interpreter receives 320×240 frames.
 * The frame rate this gives is measured by `npm run bench:media`, not here.
 */
import { expect, it } from 'vitest';
import { connectedCall, serverAndBrowser } from '../helpers/e2e.ts';

const ctx = serverAndBrowser({ VIDEO_MAX_KBPS: '60' });

it('holds 320×240 and gives speech less under a 60 kbps cap', async () => {
  const { kiosk, interpreter } = await connectedCall(ctx);
  const senders = () =>
    kiosk.evaluate(() => {
      const pc = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs
        .filter((p) => p.connectionState === 'connected')
        .at(-1)!;
      const of = (kind: string) =>
        pc
          .getSenders()
          .find((x) => x.track?.kind === kind)!
          .getParameters();
      const video = of('video');
      return {
        degradation: video.degradationPreference,
        maxBitrate: video.encodings[0]?.maxBitrate,
        scale: video.encodings[0]?.scaleResolutionDownBy,
        audio: of('audio').encodings[0]?.maxBitrate,
      };
    });
  await expect
    .poll(senders)
    .toEqual({ degradation: 'maintain-resolution', maxBitrate: 60_000, scale: 2, audio: 20_000 });
  const received = () =>
    interpreter.evaluate(async () => {
      const pc = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs
        .filter((p) => p.connectionState === 'connected')
        .at(-1)!;
      let size = '';
      (await pc.getStats()).forEach((r: Record<string, unknown>) => {
        if (r.type === 'inbound-rtp' && r.kind === 'video' && r.frameWidth)
          size = `${String(r.frameWidth)}×${String(r.frameHeight)}`;
      });
      return size;
    });
  await expect.poll(received, { timeout: 15_000 }).toBe('320×240');
});

/**
 * npm run bench:media — one call between two headless Chromium pages (Chromium's fake camera, 30 fps),
 * for video bitrate caps of 150, 300 and 1000 kbps (`maxBitrate` on the kiosk's sender), each with
 * `maintain-framerate` and, for comparison, `balanced`; ~10 s each. Frame rate and resolution are read
 * at the receiving page (inbound-rtp framesPerSecond, sampled twice a second after a 5 s settle).
 * Prints one JSON line last.
 */
import { build } from 'vite';
import { launchChromium } from '../test/helpers/browser.ts';
import { startTestServer } from '../test/helpers/server.ts';
import { readyPair } from './pages.ts';
import { percentile } from './stats.ts';

const CAPS = [150, 300, 1000];
const POLICIES: RTCDegradationPreference[] = ['maintain-framerate', 'balanced'];
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 5000);
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 7000);

await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
const srv = await startTestServer({ LOG_LEVEL: 'warn' });
const browser = await launchChromium([], 30);

const runs: Array<Record<string, unknown>> = [];
try {
  const { kiosk, interpreter } = await readyPair(browser, srv);
  await kiosk.getByTestId('call-button').click();
  await interpreter.getByTestId('accept').click();
  await kiosk.waitForFunction(
    () => document.querySelector('[data-testid=kiosk-status]')?.getAttribute('data-state') === 'connected',
  );

  for (const cap of CAPS) {
    for (const policy of POLICIES) {
      await kiosk.evaluate(
        async ([kbps, pref]) => {
          const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
          const pc = pcs.filter((p) => p.connectionState === 'connected').at(-1)!;
          const sender = pc.getSenders().find((s) => s.track?.kind === 'video')!;
          const params = sender.getParameters();
          params.degradationPreference = pref as RTCDegradationPreference;
          for (const e of params.encodings) e.maxBitrate = (kbps as number) * 1000;
          await sender.setParameters(params);
        },
        [cap, policy] as const,
      );
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const samples: Array<{ fps: number; width: number; height: number }> = [];
      const until = Date.now() + MEASURE_MS;
      while (Date.now() < until) {
        samples.push(
          await interpreter.evaluate(async () => {
            const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
            const pc = pcs.filter((p) => p.connectionState === 'connected').at(-1)!;
            let out = { fps: 0, width: 0, height: 0 };
            (await pc.getStats()).forEach((r: Record<string, unknown>) => {
              if (r.type === 'inbound-rtp' && r.kind === 'video')
                out = {
                  fps: Number(r.framesPerSecond ?? 0),
                  width: Number(r.frameWidth ?? 0),
                  height: Number(r.frameHeight ?? 0),
                };
            });
            return out;
          }),
        );
        await new Promise((r) => setTimeout(r, 500));
      }
      const fps = samples.map((s) => s.fps);
      const last = samples.at(-1)!;
      runs.push({
        cap_kbps: cap,
        policy,
        fps_p50: percentile(fps, 50),
        fps_p5: percentile(fps, 5),
        width: last.width,
        height: last.height,
      });
      console.error(JSON.stringify(runs.at(-1)));
    }
  }
} finally {
  await browser.close();
  await srv.close();
}
console.log(JSON.stringify({ bench: 'media', camera: 'chromium-fake-30fps', runs }));

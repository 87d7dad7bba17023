/**
 * npm run bench:media — one call between two headless Chromium pages for each camera: Chromium's
 * fake camera (its moving pattern, 30 fps) and a moving clip that is hard to encode (a photo with
 * continuous zoom and pan, bench/moving-clip.ts: needs ffmpeg). For video caps of 60, 100, 150, 300
 * and 1000 kbps on the kiosk's sender, three policies, each in a call of its own (WebRTC's
 * adaptation would carry over from one to the next), ~12 s each: `ashir` (what the app sets for
 * that cap, src/call/media-policy.ts: under 150 kbps the picture is held at 320×240), and, for
 * comparison, plain `maintain-framerate` and `balanced` at the camera's picture. Frame rate and
 * resolution are read at the receiving page (inbound-rtp framesPerSecond, sampled twice a second
 * after a 5 s settle). Prints one JSON line last.
 */
import { build } from 'vite';
import { videoEncodingFor, type VideoEncoding } from '../src/call/media-policy.ts';
import { launchChromium } from '../test/helpers/browser.ts';
import { startTestServer, type TestServer } from '../test/helpers/server.ts';
import { movingClip } from './moving-clip.ts';
import { readyPair } from './pages.ts';
import { percentile } from './stats.ts';

const CAPS = [60, 100, 150, 300, 1000];
const POLICIES = ['ashir', 'maintain-framerate', 'balanced'] as const;
const CAMERA_HEIGHT = 480;
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 5000);
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 7000);

await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
const clip = movingClip();
const srv = await startTestServer({ LOG_LEVEL: 'warn' });

const runs: Array<Record<string, unknown>> = [];
let pairs = 0;
try {
  await measure(srv, 'chromium-fake-30fps', []);
  await measure(srv, 'moving-clip', [`--use-file-for-fake-video-capture=${clip}`]);
} finally {
  await srv.close();
}
console.log(JSON.stringify({ bench: 'media', runs }));

async function measure(server: TestServer, camera: string, args: string[]): Promise<void> {
  const browser = await launchChromium(args, 30);
  try {
    for (const cap of CAPS) {
      for (const policy of POLICIES) {
        // A new call for each: WebRTC's adaptation (the resolution it scaled to) would carry over.
        const { kiosk, interpreter } = await readyPair(browser, server, ++pairs);
        await kiosk.getByTestId('call-button').click();
        await interpreter.getByTestId('accept').click();
        await kiosk.waitForFunction(
          () =>
            document.querySelector('[data-testid=kiosk-status]')?.getAttribute('data-state') === 'connected',
        );
        const encoding: VideoEncoding =
          policy === 'ashir'
            ? videoEncodingFor(cap, CAMERA_HEIGHT)
            : { degradationPreference: policy, maxBitrate: cap * 1000, scaleResolutionDownBy: 1 };
        await kiosk.evaluate(async ({ degradationPreference, ...e }) => {
          const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
          const pc = pcs.filter((p) => p.connectionState === 'connected').at(-1)!;
          const sender = pc.getSenders().find((s) => s.track?.kind === 'video')!;
          const params = sender.getParameters();
          params.degradationPreference = degradationPreference;
          for (const x of params.encodings) Object.assign(x, e);
          await sender.setParameters(params);
        }, encoding);
        await new Promise((r) => setTimeout(r, SETTLE_MS));
        const samples = await sample(interpreter);
        const fps = samples.map((s) => s.fps);
        const last = samples.at(-1)!;
        runs.push({
          camera,
          cap_kbps: cap,
          policy,
          fps_p50: percentile(fps, 50),
          fps_p5: percentile(fps, 5),
          width: last.width,
          height: last.height,
        });
        console.error(JSON.stringify(runs.at(-1)));
        for (const page of [kiosk, interpreter]) await page.context().close();
      }
    }
  } finally {
    await browser.close();
  }
}

async function sample(
  interpreter: Awaited<ReturnType<typeof readyPair>>['interpreter'],
): Promise<Array<{ fps: number; width: number; height: number }>> {
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
  return samples;
}

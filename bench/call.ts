/**
 * npm run bench:call — 10 calls one after another between two headless Chromium pages on a fresh
 * server. The interpreter accepts a second after the ring shows (BENCH_REACTION_MS: nobody sees a
 * ring and clicks faster; the kiosk and the console connect meanwhile, with no media). Measures, per
 * call, from the accept click to (a) the first remote video frame presented on the kiosk
 * (requestVideoFrameCallback) and (b) the kiosk's ICE reaching "connected" (negative: before the
 * accept, while it rang); and the frames either page decoded before the accept (summed over the
 * calls: nothing may flow before it). Prints one JSON line last.
 */
import { build } from 'vite';
import { launchChromium } from '../test/helpers/browser.ts';
import { startTestServer } from '../test/helpers/server.ts';
import { readyPair } from './pages.ts';
import { percentile } from './stats.ts';
import { framesDecoded } from '../test/helpers/probe.ts';

const CALLS = Number(process.env.BENCH_CALLS ?? 10);
const REACTION_MS = Number(process.env.BENCH_REACTION_MS ?? 1000);
const STEP_TIMEOUT = 20_000;

await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
const srv = await startTestServer({ LOG_LEVEL: 'warn' });
const browser = await launchChromium();

const acceptToFrame: number[] = [];
const iceConnected: number[] = [];
let errors = 0;
let beforeAcceptFrames = 0;

try {
  const { kiosk, interpreter } = await readyPair(browser, srv);

  for (let i = 0; i < CALLS; i++) {
    try {
      const icesBefore = await kiosk.evaluate(
        () => (window as unknown as { __iceConnectedAt: number[] }).__iceConnectedAt.length,
      );
      await kiosk.getByTestId('call-button').click({ timeout: STEP_TIMEOUT });
      await interpreter.getByTestId('accept').waitFor({ timeout: STEP_TIMEOUT });
      await new Promise((r) => setTimeout(r, REACTION_MS));
      beforeAcceptFrames += (await framesDecoded(kiosk)) + (await framesDecoded(interpreter));
      // Arm the first-frame timestamp on the kiosk before the accept.
      await kiosk.evaluate(() => {
        const w = window as unknown as { __firstFrameAt: Promise<number> };
        w.__firstFrameAt = new Promise((resolve) => {
          const look = () => {
            const video = document.querySelector<HTMLVideoElement>('[data-testid=remote-video]');
            if (video) video.requestVideoFrameCallback(() => resolve(Date.now()));
            else setTimeout(look, 2);
          };
          look();
        });
      });
      const acceptedAt = await interpreter.evaluate(() => {
        document.querySelector<HTMLButtonElement>('[data-testid=accept]')!.click();
        return Date.now();
      });
      const firstFrameAt = await kiosk.evaluate(
        () => (window as unknown as { __firstFrameAt: Promise<number> }).__firstFrameAt,
      );
      const iceAt = await kiosk.evaluate(
        (n) => (window as unknown as { __iceConnectedAt: number[] }).__iceConnectedAt[n] ?? Number.NaN,
        icesBefore,
      );
      acceptToFrame.push(firstFrameAt - acceptedAt);
      iceConnected.push(iceAt - acceptedAt);
      await kiosk.getByTestId('end-call').click({ timeout: STEP_TIMEOUT });
      await kiosk.waitForFunction(
        () => document.querySelector('[data-testid=kiosk-status]')?.getAttribute('data-state') === 'idle',
        undefined,
        { timeout: STEP_TIMEOUT },
      );
      await interpreter.getByRole('button', { name: 'جاهز الآن' }).click({ timeout: STEP_TIMEOUT });
      await interpreter.waitForFunction(
        () => document.querySelector('[data-testid=presence]')?.getAttribute('data-state') === 'available',
        undefined,
        { timeout: STEP_TIMEOUT },
      );
    } catch (err) {
      errors++;
      console.error(`call ${i + 1} failed:`, err instanceof Error ? err.message : err);
    }
  }
} finally {
  await browser.close();
  await srv.close();
}

const summary = (values: number[]) => ({
  p50: Math.round(percentile(values, 50)),
  p95: Math.round(percentile(values, 95)),
});
console.log(
  JSON.stringify({
    bench: 'call',
    calls: CALLS,
    errors,
    accept_to_first_frame_ms: summary(acceptToFrame),
    ice_connected_ms: summary(iceConnected.filter(Number.isFinite)),
    before_accept_frames: beforeAcceptFrames,
  }),
);

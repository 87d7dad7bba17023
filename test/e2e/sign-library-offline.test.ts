/**
 * Sign clips without the server, in Chromium: a kiosk whose offline shell is installed plays a step's
 * approved clip once; the server stops; the kiosk is reloaded from the shell and, with no server at
 * all, still offers that clip and plays it (the list and the file come from the shell's caches).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { FIXTURES_DIR } from '../helpers/fixtures.ts';
import { openWelcomeKiosk } from '../helpers/pages.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { approveClip, uploadClip } from '../helpers/clips.ts';

let browser: Browser;
let srv: TestServer;
beforeAll(async () => {
  browser = await launchChromium();
  srv = await startTestServer();
});
afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

const framesShown = (page: Page) =>
  page
    .getByTestId('step-clip')
    .evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames);

async function playStepClip(kiosk: Page): Promise<void> {
  await kiosk.getByTestId('start-session').click();
  await kiosk.getByTestId('nav-services').click();
  await kiosk.getByTestId('service-replace-lost').click();
  await kiosk.getByTestId('step-clip-play').click();
  await expect
    .poll(() => kiosk.getByTestId('step-clip').evaluate((v: HTMLVideoElement) => v.videoWidth), {
      timeout: 10_000,
    })
    .toBe(320);
  await expect.poll(() => framesShown(kiosk), { timeout: 10_000 }).toBeGreaterThan(5);
}

it('plays a clip it played once, after a reload with no server at all', async () => {
  const interpreter = await srv.cookieFor({
    kind: 'interpreter',
    name: 'Huda',
    gender: 'female',
    languages: ['sdl'],
  });
  const supervisor = await srv.cookieFor({ kind: 'supervisor', name: 'Sup', office: 'Riyadh' });
  const sent = await uploadClip(
    srv.url,
    interpreter,
    readFileSync(path.join(FIXTURES_DIR, 'media/sign-clip.webm')),
    'target=step:replace-lost.document&language=sdl&consent=1',
  );
  const { clip } = (await sent.json()) as { clip: { id: string } };
  expect((await approveClip(srv.url, supervisor, clip.id)).status).toBe(200);

  const kiosk = await openWelcomeKiosk(browser, srv, 'Counter 7');
  await kiosk.evaluate(async () => void (await navigator.serviceWorker.ready));
  await kiosk.reload();
  await kiosk.getByTestId('start-session').waitFor();
  expect(await kiosk.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await playStepClip(kiosk);

  await srv.close();
  await kiosk.reload();
  await kiosk.getByTestId('start-session').waitFor({ timeout: 20_000 });
  expect((await fetch(`${srv.url}/healthz`).catch(() => null)) === null).toBe(true);
  await playStepClip(kiosk);
});

/**
 * The kiosk without its server, in Chromium: the offline shell (a service worker) has cached the
 * kiosk. The server stops while a citizen walks a service flow: the flow goes on, the offline notice
 * shows, the card, a pictogram and written text are shown full screen to the clerk, nothing errors,
 * and a reload still starts the kiosk from the cache. The server comes back on the same port: the
 * kiosk reconnects and the card made offline can be sent. A new version of the shell is taken only
 * at the welcome screen, never during a session. axe in ar and en on each new screen.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessibleInBothLanguages } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/browser.ts';
import { foreignRequests, openWelcomeKiosk, snap } from '../helpers/pages.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// A copy of the built front end: the test deploys a "new version" into it.
const staticDir = path.join(mkdtempSync(path.join(tmpdir(), 'ashir-static-')), 'dist');
let browser: Browser;
let srv: TestServer;
beforeAll(async () => {
  cpSync('dist', staticDir, { recursive: true });
  browser = await launchChromium();
  srv = await startTestServer({ STATIC_DIR: staticDir });
});
afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

const controlled = (page: Page) => page.evaluate(() => navigator.serviceWorker.controller !== null);

it('serves the citizen without the server, sends the card when it is back, and updates only at welcome', async () => {
  const kiosk = await openWelcomeKiosk(browser, srv, 'Counter 4');
  const errors: string[] = [];
  kiosk.on('pageerror', (e) => errors.push(e.message));
  // The shell is installed; after a reload it controls the page.
  await kiosk.evaluate(async () => void (await navigator.serviceWorker.ready));
  await kiosk.reload();
  await kiosk.getByTestId('start-session').waitFor();
  expect(await controlled(kiosk)).toBe(true);

  await kiosk.getByTestId('start-session').click();
  await kiosk.getByTestId('nav-services').click();
  await kiosk.getByTestId('service-birth').click();
  await kiosk.locator('[data-testid^="answer-"]').first().click();

  // The server goes away in the middle of the flow.
  const { port } = srv.server;
  const dbPath = srv.dbPath;
  await srv.close();
  await kiosk.getByTestId('offline-notice').waitFor({ timeout: 20_000 });
  await snap(kiosk, 'kiosk-offline-flow-ar');
  await expectAccessibleInBothLanguages(kiosk, 'kiosk offline in a flow');
  // The flow goes on.
  for (;;) {
    const step = kiosk.getByTestId('flow-step');
    if ((await step.count()) === 0) break;
    const stepId = await step.getAttribute('data-step');
    await kiosk.locator('[data-testid^="answer-"]').first().click();
    await expect
      .poll(async () => (await step.count()) === 0 || (await step.getAttribute('data-step')) !== stepId)
      .toBe(true);
  }
  await kiosk.getByTestId('kiosk-card').waitFor();
  await kiosk.getByTestId('show-card').click();
  await kiosk.getByTestId('card-fullscreen').waitFor();
  await snap(kiosk, 'kiosk-offline-card-ar');
  await expectAccessibleInBothLanguages(kiosk, 'kiosk card shown full screen to the clerk');
  await kiosk.getByTestId('card-fullscreen').getByRole('button').click();

  await kiosk.getByTestId('nav-board').click();
  await kiosk.locator('[data-testid^="picto-"]').first().click();
  await kiosk.getByTestId('board-fullscreen').waitFor();
  await expectAccessibleInBothLanguages(kiosk, 'kiosk pictogram shown full screen to the clerk');
  await kiosk.getByTestId('board-fullscreen').getByRole('button').click();

  await kiosk.getByTestId('nav-chat').click();
  await kiosk.getByTestId('composer').fill('أحتاج شهادة ميلاد لابني');
  await kiosk.getByTestId('show-text').click();
  expect(await kiosk.getByTestId('pad-fullscreen').textContent()).toContain('أحتاج شهادة ميلاد لابني');
  await snap(kiosk, 'kiosk-offline-pad-ar');
  await expectAccessibleInBothLanguages(kiosk, 'kiosk writing pad shown full screen');
  await kiosk.getByTestId('pad-fullscreen').getByRole('button').click();

  // A kiosk page loaded now (after a power cut) starts from the cache, and says it is offline.
  const fresh = await kiosk.context().newPage();
  await fresh.goto(`${srv.url}/kiosk/`);
  await fresh.getByTestId('start-session').waitFor({ timeout: 20_000 });
  await fresh.getByTestId('offline-notice').waitFor({ timeout: 20_000 });
  await expectAccessibleInBothLanguages(fresh, 'kiosk started offline from the cache');
  await fresh.close();

  // The server is back: the kiosk reconnects by itself, and the card made offline can be sent.
  srv = await startTestServer({ PORT: String(port), STATIC_DIR: staticDir }, dbPath);
  await expect.poll(() => kiosk.getByTestId('offline-notice').count(), { timeout: 20_000 }).toBe(0);
  // Back to the service begun: it is where it was, with the card not sent yet.
  await kiosk.getByTestId('nav-services').click();
  await kiosk.getByTestId('service-birth').click();
  await kiosk.getByTestId('send-card').click();
  await expect.poll(() => kiosk.getByTestId('card-status').getAttribute('data-tone')).toBe('ok');

  // A new version is deployed while the citizen is still here: it waits for the welcome screen.
  const sw = path.join(staticDir, 'kiosk-sw.js');
  writeFileSync(sw, `${readFileSync(sw, 'utf8')}\n// a new version\n`);
  await kiosk.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });
  await kiosk.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration('/kiosk/');
    await reg?.update();
  });
  await expect
    .poll(() =>
      kiosk.evaluate(
        async () => (await navigator.serviceWorker.getRegistration('/kiosk/'))?.waiting !== null,
      ),
    )
    .toBe(true);
  await new Promise((r) => setTimeout(r, 1500));
  expect(await kiosk.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
    true,
  );
  // The citizen leaves: at the welcome screen the new version is taken (the page loads it).
  await kiosk.getByTestId('end-session').click();
  await expect
    .poll(
      () => kiosk.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument ?? false),
      { timeout: 20_000 },
    )
    .toBe(false);
  await kiosk.getByTestId('start-session').waitFor();
  expect(errors).toEqual([]);
  expect(foreignRequests(kiosk)).toEqual([]);
});

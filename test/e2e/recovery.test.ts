/**
 * The server restarts in the middle of a call: the video keeps flowing peer to peer (the kiosk keeps
 * decoding frames while the server is down), both pages reconnect by themselves and re-attach to the
 * call, and the call then ends cleanly from the kiosk.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import {
  expectRemoteVideoFlowing,
  framesDecoded,
  goAvailable,
  kioskState,
  openInterpreter,
  openKiosk,
  presence,
} from '../helpers/pages.ts';
import { startTestServer, type TestServer, routing } from '../helpers/server.ts';

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

it('keeps the call through a server restart, and ends it cleanly after', async () => {
  const interpreter = await openInterpreter(browser, srv, 'Huda');
  await goAvailable(interpreter);
  const kiosk = await openKiosk(browser, srv);
  await kiosk.getByTestId('call-button').click();
  await interpreter.getByTestId('accept').click();
  await expect.poll(() => kioskState(kiosk), { timeout: 30_000 }).toBe('connected');
  await expectRemoteVideoFlowing(kiosk);

  // The server goes away...
  const { port } = srv.server;
  const dbPath = srv.dbPath;
  await srv.close();
  await expect.poll(() => kiosk.getByTestId('connection').getAttribute('data-tone')).toBe('bad');
  const whileDown = await framesDecoded(kiosk);
  await expect.poll(() => framesDecoded(kiosk), { timeout: 10_000 }).toBeGreaterThan(whileDown + 20);
  expect(await kioskState(kiosk)).toBe('connected');

  // ...and comes back on the same port and database: both pages reconnect and re-attach to the call.
  srv = await startTestServer({ PORT: String(port) }, dbPath);
  for (const page of [kiosk, interpreter])
    await expect
      .poll(() => page.getByTestId('connection').getAttribute('data-tone'), { timeout: 20_000 })
      .toBe('ok');
  await expect.poll(() => routing(srv.server).calls, { timeout: 10_000 }).toBe(1);
  await expect.poll(() => presence(interpreter)).toBe('in-call');
  await expectRemoteVideoFlowing(kiosk);

  await kiosk.getByTestId('end-call').click();
  await expect.poll(() => interpreter.getByTestId('remote-video').count()).toBe(0);
  await expect.poll(() => presence(interpreter)).toBe('wrap-up');
  expect(routing(srv.server).calls).toBe(0);
  expect(srv.logs.some((l) => l.includes('call resumed'))).toBe(true);
});

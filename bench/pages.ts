/** The two pages every browser benchmark starts from: a kiosk ready to call, an available interpreter. */
import type { Browser, Page } from 'playwright-core';
import { WEBRTC_PROBE } from '../test/helpers/probe.ts';
import type { TestServer } from '../test/helpers/server.ts';

async function open(browser: Browser, url: string, cookie: { name: string; value: string }): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies([{ ...cookie, url: new URL(url).origin }]);
  const page = await context.newPage();
  await page.addInitScript(WEBRTC_PROBE);
  await page.goto(url);
  return page;
}

/**
 * An enrolled kiosk and a signed-in interpreter (accounts made on the server for the run; `n` names
 * another pair on the same server).
 */
export async function readyPair(
  browser: Browser,
  srv: TestServer,
  n = 0,
): Promise<{ kiosk: Page; interpreter: Page }> {
  const kiosk = await open(
    browser,
    `${srv.url}/kiosk/`,
    await srv.provision({ kind: 'kiosk', name: n ? `Bench ${n}` : 'Bench' }),
  );
  const interpreter = await open(
    browser,
    `${srv.url}/interpreter/`,
    await srv.provision({
      kind: 'interpreter',
      name: n ? `Bench interpreter ${n}` : 'Bench interpreter',
      gender: 'female',
      languages: ['sdl'],
    }),
  );
  await interpreter.waitForFunction(
    () => document.querySelector<HTMLInputElement>('[data-testid=presence-available]')?.disabled === false,
  );
  await interpreter.getByTestId('presence-available').check();
  await kiosk.getByTestId('start-session').click();
  await kiosk.getByTestId('nav-call').click();
  await kiosk.waitForFunction(
    () => !document.querySelector<HTMLButtonElement>('[data-testid=call-button]')?.disabled,
  );
  return { kiosk, interpreter };
}

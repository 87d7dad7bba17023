/** The two pages every browser benchmark starts from: a kiosk ready to call, an available interpreter. */
import type { Browser, Page } from 'playwright-core';
import { WEBRTC_PROBE } from '../test/helpers/probe.ts';

async function open(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.addInitScript(WEBRTC_PROBE);
  await page.goto(url);
  return page;
}

export async function readyPair(browser: Browser, base: string): Promise<{ kiosk: Page; interpreter: Page }> {
  const kiosk = await open(browser, `${base}/kiosk/?name=Bench`);
  const interpreter = await open(browser, `${base}/interpreter/`);
  await interpreter.getByLabel('اسمك').fill('Bench interpreter');
  await interpreter.getByRole('radio', { name: 'مترجمة', exact: true }).check();
  await interpreter.getByRole('button', { name: 'دخول' }).click();
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

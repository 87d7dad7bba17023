/** The frame of a browser test file: one real server and one Chromium for the file, and a call helper. */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { goAvailable, kioskState, openInterpreter, openKiosk } from './pages.ts';
import { startTestServer, type TestServer } from './server.ts';

export interface E2E {
  srv: TestServer;
  browser: Browser;
}

/** `env` may be a function, for settings known only in an earlier beforeAll (a TURN server's port). */
export function serverAndBrowser(
  env: Record<string, string> | (() => Record<string, string>) = {},
  chromiumArgs: string[] = [],
): E2E {
  const ctx = {} as E2E;
  beforeAll(async () => {
    ctx.srv = await startTestServer(typeof env === 'function' ? env() : env);
    ctx.browser = await launchChromium(chromiumArgs);
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.srv?.close();
  });
  return ctx;
}

/** An available interpreter, a kiosk that calls, the interpreter accepts: both pages, connected. */
export async function connectedCall(ctx: E2E): Promise<{ kiosk: Page; interpreter: Page }> {
  const interpreter = await openInterpreter(ctx.browser, ctx.srv, 'Huda');
  await goAvailable(interpreter);
  const kiosk = await openKiosk(ctx.browser, ctx.srv);
  await kiosk.getByTestId('call-button').click();
  await interpreter.getByTestId('accept').click();
  await expect.poll(() => kioskState(kiosk), { timeout: 30_000 }).toBe('connected');
  return { kiosk, interpreter };
}

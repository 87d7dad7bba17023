/**
 * Routing in real browsers: the first interpreter declines, the second accepts and video flows both
 * ways; the second interpreter's page is closed mid-call, the kiosk goes back to the head of the queue
 * and a third interpreter gets the citizen, with video again.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessibleInBothLanguages } from '../helpers/axe.ts';
import { serverAndBrowser } from '../helpers/e2e.ts';
import {
  expectRemoteVideoFlowing,
  goAvailable,
  kioskState,
  openInterpreter,
  openKiosk,
  presence,
  snap,
} from '../helpers/pages.ts';

const ctx = serverAndBrowser();

/**
 * A round trip through an interpreter's own socket (a break and back, each acknowledged): whatever
 * the server sent that page before it handled them has arrived when this returns (one socket is one
 * ordered stream). "No offer" is then a fact, not a look at one instant.
 */
async function barrier(page: Page): Promise<void> {
  await page.getByTestId('presence-break').check();
  await expect.poll(() => presence(page)).toBe('break');
  await goAvailable(page);
}

it('declined by one, answered by another, and handed to a third when the second drops', async () => {
  const first = await openInterpreter(ctx.browser, ctx.srv, 'Amal');
  await goAvailable(first);
  const second = await openInterpreter(ctx.browser, ctx.srv, 'Badr', 'male');
  await goAvailable(second);
  const kiosk = await openKiosk(ctx.browser, ctx.srv, 'Counter 7');

  await kiosk.getByTestId('call-button').click();
  await first.getByTestId('offer').waitFor();
  await barrier(second);
  expect(await second.getByTestId('offer').count()).toBe(0);
  await first.getByTestId('decline').click();

  await second.getByTestId('offer').waitFor();
  await second.keyboard.press('Alt+KeyA'); // the keyboard shortcut for accept
  await expect.poll(() => kioskState(kiosk), { timeout: 20_000 }).toBe('connected');
  await expectRemoteVideoFlowing(kiosk);
  await expectRemoteVideoFlowing(second);
  expect(await presence(first)).toBe('available');

  const third = await openInterpreter(ctx.browser, ctx.srv, 'Dana');
  await goAvailable(third);
  // The first interpreter declined this citizen once: the request must not come back to them.
  await second.context().close();

  await third.getByTestId('offer').waitFor();
  expect(await kiosk.getByTestId('kiosk-status').textContent()).toContain('انقطع اتصال المترجم');
  await barrier(first);
  expect(await first.getByTestId('offer').count()).toBe(0);
  await snap(kiosk, 'kiosk-requeued-ar');
  await expectAccessibleInBothLanguages(kiosk, 'kiosk requeued after a drop');

  await third.getByTestId('accept').click();
  await expect.poll(() => kioskState(kiosk), { timeout: 20_000 }).toBe('connected');
  await expectRemoteVideoFlowing(kiosk);
  await expectRemoteVideoFlowing(third);
  expect(await kiosk.getByTestId('kiosk-status').textContent()).toContain('Dana');

  const stats = (await (
    await fetch(`${ctx.srv.url}/api/stats`, {
      headers: { cookie: await ctx.srv.cookieFor({ kind: 'supervisor', name: 'Supervisor' }) },
    })
  ).json()) as Record<string, number>;
  expect(stats).toMatchObject({ requests: 2, answered: 2, queueLength: 0 });
});

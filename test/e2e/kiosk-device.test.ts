/**
 * The kiosk as a device: it asks for a Screen Wake Lock when its page shows, and again when the
 * page becomes visible (the browser drops the lock while hidden). Headless Chromium may refuse the
 * lock; what is checked is that the kiosk asks, each time, and keeps working either way.
 */
import { expect, it } from 'vitest';
import { serverAndBrowser } from '../helpers/e2e.ts';
import { foreignRequests, openWelcomeKiosk } from '../helpers/pages.ts';

const ctx = serverAndBrowser();

it('asks for a screen wake lock when shown and again when visible again', async () => {
  const kiosk = await openWelcomeKiosk(ctx.browser, ctx.srv);
  await kiosk.addInitScript(() => {
    const w = window as unknown as { wakeLockAsks: number };
    w.wakeLockAsks = 0;
    const lock = navigator.wakeLock;
    const request = lock.request.bind(lock);
    lock.request = (type?: 'screen') => {
      w.wakeLockAsks++;
      return request(type);
    };
  });
  await kiosk.reload();
  await kiosk.getByTestId('start-session').waitFor();
  const asks = () => kiosk.evaluate(() => (window as unknown as { wakeLockAsks: number }).wakeLockAsks);
  await expect.poll(asks).toBe(1);
  await kiosk.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect.poll(asks).toBe(2);
  // The kiosk works whether the browser granted the lock or not.
  await kiosk.getByTestId('start-session').click();
  await kiosk.getByTestId('nav-call').waitFor();
  expect(foreignRequests(kiosk)).toEqual([]);
});

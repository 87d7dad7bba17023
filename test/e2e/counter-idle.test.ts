/**
 * The idle timeout in Chromium (shortened to 10 s with a 5 s warning): the warning counts down and
 * is accessible, "I'm still here" keeps the session, and letting it run out wipes the kiosk.
 */
import { expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.ts';
import { expectKioskForgotten } from '../helpers/counter.ts';
import { serverAndBrowser } from '../helpers/e2e.ts';
import { openWelcomeKiosk, smallTouchTargets, snap } from '../helpers/pages.ts';
import { counters } from '../helpers/server.ts';

const ctx = serverAndBrowser({ KIOSK_IDLE_S: '10', KIOSK_IDLE_WARNING_S: '5' });

it('warns, can be kept, and wipes the kiosk when nobody answers', async () => {
  const kiosk = await openWelcomeKiosk(ctx.browser, ctx.srv);
  await kiosk.getByTestId('start-session').click();
  await kiosk.getByTestId('nav-chat').click();
  await kiosk.getByTestId('composer').fill('رقم جوالي 0500000000');
  await kiosk.getByTestId('quick-q1').click();
  await expect.poll(() => kiosk.getByTestId('kiosk-feed').textContent()).toContain('أحتاج مساعدة');
  await kiosk.getByTestId('nav-services').click();
  await kiosk.getByTestId('service-tahseen').click();
  await kiosk.getByTestId('answer-complaint').click();

  // The warning comes with a countdown that goes down, and one big button.
  const warning = kiosk.getByTestId('idle-warning');
  await warning.waitFor({ timeout: 15_000 });
  const first = Number(await kiosk.getByTestId('idle-countdown').textContent());
  expect(first).toBeLessThanOrEqual(5);
  await expect.poll(() => kiosk.getByTestId('idle-countdown').textContent().then(Number)).toBeLessThan(first);
  expect(await kiosk.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('still-here');
  expect(await axeViolations(kiosk), 'idle warning (ar)').toEqual([]);
  expect(await smallTouchTargets(kiosk)).toEqual([]);
  await snap(kiosk, 'counter-kiosk-idle-warning-ar');

  await kiosk.getByTestId('still-here').click();
  expect(await warning.count()).toBe(0);
  expect(await kiosk.getByTestId('flow-step').getAttribute('data-step')).toBe('about');

  // The same warning in English.
  await kiosk.getByRole('button', { name: 'Switch to English' }).click();
  await warning.waitFor({ timeout: 15_000 });
  expect(await axeViolations(kiosk), 'idle warning (en)').toEqual([]);
  await snap(kiosk, 'counter-kiosk-idle-warning-en');

  // Nobody answers: the session ends and nothing of it is left.
  await kiosk.getByTestId('welcome').waitFor({ timeout: 15_000 });
  await kiosk.getByRole('button', { name: 'التبديل إلى العربية' }).click();
  await expectKioskForgotten(kiosk, ['0500000000', 'أحتاج مساعدة', 'شكوى']);
  expect(counters(ctx.srv.server).sessions).toBe(0);
  expect(ctx.srv.logs.some((l) => l.includes('"reason":"idle"'))).toBe(true);
});

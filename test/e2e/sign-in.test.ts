/**
 * Identity in the browser: a new kiosk device is enrolled with its one-time code (and its credential
 * is an HttpOnly cookie no script can read); an interpreter signs in with a password, stays signed in
 * across a reload, and signs out. Both screens pass axe in Arabic and English.
 */
import { expect, it } from 'vitest';
import { expectAccessibleInBothLanguages } from '../helpers/axe.ts';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import { serverAndBrowser } from '../helpers/e2e.ts';
import {
  foreignRequests,
  openPage,
  signInThroughForm,
  smallTouchTargets,
  snap,
  waitForPlaying,
} from '../helpers/pages.ts';

const ctx = serverAndBrowser();

it('enrolls a kiosk device with its one-time code', async () => {
  const page = await openPage(ctx.browser, `${ctx.srv.url}/kiosk/`);
  await page.getByTestId('enroll').waitFor();
  await expectAccessibleInBothLanguages(page, 'kiosk enrollment');
  expect(await smallTouchTargets(page)).toEqual([]);
  await snap(page, 'kiosk-enroll-ar');

  await page.getByLabel('رمز التسجيل (10 أرقام)').fill('12345-67890');
  await page.getByRole('button', { name: 'تسجيل الكشك' }).click();
  await page.getByTestId('enroll-error').waitFor();

  const { code } = await ctx.srv.server.accounts.kiosks.add({
    office: 'Riyadh',
    counter: '5',
    name: 'Counter 5',
  });
  await page.getByLabel('رمز التسجيل (10 أرقام)').fill(code);
  await page.getByRole('button', { name: 'تسجيل الكشك' }).click();
  await page.getByTestId('welcome').waitFor();
  await waitForPlaying(page, 'self-video');
  await expect.poll(() => page.getByTestId('connection').textContent()).toBe('متصل');
  // The device credential is HttpOnly: the page's scripts cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain('ashir_device');
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'ashir_device')).toMatchObject({
    httpOnly: true,
    sameSite: 'Strict',
  });
  expect(foreignRequests(page)).toEqual([]);
});

it('signs an interpreter in and out', async () => {
  const { username } = await ctx.srv.provision({
    kind: 'interpreter',
    name: 'Noura',
    gender: 'female',
    languages: ['sdl'],
  });
  const page = await openPage(ctx.browser, `${ctx.srv.url}/interpreter/`);
  await page.getByTestId('sign-in').waitFor();
  await expectAccessibleInBothLanguages(page, 'interpreter sign-in');
  await snap(page, 'interpreter-sign-in-ar');

  await signInThroughForm(page, username!, 'not the password');
  await page.getByTestId('sign-in-error').waitFor();
  expect(await page.getByTestId('sign-in-error').textContent()).toBe(
    'اسم المستخدم أو كلمة المرور غير صحيحة.',
  );

  await signInThroughForm(page, username!, TEST_PASSWORD);
  await waitForPlaying(page, 'self-video');
  await expect.poll(() => page.getByTestId('presence-available').isEnabled()).toBe(true);
  // Still signed in after a reload: no form, straight to the console.
  await page.reload();
  await waitForPlaying(page, 'self-video');
  expect(await page.getByTestId('sign-in').count()).toBe(0);

  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in').waitFor();
  expect((await page.context().cookies()).find((c) => c.name === 'ashir_session')?.value ?? '').toBe('');
});

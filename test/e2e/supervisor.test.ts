/**
 * The supervisor console in Chromium: a supervisor of one office watches a kiosk come online, its
 * citizen wait, an interpreter answer and the service level move, all pushed live; they never see
 * another office's kiosk. An admin adds a kiosk whose one-time code enrolls a real kiosk page, and
 * disables an interpreter whose console is disconnected at once. axe in Arabic and English on every
 * supervisor screen.
 */
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessibleInBothLanguages } from '../helpers/axe.ts';
import { serverAndBrowser } from '../helpers/e2e.ts';
import {
  foreignRequests,
  kioskState,
  openInterpreter,
  openKiosk,
  openPage,
  signInThroughForm,
  smallTouchTargets,
  snap,
  waitForPlaying,
} from '../helpers/pages.ts';
import { scenario } from '../helpers/scenario.ts';

const ctx = serverAndBrowser();
let supervisor: Page;
let kiosk: Page;
let interpreter: Page;
let adminPage: Page;
let signInChecked = false;

async function openConsole(kind: 'supervisor' | 'admin', office?: string): Promise<Page> {
  const who = kind === 'admin' ? { kind, name: 'Admin' } : { kind, name: 'Mona', office: office ?? 'Riyadh' };
  const { username } = await ctx.srv.provision(who);
  const page = await openPage(ctx.browser, `${ctx.srv.url}/supervisor/`);
  await page.getByTestId('sign-in').waitFor();
  if (kind === 'supervisor' && !signInChecked) {
    signInChecked = true;
    await expectAccessibleInBothLanguages(page, 'supervisor sign-in');
    await snap(page, 'supervisor-sign-in-ar');
  }
  await signInThroughForm(page, username!);
  await page.getByTestId('wallboard').waitFor();
  return page;
}
const row = (page: Page, kioskId: string) => page.getByTestId(`kiosk-${kioskId}`);
const kioskIdOf = async (name: string) =>
  (await ctx.srv.server.accounts.kiosks.inOffice(null)).find((k) => k.name === name)!.id;

describe('the supervisor console', () => {
  const { step } = scenario();

  step('shows a supervisor their office only, and a kiosk coming online', async () => {
    await ctx.srv.provision({ kind: 'kiosk', name: 'Jeddah 1', office: 'Jeddah', counter: '1' });
    supervisor = await openConsole('supervisor');
    expect(await supervisor.getByTestId('queue-empty').count()).toBe(1);
    kiosk = await openKiosk(ctx.browser, ctx.srv, 'Counter 4');
    const id = await kioskIdOf('Counter 4');
    await expect.poll(() => row(supervisor, id).getAttribute('data-activity')).toBe('session');
    expect(await row(supervisor, await kioskIdOf('Jeddah 1')).count()).toBe(0);
    expect(await supervisor.getByTestId('wallboard').textContent()).not.toContain('Jeddah');
    await expectAccessibleInBothLanguages(supervisor, 'supervisor wallboard');
    await snap(supervisor, 'supervisor-board-ar');
  });

  step('sees the citizen wait, an interpreter answer, and the service level move', async () => {
    await kiosk.getByTestId('call-button').click();
    await supervisor.getByTestId('queue').waitFor();
    expect(await supervisor.getByTestId('queue').textContent()).toContain('Counter 4');
    await expect
      .poll(async () => row(supervisor, await kioskIdOf('Counter 4')).getAttribute('data-activity'))
      .toBe('waiting');

    interpreter = await openInterpreter(ctx.browser, ctx.srv, 'هدى');
    // Going available rings at once: the citizen is waiting.
    await interpreter.getByTestId('presence-available').check();
    await interpreter.getByTestId('offer').waitFor();
    await interpreter.getByTestId('accept').click();
    await expect.poll(() => kioskState(kiosk), { timeout: 20_000 }).toBe('connected');
    await expect
      .poll(async () => row(supervisor, await kioskIdOf('Counter 4')).getAttribute('data-activity'))
      .toBe('in-call');
    await expect.poll(() => supervisor.getByTestId('level-answered').textContent()).toBe('1');
    expect(await supervisor.getByTestId('level-requests').textContent()).toBe('1');
    const interpreters = supervisor.getByTestId('interpreters');
    expect(await interpreters.locator('tr[data-status="in-call"]').textContent()).toContain('Counter 4');
    await supervisor.getByTestId('large-screen').click();
    await expectAccessibleInBothLanguages(supervisor, 'supervisor wallboard, large screen, a call on');
    await snap(supervisor, 'supervisor-board-large-ar');
    await supervisor.getByTestId('large-screen').click();
  });

  step('lets an admin add a kiosk whose one-time code enrolls a real kiosk page', async () => {
    adminPage = await openConsole('admin');
    await adminPage.getByTestId('tab-admin').click();
    await adminPage.getByTestId('admin').waitFor();
    const form = adminPage.getByTestId('kiosk-add');
    await form.getByLabel('الكشك').fill('Counter 8');
    await form.getByLabel('الشباك').fill('8');
    await form.getByLabel('المكتب').selectOption('Riyadh');
    await form.getByRole('button').click();
    const code = (await adminPage.getByTestId('one-time-value').textContent())!;
    expect(code).toMatch(/^\d{5}-\d{5}$/);
    await expectAccessibleInBothLanguages(adminPage, 'admin panel with a one-time code');
    await snap(adminPage, 'supervisor-admin-ar');

    const device = await openPage(ctx.browser, `${ctx.srv.url}/kiosk/`);
    await device.getByLabel('رمز التسجيل (10 أرقام)').fill(code);
    await device.getByRole('button', { name: 'تسجيل الكشك' }).click();
    await device.getByTestId('welcome').waitFor();
    await waitForPlaying(device, 'self-video');
    await expect
      .poll(async () => row(supervisor, await kioskIdOf('Counter 8')).getAttribute('data-activity'))
      .toBe('idle');
    // The code was for once: the audit log names the action, never the code.
    await adminPage.reload();
    await adminPage.getByTestId('tab-admin').click();
    const audit = adminPage.getByTestId('audit');
    await expect.poll(() => audit.textContent()).toContain('kiosk added');
    expect(await audit.textContent()).not.toContain(code);
  });

  step('disables an interpreter: their console is disconnected at once and cannot sign in', async () => {
    await kiosk.getByTestId('end-call').click();
    // After the call: the citizen is asked how it was, and the interpreter how the connection was.
    await kiosk.getByTestId('rate-call').waitFor();
    await expectAccessibleInBothLanguages(kiosk, 'kiosk asking how the call was');
    expect(await smallTouchTargets(kiosk)).toEqual([]);
    await snap(kiosk, 'kiosk-rating-ar');
    await kiosk.getByTestId('rate-call-3').click();
    await interpreter.getByTestId('rate-connection-2').click();
    const record = () =>
      ctx.srv.server.store
        .raw!.prepare(
          'SELECT rating_kiosk, rating_interpreter, q_good_s IS NOT NULL AS measured FROM call_requests',
        )
        .get();
    await expect.poll(record).toEqual({ rating_kiosk: 3, rating_interpreter: 2, measured: 1 });
    await expect.poll(() => supervisor.getByTestId('level-citizen-rating').textContent()).toBe('3');
    const username = (await ctx.srv.server.accounts.peopleIn(null)).find(
      (p) => p.displayName === 'هدى',
    )!.username;
    await adminPage.getByTestId(`toggle-${username}`).click();
    await expect
      .poll(() => adminPage.getByTestId(`admin-person-${username}`).textContent())
      .toContain('معطّل');
    await expect.poll(() => interpreter.getByTestId('connection').textContent()).not.toBe('متصل');
    await interpreter.reload();
    await interpreter.getByTestId('sign-in').waitFor();
    await expect
      .poll(() => supervisor.locator('[data-testid="interpreters"] tr[data-status]').count())
      .toBe(0);
    for (const page of [supervisor, adminPage, kiosk, interpreter]) expect(foreignRequests(page)).toEqual([]);
  });

  step('shows the history as charts and the call records, with a CSV that parses', async () => {
    await supervisor.getByTestId('tab-history').click();
    for (const chart of ['chart-requests', 'chart-asa', 'chart-occupancy'])
      await supervisor.getByTestId(chart).locator('canvas').first().waitFor();
    await expect.poll(() => supervisor.getByTestId('records-total').textContent()).toMatch(/^1 /);
    expect(await supervisor.getByTestId('records').textContent()).toContain('Counter 4');
    expect(await supervisor.getByTestId('records').textContent()).toContain('جيدة');
    await expectAccessibleInBothLanguages(supervisor, 'supervisor history and records');
    await snap(supervisor, 'supervisor-history-ar');
    const href = (await supervisor.getByTestId('records-csv').getAttribute('href'))!;
    const csv = await supervisor.context().request.get(`${ctx.srv.url}${href}`);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]!.split(',')).toEqual(
      expect.arrayContaining(['requestedAt', 'kiosk', 'outcome', 'ratingKiosk']),
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Counter 4');
    // Another office's supervisor sees none of it.
    const other = await openConsole('supervisor', 'Jeddah');
    await other.getByTestId('tab-history').click();
    await expect.poll(() => other.getByTestId('records-total').textContent()).toMatch(/^0 /);
  });
});

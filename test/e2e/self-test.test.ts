/**
 * The kiosk's self-test in Chromium: at boot it checks camera, microphone, the sound output path,
 * network and server, TURN (a relay candidate from a real coturn with the server's credentials) and
 * the vision models (none on this server: skipped); the result reaches the server and the
 * supervisor's wallboard. Staff open the checks with a hidden gesture; a supervisor asks for a check
 * from the console. Failures are reported: TURN stopped, and a kiosk whose browser denies the camera
 * (it shows the staff notice). axe in Arabic and English on the staff panel and the notice.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expectAccessibleInBothLanguages } from '../helpers/axe.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/browser.ts';
import { serverAndBrowser } from '../helpers/e2e.ts';
import { foreignRequests, openPage, openWelcomeKiosk, signInThroughForm, snap } from '../helpers/pages.ts';
import { scenario } from '../helpers/scenario.ts';
import { startTurn, type TurnServer } from '../helpers/turn.ts';

let turn: TurnServer;
beforeAll(async () => {
  turn = await startTurn();
});
afterAll(async () => {
  await turn?.stop();
});
const ctx = serverAndBrowser(() => ({ TURN_URLS: turn.url, TURN_SECRET: turn.secret }));
const { step } = scenario();
let kiosk: Page;
let kioskId: string;
let denied: Browser | null = null;
afterAll(async () => {
  await denied?.close();
});

interface Row {
  self_test: string;
  self_test_at: number | null;
}
const row = (id: string) =>
  ctx.srv.server.store.raw!.prepare('SELECT self_test, self_test_at FROM kiosks WHERE id = ?').get(id) as Row;
const statuses = (r: Row) =>
  Object.fromEntries(
    (JSON.parse(r.self_test || '[]') as Array<{ check: string; status: string }>).map((c) => [
      c.check,
      c.status,
    ]),
  );

step('checks itself at boot, and the result reaches the server', async () => {
  kiosk = await openWelcomeKiosk(ctx.browser, ctx.srv, 'Counter 2');
  kioskId = (await ctx.srv.server.accounts.kiosks.inOffice('Riyadh'))[0]!.id;
  await expect.poll(() => row(kioskId).self_test_at, { timeout: 30_000 }).not.toBeNull();
  expect(statuses(row(kioskId))).toEqual({
    camera: 'pass',
    microphone: 'pass',
    speakers: 'pass',
    network: 'pass',
    turn: 'pass',
    models: 'skipped',
  });
  expect(await kiosk.getByTestId('self-test-notice').count()).toBe(0);
});

step('opens the checks for staff behind a held corner, and runs them again', async () => {
  const mark = kiosk.getByTestId('staff-mark');
  const box = (await mark.boundingBox())!;
  await kiosk.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await kiosk.mouse.down();
  await kiosk.getByTestId('staff-panel').waitFor({ timeout: 6000 });
  await kiosk.mouse.up();
  expect(await kiosk.getByTestId('check-turn').getAttribute('data-status')).toBe('pass');
  await snap(kiosk, 'kiosk-staff-panel-ar');
  await expectAccessibleInBothLanguages(kiosk, 'kiosk staff panel (device check)');
  // TURN goes away: the next check says so, and the server has it.
  await turn.stop();
  const before = row(kioskId).self_test_at!;
  await kiosk.getByTestId('run-self-test').click();
  await expect.poll(() => row(kioskId).self_test_at, { timeout: 30_000 }).toBeGreaterThan(before);
  expect(statuses(row(kioskId)).turn).toBe('fail');
  await kiosk.getByTestId('self-test-notice').waitFor();
  await turn.start();
});

step('a supervisor sees it on the wallboard and asks for a check from the console', async () => {
  const { username } = await ctx.srv.provision({ kind: 'supervisor', name: 'Mona', office: 'Riyadh' });
  const sup = await openPage(ctx.browser, `${ctx.srv.url}/supervisor/`);
  await sup.getByTestId('sign-in').waitFor();
  await signInThroughForm(sup, username!);
  const cell = sup.getByTestId(`self-test-${kioskId}`);
  await expect.poll(() => cell.getAttribute('data-failed'), { timeout: 10_000 }).toBe('turn');
  await sup.getByTestId('tab-admin').click();
  const before = row(kioskId).self_test_at!;
  await sup.getByTestId(`ask-self-test-${kioskId}`).click();
  await expect.poll(() => row(kioskId).self_test_at, { timeout: 30_000 }).toBeGreaterThan(before);
  expect(statuses(row(kioskId)).turn).toBe('pass');
  await sup.getByTestId('tab-board').click();
  await expect.poll(() => cell.getAttribute('data-failed'), { timeout: 10_000 }).toBe('');
  const audit = ctx.srv.server.store
    .raw!.prepare("SELECT action FROM audit_log WHERE action = 'kiosk self-test asked'")
    .all();
  expect(audit).toHaveLength(1);
  for (const page of [kiosk, sup]) expect(foreignRequests(page)).toEqual([]);
});

step('a kiosk whose browser denies the camera reports it and shows the staff notice', async () => {
  denied = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      ...CHROMIUM_ARGS.filter((a) => a !== '--use-fake-ui-for-media-stream'),
      '--deny-permission-prompts',
    ],
  });
  const device = await ctx.srv.provision({
    kind: 'kiosk',
    name: 'Counter 9',
    office: 'Riyadh',
    counter: '9',
  });
  const page = await openPage(denied, `${ctx.srv.url}/kiosk/`, [device]);
  await page.getByTestId('start-session').waitFor();
  await page.getByTestId('self-test-notice').waitFor({ timeout: 30_000 });
  expect(statuses(row(device.id))).toMatchObject({ camera: 'fail', microphone: 'fail', network: 'pass' });
  await snap(page, 'kiosk-self-test-failed-ar');
  await expectAccessibleInBothLanguages(page, 'kiosk with a failed device check');
});

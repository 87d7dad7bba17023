/**
 * Administration in Chromium, as an admin does it: an office is added and renamed; a kiosk is added
 * to it, moved to another counter and given a new device code (the old device is signed out); an
 * interpreter is added with a gender, sign languages and skills; a clerk is renamed. axe in Arabic
 * and English with a change form open; the screen is photographed.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessibleInBothLanguages } from '../helpers/axe.ts';
import { serverAndBrowser } from '../helpers/e2e.ts';
import { foreignRequests, openPage, signInThroughForm, snap } from '../helpers/pages.ts';
import { scenario } from '../helpers/scenario.ts';

const ctx = serverAndBrowser();
const { step } = scenario();
let page: Page;

async function openAdmin(): Promise<Page> {
  const { username } = await ctx.srv.provision({ kind: 'admin', name: 'Admin' });
  const p = await openPage(ctx.browser, `${ctx.srv.url}/supervisor/`);
  await p.getByTestId('sign-in').waitFor();
  await signInThroughForm(p, username!);
  await p.getByTestId('tab-admin').click();
  await p.getByTestId('admin').waitFor();
  return p;
}

step('adds an office and renames it', async () => {
  page = await openAdmin();
  const add = page.getByTestId('office-add');
  await add.getByLabel('اسم المكتب').fill('Dammam');
  await add.getByRole('button').click();
  await page.getByTestId('admin-office-Dammam').waitFor();
  await page
    .getByTestId('admin-office-Dammam')
    .getByRole('button', { name: /إعادة التسمية/ })
    .click();
  const rename = page.getByTestId('office-rename');
  // The form opens with its field focused, holding the current name.
  expect(await rename.getByLabel('اسم المكتب').evaluate((el) => el === document.activeElement)).toBe(true);
  await rename.getByLabel('اسم المكتب').fill('Dammam East');
  await expectAccessibleInBothLanguages(page, 'admin panel renaming an office');
  await rename.getByRole('button', { name: 'حفظ' }).click();
  await page.getByTestId('admin-office-Dammam East').waitFor();
  expect(await page.getByTestId('admin-office-Dammam').count()).toBe(0);
  expect(ctx.srv.server.store.raw!.prepare('SELECT name FROM offices').all()).toEqual([
    { name: 'Dammam East' },
  ]);
  // Its kiosks play each step's sign clip once by themselves.
  await page.getByTestId('clip-autoplay-Dammam East').check();
  await expect
    .poll(() => ctx.srv.server.store.raw!.prepare('SELECT clip_autoplay FROM offices').get())
    .toEqual({ clip_autoplay: 1 });
  expect(await page.getByTestId('clip-autoplay-Dammam East').isChecked()).toBe(true);
});

step('adds a kiosk there, moves it to another counter and gives it a new device code', async () => {
  const add = page.getByTestId('kiosk-add');
  await add.getByLabel('الكشك').fill('East 1');
  await add.getByLabel('الشباك').fill('1');
  await add.getByLabel('المكتب').selectOption('Dammam East');
  await add.getByRole('button').click();
  const first = (await page.getByTestId('one-time-value').textContent())!;
  expect(first).toMatch(/^\d{5}-\d{5}$/);
  const kiosk = (await ctx.srv.server.accounts.kiosks.inOffice('Dammam East'))[0]!;
  const row = page.getByTestId(`admin-kiosk-${kiosk.id}`);
  await row.getByRole('button', { name: /تعديل/ }).click();
  const change = page.getByTestId('kiosk-change');
  await change.getByLabel('الشباك').fill('7');
  await change.getByRole('button', { name: 'حفظ' }).click();
  await expect.poll(() => row.textContent()).toContain('East 1 · 7');
  // A device that enrolled with the first code is signed out by a new device code.
  const credential = await ctx.srv.server.accounts.kiosks.issueCredential(kiosk.id);
  await page.getByTestId(`re-enroll-${kiosk.id}`).click();
  await expect.poll(() => page.getByTestId('one-time-value').textContent()).not.toBe(first);
  expect(await ctx.srv.server.accounts.kiosks.byCredential(credential)).toBeNull();
});

step('adds an interpreter with skills and renames a clerk', async () => {
  const add = page.getByTestId('person-add');
  await add.getByLabel('الدور').selectOption('interpreter');
  await add.getByLabel('اسم المستخدم').fill('huda.k');
  await add.getByLabel('الاسم').fill('هدى');
  await add.getByLabel('الجنس').selectOption('female');
  await add.getByLabel('قانوني').check();
  await add.getByLabel('مترجم أصم').check();
  await add.getByRole('button', { name: 'إضافة شخص' }).click();
  await page.getByTestId('admin-person-huda.k').waitFor();
  expect(await page.getByTestId('admin-person-huda.k').textContent()).toContain('مترجم أصم');
  expect(await ctx.srv.server.accounts.person('huda.k')).toMatchObject({
    gender: 'female',
    languages: ['sdl'],
    skills: ['legal', 'deaf_interpreter'],
  });

  const clerk = await ctx.srv.provision({ kind: 'clerk', name: 'Sara', office: 'Dammam East' });
  await page.reload();
  await page.getByTestId('tab-admin').click();
  await page.getByTestId(`change-${clerk.username}`).click();
  const change = page.getByTestId('person-change');
  await change.getByLabel('الاسم').fill('Sara K.');
  await expectAccessibleInBothLanguages(page, 'admin panel changing a person');
  await snap(page, 'supervisor-admin-change-ar');
  await change.getByRole('button', { name: 'حفظ' }).click();
  await expect
    .poll(async () => (await ctx.srv.server.accounts.person(clerk.username!))?.displayName)
    .toBe('Sara K.');
  // The log is fetched again after each change.
  const audit = page.getByTestId('audit');
  await expect.poll(() => audit.textContent()).toContain('person changed');
  for (const action of ['office added', 'office renamed', 'kiosk changed', 'kiosk re-enrolled'])
    expect(await audit.textContent()).toContain(action);
  expect(foreignRequests(page)).toEqual([]);
});

step('sets the office’s routing: an interpreter first, another never, and a need for a service', async () => {
  const omar = await ctx.srv.provision({
    kind: 'interpreter',
    name: 'Omar',
    gender: 'male',
    languages: ['sdl'],
  });
  await page.reload();
  await page.getByTestId('tab-admin').click();
  await page.getByTestId('admin-office-Dammam East').getByTestId('routing-open').click();
  const form = page.getByTestId('office-routing');
  await form.getByTestId('routing-huda.k').selectOption('first');
  await form.getByTestId(`routing-${omar.username}`).selectOption('never');
  await form.getByLabel('تسجيل المواليد').selectOption('medical');
  await expectAccessibleInBothLanguages(page, 'admin panel setting an office’s routing');
  await snap(page, 'supervisor-admin-routing-ar');
  await form.getByRole('button', { name: 'حفظ' }).click();
  await expect.poll(() => form.count()).toBe(0);
  const huda = (await ctx.srv.server.accounts.person('huda.k'))!;
  // The live queue has it at once, and it is stored.
  expect(ctx.srv.server.routing.view().offices.get('Dammam East')).toEqual({
    priority: [huda.id],
    blocked: [omar.id],
    flowSkills: { birth: ['medical'] },
  });
  const row = ctx.srv.server.store
    .raw!.prepare("SELECT routing FROM offices WHERE name = 'Dammam East'")
    .get() as {
    routing: string;
  };
  expect(JSON.parse(row.routing)).toMatchObject({ priority: [huda.id] });
  // Opened again, the form shows what is stored.
  await page.getByTestId('admin-office-Dammam East').getByTestId('routing-open').click();
  expect(await page.getByTestId('routing-huda.k').inputValue()).toBe('first');
  expect(await page.getByTestId('need-birth').inputValue()).toBe('medical');
  expect(await page.getByTestId('audit').textContent()).toContain('office routing changed');
});

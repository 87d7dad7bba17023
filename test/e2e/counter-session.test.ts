/**
 * A whole counter session in Chromium with three pages: the clerk pairs with the kiosk and starts the
 * session, the citizen asks for a replacement of a lost national ID with pictograms, the clerk sees the
 * card, they write to each other in Arabic (live), show each other pictograms, an interpreter joins by
 * video and sees it all, and ending the session leaves nothing of the citizen on the kiosk.
 */
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessibleInBothLanguages } from '../helpers/axe.ts';
import { serverAndBrowser } from '../helpers/e2e.ts';
import { expectKioskForgotten, openClerk, pairClerk } from '../helpers/counter.ts';
import {
  expectRemoteVideoFlowing,
  foreignRequests,
  goAvailable,
  kioskState,
  openInterpreter,
  openWelcomeKiosk,
  smallTouchTargets,
  snap,
} from '../helpers/pages.ts';
import { counters } from '../helpers/server.ts';
import { scenario } from '../helpers/scenario.ts';

const ctx = serverAndBrowser();
let kiosk: Page;
let clerk: Page;
let interpreter: Page;

const CITIZEN_TEXT = 'فقدت هويتي';
const CLERK_TEXT = 'أحضر صورة شخصية من فضلك';
const INTERPRETER_TEXT = 'أنا المترجمة هدى';

describe('a counter session', () => {
  const { step } = scenario();
  step('the clerk pairs with the kiosk by its code and starts the session', async () => {
    kiosk = await openWelcomeKiosk(ctx.browser, ctx.srv);
    await expectAccessibleInBothLanguages(kiosk, 'kiosk welcome');
    expect(await smallTouchTargets(kiosk)).toEqual([]);
    await snap(kiosk, 'counter-kiosk-welcome-ar');

    clerk = await openClerk(ctx.browser, ctx.srv, 'سارة');
    await expectAccessibleInBothLanguages(clerk, 'clerk pairing form');
    await snap(clerk, 'counter-clerk-pair-ar');
    await pairClerk(clerk, kiosk);
    await expect.poll(() => kiosk.getByTestId('pairing').textContent()).toContain('سارة');

    await clerk.getByTestId('clerk-start').click();
    await kiosk.getByTestId('home').waitFor();
    await expect.poll(() => clerk.getByTestId('clerk-session').getAttribute('data-state')).toBe('active');
    await expectAccessibleInBothLanguages(kiosk, 'kiosk session home');
    await expectAccessibleInBothLanguages(clerk, 'clerk with a session');
    expect(await smallTouchTargets(kiosk)).toEqual([]);
    await snap(kiosk, 'counter-kiosk-home-ar');
  });

  step(
    'the citizen asks for a replacement of a lost national ID with pictograms; the clerk sees the card',
    async () => {
      await kiosk.getByTestId('home-services').click();
      await kiosk.getByTestId('service-replace-lost').click();
      for (const [step, choice] of [
        ['document', 'national-id'],
        ['reported', 'yes'],
        ['photo', 'no'],
        ['fee', 'no'],
      ] as const) {
        const shown = kiosk.getByTestId('flow-step');
        await expect.poll(() => shown.getAttribute('data-step')).toBe(step);
        // Every answer is a pictogram with its words.
        expect(await kiosk.getByTestId(`answer-${choice}`).locator('img').count()).toBe(1);
        await kiosk.getByTestId(`answer-${choice}`).click();
      }
      const card = kiosk.getByTestId('kiosk-card');
      await card.waitFor();
      await expect.poll(() => kiosk.getByTestId('card-status').textContent()).toBe('أرسلنا طلبك إلى الموظف.');
      expect(await card.textContent()).toContain('طلب وثيقة بدل فاقد');
      await expectAccessibleInBothLanguages(kiosk, 'kiosk request card');
      await snap(kiosk, 'counter-kiosk-card-ar');

      const clerkCard = clerk.getByTestId('clerk-card');
      await clerkCard.waitFor();
      const text = await clerkCard.textContent();
      for (const part of ['طلب وثيقة بدل فاقد', 'بطاقة الهوية', 'تصوير في المكتب', 'دفع الرسوم عبر سداد'])
        expect(text).toContain(part);
    },
  );

  step('they write to each other in Arabic, and the clerk sees the citizen typing live', async () => {
    await kiosk.getByTestId('nav-chat').click();
    const keyboard = kiosk.getByTestId('keyboard');
    for (const letter of [...'فقدت'])
      await keyboard.getByRole('button', { name: letter, exact: true }).click();
    // Real-time text: the clerk sees the letters before anything is sent.
    await expect.poll(() => clerk.getByTestId('clerk-feed-draft-kiosk').textContent()).toContain('فقدت');
    await keyboard.getByRole('button', { name: 'مسافة' }).click();
    for (const letter of [...'هويتي'])
      await keyboard.getByRole('button', { name: letter, exact: true }).click();
    expect(await kiosk.getByTestId('composer').inputValue()).toBe(CITIZEN_TEXT);
    await expectAccessibleInBothLanguages(kiosk, 'kiosk chat with the keyboard');
    expect(await smallTouchTargets(kiosk)).toEqual([]);
    await snap(kiosk, 'counter-kiosk-chat-ar');
    await kiosk.getByTestId('composer-send').click();
    await expect.poll(() => clerk.getByTestId('clerk-feed').textContent()).toContain(CITIZEN_TEXT);
    // The composer empties on the ack, which may reach the kiosk after the clerk already shows the text.
    await expect.poll(() => kiosk.getByTestId('composer').inputValue()).toBe('');

    await clerk.getByTestId('clerk-compose-text').fill(CLERK_TEXT);
    await clerk.getByTestId('clerk-compose-send').click();
    await expect.poll(() => kiosk.getByTestId('kiosk-feed').textContent()).toContain(CLERK_TEXT);
  });

  step('the citizen taps a pictogram and the clerk sends pictograms found from words', async () => {
    await kiosk.getByTestId('nav-board').click();
    await kiosk.getByTestId('picto-fingerprint').click();
    await expect.poll(() => clerk.getByTestId('clerk-latest').textContent()).toContain('بصمة');
    await expect.poll(() => kiosk.getByTestId('board-status').textContent()).toBe('أرسلت: بصمة');
    await expectAccessibleInBothLanguages(kiosk, 'kiosk pictogram board');
    expect(await smallTouchTargets(kiosk)).toEqual([]);
    await snap(kiosk, 'counter-kiosk-board-ar');

    await clerk.getByTestId('picto-search').fill('أحضر صورة وادفع الرسوم');
    await clerk.getByTestId('suggest-photo').click();
    await clerk.getByTestId('suggest-fee').click();
    await expectAccessibleInBothLanguages(clerk, 'clerk choosing pictograms');
    await snap(clerk, 'counter-clerk-pictograms-ar');
    await clerk.getByTestId('picto-send').click();
    const large = kiosk.getByTestId('latest-pictograms');
    await expect
      .poll(() =>
        large
          .locator('[data-pictogram]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-pictogram'))),
      )
      .toEqual(['photo', 'fee']);
    expect(await large.textContent()).toContain('الموظف');
  });

  step('an interpreter joins by video and gets the card, the chat and the pictograms', async () => {
    interpreter = await openInterpreter(ctx.browser, ctx.srv, 'هدى');
    await goAvailable(interpreter);
    await kiosk.getByTestId('nav-call').click();
    await kiosk.getByTestId('call-button').click();
    await expect.poll(() => clerk.getByTestId('clerk-call').getAttribute('data-state')).not.toBe('none');
    await interpreter.getByTestId('accept').click();
    await expect.poll(() => kioskState(kiosk), { timeout: 30_000 }).toBe('connected');
    await expectRemoteVideoFlowing(kiosk);
    await expect.poll(() => clerk.getByTestId('clerk-call').textContent()).toContain('هدى');

    const panel = interpreter.getByTestId('interpreter-panel');
    await panel.waitFor();
    expect(await interpreter.getByTestId('interpreter-card').textContent()).toContain('طلب وثيقة بدل فاقد');
    const feed = await interpreter.getByTestId('interpreter-feed').textContent();
    expect(feed).toContain(CITIZEN_TEXT);
    expect(feed).toContain(CLERK_TEXT);
    await interpreter.getByTestId('interpreter-compose-text').fill(INTERPRETER_TEXT);
    await interpreter.getByTestId('interpreter-compose-send').click();
    await expect.poll(() => kiosk.getByTestId('kiosk-feed').textContent()).toContain(INTERPRETER_TEXT);
    await expect.poll(() => clerk.getByTestId('clerk-feed').textContent()).toContain(INTERPRETER_TEXT);
    await expectAccessibleInBothLanguages(interpreter, 'interpreter with the session panel');
    await expectAccessibleInBothLanguages(kiosk, 'kiosk in a call within a session');
    await snap(interpreter, 'counter-interpreter-session-ar');
    await snap(kiosk, 'counter-kiosk-call-ar');
    await snap(clerk, 'counter-clerk-session-ar');
  });

  step('ending the session leaves nothing of it on the kiosk, and ends the call', async () => {
    await clerk.getByTestId('clerk-end').click();
    await kiosk.getByTestId('welcome').waitFor();
    await expectKioskForgotten(kiosk, [
      CITIZEN_TEXT,
      CLERK_TEXT,
      INTERPRETER_TEXT,
      'طلب وثيقة بدل فاقد',
      'بصمة',
    ]);
    await expect.poll(() => interpreter.getByTestId('interpreter-panel').count()).toBe(0);
    await expect.poll(() => interpreter.getByTestId('remote-video').count()).toBe(0);
    expect(await clerk.getByTestId('clerk-session').getAttribute('data-state')).toBe('none');
    expect(await clerk.getByTestId('clerk-feed').count()).toBe(0);
    expect(counters(ctx.srv.server)).toEqual({ kiosks: 1, clerks: 1, sessions: 0 });
    // Logs carry ids and event names, never what was said or shown, nor people's names.
    const logs = ctx.srv.logs.join('\n');
    expect(logs).toContain('session ended'); // the log is there, and it is this run's
    for (const said of [CITIZEN_TEXT, CLERK_TEXT, INTERPRETER_TEXT, 'سارة', 'هدى'])
      expect(logs, 'a text or a name in the log').not.toContain(said);
    for (const shown of ['fingerprint', 'بصمة', 'replace-lost', 'national-id', '"photo"', '"fee"'])
      expect(logs, 'a pictogram or card content in the log').not.toContain(shown);
  });

  step('made no request to anywhere but its own origin', () => {
    for (const page of [kiosk, clerk, interpreter]) expect(foreignRequests(page)).toEqual([]);
  });
});

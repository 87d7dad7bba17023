/**
 * What a waiting citizen sees: place in line and wait, the question whether any interpreter will do,
 * and the offer to go on by text while keeping the place (the writing screen opens; the call, when
 * answered, joins the same session). Short timers make each screen appear.
 */
import { expect, it } from 'vitest';
import { expectAccessibleInBothLanguages } from '../helpers/axe.ts';
import { serverAndBrowser } from '../helpers/e2e.ts';
import {
  goAvailable,
  kioskState,
  openInterpreter,
  openKiosk,
  smallTouchTargets,
  snap,
} from '../helpers/pages.ts';

const ctx = serverAndBrowser({ GENDER_FALLBACK_MS: '1500', TEXT_FALLBACK_MS: '1000' });

it('asks, offers text while keeping the place, and relaxes the preference when the citizen agrees', async () => {
  const man = await openInterpreter(ctx.browser, ctx.srv, 'Badr', 'male');
  await goAvailable(man);
  const kiosk = await openKiosk(ctx.browser, ctx.srv);

  await kiosk.getByRole('radio', { name: 'مترجمة' }).check();
  await snap(kiosk, 'kiosk-gender-choice-ar');
  await kiosk.getByTestId('call-button').click();
  await expect.poll(() => kioskState(kiosk)).toBe('queued');
  expect(await kiosk.getByTestId('position').textContent()).toContain('1');

  await kiosk.getByTestId('fallback-offer').waitFor();
  await kiosk.getByTestId('ask-any-gender').waitFor();
  expect(await man.getByTestId('offer').count()).toBe(0);
  await snap(kiosk, 'kiosk-waiting-questions-ar');
  await expectAccessibleInBothLanguages(kiosk, 'kiosk waiting with both questions');
  expect(await smallTouchTargets(kiosk)).toEqual([]);

  await kiosk.getByRole('button', { name: 'نعم، أتواصل مع الموظف' }).click();
  await kiosk.getByTestId('fallback-chosen').waitFor();
  expect(await kioskState(kiosk)).toBe('queued');
  // Text and pictures with the clerk meanwhile: the writing screen opens, the place is kept.
  await kiosk.getByTestId('chat').waitFor();
  await kiosk.getByTestId('quick-q5').click();
  await expect.poll(() => kiosk.getByTestId('kiosk-feed').textContent()).toContain('أريد مترجماً');

  await kiosk.getByRole('button', { name: 'نعم، أي مترجم' }).click();
  await man.getByTestId('offer').waitFor();
  expect(await man.getByTestId('offer-context').textContent()).toContain('أي مترجم');
  await snap(man, 'interpreter-offer-context-ar');
  await expectAccessibleInBothLanguages(man, 'interpreter offer with context');

  // The interpreter answers: the call joins the same session, with what was written while waiting.
  await man.getByTestId('accept').click();
  await expect.poll(() => kioskState(kiosk), { timeout: 30_000 }).toBe('connected');
  await kiosk.getByTestId('call-panel').waitFor();
  await expect.poll(() => man.getByTestId('interpreter-feed').textContent()).toContain('أريد مترجماً');
});

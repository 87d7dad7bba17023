/**
 * Every kiosk and clerk screen of a counter session, each step of each of the eleven service flows
 * included: zero axe violations (WCAG 2.2 A/AA) in Arabic and English, kiosk touch targets ≥ 44 px,
 * and a screenshot of each under test-results/screens/.
 */
// Each test opens its own pages: either runs alone.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { FLOWS } from '../../src/flows/definitions.ts';
import { expectAccessibleInBothLanguages } from '../helpers/axe.ts';
import { openClerk } from '../helpers/counter.ts';
import { serverAndBrowser } from '../helpers/e2e.ts';
import { openPage, openWelcomeKiosk, smallTouchTargets, snap } from '../helpers/pages.ts';

const ctx = serverAndBrowser();
let kiosk: Page;

async function checkKiosk(name: string): Promise<void> {
  await expectAccessibleInBothLanguages(kiosk, name);
  expect(await smallTouchTargets(kiosk), `${name}: touch targets`).toEqual([]);
  await snap(kiosk, `screens-kiosk-${name.replace(/[^a-z0-9]+/gi, '-')}`);
}

describe('kiosk screens', () => {
  it('home, services, board, writing, interpreter and about', async () => {
    kiosk = await openWelcomeKiosk(ctx.browser, ctx.srv);
    await kiosk.getByTestId('start-session').click();
    await checkKiosk('home');
    for (const section of ['services', 'board', 'chat', 'call', 'about'] as const) {
      await kiosk.getByTestId(`nav-${section}`).click();
      await kiosk.getByTestId(section === 'call' ? 'call-panel' : section).waitFor();
      await checkKiosk(section);
    }
  });

  it.each(FLOWS.map((f) => [f.id, f] as const))('every step of %s, and its card', async (id, flow) => {
    await kiosk.getByTestId('nav-services').click();
    await kiosk.getByTestId(`service-${id}`).click();
    const seen: string[] = [];
    for (;;) {
      const step = kiosk.getByTestId('flow-step');
      if ((await step.count()) === 0) break;
      const stepId = (await step.getAttribute('data-step'))!;
      seen.push(stepId);
      await checkKiosk(`${id}-${stepId}`);
      await kiosk.locator('[data-testid^="answer-"]').first().click();
      await expect
        .poll(async () => (await step.count()) === 0 || (await step.getAttribute('data-step')) !== stepId)
        .toBe(true);
    }
    // Each answer of these flows leads on to the same next step, so the first answers visit them all.
    expect(seen).toEqual(flow.steps.map((s) => s.id));
    await kiosk.getByTestId('kiosk-card').waitFor();
    await checkKiosk(`${id}-card`);
  });
});

describe('clerk screens', () => {
  it('sign-in, pairing, and a paired counter without a session', async () => {
    const signIn = await openPage(ctx.browser, `${ctx.srv.url}/clerk/`);
    await expectAccessibleInBothLanguages(signIn, 'clerk sign-in');
    await snap(signIn, 'screens-clerk-sign-in');
    const clerk = await openClerk(ctx.browser, ctx.srv, 'Omar');
    await clerk.getByLabel('الرمز الظاهر على شاشة الكشك').fill('000000');
    await clerk.getByTestId('pair-submit').click();
    await clerk.getByTestId('pair-error').waitFor();
    await expectAccessibleInBothLanguages(clerk, 'clerk pairing error');
    await snap(clerk, 'screens-clerk-pair-error');
    const other = await openWelcomeKiosk(ctx.browser, ctx.srv, 'Counter 9');
    const code = (await other.getByTestId('pairing-code').textContent())!;
    await clerk.getByLabel('الرمز الظاهر على شاشة الكشك').fill(code);
    await clerk.getByTestId('pair-submit').click();
    await clerk.getByTestId('clerk-start').waitFor();
    await expectAccessibleInBothLanguages(clerk, 'clerk paired, no session');
    await snap(clerk, 'screens-clerk-paired');
  });
});

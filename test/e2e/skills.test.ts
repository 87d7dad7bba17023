/**
 * Skills routing as people see it: the office says a Tahseen complaint needs a legal interpreter
 * and never routes to one interpreter. The citizen picks the service and asks for an interpreter:
 * nobody without the skill, nor the barred one, is rung; the citizen is asked whether anyone will
 * do; a legal interpreter who comes sees the service and the need in the offer; when the citizen
 * agrees, an interpreter without the skill answers. axe on each new screen, in Arabic and English.
 */
import { expect, it } from 'vitest';
import { expectAccessibleInBothLanguages } from '../helpers/axe.ts';
import { serverAndBrowser } from '../helpers/e2e.ts';
import {
  foreignRequests,
  goAvailable,
  kioskState,
  openInterpreter,
  openWelcomeKiosk,
  smallTouchTargets,
  snap,
} from '../helpers/pages.ts';

const ctx = serverAndBrowser({ SKILL_FALLBACK_MS: '1500', TEXT_FALLBACK_MS: '600000' });

it('rings only who the service and the office allow, and asks the citizen before anyone else', async () => {
  const plain = await openInterpreter(ctx.browser, ctx.srv, 'Plain');
  await goAvailable(plain);
  const barred = await openInterpreter(ctx.browser, ctx.srv, 'Barred', 'female', ['legal']);
  await goAvailable(barred);

  // The citizen chooses the service, then asks for an interpreter.
  const kiosk = await openWelcomeKiosk(ctx.browser, ctx.srv);
  // The kiosk's office (made with the kiosk) routes by its admin's choices, set while it is on.
  const idOf = async (name: string) =>
    (await ctx.srv.server.accounts.listUsers()).find((u) => u.displayName === name)!.id;
  const admin = await ctx.srv.cookieFor({ kind: 'admin', name: 'Admin' });
  const set = await fetch(`${ctx.srv.url}/api/admin/offices/Riyadh/routing`, {
    method: 'POST',
    headers: { cookie: admin, 'content-type': 'application/json' },
    body: JSON.stringify({
      priority: [],
      blocked: [await idOf('Barred')],
      flowSkills: { tahseen: ['legal'] },
    }),
  });
  expect(set.status).toBe(200);
  await kiosk.getByTestId('start-session').click();
  await kiosk.getByTestId('nav-services').click();
  await kiosk.getByTestId('service-tahseen').click();
  await kiosk.getByTestId('nav-call').click();
  await kiosk.getByTestId('call-button').click();
  await expect.poll(() => kioskState(kiosk)).toBe('queued');
  await kiosk.getByTestId('ask-any-skill').waitFor();
  expect(await kiosk.getByTestId('ask-any-skill').textContent()).toContain('قانوني');
  expect(await plain.getByTestId('offer').count()).toBe(0);
  expect(await barred.getByTestId('offer').count()).toBe(0);
  await snap(kiosk, 'kiosk-ask-any-skill-ar');
  await expectAccessibleInBothLanguages(kiosk, 'kiosk asked whether any interpreter will do (skills)');
  expect(await smallTouchTargets(kiosk)).toEqual([]);

  // A legal interpreter comes: the offer says which service and what it needs. They decline.
  const lawyer = await openInterpreter(ctx.browser, ctx.srv, 'Lawyer', 'female', ['legal']);
  // Rung as soon as available (goAvailable would wait for a state it passes through).
  await lawyer.getByTestId('presence-available').check();
  await lawyer.getByTestId('offer').waitFor();
  const context = await lawyer.getByTestId('offer-context').textContent();
  expect(context).toContain('تحسين');
  expect(context).toContain('قانوني');
  await snap(lawyer, 'interpreter-offer-skills-ar');
  await expectAccessibleInBothLanguages(lawyer, 'interpreter offer with the service and its skills');
  await lawyer.getByTestId('decline').click();

  // The citizen agrees that anyone may help: the interpreter without the skill is rung, never the barred one.
  await kiosk.getByRole('button', { name: 'نعم، أي مترجم' }).click();
  await plain.getByTestId('offer').waitFor();
  expect(await plain.getByTestId('offer-context').textContent()).not.toContain('قانوني');
  expect(await barred.getByTestId('offer').count()).toBe(0);
  await plain.getByTestId('accept').click();
  await expect.poll(() => kioskState(kiosk), { timeout: 30_000 }).toBe('connected');
  const row = ctx.srv.server.store
    .raw!.prepare('SELECT skills, flow, skills_relaxed_at FROM call_requests')
    .get() as { skills: string; flow: string; skills_relaxed_at: number | null };
  expect(row).toMatchObject({ skills: 'legal', flow: 'tahseen', skills_relaxed_at: expect.any(Number) });
  for (const page of [kiosk, plain, barred, lawyer]) expect(foreignRequests(page)).toEqual([]);
});

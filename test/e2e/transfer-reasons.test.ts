/**
 * A warm transfer for each kind of reason, in Chromium with real WebRTC: two interpreters (a woman
 * and a man, both with Saudi and American sign language and the legal skill) hand one citizen's call
 * back and forth, once for each reason. Each time the request reaches the other one (the only match:
 * never the same interpreter; another gender when asked; the language or specialty asked), and the
 * second interpreter's video reaches the kiosk before the first leaves.
 */
import { expect, it } from 'vitest';
import type { TransferReason } from '../../src/protocol/index.ts';
import { serverAndBrowser } from '../helpers/e2e.ts';
import { handOverTimes, watchHandOver } from '../helpers/hand-over.ts';
import {
  expectRemoteVideoFlowing,
  goAvailable,
  kioskState,
  openInterpreter,
  openKiosk,
} from '../helpers/pages.ts';

const ctx = serverAndBrowser({ WRAP_UP_MS: '0', SIGN_LANGUAGES: 'sdl,ase' });

it('hands one call on for every reason, each time to a matching interpreter with video first', async () => {
  const both = ['sdl', 'ase'] as const;
  const amal = await openInterpreter(ctx.browser, ctx.srv, 'Amal', 'female', ['legal'], [...both]);
  await goAvailable(amal);
  const kiosk = await openKiosk(ctx.browser, ctx.srv, 'Counter 8');
  await kiosk.getByTestId('call-button').click();
  await amal.getByTestId('accept').click();
  await expect.poll(() => kioskState(kiosk), { timeout: 30_000 }).toBe('connected');
  const badr = await openInterpreter(ctx.browser, ctx.srv, 'Badr', 'male', ['legal'], [...both]);
  await goAvailable(badr);

  let [lead, next] = [amal, badr];
  const reasons: TransferReason[] = [
    'gender_requested',
    'language',
    'specialty',
    'recusal',
    'technical',
    'shift_end',
  ];
  for (const reason of reasons) {
    await lead.getByTestId('transfer').click();
    const form = lead.getByTestId('transfer-form');
    await form.getByRole('combobox').first().selectOption(reason);
    if (reason === 'language') await form.getByRole('combobox').nth(1).selectOption('ase');
    if (reason === 'specialty') await form.getByRole('combobox').nth(1).selectOption('legal');
    await watchHandOver(kiosk, lead);
    await form.getByTestId('transfer-send').click();
    await next.getByTestId('offer').waitFor({ timeout: 15_000 });
    expect(await next.getByTestId('offer-join').textContent(), reason).toBeTruthy();
    await next.getByTestId('accept').click();
    await expect.poll(() => lead.getByTestId('notice').count(), { timeout: 30_000 }).toBe(1);
    const { secondAt, leftAt } = await handOverTimes(kiosk, lead);
    expect(secondAt, reason).toBeDefined();
    expect(secondAt!, reason).toBeLessThan(leftAt!);
    await expectRemoteVideoFlowing(kiosk);
    expect(await kioskState(kiosk)).toBe('connected');
    [lead, next] = [next, lead];
  }
  const legs = ctx.srv.server.store
    .raw!.prepare('SELECT interpreter_name, kind, reason FROM call_legs ORDER BY joined_at')
    .all() as Array<{ interpreter_name: string; kind: string; reason: string | null }>;
  expect(legs.map((l) => l.reason)).toEqual([null, ...reasons]);
  expect(legs.map((l) => l.interpreter_name)).toEqual([
    'Amal',
    'Badr',
    'Amal',
    'Badr',
    'Amal',
    'Badr',
    'Amal',
  ]);
  expect(
    new Set(
      ctx.srv.server.store
        .raw!.prepare('SELECT request_id FROM call_legs')
        .all()
        .map((r) => JSON.stringify(r)),
    ).size,
  ).toBe(1);
});

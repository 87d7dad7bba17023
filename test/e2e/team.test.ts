/**
 * More than one interpreter, in Chromium with real WebRTC. A warm transfer: the first interpreter
 * hands the call on with a reason and a note; the citizen is told another interpreter is joining;
 * the second gets the offer with the note, accepts, and their video reaches the kiosk before the
 * first leaves. Then a team: the second invites a Deaf interpreter; the three pages decode each
 * other's video (a mesh of pairs); the back-channel reaches only the interpreters; the one signing
 * is large on the kiosk; a hand-off leaves the citizen with video. axe in Arabic and English on
 * each new screen, touch targets on the kiosk.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessibleInBothLanguages } from '../helpers/axe.ts';
import { serverAndBrowser } from '../helpers/e2e.ts';
import {
  expectRemoteVideoFlowing,
  foreignRequests,
  goAvailable,
  kioskState,
  openInterpreter,
  openKiosk,
  smallTouchTargets,
  snap,
  waitForPlaying,
} from '../helpers/pages.ts';
import { scenario } from '../helpers/scenario.ts';
import { handOverTimes, watchHandOver } from '../helpers/hand-over.ts';

// A teammate is suggested after 3 s alone in a call (20 minutes in service).
const ctx = serverAndBrowser({ TEAM_PROMPT_MIN: '0.05' });
const { step } = scenario();
let kiosk: Page;
let first: Page;
let second: Page;
let deaf: Page;

/** Rendered frames of one video element (counted from the first call on). */
const tileFrames = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((v: HTMLVideoElement) => {
    const w = v as HTMLVideoElement & { framesSeen?: number };
    if (w.framesSeen === undefined) {
      w.framesSeen = 0;
      const tick = () => {
        w.framesSeen!++;
        v.requestVideoFrameCallback(tick);
      };
      v.requestVideoFrameCallback(tick);
    }
    return w.framesSeen;
  });

step(
  'hands the call on: the next interpreter’s video reaches the kiosk before the first leaves',
  async () => {
    first = await openInterpreter(ctx.browser, ctx.srv, 'Huda');
    await goAvailable(first);
    kiosk = await openKiosk(ctx.browser, ctx.srv, 'Counter 5');
    await kiosk.getByTestId('call-button').click();
    await first.getByTestId('accept').click();
    await expect.poll(() => kioskState(kiosk), { timeout: 30_000 }).toBe('connected');
    // Alone in the call for a while: the console suggests a teammate.
    await first.getByTestId('team-prompt').waitFor({ timeout: 15_000 });
    await expectAccessibleInBothLanguages(first, 'interpreter alone in a call, a teammate suggested');
    second = await openInterpreter(ctx.browser, ctx.srv, 'Omar', 'male');
    await goAvailable(second);

    await first.getByTestId('transfer').click();
    const form = first.getByTestId('transfer-form');
    await form.getByRole('combobox').first().selectOption('shift_end');
    await form.getByRole('textbox').fill('Needs the birth certificate form');
    await expectAccessibleInBothLanguages(first, 'interpreter handing a call on');
    await snap(first, 'interpreter-transfer-form-ar');
    // When the first interpreter leaves, and when the second one's video first reaches the kiosk.
    await watchHandOver(kiosk, first);
    await form.getByTestId('transfer-send').click();
    await kiosk.getByTestId('interpreter-joining').waitFor();
    await snap(kiosk, 'kiosk-interpreter-joining-ar');
    await expectAccessibleInBothLanguages(kiosk, 'kiosk while another interpreter is joining');

    await second.getByTestId('offer').waitFor();
    expect(await second.getByTestId('offer-join').textContent()).toContain(
      'Needs the birth certificate form',
    );
    await expectAccessibleInBothLanguages(second, 'interpreter offered a transfer');
    await second.getByTestId('accept').click();
    await second.getByTestId('join-info').waitFor();
    await expect.poll(() => first.getByTestId('notice').count(), { timeout: 30_000 }).toBe(1);
    expect(await first.getByTestId('notice').textContent()).toContain('حوّلت المكالمة');
    const { secondAt, leftAt } = await handOverTimes(kiosk, first);
    expect(secondAt).toBeDefined();
    expect(leftAt).toBeDefined();
    expect(secondAt!).toBeLessThan(leftAt!);
    // The citizen never saw an empty screen: the second interpreter is large now, and video flows.
    await expect.poll(() => kiosk.getByTestId('kiosk-status').textContent()).toContain('Omar');
    await expectRemoteVideoFlowing(kiosk);
    expect(await kioskState(kiosk)).toBe('connected');
    await first.context().close();
    const legs = ctx.srv.server.store
      .raw!.prepare('SELECT interpreter_name, kind, reason, left_at FROM call_legs ORDER BY joined_at')
      .all();
    expect(legs).toEqual([
      { interpreter_name: 'Huda', kind: 'first', reason: null, left_at: expect.any(Number) },
      { interpreter_name: 'Omar', kind: 'transfer', reason: 'shift_end', left_at: null },
    ]);
  },
);

step(
  'teams with a Deaf interpreter: three pages decode each other, the back-channel stays between interpreters',
  async () => {
    deaf = await openInterpreter(ctx.browser, ctx.srv, 'Sami', 'male', ['deaf_interpreter']);
    await goAvailable(deaf);
    await second.getByTestId('invite-deaf').click();
    await deaf.getByTestId('offer').waitFor();
    await deaf.getByTestId('accept').click();
    // Every pair decodes the other's video.
    await waitForPlaying(kiosk, 'other-video');
    await waitForPlaying(second, 'mate-video');
    await waitForPlaying(deaf, 'mate-video');
    await waitForPlaying(deaf, 'remote-video');
    for (const [page, tile] of [
      [kiosk, 'remote-video'],
      [kiosk, 'other-video'],
      [second, 'mate-video'],
      [deaf, 'mate-video'],
      [deaf, 'remote-video'],
    ] as const) {
      const before = await tileFrames(page, tile);
      await expect.poll(() => tileFrames(page, tile), { timeout: 10_000 }).toBeGreaterThan(before + 5);
    }
    await deaf.getByTestId('backchannel-input').fill('أبطئ قليلًا من فضلك');
    await deaf.getByTestId('backchannel').getByRole('button').click();
    await expect.poll(() => second.getByTestId('backchannel-lines').textContent()).toContain('أبطئ قليلًا');
    expect(await kiosk.content()).not.toContain('أبطئ قليلًا');
    // The Deaf interpreter signs now: large on the kiosk.
    await second.getByTestId('signing-mate').check();
    await expect.poll(() => kiosk.getByTestId('kiosk-status').textContent()).toContain('Sami');
    await snap(kiosk, 'kiosk-two-interpreters-ar');
    await snap(second, 'interpreter-team-ar');
    await expectAccessibleInBothLanguages(kiosk, 'kiosk with two interpreters');
    await expectAccessibleInBothLanguages(second, 'interpreter in a team with the back-channel');
    expect(await smallTouchTargets(kiosk)).toEqual([]);
    // The citizen may pin the other one large.
    await kiosk.getByTestId('pin-other').click();
    await expect.poll(() => kiosk.getByTestId('kiosk-status').textContent()).toContain('Omar');
  },
);

step('a hand-off leaves the citizen with video', async () => {
  await second.getByTestId('end-call').click();
  await expect.poll(() => kiosk.getByTestId('other-interpreter').count()).toBe(0);
  await expect.poll(() => kiosk.getByTestId('kiosk-status').textContent()).toContain('Sami');
  await expectRemoteVideoFlowing(kiosk);
  expect(await kioskState(kiosk)).toBe('connected');
  await kiosk.getByTestId('end-call').click();
  await expect.poll(() => deaf.getByTestId('remote-video').count(), { timeout: 15_000 }).toBe(0);
  for (const page of [kiosk, second, deaf]) expect(foreignRequests(page)).toEqual([]);
});

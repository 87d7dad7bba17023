/**
 * The sign library in Chromium: an interpreter records a clip from the fake camera (3-2-1, record,
 * trim, agree, send); a supervisor watches and approves it, and rejects another; a kiosk walking that
 * flow shows the play control and the clip plays (a picture, frames advancing); the rejected clip is
 * never offered or served; a pictogram's clip plays from the board; an office's autoplay plays the
 * step's clip by itself. axe in Arabic and English on every new screen.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { clipProblem } from '../../src/clips/rules.ts';
import { inspectWebm } from '../../src/clips/webm.ts';
import { expectAccessibleInBothLanguages } from '../helpers/axe.ts';
import { serverAndBrowser } from '../helpers/e2e.ts';
import { FIXTURES_DIR } from '../helpers/fixtures.ts';
import {
  foreignRequests,
  openInterpreter,
  openPage,
  openWelcomeKiosk,
  signInThroughForm,
  smallTouchTargets,
  snap,
} from '../helpers/pages.ts';
import { scenario } from '../helpers/scenario.ts';
import { approveClip, jsonRequest, uploadClip } from '../helpers/clips.ts';

const ctx = serverAndBrowser();
const { step } = scenario();
const STEP = 'step:replace-lost.document';
const ANSWER = 'answer:replace-lost.document.national-id';
const FIXTURE = readFileSync(path.join(FIXTURES_DIR, 'media/sign-clip.webm'));
let interpreter: Page;
let supervisor: Page;
let interpreterCookie: string;

const rows = () =>
  ctx.srv.server.store
    .raw!.prepare('SELECT id, target, status, sha256, duration_ms FROM sign_clips ORDER BY created_at')
    .all() as Array<{ id: string; target: string; status: string; sha256: string; duration_ms: number }>;

/** How many frames a clip's video has shown (it plays once, muted). */
const framesShown = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames);

step('an interpreter opens the sign library and sees what has no clip yet', async () => {
  interpreter = await openInterpreter(ctx.browser, ctx.srv, 'Huda');
  interpreterCookie = (await interpreter.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  await interpreter.getByTestId('open-library').click();
  const item = interpreter.getByTestId(`library-item-${STEP}`);
  await expect.poll(() => item.getAttribute('data-status')).toBe('missing');
  await interpreter.getByTestId('library-filter-missing').click();
  await snap(interpreter, 'interpreter-sign-library-ar', false);
  await expectAccessibleInBothLanguages(interpreter, 'interpreter sign library');
});

step('records a take with a 3-2-1 countdown, trims it and sends it for review', async () => {
  await interpreter.getByTestId(`library-record-${STEP}`).click();
  const recorder = interpreter.getByTestId('clip-recorder');
  await expect
    .poll(() => interpreter.getByTestId('recorder-preview').evaluate((v: HTMLVideoElement) => v.videoWidth))
    .toBeGreaterThan(0);
  await expectAccessibleInBothLanguages(interpreter, 'sign clip recorder');
  await interpreter.getByTestId('recorder-start').click();
  await expect.poll(() => interpreter.getByTestId('recorder-status').textContent()).toMatch(/3|2|1/);
  await expect.poll(() => recorder.getAttribute('data-state'), { timeout: 10_000 }).toBe('recording');
  await snap(interpreter, 'interpreter-recording-ar', false);
  await interpreter.waitForTimeout(3000);
  await interpreter.getByTestId('recorder-stop').click();
  await expect.poll(() => recorder.getAttribute('data-state'), { timeout: 10_000 }).toBe('review');
  const take = interpreter.getByTestId('recorder-take');
  await expect.poll(() => take.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBe(640);
  const full = Number(await interpreter.getByTestId('trim-end').inputValue());
  expect(full).toBeGreaterThan(2.5);
  // Keep 1.5 s from the middle; the licence must be agreed to before it can be sent.
  await interpreter.getByTestId('trim-start').fill('0.5');
  await interpreter.getByTestId('trim-end').fill('2');
  expect(await interpreter.getByTestId('recorder-submit').isDisabled()).toBe(true);
  await interpreter.getByTestId('recorder-consent').check();
  await snap(interpreter, 'interpreter-take-review-ar', false);
  await expectAccessibleInBothLanguages(interpreter, 'sign clip review');
  await interpreter.getByTestId('recorder-submit').click();
  await expect.poll(() => recorder.getAttribute('data-state'), { timeout: 20_000 }).toBe('sent');

  const [row] = rows();
  expect(row).toMatchObject({ target: STEP, status: 'pending' });
  // What was stored is the trimmed part only: a real WebM clip, no sound, about 1.5 s.
  const stored = readFileSync(path.join(path.dirname(ctx.srv.dbPath), 'clips', `${row!.sha256}.webm`));
  expect(createHash('sha256').update(stored).digest('hex')).toBe(row!.sha256);
  expect(clipProblem(stored)).toBeNull();
  const info = inspectWebm(stored);
  expect(info.ok && info.info.tracks.map((t) => t.type)).toEqual(['video']);
  expect(row!.duration_ms).toBeGreaterThan(1000);
  expect(row!.duration_ms).toBeLessThan(2200);
  await interpreter.getByTestId('recorder-close').click();
  await interpreter.getByTestId('library-filter-pending').click();
  await expect
    .poll(() => interpreter.getByTestId(`library-item-${STEP}`).getAttribute('data-status'))
    .toBe('pending');
  expect(foreignRequests(interpreter)).toEqual([]);
});

step('a supervisor watches and approves it, and rejects another with a reason', async () => {
  // A second clip, for an answer, sent the way the console sends it.
  const res = await uploadClip(
    ctx.srv.url,
    interpreterCookie,
    FIXTURE,
    `target=${ANSWER}&language=sdl&consent=1`,
  );
  expect(res.status).toBe(201);
  const { username } = await ctx.srv.provision({ kind: 'supervisor', name: 'Sara', office: 'Riyadh' });
  supervisor = await openPage(ctx.browser, `${ctx.srv.url}/supervisor/`);
  await signInThroughForm(supervisor, username!);
  await supervisor.getByTestId('tab-clips').click();
  const [first, second] = rows();
  const firstRow = supervisor.getByTestId(`clip-${first!.id}`);
  await firstRow.getByTestId('clip-watch').click();
  await expect
    .poll(() => supervisor.getByTestId('clip-video').evaluate((v: HTMLVideoElement) => v.videoWidth))
    .toBe(640);
  await snap(supervisor, 'supervisor-sign-clips-ar');
  await expectAccessibleInBothLanguages(supervisor, 'supervisor sign clips');
  await firstRow.getByTestId('clip-approve').click();
  await supervisor.getByTestId(`clip-${second!.id}`).getByTestId('clip-reject').click();
  await supervisor.getByTestId('clip-reject-form').getByRole('textbox').fill('الإشارة غير واضحة');
  await expectAccessibleInBothLanguages(supervisor, 'supervisor sign clip rejection');
  await supervisor
    .getByTestId('clip-reject-form')
    .getByRole('button', { name: /حفظ|Save/ })
    .click();
  await expect.poll(() => rows().map((r) => r.status)).toEqual(['approved', 'rejected']);
  expect((await fetch(`${ctx.srv.url}/clips/${second!.sha256}.webm`)).status).toBe(404);
  // The interpreter sees why.
  await interpreter.getByTestId('library-filter-all').click();
  await interpreter.getByTestId('library-close').click();
  await interpreter.getByTestId('open-library').click();
  await expect
    .poll(() => interpreter.getByTestId(`library-item-${ANSWER}`).textContent())
    .toContain('الإشارة غير واضحة');
});

step(
  'a kiosk walking that flow shows the play control, and the clip plays; the rejected one is not there',
  async () => {
    const kiosk = await openWelcomeKiosk(ctx.browser, ctx.srv, 'Counter 5');
    await kiosk.getByTestId('start-session').click();
    await kiosk.getByTestId('nav-services').click();
    await kiosk.getByTestId('service-replace-lost').click();
    await kiosk.getByTestId('step-clip-play').click();
    await expect
      .poll(() => kiosk.getByTestId('step-clip').evaluate((v: HTMLVideoElement) => v.videoWidth), {
        timeout: 10_000,
      })
      .toBe(640);
    await expect.poll(() => framesShown(kiosk, 'step-clip'), { timeout: 10_000 }).toBeGreaterThan(10);
    expect(await kiosk.getByTestId('answer-clip-national-id').count()).toBe(0);
    expect(await smallTouchTargets(kiosk)).toEqual([]);
    await snap(kiosk, 'kiosk-step-sign-clip-ar');
    await expectAccessibleInBothLanguages(kiosk, 'kiosk flow step with its sign clip');
    expect(foreignRequests(kiosk)).toEqual([]);
    await kiosk.context().close();
  },
);

step(
  'a pictogram’s clip plays from the board, and an office’s autoplay plays the step’s clip by itself',
  async () => {
    const res = await uploadClip(
      ctx.srv.url,
      interpreterCookie,
      FIXTURE,
      'target=pictogram:yes&language=sdl&consent=1',
    );
    const { clip } = (await res.json()) as { clip: { id: string } };
    const sup = await ctx.srv.cookieFor({ kind: 'supervisor', name: 'Sup', office: 'Riyadh' });
    const admin = await ctx.srv.cookieFor({ kind: 'admin', name: 'Admin' });
    expect((await approveClip(ctx.srv.url, sup, clip.id)).status).toBe(200);
    const settings = { clipAutoplay: true };
    expect(
      (await jsonRequest(ctx.srv.url, admin, 'POST', '/api/admin/offices/Riyadh/kiosk-settings', settings))
        .status,
    ).toBe(200);

    const kiosk = await openWelcomeKiosk(ctx.browser, ctx.srv, 'Counter 6');
    await kiosk.getByTestId('start-session').click();
    await kiosk.getByTestId('nav-board').click();
    await kiosk.getByTestId('picto-clip-yes').click();
    const video = kiosk.getByTestId('picto-clip-yes-video');
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 10_000 })
      .toBe(320);
    await expect
      .poll(() => framesShown(kiosk, 'picto-clip-yes-video'), { timeout: 10_000 })
      .toBeGreaterThan(5);
    await expectAccessibleInBothLanguages(kiosk, 'kiosk pictogram sign clip');
    await kiosk.getByTestId('picto-clip-yes-view').getByRole('button').last().click();

    await kiosk.getByTestId('nav-services').click();
    await kiosk.getByTestId('service-replace-lost').click();
    // Nobody touched the control: the office plays it once.
    await expect
      .poll(() => kiosk.getByTestId('step-clip').evaluate((v: HTMLVideoElement) => v.videoWidth), {
        timeout: 10_000,
      })
      .toBe(640);
    expect(await kiosk.getByTestId('step-clip-play').getAttribute('aria-pressed')).toBe('true');
    await kiosk.context().close();
  },
);

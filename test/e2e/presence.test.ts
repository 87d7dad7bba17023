/**
 * Presence with the real models in Chromium: a kiosk whose camera sees a person (the astronaut clip)
 * wakes from its welcome screen by itself and keeps the session while the person stays; a kiosk whose
 * camera sees nobody (Chromium's own test pattern) stays at welcome, and a session started there by
 * touch ends by itself after KIOSK_AWAY_S (5 s here) through the normal end, which wipes it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildModels } from '../../scripts/models/build.ts';
import { launchChromium } from '../helpers/browser.ts';
import { expectKioskForgotten } from '../helpers/counter.ts';
import { serverAndBrowser } from '../helpers/e2e.ts';
import { cameraClip } from '../helpers/fixtures.ts';
import { foreignRequests, openWelcomeKiosk, snap } from '../helpers/pages.ts';
import { counters } from '../helpers/server.ts';

const modelsDir = mkdtempSync(path.join(tmpdir(), 'ashir-models-'));
for (const [name, bytes] of Object.entries(buildModels())) writeFileSync(path.join(modelsDir, name), bytes);
const person = await cameraClip('astronaut.png');

// The file's browser sees the person; a second browser sees Chromium's default pattern (no face).
const ctx = serverAndBrowser({ MODELS_DIR: modelsDir, KIOSK_AWAY_S: '5' }, [
  `--use-file-for-fake-video-capture=${person}`,
]);
let nobody: Browser;
beforeAll(async () => {
  nobody = await launchChromium();
});
afterAll(async () => {
  await nobody?.close();
});

describe('presence', () => {
  it('wakes the welcome screen when a face is seen, and keeps the session while it stays', async () => {
    const kiosk = await openWelcomeKiosk(ctx.browser, ctx.srv, 'Counter 1');
    await kiosk.getByTestId('home').waitFor({ timeout: 30_000 });
    expect(counters(ctx.srv.server).sessions).toBe(1);
    await snap(kiosk, 'presence-woken-ar');
    // The page's own vision turns, watched until they have seen the person for longer than
    // KIOSK_AWAY_S (5 s) without a turn that missed them: the session must still be on.
    await kiosk.evaluate(() => {
      const w = window as unknown as { seen: { first: number; last: number; missed: number } };
      w.seen = { first: 0, last: 0, missed: 0 };
      addEventListener('ashir:vision-turn', () => {
        const hint = document.querySelector('[data-testid="framing"]')?.getAttribute('data-hint');
        if (hint === 'no_face' || hint == null) w.seen.missed++;
        else {
          w.seen.first ||= performance.now();
          w.seen.last = performance.now();
        }
      });
    });
    const seen = () =>
      kiosk.evaluate(
        () => (window as unknown as { seen: { first: number; last: number; missed: number } }).seen,
      );
    await expect
      .poll(async () => ((s) => s.last - s.first)(await seen()), { timeout: 30_000 })
      .toBeGreaterThan(6000);
    expect((await seen()).missed).toBe(0);
    expect(await kiosk.getByTestId('home').count()).toBe(1);
    expect(foreignRequests(kiosk)).toEqual([]);
  });

  it('does not wake for an empty camera, and ends a session nobody is in front of', async () => {
    const kiosk = await openWelcomeKiosk(nobody, ctx.srv, 'Counter 2');
    // Vision is running (its hint says no face) and the welcome screen stays.
    await expect
      .poll(() => kiosk.getByTestId('framing').getAttribute('data-hint'), { timeout: 30_000 })
      .toBe('no_face');
    expect(await kiosk.getByTestId('welcome').count()).toBe(1);

    await kiosk.getByTestId('start-session').click();
    await kiosk.getByTestId('nav-chat').click();
    await kiosk.getByTestId('quick-q4').click();
    await expect.poll(() => kiosk.getByTestId('kiosk-feed').textContent()).toContain('انتظر لحظة');
    await kiosk.getByTestId('welcome').waitFor({ timeout: 15_000 });
    await expectKioskForgotten(kiosk, ['انتظر لحظة']);
    expect(ctx.srv.logs.some((l) => l.includes('"reason":"away"'))).toBe(true);
    expect(foreignRequests(kiosk)).toEqual([]);
  });
});

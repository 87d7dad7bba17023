/** Opening the apps in Chromium the way people do, plus WebRTC probes that the pages never see. */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { framesDecoded, WEBRTC_PROBE } from './probe.ts';

export { framesDecoded };
import { TEST_PASSWORD } from './accounts.ts';
import type { TestServer } from './server.ts';
import type { SignLanguage, Skill } from '../../src/protocol/index.ts';

/** A fresh browser context (no cookies but `cookies`) on `url`, with the WebRTC probe and request log. */
export async function openPage(
  browser: Browser,
  url: string,
  cookies: Array<{ name: string; value: string }> = [],
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (cookies.length) await context.addCookies(cookies.map((c) => ({ ...c, url: new URL(url).origin })));
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page error] ${url}: ${err.message}`));
  const origin = new URL(url).origin;
  const foreign: string[] = [];
  FOREIGN.set(page, foreign);
  page.on('request', (req) => {
    const target = req.url();
    if (!target.startsWith(`${origin}/`) && !/^(data|blob):/.test(target)) foreign.push(target);
  });
  await page.addInitScript(WEBRTC_PROBE);
  await page.goto(url);
  return page;
}

/** An enrolled kiosk (its device credential in the browser) at its welcome screen, connected, camera playing. */
export async function openWelcomeKiosk(browser: Browser, srv: TestServer, name = 'Counter 3'): Promise<Page> {
  const counter = name.replace(/\D/g, '') || '1';
  const device = await srv.provision({ kind: 'kiosk', name, office: 'Riyadh', counter });
  const page = await openPage(browser, `${srv.url}/kiosk/`, [device]);
  await expect.poll(() => page.getByTestId('connection').textContent()).toBe('متصل');
  await waitForPlaying(page, 'self-video');
  return page;
}

/** A kiosk where a citizen has started a session and opened the interpreter section. */
export async function openKiosk(browser: Browser, srv: TestServer, name = 'Counter 3'): Promise<Page> {
  const page = await openWelcomeKiosk(browser, srv, name);
  await page.getByTestId('start-session').click();
  await page.getByTestId('nav-call').click();
  await page.getByTestId('call-button').waitFor();
  return page;
}

/** An interpreter account made for the test, signed in through the console's own form. */
export async function openInterpreter(
  browser: Browser,
  srv: TestServer,
  name: string,
  gender: 'female' | 'male' = 'female',
  skills: Skill[] = [],
  languages: SignLanguage[] = ['sdl'],
): Promise<Page> {
  const { username } = await srv.provision({ kind: 'interpreter', name, gender, languages, skills });
  const page = await openPage(browser, `${srv.url}/interpreter/`);
  await signInThroughForm(page, username!);
  await waitForPlaying(page, 'self-video');
  await expect.poll(() => page.getByTestId('presence-available').isEnabled()).toBe(true);
  return page;
}

/** Types a test account's name and password into a console's sign-in form. */
export async function signInThroughForm(
  page: Page,
  username: string,
  password = TEST_PASSWORD,
): Promise<void> {
  await page.getByLabel('اسم المستخدم').fill(username);
  await page.getByLabel('كلمة المرور').fill(password);
  await page.getByRole('button', { name: 'دخول' }).click();
}

/** Ticks "available" on the console and waits until the server confirms it. */
export async function goAvailable(page: Page): Promise<void> {
  await page.getByTestId('presence-available').check();
  await expect.poll(() => presence(page)).toBe('available');
}

export async function waitForPlaying(page: Page, testId: string): Promise<void> {
  const video = page.getByTestId(testId);
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 20_000 })
    .toBeGreaterThan(0);
}

/** The remote video plays and its decoded-frame count keeps rising. */
export async function expectRemoteVideoFlowing(page: Page): Promise<void> {
  await waitForPlaying(page, 'remote-video');
  const first = await framesDecoded(page);
  expect(first).toBeGreaterThan(0);
  await expect.poll(() => framesDecoded(page), { timeout: 10_000 }).toBeGreaterThan(first + 10);
}

export async function remoteAudioTracks(page: Page): Promise<number> {
  return page
    .getByTestId('remote-video')
    .evaluate((v: HTMLVideoElement) => (v.srcObject as MediaStream | null)?.getAudioTracks().length ?? 0);
}

export const kioskState = (page: Page) => page.getByTestId('kiosk-status').getAttribute('data-state');
export const presence = (page: Page) => page.getByTestId('presence').getAttribute('data-state');

/** Saves a screenshot under test-results/screens/ (git-ignored) for people to look at. */
export async function snap(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage });
}

/** Every visible button, link and form control is at least `min` CSS pixels in both directions. */
export async function smallTouchTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(
      'button, a[href], input, select, textarea, [role="button"]',
    )) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const label = el.closest('label');
      const target = label ? label.getBoundingClientRect() : box;
      if (target.width < min || target.height < min)
        small.push(
          `${el.tagName.toLowerCase()}[${el.dataset.testid ?? el.textContent?.trim()}] ${Math.round(target.width)}x${Math.round(target.height)}`,
        );
    }
    return small;
  }, min);
}

const FOREIGN = new WeakMap<Page, string[]>();

/** Every request the page made, since it opened, to anywhere but its own origin. */
export function foreignRequests(page: Page): string[] {
  return FOREIGN.get(page) ?? [];
}

/** The clerk console and the kiosk's wipe, as the counter-session browser tests use them. */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openPage, signInThroughForm } from './pages.ts';
import type { TestServer } from './server.ts';

/** A clerk account made for the test, signed in through the console's own form. */
export async function openClerk(browser: Browser, srv: TestServer, name: string): Promise<Page> {
  const { username } = await srv.provision({ kind: 'clerk', name, office: 'Riyadh' });
  const page = await openPage(browser, `${srv.url}/clerk/`);
  await signInThroughForm(page, username!);
  await page.getByTestId('pair-form').waitFor();
  await expect.poll(() => page.getByTestId('connection').textContent()).toBe('متصل');
  return page;
}

/** Types the code the kiosk shows into the clerk console. */
export async function pairClerk(clerk: Page, kiosk: Page): Promise<void> {
  const code = kiosk.getByTestId('pairing-code');
  await expect.poll(() => code.textContent()).toMatch(/^\d{6}$/);
  await clerk.getByLabel('الرمز الظاهر على شاشة الكشك').fill((await code.textContent())!);
  await clerk.getByTestId('pair-submit').click();
  await clerk.getByTestId('clerk-session').waitFor();
}

/**
 * Nothing of the citizen is left on the kiosk: not in its DOM (text, values, media elements), not in
 * storage, not in its app state.
 */
export async function expectKioskForgotten(kiosk: Page, said: string[]): Promise<void> {
  await kiosk.getByTestId('welcome').waitFor();
  const dom = await kiosk.evaluate(() => ({
    text: document.body.innerText,
    html: document.body.innerHTML,
    inputs: [...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value),
    videos: [...document.querySelectorAll('video')].map((v) => ({
      testId: v.dataset.testid ?? '',
      live: v.srcObject !== null || v.src !== '',
    })),
  }));
  for (const s of said) {
    expect(dom.text, `"${s}" still on screen`).not.toContain(s);
    expect(dom.html, `"${s}" still in the DOM`).not.toContain(s);
  }
  expect(dom.inputs.filter(Boolean)).toEqual([]);
  // Only the kiosk's own camera view is left (it stays on for the next citizen).
  expect(dom.videos).toEqual([{ testId: 'self-video', live: true }]);
  const state = await kiosk.evaluate(() =>
    (window as unknown as { ashirKiosk: { snapshot: () => unknown } }).ashirKiosk.snapshot(),
  );
  expect(state).toEqual({
    phase: 'welcome',
    view: 'home',
    walk: null,
    composer: '',
    sessionId: null,
    feed: [],
    drafts: {},
    card: null,
    call: {
      state: 'idle',
      requestId: null,
      notice: null,
      genderPref: 'any',
      languagePref: null,
      service: null,
      askAnySkill: null,
      fallback: 'none',
      remoteStream: false,
      // The call that could be rated is forgotten too.
      rateCallId: null,
    },
    storage: { session: 0, local: 0 },
  });
}

/** The accessibility check itself must be able to fail: a page with known faults must report them. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

it('axe reports missing alt text, an unlabeled input and low contrast', async () => {
  const page = await browser.newPage();
  await page.setContent(
    `<html lang="en"><head><title>faulty</title></head><body><main>
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
      <input type="text">
      <p style="color:#bbb;background:#fff">low contrast</p>
    </main></body></html>`,
  );
  const ids = (await axeViolations(page)).map((v) => v.id).sort();
  expect(ids).toEqual(['color-contrast', 'image-alt', 'label']);
});

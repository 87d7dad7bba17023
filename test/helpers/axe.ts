/** axe-core inside the real page, for the WCAG 2.2 A/AA tags, in Arabic (RTL) and English. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface Violation {
  id: string;
  help: string;
  targets: string[];
}

export async function axeViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not apply.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<AxeResult> } }).axe;
    type AxeResult = { violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> };
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  }, AXE_TAGS);
}

/**
 * Zero violations in both languages. The page is checked as it is (Arabic by default), then switched to
 * English with its own language button, checked again, and switched back.
 */
export async function expectAccessibleInBothLanguages(page: Page, label: string): Promise<void> {
  const lang = () =>
    page.evaluate(() => [document.documentElement.lang, document.documentElement.dir].join(' '));
  expect(await lang(), `${label}: starts in Arabic`).toBe('ar rtl');
  expect(await axeViolations(page), `${label} (ar)`).toEqual([]);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  expect(await lang(), `${label}: switched to English`).toBe('en ltr');
  expect(await axeViolations(page), `${label} (en)`).toEqual([]);
  await page.getByRole('button', { name: 'التبديل إلى العربية' }).click();
  expect(await lang()).toBe('ar rtl');
}

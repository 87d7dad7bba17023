/**
 * For a warm transfer: note on the pages when the next interpreter's first frame shows on the kiosk
 * (its `other-video` tile) and when the leaving interpreter's call ends (its notice shows), both on
 * the machine's clock, so a test can check the order.
 */
import type { Page } from 'playwright-core';

export async function watchHandOver(kiosk: Page, leaving: Page): Promise<void> {
  await kiosk.evaluate(() => {
    const w = window as unknown as { secondAt?: number };
    delete w.secondAt;
    const watch = setInterval(() => {
      const v = document.querySelector<HTMLVideoElement>('[data-testid="other-video"]');
      if (!v) return;
      clearInterval(watch);
      v.requestVideoFrameCallback(() => (w.secondAt = Date.now()));
    }, 20);
  });
  await leaving.evaluate(() => {
    const w = window as unknown as { leftAt?: number };
    delete w.leftAt;
    const watch = setInterval(() => {
      if (!document.querySelector('[data-testid="notice"]')) return;
      clearInterval(watch);
      w.leftAt = Date.now();
    }, 20);
  });
}

/** When the next interpreter's first frame showed, and when the first one left (undefined: not yet). */
export async function handOverTimes(kiosk: Page, leaving: Page) {
  return {
    secondAt: await kiosk.evaluate(() => (window as unknown as { secondAt?: number }).secondAt),
    leftAt: await leaving.evaluate(() => (window as unknown as { leftAt?: number }).leftAt),
  };
}

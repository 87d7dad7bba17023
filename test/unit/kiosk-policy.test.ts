/**
 * The kiosk's Chromium policy (deploy/kiosk/ashir-kiosk.json and `npm run kiosk-policy`): JSON, every
 * key a real Chromium policy name (checked against Debian's Chromium binary, which CI installs), and
 * the camera, microphone and URL allowed for the configured origin only.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kioskPolicy } from '../../scripts/kiosk-policy.ts';

const BINARY = process.env.CHROMIUM_BINARY ?? '/usr/lib/chromium/chromium';

/** Which of these names occur as whole words in Chromium's binary. */
function namesIn(names: string[]): Set<string> {
  const args = ['-a', '-o', '-w', '-F', ...names.flatMap((k) => ['-e', k]), BINARY];
  try {
    return new Set(execFileSync('grep', args, { maxBuffer: 1 << 26, encoding: 'utf8' }).split('\n'));
  } catch (err) {
    if ((err as { status?: number }).status === 1) return new Set(); // grep found none
    throw err;
  }
}

const shipped = JSON.parse(readFileSync('deploy/kiosk/ashir-kiosk.json', 'utf8')) as Record<string, unknown>;

describe('the kiosk policy', () => {
  it('is what the generator makes for the example origin, and allows only that origin', () => {
    expect(shipped).toEqual(kioskPolicy('https://ashir.example.org'));
    const p = kioskPolicy('https://kiosk.office.example:8443');
    expect(p.VideoCaptureAllowedUrls).toEqual(['https://kiosk.office.example:8443']);
    expect(p.AudioCaptureAllowedUrls).toEqual(['https://kiosk.office.example:8443']);
    expect(p.URLAllowlist).toEqual(['https://kiosk.office.example:8443']);
    expect(p.URLBlocklist).toEqual(['*']);
    expect([p.VideoCaptureAllowed, p.AudioCaptureAllowed]).toEqual([false, false]);
  });

  it('refuses an origin that is not HTTPS, or that has a path', () => {
    for (const bad of ['http://x.example', 'https://x.example/kiosk', 'x.example', 'javascript:alert(1)'])
      expect(() => kioskPolicy(bad), bad).toThrow();
  });

  // One pass of grep over a binary of some 200 MB: seconds on a busy machine, hence the timeout.
  it('names only real Chromium policies', { timeout: 60_000 }, () => {
    // Debian's Chromium carries every policy name it knows in its binary (/usr/bin/chromium is a
    // launcher script; the browser is under /usr/lib/chromium).
    expect(existsSync(BINARY), `Chromium's binary at ${BINARY} (installed by .ci/run)`).toBe(true);
    const madeUp = 'AshirMadeUpPolicyName';
    const found = namesIn([...Object.keys(shipped), madeUp]);
    expect(Object.keys(shipped).filter((k) => !found.has(k))).toEqual([]);
    // The check can fail: a made-up name, looked for in the same pass, is not found.
    expect(found.has(madeUp)).toBe(false);
  });
});

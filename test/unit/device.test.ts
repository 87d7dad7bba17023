/** A kiosk's self-test in the core: only a kiosk reports, at most once every few seconds, and it is recorded. */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { SELF_TEST_MIN_GAP_MS } from '../../signaling-server/domain/device.ts';
import { coreHarness } from '../helpers/core.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('records a kiosk’s checks, refuses a flood and anyone but a kiosk', async () => {
  const { sb, client, db } = await coreHarness();
  db.prepare("INSERT INTO offices (name) VALUES ('Riyadh')").run();
  db.prepare(
    "INSERT INTO kiosks (id, office_id, counter, name, created_at) VALUES ('k1', 1, '1', 'Counter 1', 0)",
  ).run();
  sb.connect('k1', { role: 'kiosk', name: 'Counter 1', office: 'Riyadh' });
  sb.connect('i1', { role: 'interpreter', name: 'Huda', gender: 'female', languages: ['sdl'] });
  const checks = [
    { check: 'camera', status: 'fail', detail: 'no frames' },
    { check: 'turn', status: 'skipped' },
  ] as const;
  expect(client('k1', 'kiosk:self-test', { checks: [...checks] })).toEqual({ ok: true });
  const row = () =>
    db.prepare("SELECT self_test, self_test_at FROM kiosks WHERE id = 'k1'").get() as {
      self_test: string;
      self_test_at: number;
    };
  expect(JSON.parse(row().self_test)).toEqual(checks);
  const first = row().self_test_at;
  expect(client('k1', 'kiosk:self-test', { checks: [{ check: 'camera', status: 'pass' }] })).toMatchObject({
    ok: false,
    code: 'rate_limited',
  });
  expect(row().self_test_at).toBe(first);
  vi.advanceTimersByTime(SELF_TEST_MIN_GAP_MS);
  expect(client('k1', 'kiosk:self-test', { checks: [{ check: 'camera', status: 'pass' }] })).toEqual({
    ok: true,
  });
  expect(JSON.parse(row().self_test)).toEqual([{ check: 'camera', status: 'pass' }]);
  expect(client('i1', 'kiosk:self-test', { checks: [{ check: 'camera', status: 'pass' }] })).toMatchObject({
    ok: false,
    code: 'forbidden',
  });
});

/**
 * The kiosk as a managed device: its self-test results. Only a kiosk reports on itself, at most once
 * every SELF_TEST_MIN_GAP_MS (a faulty page cannot flood the records); the checks (pass, fail or
 * skipped, a short reason, never an image) are recorded on the kiosk's row for the wallboard.
 */
import type { Ack, SelfTestResult } from '../../src/protocol/index.ts';
import { kioskOf, log, put, record, refuse, type Tx } from './tx.ts';
import type { ClientId } from './types.ts';

export const SELF_TEST_MIN_GAP_MS = 5_000;

export function reportSelfTest(tx: Tx, from: ClientId, checks: SelfTestResult[]): Ack {
  const kiosk = kioskOf(tx.s, from);
  if (!kiosk) return refuse(tx, 'forbidden', 'Only a kiosk reports its self-test.');
  if (kiosk.selfTestAt !== undefined && tx.now - kiosk.selfTestAt < SELF_TEST_MIN_GAP_MS)
    return refuse(tx, 'rate_limited', 'A self-test was reported a moment ago.');
  put(tx, 'clients', kiosk.id, { ...kiosk, selfTestAt: tx.now });
  record(tx, { op: 'self-test', kioskAccount: kiosk.accountId, checks, at: tx.now });
  const failed = checks.filter((c) => c.status === 'fail').map((c) => c.check);
  log(tx, failed.length ? 'warn' : 'info', 'self-test', { kioskAccount: kiosk.accountId, failed });
  return { ok: true };
}

/**
 * The kiosk as a managed device: the result of its self-test (each check passes, fails or is skipped
 * because it is not configured here, with a short reason; never an image or a sound).
 */
import * as v from 'valibot';

export const SELF_TEST_CHECKS = ['camera', 'microphone', 'speakers', 'network', 'turn', 'models'] as const;
export type SelfTestCheck = (typeof SELF_TEST_CHECKS)[number];

export const SelfTestResultSchema = v.strictObject({
  check: v.picklist(SELF_TEST_CHECKS, 'must be a known check'),
  status: v.picklist(['pass', 'fail', 'skipped']),
  detail: v.exactOptional(v.pipe(v.string(), v.maxLength(120))),
});
export type SelfTestResult = v.InferOutput<typeof SelfTestResultSchema>;

export const SelfTestReportSchema = v.strictObject({
  checks: v.pipe(
    v.array(SelfTestResultSchema),
    v.minLength(1),
    v.maxLength(SELF_TEST_CHECKS.length),
    v.check((c) => new Set(c.map((r) => r.check)).size === c.length, 'each check once'),
  ),
});

/** What the wallboard shows of a kiosk's last self-test. */
export const SelfTestSummarySchema = v.strictObject({
  at: v.number(),
  failed: v.array(v.picklist(SELF_TEST_CHECKS)),
});
export type SelfTestSummary = v.InferOutput<typeof SelfTestSummarySchema>;

/**
 * Call resume tokens: given to each member with `call:start`, they let that member (the same account,
 * in the same role) re-attach to the call after the server restarted and forgot it, while the media
 * keeps flowing peer to peer. An HMAC with a key from the key file, so it survives the restart.
 *
 * A token names the server run that issued it and when it expires: it is good only in the run right
 * after that one (the restart the call is resumed across) and before it expires, and only for a
 * call that restart closed (the core checks the record). A replayed token of an ended call, or one
 * from an earlier run, resumes nothing.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { RESUME_TOKEN_PATTERN } from '../../src/protocol/index.ts';

/** What a call resume token vouches for. */
export interface ResumeClaim {
  callId: string;
  requestId: string;
  role: 'kiosk' | 'interpreter';
  accountId: string;
}

/** How long after `call:start` a token may be used (a call longer than this cannot be resumed). */
export const RESUME_TOKEN_TTL_MS = 4 * 60 * 60 * 1000;

export interface ResumeTokens {
  sign(claim: ResumeClaim, now: number): string;
  /** Whether the token vouches for `claim`, was issued by the previous run and has not expired. */
  verify(token: string, claim: ResumeClaim, now: number): boolean;
}

/** `runId`: this run's id (put in the tokens it signs); `previousRunId`: the run before it. */
export function resumeTokens(key: string, runId: string, previousRunId: string | null): ResumeTokens {
  const mac = (run: string, expires: string, c: ResumeClaim) =>
    createHmac('sha256', key)
      .update(['resume', run, expires, c.callId, c.requestId, c.role, c.accountId].join('|'))
      .digest('base64url');
  return {
    sign(claim, now) {
      const expires = String(now + RESUME_TOKEN_TTL_MS).padStart(13, '0');
      return `${runId}.${expires}.${mac(runId, expires, claim)}`;
    },
    verify(token, claim, now) {
      if (!RESUME_TOKEN_PATTERN.test(token) || previousRunId === null) return false;
      const [run, expires, given] = token.split('.') as [string, string, string];
      const expected = Buffer.from(mac(run, expires, claim));
      const valid = timingSafeEqual(Buffer.from(given), expected);
      return valid && run === previousRunId && Number(expires) > now;
    },
  };
}

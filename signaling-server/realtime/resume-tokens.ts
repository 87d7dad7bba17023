/**
 * Call resume tokens: given to each member with `call:start`, they let that member (the same account,
 * in the same role) re-attach to the call after the server restarted and forgot it, while the media
 * keeps flowing peer to peer. An HMAC with a key kept by the server, so it survives the restart.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a call resume token vouches for. */
export interface ResumeClaim {
  callId: string;
  requestId: string;
  role: 'kiosk' | 'interpreter';
  accountId: string;
}

export interface ResumeTokens {
  sign(claim: ResumeClaim): string;
  verify(token: string, claim: ResumeClaim): boolean;
}

export function resumeTokens(key: string): ResumeTokens {
  const sign = (c: ResumeClaim) =>
    createHmac('sha256', key)
      .update([c.callId, c.requestId, c.role, c.accountId].join('|'))
      .digest('base64url');
  return {
    sign,
    verify(token, claim) {
      const expected = Buffer.from(sign(claim));
      const actual = Buffer.from(token);
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}

/**
 * Known consoles: after a person signs in, their browser gets an HttpOnly cookie that vouches "this
 * name signed in here before" (a random nonce and an HMAC over it and the name, with a key from the
 * key file). A sign-in that carries it for the name it tries is exempt from the name-wide and
 * address-wide backoff (auth/throttle.ts), so failures by others cannot lock a person out of their
 * own console. It is not a credential: the password is still checked.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A known-console cookie lives a year; each sign-in renews it. */
export const KNOWN_CONSOLE_MAX_AGE_S = 365 * 24 * 3600;

export interface KnownConsoles {
  /** A new cookie value for `username`. */
  issue(username: string): string;
  /** Whether `value` was issued for `username`. */
  knows(value: string | undefined, username: string): boolean;
}

export function knownConsoles(key: string): KnownConsoles {
  const mac = (nonce: string, username: string) =>
    createHmac('sha256', key).update(`console|${username.toLowerCase()}|${nonce}`).digest('base64url');
  return {
    issue(username) {
      const nonce = randomBytes(12).toString('base64url');
      return `${nonce}.${mac(nonce, username)}`;
    },
    knows(value, username) {
      const m = /^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
      if (!m) return false;
      const expected = Buffer.from(mac(m[1]!, username));
      return timingSafeEqual(Buffer.from(m[2]!), expected);
    },
  };
}

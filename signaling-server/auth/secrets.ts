/**
 * Passwords (scrypt from node:crypto, salted, compared in constant time) and random tokens (session
 * tokens, device credentials, enrollment codes), which are stored only as SHA-256 hashes: they are
 * long and random, so a fast hash is enough for them.
 */
import { createHash, randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, SCRYPT.keylen, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = scryptSync(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

/** 256 random bits, URL-safe: session tokens and device credentials. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** A one-time enrollment code to type on a kiosk: 10 digits in two groups. */
export const newEnrollmentCode = (): string =>
  `${String(randomInt(0, 100_000)).padStart(5, '0')}-${String(randomInt(0, 100_000)).padStart(5, '0')}`;

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('base64url');

/** A random password for the demo accounts and `admin user add` without --password. */
export const newPassword = (): string => randomBytes(12).toString('base64url');

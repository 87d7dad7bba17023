/**
 * Passwords (scrypt from node:crypto, salted, compared in constant time) and random tokens (session
 * tokens, device credentials, enrollment codes), which are stored only as SHA-256 hashes: they are
 * long and random, so a fast hash is enough for them.
 */
import { createHash, randomBytes, randomInt, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number },
) => Promise<Buffer>;

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, SCRYPT.keylen, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

/** A stored hash's parts, or null when it is not one `hashPassword` makes. */
export function parseHash(
  stored: string,
): { N: number; r: number; p: number; salt: Buffer; key: Buffer } | null {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]{22})\$([A-Za-z0-9_-]{43})$/.exec(stored);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Only the parameters this server makes: a stored hash cannot ask for a huge or a trivial cost.
  if (N !== SCRYPT.N || r !== SCRYPT.r || p !== SCRYPT.p) return null;
  return { N, r, p, salt: Buffer.from(m[4]!, 'base64url'), key: Buffer.from(m[5]!, 'base64url') };
}

/** Runs scrypt off the event loop (libuv's thread pool), and compares in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const hash = parseHash(stored);
  // A malformed hash still costs one scrypt, so no answer comes back faster than a real check.
  const salt = hash?.salt ?? randomBytes(16);
  const expected = hash?.key ?? randomBytes(SCRYPT.keylen);
  const actual = await scryptAsync(password.normalize('NFKC'), salt, expected.length, SCRYPT);
  return hash !== null && timingSafeEqual(actual, expected);
}

/** 256 random bits, URL-safe: session tokens and device credentials. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** A one-time enrollment code to type on a kiosk: 10 digits in two groups. */
export const newEnrollmentCode = (): string =>
  `${String(randomInt(0, 100_000)).padStart(5, '0')}-${String(randomInt(0, 100_000)).padStart(5, '0')}`;

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('base64url');

/** A random password for the demo accounts and `admin user add` without --password. */
export const newPassword = (): string => randomBytes(12).toString('base64url');

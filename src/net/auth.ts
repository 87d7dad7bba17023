/** Sign-in, sign-out, kiosk enrollment and "who am I", over the same-origin JSON API. */
import type { AckError, Identity } from '../protocol/index.ts';

export type Me = Identity;
export type AuthResult = { ok: true } | AckError;

async function call(method: string, url: string, body?: object): Promise<Response | null> {
  try {
    return await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body ? { 'Content-Type': 'application/json' } : {},
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    return null;
  }
}

async function result(res: Response | null): Promise<AuthResult> {
  if (!res) return { ok: false, code: 'timeout', message: 'No answer from the server.' };
  if (res.ok) return { ok: true };
  try {
    return (await res.json()) as AckError;
  } catch {
    return { ok: false, code: 'internal', message: `HTTP ${res.status}` };
  }
}

/** Who this browser is signed in (or enrolled) as; null when it is neither. */
export async function whoAmI(): Promise<Me | null> {
  const res = await call('GET', '/api/me');
  if (!res?.ok) return null;
  const body = (await res.json()) as Me & { ok?: true };
  delete body.ok;
  return body;
}

export const signIn = async (username: string, password: string) =>
  result(await call('POST', '/api/session', { username, password }));
export const signOut = async () => result(await call('DELETE', '/api/session'));
export const enrollKiosk = async (code: string) => result(await call('POST', '/api/kiosk/enroll', { code }));

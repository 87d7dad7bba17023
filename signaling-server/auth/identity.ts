/**
 * Who is calling, from the request's cookies: a person's sign-in session (`ashir_session`) or an
 * enrolled kiosk's device credential (`ashir_device`). Both cookies are HttpOnly and SameSite=Strict,
 * so page scripts cannot read them and other sites cannot send them.
 */
import type { SocketData } from '../../src/protocol/index.ts';
import type { Accounts } from '../store/accounts.ts';

export const SESSION_COOKIE = 'ashir_session';
export const DEVICE_COOKIE = 'ashir_device';
export const CONSOLE_COOKIE = 'ashir_console';

/** The cookies' names: under TLS with the `__Host-` prefix (Secure, Path=/, no Domain: no subdomain
 * or plain-HTTP page can set or shadow them). */
export interface CookieNames {
  session: string;
  device: string;
  console: string;
  secure: boolean;
}
export function cookieNames(secure: boolean): CookieNames {
  const p = secure ? '__Host-' : '';
  return { session: p + SESSION_COOKIE, device: p + DEVICE_COOKIE, console: p + CONSOLE_COOKIE, secure };
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name && value && value.length <= 200 && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

export async function identify(
  accounts: Accounts,
  cookieHeader: string | undefined,
  names: CookieNames,
): Promise<SocketData | null> {
  const cookies = parseCookies(cookieHeader);
  const device = cookies.get(names.device);
  const kiosk = device ? await accounts.kiosks.byCredential(device) : null;
  if (kiosk)
    return {
      role: 'kiosk',
      accountId: kiosk.id,
      name: kiosk.name,
      office: kiosk.office,
      counter: kiosk.counter,
      kioskId: kiosk.id,
    };
  const token = cookies.get(names.session);
  const user = token ? await accounts.userBySession(token) : null;
  if (!user) return null;
  switch (user.role) {
    case 'interpreter':
      return {
        role: 'interpreter',
        accountId: user.id,
        name: user.displayName,
        gender: user.gender ?? 'female',
        languages: user.languages,
        skills: user.skills,
      };
    case 'clerk':
      return {
        role: 'clerk',
        accountId: user.id,
        name: user.displayName,
        ...(user.office ? { office: user.office } : {}),
      };
    case 'supervisor':
      return {
        role: 'supervisor',
        accountId: user.id,
        name: user.displayName,
        ...(user.office ? { office: user.office } : {}),
      };
    case 'admin':
      return { role: 'admin', accountId: user.id, name: user.displayName };
  }
}

/** Set-Cookie for a credential: HttpOnly, SameSite=Strict, Path=/, Secure under HTTPS. */
export function credentialCookie(name: string, value: string, maxAgeS: number, secure: boolean): string {
  return [
    `${name}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeS}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

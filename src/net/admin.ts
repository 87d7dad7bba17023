/** The administration API (`/api/admin/*`) as the supervisor console calls it. */
import type { AckError } from '../protocol/index.ts';

export interface AdminKiosk {
  id: string;
  name: string;
  office: string;
  counter: string;
  enrolled: boolean;
  disabled: boolean;
  lastSeenAt: number | null;
}
export interface AdminPerson {
  id: string;
  username: string;
  displayName: string;
  role: 'interpreter' | 'clerk' | 'supervisor' | 'admin';
  office: string | null;
  disabled: boolean;
}
export interface AuditEntry {
  at: number;
  actorId: string;
  actorRole: string;
  office: string | null;
  action: string;
  target: string;
}

export type AdminResult<T> = ({ ok: true } & T) | AckError;

async function call<T>(method: string, url: string, body?: object): Promise<AdminResult<T>> {
  try {
    const res = await fetch(`/api/admin${url}`, {
      method,
      credentials: 'same-origin',
      headers: body ? { 'Content-Type': 'application/json' } : {},
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as AdminResult<T>;
  } catch {
    return { ok: false, code: 'timeout', message: 'No answer from the server.' };
  }
}

export const admin = {
  kiosks: () => call<{ kiosks: AdminKiosk[] }>('GET', '/kiosks'),
  addKiosk: (k: { counter: string; name: string; office?: string }) =>
    call<{ kiosk: AdminKiosk; code: string }>('POST', '/kiosks', k),
  kioskAction: (id: string, action: 'disable' | 'enable') =>
    call<{ code?: string }>('POST', `/kiosks/${encodeURIComponent(id)}/${action}`),
  people: () => call<{ people: AdminPerson[] }>('GET', '/people'),
  addPerson: (p: { role: AdminPerson['role']; username: string; name: string; office?: string }) =>
    call<{ person: AdminPerson; password: string }>('POST', '/people', p),
  personAction: (username: string, action: 'disable' | 'enable' | 'reset-password') =>
    call<{ password?: string }>('POST', `/people/${encodeURIComponent(username)}/${action}`),
  audit: () => call<{ entries: AuditEntry[] }>('GET', '/audit'),
  setTarget: (t: { withinS: number; share: number; office?: string }) => call<object>('POST', '/target', t),
};

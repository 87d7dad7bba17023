/** The administration API (`/api/admin/*`) as the supervisor console calls it. */
import type { AckError, Gender, OfficeRoutingSettings, SignLanguage, Skill } from '../protocol/index.ts';

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
  gender: Gender | null;
  languages: SignLanguage[];
  skills: Skill[];
  disabled: boolean;
}
export interface AdminOffice {
  name: string;
  kiosks: number;
  people: number;
  target: { withinS: number; share: number };
  ownTarget: boolean;
  routing: OfficeRoutingSettings;
  clipAutoplay: boolean;
}
export type PersonFields = {
  role: AdminPerson['role'];
  username: string;
  name: string;
  office?: string;
  gender?: Gender;
  languages?: SignLanguage[];
  skills?: Skill[];
};
export type PersonChange = Partial<Omit<PersonFields, 'username' | 'office'>> & { office?: string | null };
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
  changeKiosk: (id: string, c: { name?: string; counter?: string }) =>
    call<{ kiosk: AdminKiosk }>('POST', `/kiosks/${encodeURIComponent(id)}`, c),
  kioskAction: (id: string, action: 'disable' | 'enable' | 're-enroll' | 'self-test') =>
    call<{ code?: string }>('POST', `/kiosks/${encodeURIComponent(id)}/${action}`),
  people: () => call<{ people: AdminPerson[] }>('GET', '/people'),
  addPerson: (p: PersonFields) => call<{ person: AdminPerson; password: string }>('POST', '/people', p),
  changePerson: (username: string, c: PersonChange) =>
    call<{ person: AdminPerson }>('POST', `/people/${encodeURIComponent(username)}`, c),
  personAction: (username: string, action: 'disable' | 'enable' | 'reset-password') =>
    call<{ password?: string }>('POST', `/people/${encodeURIComponent(username)}/${action}`),
  offices: () => call<{ offices: AdminOffice[] }>('GET', '/offices'),
  addOffice: (name: string) => call<{ office: AdminOffice }>('POST', '/offices', { name }),
  renameOffice: (from: string, name: string) =>
    call<{ office: AdminOffice }>('POST', `/offices/${encodeURIComponent(from)}`, { name }),
  setOfficeRouting: (office: string, routing: OfficeRoutingSettings) =>
    call<{ office: AdminOffice }>('POST', `/offices/${encodeURIComponent(office)}/routing`, routing),
  setOfficeKioskSettings: (office: string, settings: { clipAutoplay: boolean }) =>
    call<{ office: AdminOffice }>('POST', `/offices/${encodeURIComponent(office)}/kiosk-settings`, settings),
  audit: () => call<{ entries: AuditEntry[] }>('GET', '/audit'),
  setTarget: (t: { withinS: number; share: number; office?: string }) => call<object>('POST', '/target', t),
};

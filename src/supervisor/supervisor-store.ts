/**
 * The supervisor console's state: the live wallboard the server pushes (checked against its schema
 * on arrival), the connection, and the administration lists, which are fetched when shown and after
 * every change.
 */
import { signal } from '@preact/signals';
import * as v from 'valibot';
import { listen, onConnectionChange, type ClientSocket } from '../net/socket.ts';
import {
  WallboardSchema,
  type ErrorCode,
  type OfficeRoutingSettings,
  type Wallboard,
} from '../protocol/index.ts';
import type { ConnectionState } from '../ui/Shell.tsx';
import { DisposerBag } from '../util/emitter.ts';
import {
  admin,
  type AdminKiosk,
  type AdminOffice,
  type AdminPerson,
  type AuditEntry,
  type PersonChange,
  type PersonFields,
} from '../net/admin.ts';

/** A secret shown once, right after it was made (an enrollment code, a one-time password). */
export interface OneTime {
  kind: 'code' | 'password';
  forWhom: string;
  value: string;
}

export function createSupervisorStore(socket: ClientSocket) {
  const connection = signal<ConnectionState>('connecting');
  const board = signal<Wallboard | null>(null);
  const kiosks = signal<AdminKiosk[]>([]);
  const people = signal<AdminPerson[]>([]);
  const audit = signal<AuditEntry[]>([]);
  const offices = signal<AdminOffice[]>([]);
  const oneTime = signal<OneTime | null>(null);
  const error = signal<ErrorCode | null>(null);
  const bag = new DisposerBag();
  bag.add(onConnectionChange(socket, (c) => (connection.value = c)));
  bag.add(
    listen(socket, 'wallboard:state', (b) => {
      // What the server sends is checked like what it receives: a bad board is not shown.
      if (v.safeParse(WallboardSchema, b).success) board.value = b;
    }),
  );

  const refresh = async () => {
    const [k, p, a, o] = await Promise.all([admin.kiosks(), admin.people(), admin.audit(), admin.offices()]);
    if (o.ok) offices.value = o.offices;
    if (k.ok) kiosks.value = k.kiosks;
    if (p.ok) people.value = p.people;
    if (a.ok) audit.value = a.entries;
  };
  const done = async <T extends object>(r: ({ ok: true } & T) | { ok: false; code: ErrorCode }) => {
    error.value = r.ok ? null : r.code;
    await refresh();
    return r;
  };

  return {
    connection,
    board,
    kiosks,
    people,
    audit,
    offices,
    oneTime,
    error,
    refresh,
    async addKiosk(k: { counter: string; name: string; office?: string }) {
      const r = await done(await admin.addKiosk(k));
      if (r.ok) oneTime.value = { kind: 'code', forWhom: r.kiosk.name, value: r.code };
      return r.ok;
    },
    async changeKiosk(id: string, c: { name?: string; counter?: string }) {
      return (await done(await admin.changeKiosk(id, c))).ok;
    },
    async kioskAction(id: string, action: 'disable' | 'enable' | 're-enroll' | 'self-test') {
      const r = await done(await admin.kioskAction(id, action));
      if (r.ok && r.code) oneTime.value = { kind: 'code', forWhom: id, value: r.code };
    },
    async changePerson(username: string, c: PersonChange) {
      return (await done(await admin.changePerson(username, c))).ok;
    },
    async addOffice(name: string) {
      return (await done(await admin.addOffice(name))).ok;
    },
    async renameOffice(from: string, name: string) {
      return (await done(await admin.renameOffice(from, name))).ok;
    },
    async setClipAutoplay(office: string, clipAutoplay: boolean) {
      return (await done(await admin.setOfficeKioskSettings(office, { clipAutoplay }))).ok;
    },
    async setOfficeRouting(office: string, routing: OfficeRoutingSettings) {
      return (await done(await admin.setOfficeRouting(office, routing))).ok;
    },
    async addPerson(p: PersonFields) {
      const r = await done(await admin.addPerson(p));
      if (r.ok) oneTime.value = { kind: 'password', forWhom: r.person.username, value: r.password };
      return r.ok;
    },
    async personAction(username: string, action: 'disable' | 'enable' | 'reset-password') {
      const r = await done(await admin.personAction(username, action));
      if (r.ok && r.password) oneTime.value = { kind: 'password', forWhom: username, value: r.password };
    },
    async setTarget(target: { withinS: number; share: number; office?: string }) {
      await done(await admin.setTarget(target));
    },
    dispose: () => {
      bag.dispose();
      socket.close();
    },
  };
}
export type SupervisorStore = ReturnType<typeof createSupervisorStore>;

/**
 * A fresh installation has no accounts; so that `npm start` works at once, the server creates one demo
 * office with one kiosk (an enrollment code), one interpreter, one clerk, its supervisor and an
administrator of every office, and prints their
 * credentials once, to the terminal (not to the log).
 */
import { newPassword } from './secrets.ts';
import type { Accounts } from '../store/accounts.ts';
import type { SignLanguage } from '../../src/protocol/index.ts';

export interface DemoCredentials {
  kioskCode: string;
  interpreter: { username: string; password: string };
  clerk: { username: string; password: string };
  supervisor: { username: string; password: string };
  admin: { username: string; password: string };
}

export async function seedDemo(accounts: Accounts, language: SignLanguage): Promise<DemoCredentials | null> {
  if (!(await accounts.isEmpty())) return null;
  const office = 'Demo office';
  const { code } = await accounts.kiosks.add({
    office,
    counter: '1',
    name: 'Counter 1',
    id: 'demo-counter-1',
  });
  const people = {
    interpreter: { username: 'interpreter', password: newPassword() },
    clerk: { username: 'clerk', password: newPassword() },
    supervisor: { username: 'supervisor', password: newPassword() },
    admin: { username: 'admin', password: newPassword() },
  };
  await accounts.addUser({
    ...people.interpreter,
    displayName: 'Demo interpreter',
    role: 'interpreter',
    gender: 'female',
    languages: [language],
    office,
  });
  await accounts.addUser({ ...people.clerk, displayName: 'Demo clerk', role: 'clerk', office });
  await accounts.addUser({
    ...people.supervisor,
    displayName: 'Demo supervisor',
    role: 'supervisor',
    office,
  });
  await accounts.addUser({ ...people.admin, displayName: 'Demo administrator', role: 'admin' });
  return { kioskCode: code, ...people };
}

export function describeDemo(c: DemoCredentials, base: string): string {
  return [
    '',
    'Ashir: created demo accounts (shown once; change them with `npm run admin`):',
    `  kiosk        ${base}/kiosk/        enrollment code ${c.kioskCode}`,
    `  interpreter  ${base}/interpreter/  ${c.interpreter.username} / ${c.interpreter.password}`,
    `  clerk        ${base}/clerk/        ${c.clerk.username} / ${c.clerk.password}`,
    `  supervisor   ${base}/supervisor/   ${c.supervisor.username} / ${c.supervisor.password}`,
    `  admin        ${base}/supervisor/   ${c.admin.username} / ${c.admin.password}`,
    '',
  ].join('\n');
}

import { useEffect, useState } from 'preact/hooks';
import { language, useT } from '../i18n/i18n.ts';
import { ackErrorKey } from '../i18n/error-keys.ts';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import type { SupervisorStore } from './supervisor-store.ts';

type Role = 'clerk' | 'interpreter' | 'supervisor' | 'admin';

/** Kiosks, people and the audit log of the actor's scope; secrets are shown once, right after. */
export function AdminPanel({ store, isAdmin }: { store: SupervisorStore; isAdmin: boolean }) {
  const t = useT();
  useEffect(() => void store.refresh(), [store]);
  const [kiosk, setKiosk] = useState({ counter: '', name: '', office: '' });
  const [person, setPerson] = useState<{ role: Role; username: string; name: string; office: string }>({
    role: 'clerk',
    username: '',
    name: '',
    office: '',
  });
  const secret = store.oneTime.value;
  const roles: Role[] = isAdmin ? ['clerk', 'supervisor', 'admin'] : ['clerk'];
  return (
    <div class="admin" data-testid="admin">
      {secret ? (
        <StatusBanner tone="ok" testId="one-time">
          {t(secret.kind === 'code' ? 'supervisor.admin.codeOnce' : 'supervisor.admin.passwordOnce', {
            who: secret.forWhom,
          })}{' '}
          <strong dir="ltr" data-testid="one-time-value">
            {secret.value}
          </strong>
        </StatusBanner>
      ) : null}
      {store.error.value ? (
        <StatusBanner tone="bad" testId="admin-error">
          {t(ackErrorKey(store.error.value))}
        </StatusBanner>
      ) : null}

      <section class="card" aria-labelledby="target-h">
        <h2 id="target-h">{t('supervisor.target.heading')}</h2>
        <form
          class="inline-form"
          data-testid="target-form"
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            void store.setTarget({
              withinS: Number(data.get('withinS')),
              share: Number(data.get('share')) / 100,
              ...(isAdmin ? { office: String(data.get('office') ?? '') } : {}),
            });
          }}
        >
          <label class="field">
            <span>{t('supervisor.target.withinS')}</span>
            <input name="withinS" type="number" min={10} max={600} required defaultValue="60" />
          </label>
          <label class="field">
            <span>{t('supervisor.target.share')}</span>
            <input name="share" type="number" min={50} max={100} required defaultValue="85" />
          </label>
          {isAdmin ? (
            <label class="field">
              <span>{t('supervisor.office')}</span>
              <input name="office" required maxLength={60} />
            </label>
          ) : null}
          <button type="submit" class="btn btn-primary">
            {t('supervisor.target.save')}
          </button>
        </form>
      </section>

      <section class="card" aria-labelledby="admin-kiosks-h">
        <h2 id="admin-kiosks-h">{t('supervisor.kiosks.heading')}</h2>
        <form
          class="inline-form"
          data-testid="kiosk-add"
          onSubmit={(e) => {
            e.preventDefault();
            void store
              .addKiosk({
                counter: kiosk.counter,
                name: kiosk.name,
                ...(isAdmin ? { office: kiosk.office } : {}),
              })
              .then((ok) => ok && setKiosk({ counter: '', name: '', office: '' }));
          }}
        >
          <label class="field">
            <span>{t('supervisor.kiosk')}</span>
            <input
              required
              maxLength={60}
              value={kiosk.name}
              onInput={(e) => setKiosk({ ...kiosk, name: e.currentTarget.value })}
            />
          </label>
          <label class="field">
            <span>{t('supervisor.kiosks.counter')}</span>
            <input
              required
              maxLength={20}
              value={kiosk.counter}
              onInput={(e) => setKiosk({ ...kiosk, counter: e.currentTarget.value })}
            />
          </label>
          {isAdmin ? (
            <label class="field">
              <span>{t('supervisor.office')}</span>
              <input
                required
                maxLength={60}
                value={kiosk.office}
                onInput={(e) => setKiosk({ ...kiosk, office: e.currentTarget.value })}
              />
            </label>
          ) : null}
          <button type="submit" class="btn btn-primary">
            {t('supervisor.admin.addKiosk')}
          </button>
        </form>
        <table data-testid="admin-kiosks">
          <thead>
            <tr>
              <th scope="col">{t('supervisor.kiosk')}</th>
              <th scope="col">{t('supervisor.office')}</th>
              <th scope="col">{t('supervisor.admin.state')}</th>
              <th scope="col">{t('supervisor.admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {store.kiosks.value.map((k) => (
              <tr key={k.id} data-testid={`admin-kiosk-${k.id}`}>
                <td>
                  {k.name} · {k.counter}
                </td>
                <td>{k.office}</td>
                <td>
                  {t(
                    k.disabled
                      ? 'supervisor.admin.disabled'
                      : k.enrolled
                        ? 'supervisor.admin.enrolled'
                        : 'supervisor.admin.notEnrolled',
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    class="btn"
                    onClick={() => void store.kioskAction(k.id, k.disabled ? 'enable' : 'disable')}
                  >
                    {t(k.disabled ? 'supervisor.admin.enable' : 'supervisor.admin.disable')}
                    <span class="sr-only"> {k.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section class="card" aria-labelledby="admin-people-h">
        <h2 id="admin-people-h">{t('supervisor.admin.people')}</h2>
        <form
          class="inline-form"
          data-testid="person-add"
          onSubmit={(e) => {
            e.preventDefault();
            const { office, ...rest } = person;
            void store
              .addPerson({ ...rest, ...(isAdmin && office ? { office } : {}) })
              .then((ok) => ok && setPerson({ ...person, username: '', name: '' }));
          }}
        >
          <label class="field">
            <span>{t('supervisor.admin.role')}</span>
            <select
              value={person.role}
              onChange={(e) => setPerson({ ...person, role: e.currentTarget.value as Role })}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`supervisor.roles.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>{t('auth.username')}</span>
            <input
              required
              dir="ltr"
              pattern="[a-z0-9._\-]{2,40}"
              value={person.username}
              onInput={(e) => setPerson({ ...person, username: e.currentTarget.value })}
            />
          </label>
          <label class="field">
            <span>{t('supervisor.name')}</span>
            <input
              required
              maxLength={60}
              value={person.name}
              onInput={(e) => setPerson({ ...person, name: e.currentTarget.value })}
            />
          </label>
          {isAdmin ? (
            <label class="field">
              <span>{t('supervisor.office')}</span>
              <input
                maxLength={60}
                value={person.office}
                onInput={(e) => setPerson({ ...person, office: e.currentTarget.value })}
              />
            </label>
          ) : null}
          <button type="submit" class="btn btn-primary">
            {t('supervisor.admin.addPerson')}
          </button>
        </form>
        <table data-testid="admin-people">
          <thead>
            <tr>
              <th scope="col">{t('supervisor.name')}</th>
              <th scope="col">{t('supervisor.admin.role')}</th>
              <th scope="col">{t('supervisor.admin.state')}</th>
              <th scope="col">{t('supervisor.admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {store.people.value.map((p) => (
              <tr key={p.id} data-testid={`admin-person-${p.username}`}>
                <td>
                  {p.displayName} <span dir="ltr">({p.username})</span>
                </td>
                <td>{t(`supervisor.roles.${p.role}`)}</td>
                <td>{t(p.disabled ? 'supervisor.admin.disabled' : 'supervisor.admin.active')}</td>
                <td class="actions">
                  <button
                    type="button"
                    class="btn"
                    data-testid={`toggle-${p.username}`}
                    onClick={() => void store.personAction(p.username, p.disabled ? 'enable' : 'disable')}
                  >
                    {t(p.disabled ? 'supervisor.admin.enable' : 'supervisor.admin.disable')}
                    <span class="sr-only"> {p.displayName}</span>
                  </button>
                  <button
                    type="button"
                    class="btn"
                    onClick={() => void store.personAction(p.username, 'reset-password')}
                  >
                    {t('supervisor.admin.resetPassword')}
                    <span class="sr-only"> {p.displayName}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section class="card" aria-labelledby="audit-h">
        <h2 id="audit-h">{t('supervisor.admin.audit')}</h2>
        <table data-testid="audit">
          <thead>
            <tr>
              <th scope="col">{t('supervisor.admin.when')}</th>
              <th scope="col">{t('supervisor.admin.who')}</th>
              <th scope="col">{t('supervisor.admin.what')}</th>
            </tr>
          </thead>
          <tbody>
            {store.audit.value.map((a, i) => (
              <tr key={`${a.at}-${i}`}>
                <td>
                  {new Date(a.at).toLocaleString(language.value === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB')}
                </td>
                <td>
                  {t(`supervisor.roles.${a.actorRole as Role}`)}{' '}
                  <span dir="ltr">{a.actorId.slice(0, 8)}</span>
                </td>
                <td>
                  <span dir="ltr">
                    {a.action}: {a.target}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

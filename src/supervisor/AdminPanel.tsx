import { useEffect, useState } from 'preact/hooks';
import { language, useT } from '../i18n/i18n.ts';
import { ackErrorKey } from '../i18n/error-keys.ts';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import { DataTable } from './DataTable.tsx';
import { KiosksPanel } from './KiosksPanel.tsx';
import { OfficeField } from './OfficeField.tsx';
import { OfficesPanel } from './OfficesPanel.tsx';
import { PeoplePanel } from './PeoplePanel.tsx';
import type { SupervisorStore } from './supervisor-store.ts';

type ActorRole = 'clerk' | 'interpreter' | 'supervisor' | 'admin' | 'cli';

/** Administration of the actor's scope; secrets are shown once, right after they were made. */
export function AdminPanel({ store, isAdmin }: { store: SupervisorStore; isAdmin: boolean }) {
  const t = useT();
  useEffect(() => void store.refresh(), [store]);
  const secret = store.oneTime.value;
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
      <TargetForm store={store} isAdmin={isAdmin} />
      {isAdmin ? <OfficesPanel store={store} /> : null}
      <KiosksPanel store={store} isAdmin={isAdmin} />
      <PeoplePanel store={store} isAdmin={isAdmin} />
      <section class="card" aria-labelledby="audit-h">
        <h2 id="audit-h">{t('supervisor.admin.audit')}</h2>
        <DataTable
          testId="audit"
          rows={store.audit.value}
          rowKey={(a) => `${a.at}-${a.action}-${a.target}`}
          columns={[
            {
              header: t('supervisor.admin.when'),
              cell: (a) =>
                new Date(a.at).toLocaleString(language.value === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB'),
            },
            {
              header: t('supervisor.admin.who'),
              cell: (a) => (
                <>
                  {t(`supervisor.roles.${a.actorRole as ActorRole}`)}{' '}
                  <span dir="ltr">{a.actorId.slice(0, 8)}</span>
                </>
              ),
            },
            {
              header: t('supervisor.admin.what'),
              cell: (a) => (
                <span dir="ltr">
                  {a.action}: {a.target}
                </span>
              ),
            },
          ]}
        />
      </section>
    </div>
  );
}

/** The office's speed-of-answer target (an admin names the office). */
function TargetForm({ store, isAdmin }: { store: SupervisorStore; isAdmin: boolean }) {
  const t = useT();
  const [office, setOffice] = useState('');
  return (
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
            ...(isAdmin ? { office } : {}),
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
        {isAdmin ? <OfficeField store={store} value={office} required onChange={setOffice} /> : null}
        <button type="submit" class="btn btn-primary">
          {t('supervisor.target.save')}
        </button>
      </form>
    </section>
  );
}

import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import type { AdminKiosk } from '../net/admin.ts';
import { DataTable } from './DataTable.tsx';
import { SaveCancel, TextField } from './FormParts.tsx';
import { OfficeField } from './OfficeField.tsx';
import type { SupervisorStore } from './supervisor-store.ts';

/** Kiosks of the actor's scope: add (a one-time code), rename or move, disable, enable, re-enroll. */
export function KiosksPanel({ store, isAdmin }: { store: SupervisorStore; isAdmin: boolean }) {
  const t = useT();
  const empty = { counter: '', name: '', office: '' };
  const [kiosk, setKiosk] = useState(empty);
  const [changing, setChanging] = useState<string | null>(null);
  return (
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
            .then((ok) => ok && setKiosk(empty));
        }}
      >
        <TextField
          label={t('supervisor.kiosk')}
          required
          maxLength={60}
          value={kiosk.name}
          onValue={(v) => setKiosk({ ...kiosk, name: v })}
        />
        <TextField
          label={t('supervisor.kiosks.counter')}
          required
          maxLength={20}
          value={kiosk.counter}
          onValue={(v) => setKiosk({ ...kiosk, counter: v })}
        />
        {isAdmin ? (
          <OfficeField
            store={store}
            value={kiosk.office}
            required
            onChange={(office) => setKiosk({ ...kiosk, office })}
          />
        ) : null}
        <button type="submit" class="btn btn-primary">
          {t('supervisor.admin.addKiosk')}
        </button>
      </form>
      <DataTable
        testId="admin-kiosks"
        rows={store.kiosks.value}
        rowKey={(k) => k.id}
        rowProps={(k) => ({ 'data-testid': `admin-kiosk-${k.id}` })}
        columns={[
          { header: t('supervisor.kiosk'), cell: (k) => `${k.name} · ${k.counter}` },
          { header: t('supervisor.office'), cell: (k) => k.office },
          {
            header: t('supervisor.admin.state'),
            cell: (k) =>
              t(
                k.disabled
                  ? 'supervisor.admin.disabled'
                  : k.enrolled
                    ? 'supervisor.admin.enrolled'
                    : 'supervisor.admin.notEnrolled',
              ),
          },
          {
            header: t('supervisor.admin.actions'),
            class: 'actions',
            cell: (k) => (
              <>
                <button
                  type="button"
                  class="btn"
                  aria-expanded={changing === k.id}
                  onClick={() => setChanging(changing === k.id ? null : k.id)}
                >
                  {t('supervisor.admin.change')}
                  <span class="sr-only"> {k.name}</span>
                </button>
                <button
                  type="button"
                  class="btn"
                  onClick={() => void store.kioskAction(k.id, k.disabled ? 'enable' : 'disable')}
                >
                  {t(k.disabled ? 'supervisor.admin.enable' : 'supervisor.admin.disable')}
                  <span class="sr-only"> {k.name}</span>
                </button>
                {k.disabled ? null : (
                  <button
                    type="button"
                    class="btn"
                    data-testid={`re-enroll-${k.id}`}
                    onClick={() => void store.kioskAction(k.id, 're-enroll')}
                  >
                    {t('supervisor.admin.reEnroll')}
                    <span class="sr-only"> {k.name}</span>
                  </button>
                )}
                {k.disabled ? null : (
                  <button
                    type="button"
                    class="btn"
                    data-testid={`ask-self-test-${k.id}`}
                    onClick={() => void store.kioskAction(k.id, 'self-test')}
                  >
                    {t('supervisor.admin.selfTest')}
                    <span class="sr-only"> {k.name}</span>
                  </button>
                )}
              </>
            ),
          },
        ]}
        after={(k) =>
          changing === k.id ? <KioskChange kiosk={k} store={store} onDone={() => setChanging(null)} /> : null
        }
      />
    </section>
  );
}

function KioskChange(props: { kiosk: AdminKiosk; store: SupervisorStore; onDone: () => void }) {
  const t = useT();
  const [name, setName] = useState(props.kiosk.name);
  const [counter, setCounter] = useState(props.kiosk.counter);
  return (
    <form
      class="inline-form"
      data-testid="kiosk-change"
      aria-label={t('supervisor.admin.changing', { who: props.kiosk.name })}
      onSubmit={(e) => {
        e.preventDefault();
        void props.store.changeKiosk(props.kiosk.id, { name, counter }).then((ok) => ok && props.onDone());
      }}
    >
      <TextField
        label={t('supervisor.kiosk')}
        autoFocus
        required
        maxLength={60}
        value={name}
        onValue={setName}
      />
      <TextField
        label={t('supervisor.kiosks.counter')}
        required
        maxLength={20}
        value={counter}
        onValue={setCounter}
      />
      <SaveCancel onCancel={props.onDone} />
    </form>
  );
}

import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import { DataTable } from './DataTable.tsx';
import { SaveCancel, TextField } from './FormParts.tsx';
import { OfficeRoutingForm } from './OfficeRoutingForm.tsx';
import type { SupervisorStore } from './supervisor-store.ts';

/** Offices (admins only): each with its kiosks, people and target; add one, rename one, set its routing. */
export function OfficesPanel({ store }: { store: SupervisorStore }) {
  const t = useT();
  const [name, setName] = useState('');
  /** The office whose rename or routing form is open. */
  const [open, setOpen] = useState<{ office: string; form: 'rename' | 'routing' } | null>(null);
  const isOpen = (office: string, form: 'rename' | 'routing') =>
    open?.office === office && open.form === form;
  const toggle = (office: string, form: 'rename' | 'routing') =>
    setOpen(isOpen(office, form) ? null : { office, form });
  const interpreters = store.people.value.filter((p) => p.role === 'interpreter' && !p.disabled);
  return (
    <section class="card" aria-labelledby="offices-h">
      <h2 id="offices-h">{t('supervisor.admin.offices')}</h2>
      <form
        class="inline-form"
        data-testid="office-add"
        onSubmit={(e) => {
          e.preventDefault();
          void store.addOffice(name).then((ok) => ok && setName(''));
        }}
      >
        <TextField
          label={t('supervisor.admin.officeName')}
          required
          maxLength={60}
          value={name}
          onValue={setName}
        />
        <button type="submit" class="btn btn-primary">
          {t('supervisor.admin.addOffice')}
        </button>
      </form>
      <DataTable
        testId="admin-offices"
        rows={store.offices.value}
        rowKey={(o) => o.name}
        rowProps={(o) => ({ 'data-testid': `admin-office-${o.name}` })}
        columns={[
          { header: t('supervisor.office'), cell: (o) => o.name },
          { header: t('supervisor.admin.kiosks'), cell: (o) => o.kiosks, class: 'num' },
          { header: t('supervisor.admin.people'), cell: (o) => o.people, class: 'num' },
          {
            header: t('supervisor.admin.target'),
            cell: (o) => (
              <>
                {t('supervisor.admin.targetValue', {
                  share: Math.round(o.target.share * 100),
                  within: o.target.withinS,
                })}
                {o.ownTarget ? null : ` ${t('supervisor.admin.defaultTarget')}`}
              </>
            ),
          },
          {
            header: t('clips.review.autoplayShort'),
            cell: (o) => (
              <label class="check">
                <input
                  type="checkbox"
                  data-testid={`clip-autoplay-${o.name}`}
                  checked={o.clipAutoplay}
                  onChange={(e) => void store.setClipAutoplay(o.name, e.currentTarget.checked)}
                />
                <span class="sr-only">
                  {t('clips.review.autoplay')} — {o.name}
                </span>
              </label>
            ),
          },
          {
            header: t('supervisor.admin.actions'),
            class: 'actions',
            cell: (o) => (
              <>
                <button
                  type="button"
                  class="btn"
                  aria-expanded={isOpen(o.name, 'rename')}
                  onClick={() => toggle(o.name, 'rename')}
                >
                  {t('supervisor.admin.rename')}
                  <span class="sr-only"> {o.name}</span>
                </button>
                <button
                  type="button"
                  class="btn"
                  data-testid="routing-open"
                  aria-expanded={isOpen(o.name, 'routing')}
                  onClick={() => toggle(o.name, 'routing')}
                >
                  {t('supervisor.admin.routing')}
                  <span class="sr-only"> {o.name}</span>
                </button>
              </>
            ),
          },
        ]}
        after={(o) =>
          isOpen(o.name, 'rename') ? (
            <RenameForm
              from={o.name}
              onDone={() => setOpen(null)}
              rename={(to) => store.renameOffice(o.name, to)}
            />
          ) : isOpen(o.name, 'routing') ? (
            <OfficeRoutingForm
              office={o.name}
              routing={o.routing}
              interpreters={interpreters}
              onDone={() => setOpen(null)}
              save={(routing) => store.setOfficeRouting(o.name, routing)}
            />
          ) : null
        }
      />
    </section>
  );
}

function RenameForm(props: { from: string; rename: (to: string) => Promise<boolean>; onDone: () => void }) {
  const t = useT();
  const [to, setTo] = useState(props.from);
  return (
    <form
      class="inline-form"
      data-testid="office-rename"
      aria-label={t('supervisor.admin.changing', { who: props.from })}
      onSubmit={(e) => {
        e.preventDefault();
        void props.rename(to).then((ok) => ok && props.onDone());
      }}
    >
      <TextField
        label={t('supervisor.admin.officeName')}
        required
        maxLength={60}
        value={to}
        autoFocus
        onValue={setTo}
      />
      <SaveCancel onCancel={props.onDone} />
    </form>
  );
}

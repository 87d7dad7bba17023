import { useEffect, useState } from 'preact/hooks';
import { CLIP_TARGETS_BY_ID } from '../clips/targets.ts';
import { language, useT } from '../i18n/i18n.ts';
import { clipsApi } from '../net/clips.ts';
import type { ClipRow, ClipStatus } from '../protocol/index.ts';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import { DataTable } from './DataTable.tsx';
import { SaveCancel, TextField } from './FormParts.tsx';

const FILTERS: Array<ClipStatus | 'all'> = ['pending', 'approved', 'rejected', 'replaced', 'all'];

/**
 * Sign clips for supervisors and admins: watch a clip, approve it (it replaces what was approved for
 * its target and sign language) or reject it with a reason the interpreter sees; an approved clip can
 * be withdrawn the same way. Kiosks only ever get approved clips.
 */
export function ClipsReview() {
  const t = useT();
  const [status, setStatus] = useState<ClipStatus | 'all'>('pending');
  const [rows, setRows] = useState<ClipRow[]>([]);
  const [open, setOpen] = useState<{ id: string; form: 'watch' | 'reject' } | null>(null);
  const [note, setNote] = useState<'done' | 'failed' | null>(null);
  const load = async () => {
    const r = await clipsApi.list(status);
    if (r.ok) setRows(r.clips);
    else setNote('failed');
  };
  useEffect(() => void load(), [status]);
  const decided = async (ok: boolean) => {
    setNote(ok ? 'done' : 'failed');
    if (ok) setOpen(null);
    await load();
  };
  const lng = language.value;
  const isOpen = (id: string, form: 'watch' | 'reject') => open?.id === id && open.form === form;
  return (
    <section class="card wide" aria-labelledby="clips-h" data-testid="clips-review">
      <h2 id="clips-h">{t('clips.review.title')}</h2>
      <div role="group" aria-label={t('clips.review.show')} class="toolbar">
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            class="btn"
            aria-pressed={status === f}
            data-testid={`clips-filter-${f}`}
            onClick={() => setStatus(f)}
          >
            {t(`clips.review.filters.${f}`)}
          </button>
        ))}
      </div>
      {note ? (
        <StatusBanner tone={note === 'done' ? 'ok' : 'bad'} testId="clips-note">
          {t(`clips.review.${note}`)}
        </StatusBanner>
      ) : null}
      {rows.length === 0 ? (
        <p role="status">{t('clips.review.none')}</p>
      ) : (
        <DataTable
          testId="clips-table"
          caption={t('clips.review.title')}
          rows={rows}
          rowKey={(c) => c.id}
          rowProps={(c) => ({ 'data-testid': `clip-${c.id}`, 'data-status': c.status })}
          columns={[
            {
              header: t('clips.review.target'),
              cell: (c) => CLIP_TARGETS_BY_ID.get(c.target)?.text[lng] ?? c.target,
            },
            { header: t('clips.review.language'), cell: (c) => t(`languages.${c.language}`) },
            { header: t('clips.review.signer'), cell: (c) => c.interpreterName },
            { header: t('clips.review.recorded'), cell: (c) => new Date(c.createdAt).toLocaleString(lng) },
            {
              header: t('clips.review.length'),
              class: 'num',
              cell: (c) => t('clips.review.seconds', { s: (c.durationMs / 1000).toFixed(1) }),
            },
            {
              header: t('clips.review.status'),
              cell: (c) => (
                <>
                  {t(`clips.review.statuses.${c.status}`)}
                  {c.reason ? <span class="hint"> — {c.reason}</span> : null}
                </>
              ),
            },
            {
              header: t('supervisor.admin.actions'),
              class: 'actions',
              cell: (c) => (
                <>
                  <button
                    type="button"
                    class="btn"
                    data-testid="clip-watch"
                    aria-expanded={isOpen(c.id, 'watch')}
                    onClick={() => setOpen(isOpen(c.id, 'watch') ? null : { id: c.id, form: 'watch' })}
                  >
                    {t('clips.review.watch')}
                  </button>
                  {c.status === 'pending' ? (
                    <button
                      type="button"
                      class="btn btn-primary"
                      data-testid="clip-approve"
                      onClick={() => void clipsApi.approve(c.id).then((r) => decided(r.ok))}
                    >
                      {t('clips.review.approve')}
                    </button>
                  ) : null}
                  {c.status === 'pending' || c.status === 'approved' ? (
                    <button
                      type="button"
                      class="btn"
                      data-testid="clip-reject"
                      aria-expanded={isOpen(c.id, 'reject')}
                      onClick={() => setOpen(isOpen(c.id, 'reject') ? null : { id: c.id, form: 'reject' })}
                    >
                      {c.status === 'approved' ? t('clips.review.withdraw') : t('clips.review.reject')}
                    </button>
                  ) : null}
                </>
              ),
            },
          ]}
          after={(c) =>
            isOpen(c.id, 'watch') ? (
              <video
                class="sign-clip"
                src={clipsApi.videoUrl(c.id)}
                controls
                muted
                autoplay
                playsinline
                data-testid="clip-video"
                aria-label={CLIP_TARGETS_BY_ID.get(c.target)?.text[lng] ?? c.target}
              />
            ) : isOpen(c.id, 'reject') ? (
              <RejectForm
                onCancel={() => setOpen(null)}
                reject={(reason) => clipsApi.reject(c.id, reason).then((r) => decided(r.ok))}
              />
            ) : null
          }
        />
      )}
    </section>
  );
}

function RejectForm(props: { reject: (reason: string) => Promise<void>; onCancel: () => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  return (
    <form
      class="inline-form"
      data-testid="clip-reject-form"
      aria-label={t('clips.review.confirmReject')}
      onSubmit={(e) => {
        e.preventDefault();
        void props.reject(reason);
      }}
    >
      <TextField
        label={t('clips.review.reason')}
        required
        maxLength={200}
        value={reason}
        autoFocus
        onValue={setReason}
      />
      <SaveCancel onCancel={props.onCancel} />
    </form>
  );
}

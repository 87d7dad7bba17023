import { useEffect, useState } from 'preact/hooks';
import { FLOWS_BY_ID } from '../flows/definitions.ts';
import { language as uiLanguage, useT } from '../i18n/i18n.ts';
import type { SignLanguage } from '../protocol/index.ts';
import { PictogramFigure } from '../ui/PictogramFigure.tsx';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import type { Clock } from '../util/clock.ts';
import { ClipRecorder } from './ClipRecorder.tsx';
import { createLibrary, type LibraryFilter, type LibraryItem } from './library-store.ts';

const FILTERS: LibraryFilter[] = ['all', 'missing', 'pending', 'approved'];
/** Status marks in words and a symbol, never by colour alone. */
const MARK = { missing: '○', pending: '◔', approved: '✓' } as const;

/** The sign library (outside calls): every question, answer and pictogram, what has a clip, and recording. */
export function SignLibrary(props: {
  languages: readonly SignLanguage[];
  clock: Clock;
  onClose: () => void;
}) {
  const t = useT();
  const [lib] = useState(() => createLibrary(props.languages));
  useEffect(() => void lib.load(), [lib.language.value]);
  const recording = lib.recording.value;
  const shown = lib.shown.value;
  const groups = new Map<string, LibraryItem[]>();
  for (const item of shown) {
    const key = item.target.flow ?? '';
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const lng = uiLanguage.value;
  return (
    <section aria-labelledby="library-h" data-testid="sign-library">
      <h2 id="library-h">{t('clips.library.title')}</h2>
      <p class="hint">{t('clips.library.intro')}</p>
      {recording ? (
        <ClipRecorder
          key={recording.id}
          target={recording}
          language={lib.language.value}
          clock={props.clock}
          onClose={() => (lib.recording.value = null)}
          onSent={() => void lib.load()}
        />
      ) : null}
      <div class="toolbar">
        {props.languages.length > 1 ? (
          <label>
            {t('clips.library.language')}{' '}
            <select
              data-testid="library-language"
              value={lib.language.value}
              onChange={(e) => (lib.language.value = e.currentTarget.value as SignLanguage)}
            >
              {props.languages.map((l) => (
                <option key={l} value={l}>
                  {t(`languages.${l}`)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <div role="group" aria-label={t('clips.library.show')}>
          {FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              class="btn"
              aria-pressed={lib.filter.value === f}
              data-testid={`library-filter-${f}`}
              onClick={() => (lib.filter.value = f)}
            >
              {t(`clips.library.filters.${f}`)}
            </button>
          ))}
        </div>
        <button type="button" class="btn" data-testid="library-close" onClick={props.onClose}>
          {t('clips.library.close')}
        </button>
      </div>
      {lib.failed.value ? <StatusBanner tone="bad">{t('clips.library.loadFailed')}</StatusBanner> : null}
      <p role="status">{t('clips.library.count', { shown: shown.length, total: lib.items.value.length })}</p>
      {[...groups].map(([flow, items]) => (
        <section key={flow} class="library-group" aria-labelledby={`lib-${flow || 'pictograms'}`}>
          <h3 id={`lib-${flow || 'pictograms'}`}>
            {flow ? FLOWS_BY_ID.get(flow)?.title[lng] : t('clips.library.pictograms')}
          </h3>
          <ul class="library-list">
            {items.map((item) => (
              <li
                key={item.target.id}
                data-testid={`library-item-${item.target.id}`}
                data-status={item.status}
              >
                <PictogramFigure id={item.target.pictogram} size={40} showLabel={false} />
                <span class="library-kind">{t(`clips.library.kinds.${item.target.kind}`)}</span>
                <span class="library-text">
                  <span lang="ar" dir="rtl">
                    {item.target.text.ar}
                  </span>
                  <span class="hint" lang="en" dir="ltr">
                    {item.target.text.en}
                  </span>
                </span>
                <span class="library-status" data-status={item.status}>
                  <span aria-hidden="true">{MARK[item.status]}</span>{' '}
                  {item.status === 'pending'
                    ? t('clips.library.status.pending', { count: item.pending })
                    : t(`clips.library.status.${item.status}`)}
                  {item.rejected ? (
                    <span class="hint"> {t('clips.library.status.rejected', { reason: item.rejected })}</span>
                  ) : null}
                </span>
                <button
                  type="button"
                  class="btn"
                  data-testid={`library-record-${item.target.id}`}
                  aria-label={t('clips.library.recordFor', { text: item.target.text[lng] })}
                  onClick={() => (lib.recording.value = item.target)}
                >
                  {t('clips.library.record')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { language, useT } from '../i18n/i18n.ts';
import { Chart } from './Chart.tsx';

interface HistoryData {
  hours: number[];
  requests: number[];
  abandoned: number[];
  asaS: Array<number | null>;
  occupancy: number[];
}
interface RecordRow {
  id: string;
  requestedAt: number;
  kiosk: string;
  interpreter: string | null;
  outcome: string | null;
  waitS: number | null;
  lengthS: number | null;
  goodVideoShare: number | null;
  ratingKiosk: number | null;
}
type Filter = { from: string; to: string; kiosk: string; interpreter: string; outcome: string };
const OUTCOMES = ['', 'answered', 'cancelled', 'abandoned', 'fallback', 'failed', 'open'] as const;

const query = (f: Filter, page?: number) =>
  new URLSearchParams([
    ...Object.entries(f).filter(([, v]) => v !== ''),
    ...(page === undefined ? [] : [['page', String(page)]]),
  ]).toString();

/** The last 7 or 30 days as charts, and the call records: filtered and paged on the server, CSV. */
export function History() {
  const t = useT();
  const [days, setDays] = useState<7 | 30>(7);
  const [history, setHistory] = useState<HistoryData | null>(null);
  const [filter, setFilter] = useState<Filter>({ from: '', to: '', kiosk: '', interpreter: '', outcome: '' });
  const [page, setPage] = useState(0);
  const [records, setRecords] = useState<{ rows: RecordRow[]; total: number; pageSize: number } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    void fetch(`/api/admin/history?days=${days}`)
      .then((r) => r.json() as Promise<HistoryData & { ok: boolean }>)
      .then(
        (h) => (h.ok ? setHistory(h) : setFailed(true)),
        () => setFailed(true),
      );
  }, [days]);
  useEffect(() => {
    void fetch(`/api/admin/records?${query(filter, page)}`)
      .then((r) => r.json() as Promise<{ ok: boolean; rows: RecordRow[]; total: number; pageSize: number }>)
      .then(
        (r) => (r.ok ? setRecords(r) : setFailed(true)),
        () => setFailed(true),
      );
  }, [filter, page]);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const when = (ms: number) =>
    new Date(ms).toLocaleString(language.value === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB');
  const pages = records ? Math.max(1, Math.ceil(records.total / records.pageSize)) : 1;
  return (
    <div class="history" data-testid="history">
      {failed ? <p role="alert">{t('supervisor.history.failed')}</p> : null}
      <section class="card wide" aria-labelledby="charts-h">
        <h2 id="charts-h">{t('supervisor.history.heading', { days })}</h2>
        <div class="toolbar">
          {([7, 30] as const).map((d) => (
            <button key={d} type="button" class="btn" aria-pressed={days === d} onClick={() => setDays(d)}>
              {t('supervisor.history.days', { days: d })}
            </button>
          ))}
        </div>
        {history ? (
          <>
            <p data-testid="history-totals">
              {t('supervisor.history.totals', {
                requests: sum(history.requests),
                abandoned: sum(history.abandoned),
              })}
            </p>
            <Chart
              timeLabel={t('supervisor.admin.when')}
              testId="chart-requests"
              title={t('supervisor.history.requests')}
              summary={t('supervisor.history.totals', {
                requests: sum(history.requests),
                abandoned: sum(history.abandoned),
              })}
              x={history.hours}
              series={[
                { label: t('supervisor.level.requests'), values: history.requests, stroke: '#0b3d2e' },
                {
                  label: t('supervisor.level.abandoned'),
                  values: history.abandoned,
                  stroke: '#9b1c1c',
                  dash: [6, 4],
                },
              ]}
            />
            <Chart
              timeLabel={t('supervisor.admin.when')}
              testId="chart-asa"
              title={t('supervisor.history.asa')}
              summary={t('supervisor.history.asa')}
              x={history.hours}
              series={[{ label: t('supervisor.level.asa'), values: history.asaS, stroke: '#1d4ed8' }]}
            />
            <Chart
              timeLabel={t('supervisor.admin.when')}
              testId="chart-occupancy"
              title={t('supervisor.history.occupancy')}
              summary={t('supervisor.history.occupancy')}
              x={history.hours}
              series={[
                { label: t('supervisor.history.occupancy'), values: history.occupancy, stroke: '#6b21a8' },
              ]}
            />
          </>
        ) : null}
      </section>

      <section class="card wide" aria-labelledby="records-h">
        <h2 id="records-h">{t('supervisor.records.heading')}</h2>
        <form
          class="inline-form"
          data-testid="records-filter"
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            setPage(0);
            setFilter({
              from: String(data.get('from') ?? ''),
              to: String(data.get('to') ?? ''),
              kiosk: String(data.get('kiosk') ?? '').trim(),
              interpreter: String(data.get('interpreter') ?? '').trim(),
              outcome: String(data.get('outcome') ?? ''),
            });
          }}
        >
          <label class="field">
            <span>{t('supervisor.records.from')}</span>
            <input type="date" name="from" />
          </label>
          <label class="field">
            <span>{t('supervisor.records.to')}</span>
            <input type="date" name="to" />
          </label>
          <label class="field">
            <span>{t('supervisor.kiosk')}</span>
            <input name="kiosk" maxLength={60} />
          </label>
          <label class="field">
            <span>{t('supervisor.records.interpreter')}</span>
            <input name="interpreter" maxLength={60} />
          </label>
          <label class="field">
            <span>{t('supervisor.records.outcome')}</span>
            <select name="outcome">
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`supervisor.outcome.${o || 'any'}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="btn btn-primary">
            {t('supervisor.records.apply')}
          </button>
          <a class="btn" href={`/api/admin/records.csv?${query(filter)}`} download data-testid="records-csv">
            {t('supervisor.records.csv')}
          </a>
        </form>
        {records ? (
          <>
            <p role="status" data-testid="records-total">
              {t('supervisor.records.total', { n: records.total, page: page + 1, pages })}
            </p>
            <table data-testid="records">
              <thead>
                <tr>
                  <th scope="col">{t('supervisor.admin.when')}</th>
                  <th scope="col">{t('supervisor.kiosk')}</th>
                  <th scope="col">{t('supervisor.records.interpreter')}</th>
                  <th scope="col">{t('supervisor.records.outcome')}</th>
                  <th scope="col">{t('supervisor.queue.waited')}</th>
                  <th scope="col">{t('supervisor.records.length')}</th>
                  <th scope="col">{t('supervisor.level.goodVideo')}</th>
                  <th scope="col">{t('supervisor.records.rating')}</th>
                </tr>
              </thead>
              <tbody>
                {records.rows.map((r) => (
                  <tr key={r.id}>
                    <td>{when(r.requestedAt)}</td>
                    <td>{r.kiosk}</td>
                    <td>{r.interpreter ?? '—'}</td>
                    <td>
                      {t(
                        `supervisor.outcome.${(r.outcome ?? 'open') as Exclude<(typeof OUTCOMES)[number], ''>}`,
                      )}
                    </td>
                    <td>{r.waitS === null ? '—' : t('supervisor.seconds', { n: r.waitS })}</td>
                    <td>{r.lengthS === null ? '—' : t('supervisor.seconds', { n: r.lengthS })}</td>
                    <td>
                      {r.goodVideoShare === null
                        ? '—'
                        : t('supervisor.percent', { n: Math.round(r.goodVideoShare * 100) })}
                    </td>
                    <td>{r.ratingKiosk === null ? '—' : t(`rating.r${r.ratingKiosk as 1 | 2 | 3}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div class="toolbar">
              <button type="button" class="btn" disabled={page === 0} onClick={() => setPage(page - 1)}>
                {t('supervisor.records.previous')}
              </button>
              <button
                type="button"
                class="btn"
                disabled={page + 1 >= pages}
                onClick={() => setPage(page + 1)}
              >
                {t('supervisor.records.next')}
              </button>
            </div>
          </>
        ) : null}
      </section>
    </div>
  );
}

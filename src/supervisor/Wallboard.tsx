import { language, useT } from '../i18n/i18n.ts';
import type { Wallboard as Board } from '../protocol/index.ts';
import { useNow } from '../ui/use-now.ts';
import type { Clock } from '../util/clock.ts';

const mmss = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** One service-level figure as a number and a bar, with its meaning in words (never colour alone). */
function Level(props: { label: string; share: number | null; target?: number; testId: string }) {
  const t = useT();
  const meets = props.target === undefined || props.share === null ? null : props.share >= props.target;
  return (
    <div class="level" data-testid={props.testId}>
      <span class="level-label">{props.label}</span>
      <span class="level-value">
        {props.share === null ? '—' : t('supervisor.percent', { n: Math.round(props.share * 100) })}
      </span>
      <progress
        max={100}
        value={props.share === null ? 0 : Math.round(props.share * 100)}
        aria-label={props.label}
      />
      {meets === null ? null : (
        <span class="level-verdict" data-meets={String(meets)}>
          {meets ? t('supervisor.level.meets') : t('supervisor.level.below')}
        </span>
      )}
    </div>
  );
}

export function Wallboard({ board, clock }: { board: Board; clock: Clock }) {
  const t = useT();
  const now = useNow(clock);
  const { level } = board;
  return (
    <div class="wallboard" data-testid="wallboard">
      <section aria-labelledby="level-h" class="card">
        <h2 id="level-h">{t('supervisor.level.heading')}</h2>
        <dl class="figures">
          <div>
            <dt>{t('supervisor.level.requests')}</dt>
            <dd data-testid="level-requests">{level.requests}</dd>
          </div>
          <div>
            <dt>{t('supervisor.level.answered')}</dt>
            <dd data-testid="level-answered">{level.answered}</dd>
          </div>
          <div>
            <dt>{t('supervisor.level.abandoned')}</dt>
            <dd data-testid="level-abandoned">{level.abandoned}</dd>
          </div>
          <div>
            <dt>{t('supervisor.level.asa')}</dt>
            <dd data-testid="level-asa">
              {level.asaS === null ? '—' : t('supervisor.seconds', { n: level.asaS })}
            </dd>
          </div>
        </dl>
        <Level label={t('supervisor.level.within', { s: 30 })} share={level.within30} testId="level-30" />
        <Level
          label={t('supervisor.level.withinTarget', {
            s: level.target.withinS,
            target: Math.round(level.target.share * 100),
          })}
          share={level.withinTarget}
          target={level.target.share}
          testId="level-60"
        />
        <Level label={t('supervisor.level.within', { s: 120 })} share={level.within120} testId="level-120" />
        <Level label={t('supervisor.level.goodVideo')} share={level.goodVideoShare} testId="level-video" />
        <dl class="figures">
          <div>
            <dt>{t('supervisor.level.citizenRating')}</dt>
            <dd data-testid="level-citizen-rating">{level.citizenRating ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('supervisor.level.connectionRating')}</dt>
            <dd data-testid="level-connection-rating">{level.connectionRating ?? '—'}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="queue-h" class="card">
        <h2 id="queue-h">{t('supervisor.queue.heading', { n: board.queue.length })}</h2>
        {board.queue.length === 0 ? (
          <p data-testid="queue-empty">{t('supervisor.queue.empty')}</p>
        ) : (
          <table data-testid="queue">
            <thead>
              <tr>
                <th scope="col">{t('supervisor.kiosk')}</th>
                <th scope="col">{t('supervisor.queue.waited')}</th>
                <th scope="col">{t('supervisor.queue.preference')}</th>
                <th scope="col">{t('supervisor.queue.state')}</th>
              </tr>
            </thead>
            <tbody>
              {board.queue.map((q) => (
                <tr key={`${q.kioskName}-${q.requestedAt}`}>
                  <td>{q.kioskName}</td>
                  <td>{mmss(now - q.requestedAt)}</td>
                  <td>
                    {t(`supervisor.gender.${q.gender}`)} · {q.language}
                  </td>
                  <td>{q.ringing ? t('supervisor.queue.ringing') : t('supervisor.queue.waiting')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="interpreters-h" class="card">
        <h2 id="interpreters-h">{t('supervisor.interpreters.heading')}</h2>
        {board.interpreters.length === 0 ? (
          <p>{t('supervisor.interpreters.none')}</p>
        ) : (
          <table data-testid="interpreters">
            <thead>
              <tr>
                <th scope="col">{t('supervisor.name')}</th>
                <th scope="col">{t('supervisor.interpreters.status')}</th>
                <th scope="col">{t('supervisor.interpreters.for')}</th>
                <th scope="col">{t('supervisor.interpreters.call')}</th>
              </tr>
            </thead>
            <tbody>
              {board.interpreters.map((i) => (
                <tr key={i.name} data-status={i.status}>
                  <td>{i.name}</td>
                  <td>{t(`supervisor.presence.${i.status}`)}</td>
                  <td>{mmss(now - i.since)}</td>
                  <td>
                    {i.callStartedAt === null
                      ? '—'
                      : `${mmss(now - i.callStartedAt)}${i.callKiosk ? ` · ${i.callKiosk}` : ''}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="kiosks-h" class="card">
        <h2 id="kiosks-h">{t('supervisor.kiosks.heading')}</h2>
        <table data-testid="kiosks">
          <thead>
            <tr>
              <th scope="col">{t('supervisor.kiosk')}</th>
              <th scope="col">{t('supervisor.kiosks.counter')}</th>
              {board.office === null ? <th scope="col">{t('supervisor.office')}</th> : null}
              <th scope="col">{t('supervisor.kiosks.activity')}</th>
              <th scope="col">{t('supervisor.kiosks.lastSeen')}</th>
              <th scope="col">{t('supervisor.kiosks.selfTest')}</th>
            </tr>
          </thead>
          <tbody>
            {board.kiosks.map((k) => (
              <tr key={k.id} data-testid={`kiosk-${k.id}`} data-activity={k.activity}>
                <td>{k.name}</td>
                <td>{k.counter}</td>
                {board.office === null ? <td>{k.office}</td> : null}
                <td>{t(`supervisor.activity.${k.activity}`)}</td>
                <td>
                  {k.online
                    ? t('supervisor.kiosks.now')
                    : k.lastSeenAt
                      ? new Date(k.lastSeenAt).toLocaleString(
                          language.value === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB',
                        )
                      : t('supervisor.kiosks.never')}
                </td>
                <td data-testid={`self-test-${k.id}`} data-failed={k.selfTest?.failed.join(',') ?? ''}>
                  {k.selfTest === null
                    ? t('supervisor.kiosks.never')
                    : k.selfTest.failed.length === 0
                      ? `✓ ${t('supervisor.kiosks.selfTestPassed')}`
                      : `⚠ ${t('supervisor.kiosks.selfTestFailed', {
                          checks: k.selfTest.failed
                            .map((c) => t(`kiosk.staff.checks.${c}`))
                            .join(t('kiosk.listJoin')),
                        })}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

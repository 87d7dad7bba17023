import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import {
  SIGN_LANGUAGES,
  SKILLS,
  TRANSFER_REASONS,
  type SignLanguage,
  type Skill,
  type TransferReason,
} from '../protocol/index.ts';
import { StatusBanner } from '../ui/StatusBanner.tsx';
import { useNow } from '../ui/use-now.ts';
import { VideoTile } from '../ui/VideoTile.tsx';
import type { InterpreterStore } from './interpreter-store.ts';

/**
 * More than one interpreter, on the console in a call: why this interpreter joined (and the note
 * left for them), hand the call on with a reason, invite a teammate or a Deaf interpreter, the
 * teammate's video, who signs now, and the private back-channel. Long alone in a call, it suggests
 * a teammate.
 */
export function TeamPanel({ store }: { store: InterpreterStore }) {
  const t = useT();
  const now = useNow(store.clock);
  const [transferring, setTransferring] = useState(false);
  const team = store.team.value;
  if (!team) return null;
  const { mate, join } = team;
  return (
    <section class="team" aria-labelledby="team-h" data-testid="team">
      <h2 id="team-h">{t('interpreter.team.heading')}</h2>
      {join ? (
        <StatusBanner testId="join-info" tone="info">
          {t(join.kind === 'transfer' ? 'interpreter.team.joinedTransfer' : 'interpreter.team.joinedTeam', {
            from: join.from,
          })}
          {join.reason ? ` ${t(`interpreter.team.reasons.${join.reason}`)}.` : ''}
          {join.note ? ` ${t('interpreter.team.note')}: ${join.note}` : ''}
        </StatusBanner>
      ) : null}
      {team.joining ? (
        <div class="controls">
          <StatusBanner testId="joining" tone="info">
            {t(
              team.joining === 'transfer'
                ? 'interpreter.team.lookingTransfer'
                : 'interpreter.team.lookingTeam',
            )}
          </StatusBanner>
          <button type="button" class="btn" data-testid="join-cancel" onClick={() => void store.cancelJoin()}>
            {t('interpreter.team.cancel')}
          </button>
        </div>
      ) : mate ? (
        <>
          <VideoTile stream={team.mateStream} label={mate.name} testId="mate-video" />
          <fieldset class="signing-now">
            <legend>{t('interpreter.team.signingNow')}</legend>
            {[
              { leg: team.own, label: t('interpreter.team.me') },
              { leg: mate.leg, label: mate.name },
            ].map((o) => (
              <label key={o.leg}>
                <input
                  type="radio"
                  name="signing-now"
                  data-testid={o.leg === team.own ? 'signing-me' : 'signing-mate'}
                  checked={(team.active ?? '') === o.leg}
                  onChange={() => void store.setActive(o.leg)}
                />
                {o.label}
              </label>
            ))}
          </fieldset>
          <Backchannel store={store} lines={team.backchannel} mate={mate.name} />
        </>
      ) : transferring ? (
        <TransferForm store={store} onDone={() => setTransferring(false)} />
      ) : (
        <>
          {team.promptAt !== null && now >= team.promptAt ? (
            <StatusBanner testId="team-prompt" tone="info">
              {t('interpreter.team.prompt')}
            </StatusBanner>
          ) : null}
          <div class="controls">
            <button type="button" class="btn" data-testid="transfer" onClick={() => setTransferring(true)}>
              {t('interpreter.team.transfer')}
            </button>
            <button type="button" class="btn" data-testid="invite" onClick={() => void store.invite(false)}>
              {t('interpreter.team.invite')}
            </button>
            <button
              type="button"
              class="btn"
              data-testid="invite-deaf"
              onClick={() => void store.invite(true)}
            >
              {t('interpreter.team.inviteDeaf')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function TransferForm({ store, onDone }: { store: InterpreterStore; onDone: () => void }) {
  const t = useT();
  const [reason, setReason] = useState<TransferReason>('recusal');
  const [language, setLanguage] = useState<SignLanguage>(SIGN_LANGUAGES[0]);
  const [skill, setSkill] = useState<Skill>(SKILLS[0]);
  const [note, setNote] = useState('');
  return (
    <form
      class="transfer-form"
      data-testid="transfer-form"
      onSubmit={(e) => {
        e.preventDefault();
        const extra =
          reason === 'language' ? { language } : reason === 'specialty' ? { skills: [skill] } : {};
        void store
          .transfer({ reason, ...extra, ...(note.trim() ? { note: note.trim() } : {}) })
          .then((ok) => ok && onDone());
      }}
    >
      <label class="field">
        <span>{t('interpreter.team.reason')}</span>
        <select value={reason} onChange={(e) => setReason(e.currentTarget.value as TransferReason)}>
          {TRANSFER_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`interpreter.team.reasons.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {reason === 'language' ? (
        <label class="field">
          <span>{t('interpreter.team.language')}</span>
          <select value={language} onChange={(e) => setLanguage(e.currentTarget.value as SignLanguage)}>
            {SIGN_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`languages.${l}`)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {reason === 'specialty' ? (
        <label class="field">
          <span>{t('interpreter.team.skill')}</span>
          <select value={skill} onChange={(e) => setSkill(e.currentTarget.value as Skill)}>
            {SKILLS.map((s) => (
              <option key={s} value={s}>
                {t(`supervisor.skills.${s}`)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label class="field">
        <span>{t('interpreter.team.noteForNext')}</span>
        <textarea maxLength={300} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <div class="controls">
        <button type="submit" class="btn btn-primary" data-testid="transfer-send">
          {t('interpreter.team.transferSend')}
        </button>
        <button type="button" class="btn" onClick={onDone}>
          {t('supervisor.admin.cancel')}
        </button>
      </div>
    </form>
  );
}

function Backchannel(props: {
  store: InterpreterStore;
  lines: Array<{ text: string; from: string; mine: boolean }>;
  mate: string;
}) {
  const t = useT();
  const [text, setText] = useState('');
  return (
    <section class="backchannel" aria-labelledby="backchannel-h" data-testid="backchannel">
      <h3 id="backchannel-h">{t('interpreter.team.backchannel', { name: props.mate })}</h3>
      <ol aria-live="polite" data-testid="backchannel-lines">
        {props.lines.map((l, i) => (
          <li key={i}>
            <strong>{l.mine ? t('interpreter.team.me') : l.from}:</strong> <bdi>{l.text}</bdi>
          </li>
        ))}
      </ol>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const line = text.trim();
          if (line) void props.store.sendBackchannel(line).then((ok) => ok && setText(''));
        }}
      >
        <label class="field">
          <span>{t('interpreter.team.backchannelLine')}</span>
          <input
            data-testid="backchannel-input"
            maxLength={500}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="btn">
          {t('interpreter.team.send')}
        </button>
      </form>
    </section>
  );
}

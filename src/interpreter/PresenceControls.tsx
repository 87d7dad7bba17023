import { useT } from '../i18n/i18n.ts';
import { formatDuration } from '../ui/format.ts';
import { useNow } from '../ui/use-now.ts';
import type { InterpreterStore } from './interpreter-store.ts';

const CHOICES = ['available', 'break', 'offline'] as const;

/** Available / break / offline, the presence the server holds, and the wrap-up countdown. */
export function PresenceControls({ store }: { store: InterpreterStore }) {
  const t = useT();
  const now = useNow(store.clock);
  const presence = store.presence.value;
  // Ringing, in a call and wrap-up are all part of working: the choice stays on "available".
  const shown =
    store.pendingPresence.value ?? (presence === 'break' || presence === 'offline' ? presence : 'available');
  const locked = presence === 'ringing' || presence === 'in-call';
  const disabled =
    locked || store.busy.value || !store.localStream.value || store.connection.value !== 'online';
  const wrapUpEndsAt = store.wrapUpEndsAt.value;

  return (
    <div class="toolbar">
      <fieldset class="segmented" data-testid="presence-controls">
        <legend class="sr-only">{t('interpreter.presenceGroup')}</legend>
        {CHOICES.map((c) => (
          <label key={c} class="segment">
            <input
              type="radio"
              name="presence"
              value={c}
              data-testid={`presence-${c}`}
              checked={shown === c}
              disabled={disabled}
              onChange={() => void store.setPresence(c)}
            />
            <span>{t(`interpreter.presence.${c}`)}</span>
          </label>
        ))}
      </fieldset>
      <span
        class="badge"
        data-testid="presence"
        data-state={presence}
        data-tone={presence === 'offline' ? 'bad' : 'ok'}
      >
        <span class="dot" aria-hidden="true" />
        {t('interpreter.presenceLabel', { status: t(`interpreter.presence.${presence}`) })}
      </span>
      {presence === 'wrap-up' && wrapUpEndsAt !== null ? (
        <span class="wrap-up" data-testid="wrap-up">
          {t('interpreter.wrapUp', { time: formatDuration((wrapUpEndsAt - now) / 1000) })}
          <button type="button" class="btn" onClick={() => void store.setPresence('available')}>
            {t('interpreter.readyNow')}
          </button>
        </span>
      ) : null}
    </div>
  );
}

import { useT } from '../i18n/i18n.ts';
import { askNotificationPermission, notifyPermission, soundOn } from './alerts.ts';

export function AlertSettings() {
  const t = useT();
  const permission = notifyPermission.value;
  return (
    <div class="toolbar" data-testid="alert-settings">
      <label class="option">
        <input
          type="checkbox"
          checked={soundOn.value}
          onChange={(e) => (soundOn.value = e.currentTarget.checked)}
        />
        {t('interpreter.alerts.sound')}
      </label>
      {permission === 'default' ? (
        <button type="button" class="btn" onClick={() => void askNotificationPermission()}>
          {t('interpreter.alerts.notify')}
        </button>
      ) : permission === 'granted' ? (
        <span>{t('interpreter.alerts.notifyOn')}</span>
      ) : null}
    </div>
  );
}

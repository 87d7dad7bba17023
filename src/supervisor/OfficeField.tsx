import { useT } from '../i18n/i18n.ts';
import type { SupervisorStore } from './supervisor-store.ts';

/** An admin picks an existing office (offices are made in the offices panel, so a typo makes none). */
export function OfficeField(props: {
  store: SupervisorStore;
  value: string;
  required?: boolean;
  onChange: (office: string) => void;
}) {
  const t = useT();
  return (
    <label class="field">
      <span>{t('supervisor.office')}</span>
      <select
        required={props.required}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <option value="">{props.required ? '—' : t('supervisor.admin.none')}</option>
        {props.store.offices.value.map((o) => (
          <option key={o.name} value={o.name}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}

import { useLayoutEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import type { AdminPerson } from '../net/admin.ts';

type Role = AdminPerson['role'];

/** A role picker, among the roles the actor may give. */
export function RoleField(props: { roles: Role[]; value: Role; onChange: (role: Role) => void }) {
  const t = useT();
  return (
    <label class="field">
      <span>{t('supervisor.admin.role')}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value as Role)}>
        {props.roles.map((r) => (
          <option key={r} value={r}>
            {t(`supervisor.roles.${r}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The end of a change form: save (submits) and cancel. */
export function SaveCancel({ onCancel }: { onCancel: () => void }) {
  const t = useT();
  return (
    <>
      <button type="submit" class="btn btn-primary">
        {t('supervisor.admin.save')}
      </button>
      <button type="button" class="btn" onClick={onCancel}>
        {t('supervisor.admin.cancel')}
      </button>
    </>
  );
}

/** A labelled text input; `autoFocus` focuses it once, when a form opens. */
export function TextField(props: {
  label: string;
  value: string;
  onValue: (value: string) => void;
  maxLength?: number;
  required?: boolean;
  autoFocus?: boolean;
  dir?: 'ltr';
  pattern?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  // Before the browser paints (and before a click can land elsewhere): focus never jumps under the user.
  useLayoutEffect(() => void (props.autoFocus && input.current?.focus()), []);
  return (
    <label class="field">
      <span>{props.label}</span>
      <input
        ref={input}
        required={props.required}
        maxLength={props.maxLength}
        dir={props.dir}
        pattern={props.pattern}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
    </label>
  );
}

import { useT } from '../i18n/i18n.ts';
import {
  GENDERS,
  SIGN_LANGUAGES,
  SKILLS,
  type Gender,
  type SignLanguage,
  type Skill,
} from '../protocol/index.ts';

export interface InterpreterDetails {
  gender: Gender;
  languages: SignLanguage[];
  skills: Skill[];
}

const toggle = <T,>(list: T[], item: T, on: boolean) =>
  on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);

/** An interpreter's gender, sign languages and skills (checkbox groups with a legend each). */
export function InterpreterFields(props: {
  value: InterpreterDetails;
  onChange: (d: InterpreterDetails) => void;
}) {
  const t = useT();
  const d = props.value;
  return (
    <>
      <label class="field">
        <span>{t('supervisor.admin.gender')}</span>
        <select
          value={d.gender}
          onChange={(e) => props.onChange({ ...d, gender: e.currentTarget.value as Gender })}
        >
          {GENDERS.map((g) => (
            <option key={g} value={g}>
              {t(`supervisor.genders.${g}`)}
            </option>
          ))}
        </select>
      </label>
      <CheckGroup
        legend={t('supervisor.admin.signLanguages')}
        options={SIGN_LANGUAGES}
        labelOf={(l) => t(`languages.${l}`)}
        value={d.languages}
        onChange={(languages) => props.onChange({ ...d, languages })}
      />
      <CheckGroup
        legend={t('supervisor.admin.skills')}
        options={SKILLS}
        labelOf={(s) => t(`supervisor.skills.${s}`)}
        value={d.skills}
        onChange={(skills) => props.onChange({ ...d, skills })}
      />
    </>
  );
}

/** A group of checkboxes with a legend: which of `options` are chosen. */
function CheckGroup<T extends string>(props: {
  legend: string;
  options: readonly T[];
  labelOf: (option: T) => string;
  value: T[];
  onChange: (value: T[]) => void;
}) {
  return (
    <fieldset class="checks">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o}>
          <input
            type="checkbox"
            checked={props.value.includes(o)}
            onChange={(e) => props.onChange(toggle(props.value, o, e.currentTarget.checked))}
          />{' '}
          {props.labelOf(o)}
        </label>
      ))}
    </fieldset>
  );
}

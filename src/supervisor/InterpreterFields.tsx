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
      <fieldset class="checks">
        <legend>{t('supervisor.admin.signLanguages')}</legend>
        {SIGN_LANGUAGES.map((l) => (
          <label key={l}>
            <input
              type="checkbox"
              checked={d.languages.includes(l)}
              onChange={(e) =>
                props.onChange({ ...d, languages: toggle(d.languages, l, e.currentTarget.checked) })
              }
            />{' '}
            {t(`languages.${l}`)}
          </label>
        ))}
      </fieldset>
      <fieldset class="checks">
        <legend>{t('supervisor.admin.skills')}</legend>
        {SKILLS.map((s) => (
          <label key={s}>
            <input
              type="checkbox"
              checked={d.skills.includes(s)}
              onChange={(e) => props.onChange({ ...d, skills: toggle(d.skills, s, e.currentTarget.checked) })}
            />{' '}
            {t(`supervisor.skills.${s}`)}
          </label>
        ))}
      </fieldset>
    </>
  );
}

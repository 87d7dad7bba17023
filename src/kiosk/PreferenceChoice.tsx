import anyIcon from '../../assets/pictograms/interpreter-any.svg';
import femaleIcon from '../../assets/pictograms/interpreter-female.svg';
import maleIcon from '../../assets/pictograms/interpreter-male.svg';
import { useT } from '../i18n/i18n.ts';
import { GENDER_PREFS, type GenderPref } from '../protocol/index.ts';
import type { KioskStore } from './kiosk-store.ts';

const ICONS: Record<GenderPref, string> = { any: anyIcon, female: femaleIcon, male: maleIcon };

/** The citizen's choices before calling: who interprets (pictograms first), and the sign language. */
export function PreferenceChoice({ store }: { store: KioskStore }) {
  const t = useT();
  const languages = store.languages.value;
  return (
    <div class="prefs">
      <fieldset class="choice" data-testid="gender-choice">
        <legend>{t('kiosk.gender.heading')}</legend>
        {GENDER_PREFS.map((g) => (
          <label key={g} class="choice-option">
            <input
              type="radio"
              name="gender"
              value={g}
              checked={store.genderPref.value === g}
              onChange={() => (store.genderPref.value = g)}
            />
            <img src={ICONS[g]} alt="" width={72} height={72} />
            <span>{t(`kiosk.gender.${g}`)}</span>
          </label>
        ))}
      </fieldset>
      {languages.length > 1 ? (
        <label class="field">
          <span>{t('kiosk.language')}</span>
          <select
            data-testid="language-choice"
            value={store.languagePref.value ?? languages[0]}
            onChange={(e) => (store.languagePref.value = e.currentTarget.value as (typeof languages)[number])}
          >
            {languages.map((l) => (
              <option key={l} value={l}>
                {t(`languages.${l}`)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </div>
  );
}

import { useT } from '../i18n/i18n.ts';

/** The Arabic keyboard layout (as on Arabic PC keyboards), plus digits for ID and phone numbers. */
const ROWS = [
  ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
  ['ض', 'ص', 'ث', 'ق', 'ف', 'غ', 'ع', 'ه', 'خ', 'ح', 'ج', 'د'],
  ['ش', 'س', 'ي', 'ب', 'ل', 'ا', 'ت', 'ن', 'م', 'ك', 'ط'],
  ['ئ', 'ء', 'ؤ', 'ر', 'ى', 'ة', 'و', 'ز', 'ظ', 'ذ', 'أ', 'إ'],
];

/** An on-screen keyboard for the touch screen: every key is a real button (≥ 48 px), right to left. */
export function ArabicKeyboard(props: { onKey: (text: string) => void; onBackspace: () => void }) {
  const t = useT();
  return (
    <div
      class="keyboard"
      role="group"
      aria-label={t('counter.chat.keyboard')}
      dir="rtl"
      data-testid="keyboard"
    >
      {ROWS.map((row, i) => (
        <div key={i} class="key-row">
          {row.map((key) => (
            <button key={key} type="button" class="key" lang="ar" onClick={() => props.onKey(key)}>
              {key}
            </button>
          ))}
        </div>
      ))}
      <div class="key-row">
        <button type="button" class="key key-wide" onClick={() => props.onKey('؟')}>
          ؟
        </button>
        <button type="button" class="key key-space" onClick={() => props.onKey(' ')}>
          {t('counter.chat.space')}
        </button>
        <button type="button" class="key key-wide" data-testid="key-backspace" onClick={props.onBackspace}>
          {t('counter.chat.backspace')}
        </button>
      </div>
    </div>
  );
}

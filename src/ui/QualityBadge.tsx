import type { QualityLevel } from '../call/quality.ts';
import { useT } from '../i18n/i18n.ts';

const BARS: Record<QualityLevel, number> = { good: 3, usable: 2, poor: 1 };

/** Signal bars and a word: the level is never shown by colour alone. */
export function QualityBadge({ level }: { level: QualityLevel }) {
  const t = useT();
  const bars = BARS[level];
  return (
    <span class="badge quality" data-level={level} data-testid="quality">
      <svg width="28" height="24" viewBox="0 0 28 24" aria-hidden="true">
        {[0, 1, 2].map((i) => (
          <rect
            key={i}
            x={i * 10}
            y={16 - i * 7}
            width="7"
            height={8 + i * 7}
            rx="1"
            class={i < bars ? 'on' : 'off'}
          />
        ))}
      </svg>
      {t('video.quality.label', { level: t(`video.quality.${level}`) })}
    </span>
  );
}

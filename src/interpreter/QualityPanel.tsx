import type { QualityLevel, QualitySample } from '../call/quality.ts';
import { useT } from '../i18n/i18n.ts';
import { QualityBadge } from '../ui/QualityBadge.tsx';

const dims = (w: number | null, h: number | null) => (w && h ? `${w}×${h}` : '—');
const fps = (f: number | null) => (f === null ? '—' : String(Math.round(f)));

/** The call's numbers for the interpreter, and the incoming video's level against EN 301 549 §6.5. */
export function QualityPanel({ sample, level }: { sample: QualitySample; level: QualityLevel }) {
  const t = useT();
  const q = 'video.quality' as const;
  return (
    <section class="glance" aria-labelledby="quality-heading" data-testid="quality-panel">
      <h2 id="quality-heading">{t(`${q}.heading`)}</h2>
      <QualityBadge level={level} />
      <dl dir="ltr">
        <Item
          label={`${t(`${q}.incoming`)} (${t(`${q}.fps`)})`}
          value={`${fps(sample.inFps)} · ${dims(sample.inWidth, sample.inHeight)}`}
        />
        <Item
          label={`${t(`${q}.outgoing`)} (${t(`${q}.fps`)})`}
          value={`${fps(sample.outFps)} · ${dims(sample.outWidth, sample.outHeight)}`}
        />
        <Item label={t(`${q}.rtt`)} value={sample.rttMs === null ? '—' : `${sample.rttMs} ms`} />
        <Item
          label={t(`${q}.loss`)}
          value={sample.lossRatio === null ? '—' : `${(sample.lossRatio * 100).toFixed(1)} %`}
        />
        <Item label={t(`${q}.jitter`)} value={sample.jitterMs === null ? '—' : `${sample.jitterMs} ms`} />
        <Item
          label={t(`${q}.bitrate`)}
          value={sample.availableOutKbps === null ? '—' : `${sample.availableOutKbps} kbps`}
        />
      </dl>
    </section>
  );
}

function Item(props: { label: string; value: string }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </div>
  );
}

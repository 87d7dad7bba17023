import framingIcon from '../../assets/pictograms/framing.svg';
import { useT } from '../i18n/i18n.ts';
import type { FramingHint } from '../vision/framing.ts';

/** Under the self view: how the camera sees the citizen, with a pictogram and one short sentence. */
export function FramingGuide({ hint }: { hint: FramingHint }) {
  const t = useT();
  return (
    <p class="framing" role="status" data-testid="framing" data-hint={hint}>
      <img src={framingIcon} alt="" width={48} height={48} />
      <span>{t(`video.framing.${hint}`)}</span>
    </p>
  );
}

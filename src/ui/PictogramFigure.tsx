import { pictogramById } from '../pictograms/catalog.ts';
import { pictogramUrl } from '../pictograms/images.ts';
import { language } from '../i18n/i18n.ts';

/** A pictogram with its label in the current language under it (the picture itself is decorative). */
export function PictogramFigure(props: { id: string; size?: number; showLabel?: boolean }) {
  const entry = pictogramById(props.id);
  const url = pictogramUrl(props.id);
  if (!entry) return null;
  const size = props.size ?? 72;
  return (
    <span class="picto" data-pictogram={props.id}>
      {url ? <img src={url} alt="" width={size} height={size} /> : null}
      {props.showLabel === false ? null : <span class="picto-label">{entry[language.value]}</span>}
    </span>
  );
}

export const pictogramLabel = (id: string): string => pictogramById(id)?.[language.value] ?? id;

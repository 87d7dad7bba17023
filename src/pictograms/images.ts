/** The URL of each pictogram's picture, resolved by Vite at build time (same-origin files). */
import { RATING_FACES, SPEAKING_ICON, pictogramById, pictogramFile } from './catalog.ts';

const FILES = import.meta.glob<string>('../../assets/pictograms/openmoji/*.svg', {
  eager: true,
  query: '?url',
  import: 'default',
});

export function pictogramUrl(id: string): string | null {
  const entry = pictogramById(id);
  return entry ? (FILES[`../../assets/pictograms/openmoji/${pictogramFile(entry)}`] ?? null) : null;
}

/** The picture of a rating face. */
export const ratingFaceUrl = (rating: 1 | 2 | 3): string =>
  FILES[`../../assets/pictograms/openmoji/${RATING_FACES[rating]}.svg`]!;

/** The picture of the speaking cue. */
export const speakingIconUrl = (): string => FILES[`../../assets/pictograms/openmoji/${SPEAKING_ICON}.svg`]!;

/** The picture on a sign-language clip's play control (OpenMoji's deaf person, the board's 'deaf'). */
export const signClipIconUrl = (): string => pictogramUrl('deaf')!;

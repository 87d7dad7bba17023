/**
 * Pictogram search for the clerk: a word or a phrase in Arabic or English → the pictograms it
 * mentions, in the order the phrase mentions them. Arabic is matched on a normalized form (no
 * diacritics or tatweel, one alef, ة→ه, ى→ي) and without the article and the common one-letter
 * prefixes (و ب ل ف ك), so "وصورة" and "الهوية" find "صورة" and "هوية".
 */
import { PICTOGRAMS, type Pictogram } from './catalog.ts';

export function normalizeArabic(text: string): string {
  return text
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .toLowerCase();
}

/** The forms of one word worth looking up: itself, and without a prefix and the article. */
function stems(word: string): string[] {
  const forms = new Set([word]);
  let w = word;
  if (w.length > 3 && /^[وفبلك]/.test(w)) {
    w = w.slice(1);
    forms.add(w);
  }
  if (w.length > 3 && w.startsWith('ال')) forms.add(w.slice(2));
  if (w.length > 3 && w.startsWith('لل')) forms.add(w.slice(2));
  if (/^[a-z]+s$/.test(word) && word.length > 3) forms.add(word.slice(0, -1));
  return [...forms];
}

const words = (text: string): string[] =>
  normalizeArabic(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2);

const STOP = new Set(
  'the a an and or of to for with in on at is are be your you my me please this that here there have has'
    .split(' ')
    .concat(['من', 'في', 'الى', 'علي', 'عن', 'مع', 'فضلك', 'هذا', 'هذه']),
);

interface Indexed {
  pictogram: Pictogram;
  /** Single-word labels and keywords, and the longer words of multi-word labels, with their stems. */
  tokens: Set<string>;
  /** Multi-word labels and keywords, normalized: they match only as a whole ("family card"). */
  phrases: string[];
}

const index: Indexed[] = PICTOGRAMS.map((pictogram) => {
  const labels = [pictogram.ar, pictogram.en].map(words);
  const keywords = [...pictogram.keywords.ar, ...pictogram.keywords.en].map(words);
  const single = [...labels, ...keywords].filter((w) => w.length === 1).flat();
  const labelWords = labels
    .filter((w) => w.length > 1)
    .flat()
    .filter((w) => w.length >= 3 && !STOP.has(w));
  return {
    pictogram,
    tokens: new Set([...single, ...labelWords].flatMap(stems)),
    phrases: [...labels, ...keywords].filter((w) => w.length > 1).map((w) => w.join(' ')),
  };
});

/** Pictograms for a word or phrase, in the order the phrase mentions them; at most `limit`. */
export function searchPictograms(query: string, limit = 8): Pictogram[] {
  const qWords = words(query);
  const hits = new Map<Pictogram, number>();
  const hit = (x: Pictogram, at: number) => hits.set(x, Math.min(at, hits.get(x) ?? Infinity));
  const consumed = new Set<number>();
  // Whole phrases first: "family record" is one thing, not a family and a record.
  for (const entry of index)
    for (const phrase of entry.phrases) {
      const len = phrase.split(' ').length;
      for (let i = 0; i + len <= qWords.length; i++) {
        const slice = qWords.slice(i, i + len);
        if (
          slice
            .map((w, k) => (k === 0 ? stems(w) : [w]))
            .every((forms, k) => forms.includes(phrase.split(' ')[k]!))
        ) {
          hit(entry.pictogram, i);
          for (let k = i; k < i + len; k++) consumed.add(k);
        }
      }
    }
  qWords.forEach((word, i) => {
    if (consumed.has(i) || STOP.has(word)) return;
    const forms = stems(word);
    const last = i === qWords.length - 1;
    for (const entry of index) {
      const exact = forms.some((f) => entry.tokens.has(f));
      // A prefix of at least three letters also counts for the last word, still being typed.
      const prefix = !exact && last && word.length >= 3 && [...entry.tokens].some((t) => t.startsWith(word));
      if (exact || prefix) hit(entry.pictogram, i);
    }
  });
  return [...hits.entries()]
    .sort((a, b) => a[1] - b[1])
    .map(([x]) => x)
    .slice(0, limit);
}

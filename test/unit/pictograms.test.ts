import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PICTOGRAMS, pictogramFile, OPENMOJI_FILES } from '../../src/pictograms/catalog.ts';
import { normalizeArabic, searchPictograms } from '../../src/pictograms/search.ts';

const ids = (query: string) => searchPictograms(query).map((x) => x.id);

describe('pictogram board', () => {
  it('has at least 40 pictograms with every one the counter needs', () => {
    expect(PICTOGRAMS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(PICTOGRAMS.map((x) => x.id)).size).toBe(PICTOGRAMS.length);
    const needed = {
      answers: ['yes', 'no', 'dont-know', 'repeat', 'slower', 'wait', 'finished', 'thank-you'],
      documents: [
        'id-card',
        'family-record',
        'birth-certificate',
        'photo',
        'fingerprint',
        'signature',
        'fee',
        'appointment',
        'form',
      ],
      people: ['me', 'child', 'father', 'mother', 'husband', 'wife'],
      needs: ['help', 'pain', 'water', 'toilet', 'sit-down'],
    };
    for (const [category, list] of Object.entries(needed))
      for (const id of list) expect(PICTOGRAMS.find((x) => x.id === id)?.category, id).toBe(category);
    for (const x of PICTOGRAMS) {
      expect(x.ar).toMatch(/\p{Script=Arabic}/u);
      expect(x.en).toMatch(/[A-Za-z]/);
    }
  });

  it('ships each picture exactly as the pinned OpenMoji package has it', () => {
    expect(OPENMOJI_FILES).toEqual(expect.arrayContaining(PICTOGRAMS.map(pictogramFile)));
    for (const file of OPENMOJI_FILES) {
      const ours = readFileSync(resolve(import.meta.dirname, '../../assets/pictograms/openmoji', file));
      const theirs = readFileSync(
        resolve(import.meta.dirname, '../../node_modules/openmoji/color/svg', file),
      );
      expect(ours.equals(theirs), file).toBe(true);
    }
  });

  it('finds pictograms from English words and phrases, in the order they are mentioned', () => {
    expect(ids('photo')).toEqual(['photo']);
    expect(ids('Bring your ID card and two photos')).toEqual(['id-card', 'photo']);
    expect(ids('the family record')).toEqual(['family-record']);
    expect(ids('pay the fee, then sign here')).toEqual(['fee', 'signature']);
    expect(ids('fing')).toEqual(['fingerprint']);
    expect(ids('zebra')).toEqual([]);
  });

  it('finds pictograms from Arabic words with the article, prefixes and spelling variants', () => {
    expect(ids('صورة')).toEqual(['photo']);
    expect(ids('أحضر بطاقة الهوية وصورة شخصية')).toEqual(['id-card', 'photo']);
    expect(ids('ادفع الرسوم')).toEqual(['fee']);
    expect(ids('انتظر')).toEqual(['wait']);
    expect(ids('سجل الاسرة')).toEqual(['family-record']);
    expect(ids('بصمه')).toEqual(['fingerprint']);
    expect(normalizeArabic('إِسْـرَاء')).toBe('اسراء');
  });
});

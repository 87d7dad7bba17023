/**
 * i18next with typed keys (from the Arabic source file). setLanguage() is the one place that changes
 * the language, and it also sets <html lang dir> so the whole page flips between RTL and LTR.
 */
import i18next from 'i18next';
import { signal } from '@preact/signals';
import { ar } from './ar.ts';
import { en } from './en.ts';
import type { Language } from './types.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ar };
  }
}

export const language = signal<Language>('ar');

export const i18n = i18next.createInstance();
void i18n.init({
  lng: 'ar',
  fallbackLng: false,
  resources: { ar: { translation: ar }, en: { translation: en } },
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

export function setLanguage(lng: Language): void {
  void i18n.changeLanguage(lng);
  document.documentElement.lang = lng;
  document.documentElement.dir = i18n.dir(lng);
  language.value = lng;
}

/** For components: reading `language` subscribes the component, so it re-renders on a switch. */
const t = i18n.t.bind(i18n);
export function useT(): typeof i18n.t {
  void language.value;
  return t;
}

import type { ar } from './ar.ts';

/** The shape of the Arabic resources with every leaf widened to string: other languages must match it. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Resources = Widen<typeof ar>;
export type Language = 'ar' | 'en';

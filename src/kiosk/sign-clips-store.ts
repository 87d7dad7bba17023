/**
 * The kiosk's sign clips: which approved clip the library has for each target (GET
 * /api/clips/approved, read at start and again as each session begins), whether the office plays a
 * step's clip once by itself, and the clips themselves, fetched only when one is to play (through
 * the offline shell, which keeps them, so a clip watched once plays without the server too) and held
 * as object URLs for the page's life. Clips are the library's, never the citizen's: nothing here is
 * wiped at session end.
 */
import { signal } from '@preact/signals';
import type { ApprovedClip, SignLanguage } from '../protocol/index.ts';

export interface SignClips {
  /** Approved clip URL for a target in the kiosk's sign language, or null. */
  urlFor(target: string): string | null;
  readonly autoplay: { readonly value: boolean };
  load(): Promise<void>;
  /** A playable (object) URL for a clip, fetched once. */
  play(url: string): Promise<string>;
  dispose(): void;
}

export function createSignClips(language: () => SignLanguage | null): SignClips {
  const byTarget = signal<ReadonlyMap<string, ApprovedClip[]>>(new Map());
  const autoplay = signal(false);
  const fetched = new Map<string, Promise<string>>();
  return {
    urlFor(target) {
      const list = byTarget.value.get(target);
      if (!list?.length) return null;
      const lang = language();
      return (lang ? list.find((c) => c.language === lang) : list[0])?.url ?? null;
    },
    autoplay,
    async load() {
      try {
        const res = await fetch('/api/clips/approved', { credentials: 'same-origin', cache: 'no-store' });
        if (!res.ok) return;
        const body = (await res.json()) as { autoplay: boolean; clips: ApprovedClip[] };
        const map = new Map<string, ApprovedClip[]>();
        for (const c of body.clips) map.set(c.target, [...(map.get(c.target) ?? []), c]);
        byTarget.value = map;
        autoplay.value = body.autoplay;
      } catch {
        // The server is away: the last list stays (clips already fetched still play).
      }
    },
    play(url) {
      let got = fetched.get(url);
      if (!got) {
        got = fetch(url, { credentials: 'same-origin' }).then(async (res) => {
          if (!res.ok) throw new Error(`clip ${res.status}`);
          return URL.createObjectURL(await res.blob());
        });
        got.catch(() => fetched.delete(url)); // tried again next time
        fetched.set(url, got);
      }
      return got;
    },
    dispose() {
      for (const p of fetched.values()) void p.then(URL.revokeObjectURL, () => {});
      fetched.clear();
    },
  };
}

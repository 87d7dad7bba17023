/**
 * The sign library screen's state: for the chosen sign language, what the library has per target
 * (approved, waiting for review) and the interpreter's own clips (with a rejection's reason), a filter,
 * and the target being recorded. Read from /api/clips/library; read again after each clip sent.
 */
import { computed, signal } from '@preact/signals';
import { CLIP_TARGETS, type ClipTarget } from '../clips/targets.ts';
import type { ClipRow, SignLanguage } from '../protocol/index.ts';

export type LibraryFilter = 'all' | 'missing' | 'pending' | 'approved';
export type TargetStatus = 'missing' | 'pending' | 'approved';

export interface LibraryItem {
  target: ClipTarget;
  status: TargetStatus;
  pending: number;
  /** The reason the interpreter's newest clip for it was rejected, when it was. */
  rejected: string | null;
}

export function createLibrary(languages: readonly SignLanguage[]) {
  const language = signal<SignLanguage>(languages[0] ?? 'sdl');
  const filter = signal<LibraryFilter>('all');
  const coverage = signal<ReadonlyMap<string, { approved: boolean; pending: number }>>(new Map());
  const mine = signal<ClipRow[]>([]);
  const failed = signal(false);
  const recording = signal<ClipTarget | null>(null);

  const items = computed<LibraryItem[]>(() =>
    CLIP_TARGETS.map((target) => {
      const c = coverage.value.get(target.id);
      const own = mine.value.find((r) => r.target === target.id && r.language === language.value);
      return {
        target,
        status: c?.approved ? 'approved' : c?.pending ? 'pending' : 'missing',
        pending: c?.pending ?? 0,
        rejected: own?.status === 'rejected' ? own.reason : null,
      };
    }),
  );
  const shown = computed(() =>
    items.value.filter((i) => filter.value === 'all' || i.status === filter.value),
  );

  async function load(): Promise<void> {
    try {
      const res = await fetch(`/api/clips/library?language=${language.value}`, {
        credentials: 'same-origin',
      });
      if (!res.ok) throw new Error(String(res.status));
      const body = (await res.json()) as {
        coverage: Array<{ target: string; approved: boolean; pending: number }>;
        mine: ClipRow[];
      };
      coverage.value = new Map(body.coverage.map((c) => [c.target, c]));
      mine.value = body.mine; // newest first
      failed.value = false;
    } catch {
      failed.value = true;
    }
  }

  return { language, languages, filter, items, shown, failed, recording, load };
}

export type Library = ReturnType<typeof createLibrary>;

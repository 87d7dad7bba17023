/** The sign library's review API (`/api/clips/*`) as the supervisor console calls it. */
import type { AckError, ClipRow, ClipStatus } from '../protocol/index.ts';

export type ClipResult<T> = ({ ok: true } & T) | AckError;

async function call<T>(method: string, url: string, body?: object): Promise<ClipResult<T>> {
  try {
    const res = await fetch(`/api/clips${url}`, {
      method,
      credentials: 'same-origin',
      headers: body ? { 'Content-Type': 'application/json' } : {},
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as ClipResult<T>;
  } catch {
    return { ok: false, code: 'timeout', message: 'No answer from the server.' };
  }
}

export const clipsApi = {
  list: (status: ClipStatus | 'all') => call<{ clips: ClipRow[] }>('GET', `/review?status=${status}`),
  approve: (id: string) => call<{ clip: ClipRow }>('POST', `/${id}/review`, { decision: 'approve' }),
  reject: (id: string, reason: string) =>
    call<{ clip: ClipRow }>('POST', `/${id}/review`, { decision: 'reject', reason }),
  videoUrl: (id: string) => `/api/clips/${id}/video`,
};

/** Sign-library requests as the consoles make them, for tests that need a clip uploaded or reviewed. */

/** POST /api/clips: `query` names the target, the sign language and the consent. */
export function uploadClip(
  base: string,
  cookie: string | null,
  body: Buffer,
  query: string,
  type = 'video/webm',
): Promise<Response> {
  return fetch(`${base}/api/clips?${query}`, {
    method: 'POST',
    headers: { ...(cookie ? { cookie } : {}), 'content-type': type },
    body: new Uint8Array(body),
  });
}

/** A JSON request with a session cookie (no body: none is sent). */
export function jsonRequest(
  base: string,
  cookie: string,
  method: string,
  url: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${base}${url}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** A reviewer approves a clip. */
export const approveClip = (base: string, cookie: string, id: string): Promise<Response> =>
  jsonRequest(base, cookie, 'POST', `/api/clips/${id}/review`, { decision: 'approve' });

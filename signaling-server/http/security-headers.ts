import type { RequestHandler } from 'express';

/**
 * Only the page's own origin: scripts, styles, fonts, media and connections (Socket.IO over ws/wss
 * is same-origin under CSP3 'self'). `connect-src 'self'` also stops MediaPipe's usage logging.
 * 'wasm-unsafe-eval' lets the vision WASM compile; no other eval is allowed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers of every HTTP answer (pages, API, and Socket.IO's own responses). */
export function securityHeaderList(secure: boolean): Array<[string, string]> {
  return [
    ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['Permissions-Policy', 'camera=(self), microphone=(self), geolocation=(), payment=()'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    // Under TLS: browsers must never try this origin over plain HTTP again (two years).
    ...(secure
      ? [['Strict-Transport-Security', 'max-age=63072000; includeSubDomains'] as [string, string]]
      : []),
  ];
}

export function securityHeaders(secure: boolean): RequestHandler {
  const headers = securityHeaderList(secure);
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/**
 * The Origin allowlist. Browsers send `Origin` with WebSocket handshakes and with POST/DELETE; a page
 * of another site must not use a signed-in person's or a kiosk's cookies here (cross-site WebSocket
 * hijacking, CSRF). Allowed: the server's own origin (same host), and `ALLOWED_ORIGINS`. A request
 * without `Origin` is not from a browser page; it still needs a valid credential.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * The ICE servers each call gets: STUN URLs as configured, TURN URLs with short-lived credentials in
 * the TURN REST scheme that coturn's `use-auth-secret` checks (username `expiry:id`, password the
 * base64 HMAC-SHA1 of the username with the shared secret), plus any static entries.
 */
import { createHmac } from 'node:crypto';
import type { IceServer } from '../../src/protocol/index.ts';

export interface IceConfig {
  stunUrls: string[];
  turnUrls: string[];
  turnSecret: string | null;
  /** Lifetime of TURN credentials, seconds (at most an hour). */
  turnTtlS: number;
  extra: IceServer[];
}

export function turnCredentials(secret: string, id: string, nowMs: number, ttlS: number) {
  const username = `${Math.floor(nowMs / 1000) + ttlS}:${id}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

export function iceServersFor(config: IceConfig, id: string, nowMs: number): IceServer[] {
  const servers: IceServer[] = [];
  if (config.stunUrls.length > 0) servers.push({ urls: config.stunUrls });
  if (config.turnUrls.length > 0 && config.turnSecret)
    servers.push({
      urls: config.turnUrls,
      ...turnCredentials(config.turnSecret, id, nowMs, config.turnTtlS),
    });
  return [...servers, ...config.extra];
}

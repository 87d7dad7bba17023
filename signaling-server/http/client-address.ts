/**
 * The client's address of a request. With `TRUST_PROXY=n` (n proxies in front of the server, each
 * appending to X-Forwarded-For) it is the address the nearest of those n proxies saw, as Express's
 * `trust proxy = n` computes `req.ip`; with 0 it is the socket's peer. Used where Express is not (the
 * Socket.IO handshake), so both agree on who a client is.
 */
import type { IncomingMessage } from 'node:http';

export function clientAddress(req: IncomingMessage, trustedHops: number): string {
  const peer = req.socket.remoteAddress ?? '';
  if (trustedHops <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const chain = [peer, ...forwarded.reverse()];
  return chain[Math.min(trustedHops, chain.length - 1)]!;
}

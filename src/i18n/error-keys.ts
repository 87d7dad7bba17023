/** The text a person sees for each error code of an ack: always the page's own words, never the server's. */
import type { ErrorCode } from '../protocol/index.ts';

export type ErrorKey =
  | 'errors.timeout'
  | 'errors.conflict'
  | 'errors.notFound'
  | 'errors.notPaired'
  | 'errors.rateLimited'
  | 'errors.generic';

export function ackErrorKey(code: ErrorCode, context: 'pairing' | 'other' = 'other'): ErrorKey {
  switch (code) {
    case 'timeout':
      return 'errors.timeout';
    case 'conflict':
      return 'errors.conflict';
    case 'not_found':
      return context === 'pairing' ? 'errors.notPaired' : 'errors.notFound';
    case 'rate_limited':
      return 'errors.rateLimited';
    default:
      return 'errors.generic';
  }
}

import { TrustError } from './errors.ts';
import { parseOrThrow } from './lib/parse.ts';
import { zTrustFragment, type TrustFragment } from './z-trust-fragment.ts';

/** Max size of one fragment's JSON text, checked before parsing. */
export const MAX_FRAGMENT_BYTES = 10 * 1024 * 1024;

/**
 * Parses an issuer's exported fragment (JSON text or an already parsed value).
 * Throws TrustError TRUST_FRAGMENT_MALFORMED with the JSON path of the first problem.
 */
export function parseTrustFragment(input: string | unknown): TrustFragment {
  let value = input;
  if (typeof input === 'string') {
    if (input.length > MAX_FRAGMENT_BYTES) throw new TrustError('TRUST_FRAGMENT_MALFORMED', 'fragment too large');
    try {
      value = JSON.parse(input);
    } catch {
      throw new TrustError('TRUST_FRAGMENT_MALFORMED', 'fragment is not JSON', '$');
    }
  }
  return parseOrThrow(zTrustFragment, value, 'TRUST_FRAGMENT_MALFORMED', 'trust fragment');
}

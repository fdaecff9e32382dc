import type { TrustKey } from './z-trust-bundle.ts';

export type KeyValidity = 'ok' | 'not-yet-valid' | 'expired' | 'revoked';

/**
 * Whether a key could sign at `date` (normally the credential's issuance date). A revoked key
 * is 'revoked' whatever the date: after a compromise, back-dated signatures are
 * indistinguishable from genuine ones (DESIGN.md "Trust without a network").
 * `validFrom` is inclusive, `validUntil` exclusive.
 */
export function keyValidAt(key: TrustKey, date: Date): KeyValidity {
  if (key.revokedAt !== undefined) return 'revoked';
  const t = date.getTime();
  if (Number.isNaN(t) || t < Date.parse(key.validFrom)) return 'not-yet-valid';
  if (key.validUntil !== undefined && t >= Date.parse(key.validUntil)) return 'expired';
  return 'ok';
}

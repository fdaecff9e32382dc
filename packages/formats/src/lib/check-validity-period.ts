import type { Check } from '@lp/model';
import { makeCheck } from './make-check.ts';
import { validityDatesOf } from './vc-data-model.ts';

/**
 * The 'validity' check: validFrom ≤ now ≤ validUntil (VC Data Model 2.0 §4.9 "Validity Period"; 1.1's
 * issuanceDate/expirationDate),
 * with the tolerated clock skew. Also honours a JWT's nbf/exp (RFC 7519 §4.1.4–4.1.5) when given.
 */
export function checkValidityPeriod(
  credential: Record<string, unknown>,
  now: Date,
  skewSeconds: number,
  jwtTimes: { nbf?: number; exp?: number } = {},
): Check {
  const skew = skewSeconds * 1000;
  const t = now.getTime();
  const dates = validityDatesOf(credential);
  const from = dateOf(dates.from);
  const until = dateOf(dates.until);
  if (from === null || until === null) return makeCheck('validity', 'fail', 'VALIDITY_DATE_INVALID', 'validFrom or validUntil is not a date-time');
  const notBefore = Math.max(from ?? -Infinity, jwtTimes.nbf !== undefined ? jwtTimes.nbf * 1000 : -Infinity);
  const notAfter = Math.min(until ?? Infinity, jwtTimes.exp !== undefined ? jwtTimes.exp * 1000 : Infinity);
  if (t + skew < notBefore) {
    return makeCheck('validity', 'fail', 'NOT_YET_VALID', `not valid before ${new Date(notBefore).toISOString()}`, { validFrom: new Date(notBefore).toISOString() });
  }
  if (t - skew > notAfter) {
    return makeCheck('validity', 'fail', 'EXPIRED', `expired on ${new Date(notAfter).toISOString()}`, { validUntil: new Date(notAfter).toISOString() });
  }
  return makeCheck('validity', 'pass', 'VALIDITY_OK', Number.isFinite(notAfter) ? `valid until ${new Date(notAfter).toISOString()}` : 'within its validity period');
}

/** undefined = absent; null = present but not an XML Schema dateTime with a time zone. */
function dateOf(value: unknown): number | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

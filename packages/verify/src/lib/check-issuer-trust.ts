import type { Check } from '@lp/model';
import { findIssuer, keyMaySign, keyValidAt, type TrustIssuer, type TrustKey } from '@lp/trust';
import type { VerifyContext } from '../types.ts';
import { makeCheck } from './make-check.ts';

/** An achievement as the trust check sees it: its catalogue code, or undefined when not in the catalogue. */
export interface AchievementRef {
  code: string | undefined;
  /** For messages: the code, or the achievement id. */
  label: string;
}

/**
 * When the key signed, and where that came from. The key window bounds this (DESIGN.md "Time"),
 * never the award date: `validFrom` stands in only for a credential that carries no signing time.
 */
export interface SigningTime {
  at: Date;
  source: 'proof.created' | 'iat' | 'seal claim 13' | 'validFrom' | 'seal claim 4';
}

export interface IssuerTrustOutcome {
  issuerTrust: Check;
  keyStatus: Check;
  issuer: TrustIssuer | undefined;
  key: TrustKey | undefined;
}

/**
 * 'issuer_trust' and 'key_status' (DESIGN.md "Trust without a network"): the bundle, never the
 * credential, says who the issuer is, which keys it holds, when each key could sign and which
 * achievements; a revoked key makes everything it signed invalid, whatever the date. The key's
 * window is judged at `signedAt` (when it signed), so a result awarded in 2012 and signed today
 * with today's key is trusted.
 */
export function checkIssuerTrust(
  ctx: VerifyContext,
  issuerId: string,
  keyId: string | undefined,
  signedAt: SigningTime | undefined,
  achievements: readonly AchievementRef[],
): IssuerTrustOutcome {
  const none = (issuerTrust: Check, keyStatus: Check, issuer?: TrustIssuer): IssuerTrustOutcome => ({ issuerTrust, keyStatus, issuer, key: undefined });
  if (!ctx.bundle) {
    return none(
      makeCheck('issuer_trust', 'unknown', 'TRUST_BUNDLE_MISSING', 'no trust bundle is loaded: who the issuer is cannot be checked'),
      makeCheck('key_status', 'unknown', 'TRUST_BUNDLE_MISSING', 'no trust bundle is loaded: whether the key was revoked cannot be checked'),
    );
  }
  const { bundle, expired } = ctx.bundle;
  const issuer = findIssuer(bundle, issuerId);
  if (!issuer) {
    return none(
      makeCheck('issuer_trust', 'fail', 'ISSUER_NOT_TRUSTED', `the issuer ${issuerId} is not in the trust bundle (sequence ${bundle.sequence})`, { issuer: issuerId }),
      makeCheck('key_status', 'skipped', 'NOT_REACHED', 'the issuer is not trusted'),
    );
  }
  const key = keyId === undefined ? undefined : issuer.keys.find((k) => k.id === keyId);
  if (!key) {
    return none(
      makeCheck('issuer_trust', 'fail', 'KEY_NOT_TRUSTED', `the key ${keyId ?? '(none)'} is not one of ${issuerId}'s keys in the trust bundle`, { keyId }),
      makeCheck('key_status', 'skipped', 'NOT_REACHED', 'the key is not in the trust bundle'),
      issuer,
    );
  }
  const keyStatus = key.revokedAt !== undefined
    ? makeCheck('key_status', 'fail', 'KEY_REVOKED', `the issuer revoked this key on ${key.revokedAt}: everything it signed is invalid`, { keyId: key.id, revokedAt: key.revokedAt })
    : makeCheck('key_status', 'pass', 'KEY_NOT_REVOKED', 'the signing key is not revoked', { keyId: key.id });
  const out = (issuerTrust: Check): IssuerTrustOutcome => ({ issuerTrust, keyStatus, issuer, key });

  if (!signedAt || Number.isNaN(signedAt.at.getTime())) {
    return out(makeCheck('issuer_trust', 'unknown', 'ISSUANCE_DATE_UNKNOWN', 'the credential says neither when it was signed nor when it was issued: the key window cannot be checked'));
  }
  // The window is judged without revocation (that is key_status): a revoked key's signature
  // dated outside its window is reported for both reasons.
  const { revokedAt: _revoked, ...unrevoked } = key;
  const window = keyValidAt(unrevoked, signedAt.at);
  const when = signedAt.at.toISOString();
  const at = { keyId: key.id, signedAt: when, signedAtSource: signedAt.source };
  if (window === 'not-yet-valid') {
    return out(makeCheck('issuer_trust', 'fail', 'KEY_NOT_YET_VALID_AT_ISSUANCE', `signed ${when} (${signedAt.source}), before the key's validFrom ${key.validFrom}`, { ...at, validFrom: key.validFrom }));
  }
  if (window === 'expired') {
    return out(makeCheck('issuer_trust', 'fail', 'KEY_EXPIRED_AT_ISSUANCE', `signed ${when} (${signedAt.source}), after the key's validUntil ${key.validUntil}`, { ...at, validUntil: key.validUntil }));
  }
  for (const a of achievements) {
    if (a.code !== undefined && !issuer.catalogue.achievements.some((e) => e.code === a.code)) {
      return out(makeCheck('issuer_trust', 'fail', 'ACHIEVEMENT_NOT_IN_CATALOGUE', `achievement ${a.code} is not in ${issuerId}'s catalogue`, { code: a.code }));
    }
    if (a.code === undefined ? key.achievements !== undefined : !keyMaySign(key, a.code)) {
      return out(makeCheck('issuer_trust', 'fail', 'KEY_NOT_AUTHORIZED_FOR_ACHIEVEMENT', `the key ${key.id} may not sign ${a.label}`, { keyId: key.id, achievement: a.label }));
    }
  }
  if (expired) {
    return out(makeCheck('issuer_trust', 'unknown', 'TRUST_BUNDLE_EXPIRED', `the trust bundle expired on ${bundle.expires}: get a newer one`, { expires: bundle.expires, sequence: bundle.sequence }));
  }
  return out(makeCheck('issuer_trust', 'pass', 'ISSUER_TRUSTED', `the trust bundle (sequence ${bundle.sequence}) lists the issuer and this key for it`, { issuer: issuerId, keyId: key.id, sequence: bundle.sequence }));
}

import { publicKeyFromDidKey, verify } from '@lp/crypto';
import { decodeSeal, SealError, type DecodedSeal, type SealClaims } from '@lp/formats';
import { validateResultAgainstScale, type Check } from '@lp/model';
import { findAchievement, findKey, publicKeyOf } from '@lp/trust';
import type { VerificationResult, VerifyContext } from './types.ts';
import { buildDisplay, type AchievementFacts } from './lib/build-display.ts';
import { checkIssuerTrust, type SigningTime } from './lib/check-issuer-trust.ts';
import { checkStatusEntries } from './lib/check-status-entries.ts';
import { finishResult } from './lib/finish-result.ts';
import { makeCheck } from './lib/make-check.ts';

/** Codes of decodeSeal that come from the claims schema: the bytes decoded, the content is wrong. */
const PARSE_CODES = new Set(['SEAL_CLAIMS_INVALID', 'SEAL_KID_MISMATCH']);

/**
 * Verifies a QR seal (`LP1:…`) offline against the trust bundle: decode → parse → signature →
 * issuer trusted for those achievements at issuance → key not revoked → status → validity →
 * profile. Never throws for bad input; every failure is a check with a stable code.
 *
 * @example
 *   const r = await verifySeal(scannedText, { bundle, now: new Date(), lang: 'fr' });
 *   r.verdict; r.checks; r.display?.achievements[0]?.name?.text
 */
export async function verifySeal(text: string, ctx: VerifyContext): Promise<VerificationResult> {
  const checks: Check[] = [];
  if (typeof text !== 'string') {
    return finishResult([makeCheck('decode', 'fail', 'INPUT_NOT_TEXT', 'a seal is text starting with LP1:')], ctx, 'seal', undefined);
  }
  let decoded: DecodedSeal;
  try {
    decoded = decodeSeal(text.trim());
  } catch (err) {
    const code = err instanceof SealError ? err.code : 'SEAL_UNREADABLE';
    const message = err instanceof Error ? err.message : String(err);
    const details = err instanceof SealError && err.path !== undefined ? { path: err.path } : undefined;
    if (PARSE_CODES.has(code)) {
      checks.push(makeCheck('decode', 'pass', 'SEAL_DECODED', 'an LP1 seal (base45, zlib, COSE_Sign1 EdDSA)'));
      checks.push(makeCheck('parse', 'fail', code, message, details));
    } else {
      checks.push(makeCheck('decode', 'fail', code, message, details));
    }
    return finishResult(checks, ctx, 'seal', undefined);
  }
  const { claims } = decoded;
  checks.push(makeCheck('decode', 'pass', 'SEAL_DECODED', 'an LP1 seal (base45, zlib, COSE_Sign1 EdDSA)'));
  checks.push(makeCheck('parse', 'pass', 'SEAL_CLAIMS_VALID', `seal claims of a${claims.kind === 'ClrCredential' ? ' transcript' : 'n achievement'} (${claims.achievements.length} result${claims.achievements.length === 1 ? '' : 's'})`));

  const signature = await checkSealSignature(decoded, ctx);
  checks.push(signature);

  const issuedAt = new Date(claims.issuedAt * 1000);
  // Claim 13 is when the key signed. A seal made before claim 13 existed is judged by claim 4 (the
  // old rule): our issuer then set validFrom to the moment of signing, and the fallback can only
  // refuse such a seal, never accept one whose real signing time lies outside the key window.
  const signedAt: SigningTime = claims.signedAt !== undefined
    ? { at: new Date(claims.signedAt * 1000), source: 'seal claim 13' }
    : { at: issuedAt, source: 'seal claim 4' };
  const trust = checkIssuerTrust(ctx, claims.issuer, decoded.verificationMethod, signedAt, claims.achievements.map((a) => ({ code: a.code, label: a.code ?? a.id ?? '(unnamed)' })));
  // As for full records: a key the bundle does not list for a listed issuer leaves the signature
  // unchecked, which says nothing about forgery (the issuer may have a key newer than this
  // bundle), so trust is undecided (UNKNOWN: get a newer bundle), not failed.
  if (signature.status === 'unknown' && signature.code === 'SIGNATURE_KEY_UNKNOWN' && trust.issuerTrust.code === 'KEY_NOT_TRUSTED') {
    checks.push(
      makeCheck('issuer_trust', 'unknown', 'KEY_NOT_IN_BUNDLE', `the trust bundle lists ${claims.issuer} but not the key ${decoded.verificationMethod}: get a newer bundle`, { issuer: claims.issuer, verificationMethod: decoded.verificationMethod }),
      trust.keyStatus,
    );
  } else {
    checks.push(trust.issuerTrust, trust.keyStatus);
  }

  const entries = (claims.status ?? []).map((s) => ({
    type: 'BitstringStatusListEntry',
    statusPurpose: s.purpose,
    statusListIndex: String(s.index),
    statusListCredential: s.list,
  }));
  let statusAsOf: Date | undefined;
  if (signature.status !== 'pass') {
    // Unsigned claims cannot point us at a list: the entry itself is not authentic.
    checks.push(makeCheck('status', 'skipped', 'NOT_CHECKED', 'status not checked: the signature did not verify'));
  } else {
    const s = await checkStatusEntries(entries, claims.issuer, ctx);
    checks.push(s.check);
    statusAsOf = s.asOf;
  }
  checks.push(checkSealValidity(claims, ctx));

  const facts: AchievementFacts[] = claims.achievements.map((a) => {
    const entry = a.code !== undefined && ctx.bundle ? findAchievement(ctx.bundle.bundle, claims.issuer, a.code) : undefined;
    return {
      code: a.code, entry, ownName: a.name, value: a.value, status: a.status,
      ...(a.awardedAt !== undefined ? { awardedAt: new Date(a.awardedAt * 1000) } : {}),
      ...(a.monthsCompleted !== undefined ? { monthsCompleted: a.monthsCompleted } : {}),
      ...(a.termsCompleted !== undefined ? { termsCompleted: a.termsCompleted } : {}),
      ...(a.competencies !== undefined ? { competencies: a.competencies } : {}),
    };
  });
  checks.push(checkSealProfile(facts, ctx));

  const display = buildDisplay(
    {
      issuerId: claims.issuer,
      learnerName: claims.learnerName,
      learnerNameLatin: claims.learnerNameLatin,
      birthDate: claims.learnerBirthDate,
      achievements: facts,
      issuedAt,
      ...(claims.signedAt !== undefined ? { signedAt: signedAt.at } : {}),
      expiresAt: claims.expiresAt !== undefined ? new Date(claims.expiresAt * 1000) : undefined,
      statusAsOf,
    },
    ctx,
  );
  return finishResult(checks, ctx, 'seal', display);
}

/** The key comes from the bundle; without it, only a did:key issuer's own key (the DID is the key). */
async function checkSealSignature(decoded: DecodedSeal, ctx: VerifyContext): Promise<Check> {
  const vm = decoded.verificationMethod;
  const issuer = decoded.claims.issuer;
  let publicKey: Uint8Array | undefined;
  let source = 'the trust bundle';
  try {
    // Only the seal issuer's own keys: a method id may be listed under several issuers.
    const found = ctx.bundle ? findKey(ctx.bundle.bundle, { issuer, kid: vm }) : undefined;
    if (found) publicKey = publicKeyOf(found.key);
    else if (isDidKeyOwnKey(vm, issuer)) {
      publicKey = publicKeyFromDidKey(issuer);
      source = 'the issuer did:key';
    }
  } catch (err) {
    return makeCheck('signature', 'fail', 'KEY_UNACCEPTABLE', `the key ${vm} is not an acceptable Ed25519 key (${(err as { code?: string }).code ?? 'invalid'})`, { keyId: vm });
  }
  if (!publicKey) {
    return makeCheck('signature', 'unknown', 'SIGNATURE_KEY_UNKNOWN', `the key ${vm} is not in the trust bundle: the signature cannot be checked`, { keyId: vm });
  }
  let ok = false;
  try {
    ok = await verify(publicKey, decoded.toBeSigned, decoded.signature);
  } catch (err) {
    return makeCheck('signature', 'fail', 'KEY_UNACCEPTABLE', `the key ${vm} was refused (${(err as { code?: string }).code ?? 'invalid'})`, { keyId: vm });
  }
  return ok
    ? makeCheck('signature', 'pass', 'SIGNATURE_VALID', `the COSE_Sign1 EdDSA signature is valid (key from ${source})`, { keyId: vm })
    : makeCheck('signature', 'fail', 'SIGNATURE_INVALID', 'the signature does not match the seal', { keyId: vm });
}

/** did:key spec §3.1.2: a did:key has one key, `did:key:z…#z…`; any other fragment is not its key. */
export function isDidKeyOwnKey(vm: string, issuer: string): boolean {
  return issuer.startsWith('did:key:') && vm === `${issuer}#${issuer.slice('did:key:'.length)}`;
}

/** Claims 4 and 5 with the tolerated skew (VC Data Model 2.0 §4.9, as for the full record). */
function checkSealValidity(claims: SealClaims, ctx: VerifyContext): Check {
  const skew = (ctx.policy?.clockSkewSeconds ?? 300) * 1000;
  const t = ctx.now.getTime();
  const from = claims.issuedAt * 1000;
  if (t + skew < from) return makeCheck('validity', 'fail', 'NOT_YET_VALID', `not valid before ${new Date(from).toISOString()}`, { validFrom: new Date(from).toISOString() });
  if (claims.expiresAt !== undefined) {
    const until = claims.expiresAt * 1000;
    if (t - skew > until) return makeCheck('validity', 'fail', 'EXPIRED', `expired on ${new Date(until).toISOString()}`, { validUntil: new Date(until).toISOString() });
    return makeCheck('validity', 'pass', 'VALIDITY_OK', `valid until ${new Date(until).toISOString()}`);
  }
  return makeCheck('validity', 'pass', 'VALIDITY_OK', 'within its validity period');
}

/** The seal's results read against the catalogue's scales (the profile of a seal). */
function checkSealProfile(facts: readonly AchievementFacts[], ctx: VerifyContext): Check {
  for (const f of facts) {
    if (!f.entry || f.value === undefined) continue;
    const scale = f.entry.resultDescriptions.find((r) => r.resultType !== 'Status' && (r.valueMin !== undefined || r.valueMax !== undefined || r.allowedValues !== undefined));
    if (!scale) continue;
    const issue = validateResultAgainstScale(scale, f.value, `8.${facts.indexOf(f)}.2`);
    if (issue) return makeCheck('profile', 'fail', issue.code, `${f.code}: ${issue.message}`, { path: issue.path });
  }
  const inCatalogue = ctx.bundle ? ' and results on the catalogue scales' : '';
  return makeCheck('profile', 'pass', 'SEAL_PROFILE_OK', `seal claims follow the LP1 claim table${inCatalogue}`);
}

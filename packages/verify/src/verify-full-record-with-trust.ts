import { publicKeyFromDidKey } from '@lp/crypto';
import { decodeFullRecord, verifyCredentialDi, verifyCredentialJwt, type FullRecordResult, type JwtKeyCandidate, type JwtKeyQuery } from '@lp/formats';
import { ISCED_LEVEL_FRAMEWORK, isIscedLevelCode, MONTHS_COMPLETED_RESULT_ID, NATIONAL_GRADES_FRAMEWORK, TERMS_COMPLETED_RESULT_ID, type Check, type LanguageMap } from '@lp/model';
import { findIssuer, findKey, publicKeyOf, type CatalogueEntry, type TrustIssuer, type TrustKey } from '@lp/trust';
import type { DisplayResultScale, VerificationResult, VerifyContext } from './types.ts';
import { buildDisplay, type AchievementFacts } from './lib/build-display.ts';
import { bundleDocumentLoader } from './lib/bundle-document-loader.ts';
import { checkIssuerTrust, type SigningTime } from './lib/check-issuer-trust.ts';
import { checkStatusEntries } from './lib/check-status-entries.ts';
import { finishResult } from './lib/finish-result.ts';
import { makeCheck } from './lib/make-check.ts';
import { isDidKeyOwnKey } from './verify-seal.ts';

type Json = Record<string, unknown>;

/** Signature outcomes where no proof could be checked, so the signing key is not established. */
const UNCHECKED_KEY_CODES = ['VERIFICATION_METHOD_UNKNOWN', 'JWT_KEY_UNRESOLVED', 'PROOF_CRYPTOSUITE_UNSUPPORTED'];

/**
 * Verifies a full record (JSON with Data Integrity eddsa-rdfc-2022 / eddsa-jcs-2022 or
 * Ed25519Signature2020 proofs, VC 2.0 or 1.1; or a JWT signed EdDSA, RS256 or ES256) against the
 * trust bundle, with the same checks and result shape as a seal. The proofs are checked by
 * @lp/formats; keys of issuers that are not did:key (did:web, https, urn) come from the bundle by
 * verification-method id (nothing is fetched). A method the bundle does not list for a listed
 * issuer leaves the signature unchecked: UNKNOWN, naming the method. Never throws for bad input.
 *
 * @example
 *   const r = await verifyFullRecordWithTrust(jsonText, { bundle, now: new Date() });
 */
export async function verifyFullRecordWithTrust(input: string | Uint8Array | object, ctx: VerifyContext): Promise<VerificationResult> {
  let decoded;
  try {
    decoded = decodeFullRecord(input);
  } catch (err) {
    return finishResult([makeCheck('decode', 'fail', 'INPUT_UNREADABLE', `the input cannot be read: ${(err as Error).message}`)], ctx, undefined, undefined);
  }
  if (decoded.kind === 'fail') return finishResult([decoded.check], ctx, undefined, undefined);
  const decodeCheck = decoded.kind === 'jwt'
    ? makeCheck('decode', 'pass', 'DECODED_JWT', 'an application/vc+jwt')
    : makeCheck('decode', 'pass', 'DECODED_JSON', 'a JSON credential');

  let statusAsOf: Date | undefined;
  const checkStatus = async (credential: Json): Promise<Check> => {
    const entries = asArray(credential.credentialStatus).filter(isObject);
    const s = await checkStatusEntries(entries, issuerIdOf(credential) ?? '', ctx);
    statusAsOf = s.asOf;
    return s.check;
  };
  const common = { now: ctx.now, maxClockSkewSeconds: ctx.policy?.clockSkewSeconds ?? 300, checkStatus };
  let result: FullRecordResult;
  try {
    result = decoded.kind === 'jwt'
      ? await verifyCredentialJwt(decoded.jwt, { ...common, resolveKeys: (q) => resolveJwtKeys(ctx, q) })
      : await verifyCredentialDi(decoded.credential, { ...common, documentLoader: bundleDocumentLoader(ctx.bundle, issuerIdOf(decoded.credential) ?? ''), purpose: 'issuance' });
  } catch (err) {
    // The formats verifiers return results; this only guards against a library surprise.
    return finishResult([decodeCheck, makeCheck('signature', 'fail', 'VERIFIER_ERROR', `verification stopped: ${(err as Error).message}`)], ctx, decoded.kind, undefined);
  }
  const checks: Check[] = [decodeCheck, ...result.checks];
  const credential = result.credential;
  const parsed = result.checks.find((c) => c.id === 'parse')?.status === 'pass';
  if (!credential || !parsed) return finishResult(checks, ctx, decoded.kind, undefined, credential);

  const issuerId = issuerIdOf(credential);
  const signature = result.checks.find((c) => c.id === 'signature');
  const issuer = issuerId && ctx.bundle ? ctx.bundle.bundle.issuers.find((i) => i.id === issuerId) : undefined;
  const keyId = keyIdOf(credential, signature, issuerId, issuer);
  const facts = achievementsOf(credential, issuer);
  const issuedAt = issuanceDate(credential);
  const signedAt = signingTime(credential, decoded.kind === 'jwt' ? result.signedAt : undefined, keyId, issuerId);
  if (issuerId) {
    const trust = checkIssuerTrust(ctx, issuerId, keyId, signedAt, facts.map((f) => ({ code: f.code, label: f.code ?? f.id ?? '(unnamed)' })));
    // The signature could not be checked because its key is unknown here: that the bundle does
    // not list the key says nothing about forgery (the issuer may have a newer key than this
    // bundle knows), so trust is undecided rather than failed.
    if (issuer && signature?.status === 'unknown' && UNCHECKED_KEY_CODES.includes(signature.code) && trust.issuerTrust.code === 'KEY_NOT_TRUSTED') {
      const vm = signature.details?.verificationMethod ?? signature.details?.kid;
      checks.push(
        makeCheck('issuer_trust', 'unknown', 'KEY_NOT_IN_BUNDLE', `the trust bundle lists ${issuerId} but not the key ${String(vm ?? '(none named)')}: get a newer bundle`, { issuer: issuerId, verificationMethod: vm }),
        trust.keyStatus,
      );
    } else {
      checks.push(trust.issuerTrust, trust.keyStatus);
    }
  } else {
    checks.push(makeCheck('issuer_trust', 'fail', 'ISSUER_MISSING', 'the credential names no issuer'));
  }
  if (credential.credentialStatus === undefined) checks.push(makeCheck('status', 'skipped', 'STATUS_NONE', 'the credential has no status entry'));

  const subject = firstObject(credential.credentialSubject);
  const display = buildDisplay(
    {
      issuerId,
      learnerName: learnerNameOf(subject),
      learnerNameLatin: unhashedIdentifier(subject, ['ext:nameLatin']),
      birthDate: unhashedIdentifier(subject, ['ext:birthDate', 'ext:dateOfBirth', 'birthDate', 'dateOfBirth'])?.slice(0, 10),
      achievements: facts,
      issuedAt,
      ...(signedAt && signedAt.source !== 'validFrom' ? { signedAt: signedAt.at } : {}),
      expiresAt: typeof credential.validUntil === 'string' ? new Date(credential.validUntil) : undefined,
      statusAsOf,
    },
    ctx,
  );
  return finishResult(checks, ctx, decoded.kind, display, credential);
}

/**
 * The keys a JWT may be signed with: with a kid, the bundle's key of that id for the issuer (or a
 * did:key issuer's own key); without one, the issuer's bundled keys for the algorithm, narrowed
 * to the one equal to the token's `jwk` header when it has one (the header alone is never
 * trusted: RFC 8725 §3.10). Ed25519 keys for EdDSA, JWKs for RS256/ES256.
 */
function resolveJwtKeys(ctx: VerifyContext, q: JwtKeyQuery): JwtKeyCandidate[] {
  const { alg, iss } = q;
  const usable = (key: TrustKey): JwtKeyCandidate | undefined => {
    try {
      if (alg === 'EdDSA') return key.publicKeyMultibase !== undefined ? { id: key.id, publicKey: publicKeyOf(key) } : undefined;
      const jwk = key.publicKeyJwk;
      if (!jwk || (alg === 'RS256') !== (jwk.kty === 'RSA')) return undefined;
      return { id: key.id, jwk };
    } catch {
      return undefined;
    }
  };
  if (q.kid !== undefined) {
    const full = q.kid.startsWith('#') ? `${iss}${q.kid}` : q.kid;
    const found = ctx.bundle ? findKey(ctx.bundle.bundle, { issuer: iss, kid: full }) : undefined;
    const c = found ? usable(found.key) : undefined;
    if (c) return [c];
    try {
      if (alg === 'EdDSA' && isDidKeyOwnKey(full, iss)) return [{ id: full, publicKey: publicKeyFromDidKey(iss) }];
    } catch {
      return [];
    }
    return [];
  }
  const issuer = ctx.bundle ? findIssuer(ctx.bundle.bundle, iss) : undefined;
  const all = (issuer?.keys ?? []).flatMap((k) => usable(k) ?? []);
  if (!q.jwk) return all;
  return all.filter((c) => 'jwk' in c && sameJwk(c.jwk, q.jwk!));
}

function sameJwk(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return a.kty === b.kty && (a.kty === 'RSA' ? a.n === b.n && a.e === b.e : a.crv === b.crv && a.x === b.x && a.y === b.y);
}

/**
 * The key the trust check judges: of the methods whose proofs verified, the first the bundle
 * lists for the issuer (a proof set may hold proofs by others too), else the first.
 */
function keyIdOf(credential: Json, signature: Check | undefined, issuerId: string | undefined, issuer: TrustIssuer | undefined): string | undefined {
  const d = signature?.details;
  const abs = (vm: string | undefined) => (vm?.startsWith('#') && issuerId ? `${issuerId}${vm}` : vm);
  const all = Array.isArray(d?.verificationMethods) ? (d.verificationMethods as unknown[]).filter((v): v is string => typeof v === 'string').map((v) => abs(v)!) : [];
  const listed = all.find((vm) => issuer?.keys.some((k) => k.id === vm));
  if (listed) return listed;
  let vm = typeof d?.verificationMethod === 'string' ? d.verificationMethod : typeof d?.kid === 'string' ? d.kid : undefined;
  if (!vm) {
    const proof = firstObject(credential.proof);
    vm = typeof proof?.verificationMethod === 'string' ? proof.verificationMethod : undefined;
  }
  return abs(vm);
}

/**
 * VC Data Model 2.0 §4.9: validFrom is when the credential became valid (1.1: issuanceDate);
 * else the proof's creation.
 */
function issuanceDate(credential: Json): Date | undefined {
  const proof = firstObject(credential.proof);
  const from = typeof credential.validFrom === 'string' ? credential.validFrom : typeof credential.issuanceDate === 'string' ? credential.issuanceDate : undefined;
  const v = from ?? (typeof proof?.created === 'string' ? proof.created : undefined);
  return v ? new Date(v) : undefined;
}

/**
 * When the key signed (DESIGN.md "Time"): a vc+jwt's `iat`, a Data Integrity proof's `created`.
 * A record that says neither (`created` is optional in VC Data Integrity §2.1) falls back to
 * validFrom, the rule before signing times were read: never more lenient than judging the real
 * signing time, since for our own records validFrom was the moment of signing.
 */
function signingTime(credential: Json, iat: Date | undefined, keyId?: string, issuerId?: string): SigningTime | undefined {
  if (iat) return { at: iat, source: 'iat' };
  // In a proof set the key judged is keyId's: its window bounds when *that* proof was made, not
  // when another signer (a notary, an earlier link of a chain) made theirs.
  const proofs = asArray(credential.proof).filter(isObject);
  const abs = (vm: unknown) => (typeof vm === 'string' && vm.startsWith('#') && issuerId ? `${issuerId}${vm}` : vm);
  const proof = (keyId !== undefined ? proofs.find((p) => abs(p.verificationMethod) === keyId) : undefined) ?? firstObject(credential.proof);
  if (typeof proof?.created === 'string') return { at: new Date(proof.created), source: 'proof.created' };
  return typeof credential.validFrom === 'string' ? { at: new Date(credential.validFrom), source: 'validFrom' } : undefined;
}

interface Facts extends AchievementFacts {
  id: string | undefined;
}

/** One entry per result: the subject's achievement, or for a CLR each embedded credential's. */
function achievementsOf(credential: Json, issuer: TrustIssuer | undefined): Facts[] {
  const types = asArray(credential.type);
  const subject = firstObject(credential.credentialSubject);
  if (!subject) return [];
  // OB 3.0 awardedDate sits on the credential, not the subject: each subject keeps its credential's.
  const subjects: { s: Json; awarded: unknown }[] = [];
  if (types.includes('ClrCredential')) {
    for (const vc of asArray(subject.verifiableCredential).filter(isObject)) {
      const s = firstObject(vc.credentialSubject);
      if (s) subjects.push({ s, awarded: vc.awardedDate ?? credential.awardedDate });
    }
    const carried = new Set(subjects.map(({ s }) => firstObject(s.achievement)?.id));
    for (const a of asArray(subject.achievement).filter(isObject)) if (!carried.has(a.id)) subjects.push({ s: { achievement: a }, awarded: credential.awardedDate });
  } else {
    subjects.push({ s: subject, awarded: credential.awardedDate });
  }
  return subjects.flatMap(({ s, awarded }) => {
    const a = firstObject(s.achievement);
    if (!a) return [];
    const id = typeof a.id === 'string' ? a.id : undefined;
    const entry = findEntry(issuer, id, typeof a.humanCode === 'string' ? a.humanCode : undefined);
    const all = asArray(s.result).filter(isObject);
    // Months or terms completed and competency levels are results on their own result descriptions; the
    // main value is the first result on any other.
    const rds = asArray(a.resultDescription).filter(isObject);
    const rdOf = (r: Json) => rds.findIndex((rd) => rd.id === r.resultDescription);
    const isMonths = (r: Json) => typeof r.resultDescription === 'string' && r.resultDescription.endsWith(`/results/${MONTHS_COMPLETED_RESULT_ID}`);
    const isTerms = (r: Json) => typeof r.resultDescription === 'string' && r.resultDescription.endsWith(`/results/${TERMS_COMPLETED_RESULT_ID}`);
    const isCompetency = (r: Json) => rds[rdOf(r)]?.resultType === 'RubricCriterionLevel';
    const results = all.filter((r) => !isMonths(r) && !isTerms(r) && !isCompetency(r));
    const months = all.find((r) => isMonths(r) && typeof r.value === 'string' && /^\d{1,2}$/.test(r.value));
    const competencies = all.filter((r) => isCompetency(r) && typeof r.value === 'string').map((r) => {
      const rd = rds[rdOf(r)]!;
      const levels = asArray(rd.allowedValue).filter((v): v is string => typeof v === 'string');
      return { index: rdOf(r), level: r.value as string, ownName: typeof rd.name === 'string' ? rd.name : undefined, ...(levels.length ? { ownLevels: levels } : {}) };
    });
    const monthsRd = months ? rds[rdOf(months)] : undefined;
    const terms = all.find((r) => isTerms(r) && typeof r.value === 'string' && /^\d$/.test(r.value));
    const termsRd = terms ? rds[rdOf(terms)] : undefined;
    const withValue = results.find((r) => typeof r.value === 'string');
    const withStatus = results.find((r) => typeof r.status === 'string');
    return [{
      id,
      code: entry?.code,
      entry,
      // OB 3.0 `name` in `inLanguage`; records signed with the old LP context add `displayName`.
      ownName: (a.displayName ?? a.name) as LanguageMap | string | undefined,
      inLanguage: typeof a.inLanguage === 'string' ? a.inLanguage : undefined,
      languageOfAssessment: typeof a.languageOfAssessment === 'string' ? a.languageOfAssessment : undefined,
      iscedLevel: iscedLevelOf(a),
      value: withValue?.value as string | undefined,
      status: withStatus?.status as string | undefined,
      ownScale: ownScaleOf(a, withValue),
      awardedAt: dateOf(awarded),
      ...(months ? { monthsCompleted: Number(months.value) } : {}),
      ...(monthsRd && typeof monthsRd.valueMax === 'string' && /^\d{1,2}$/.test(monthsRd.valueMax) ? { ownMonthsInGrade: Number(monthsRd.valueMax) } : {}),
      ...(terms ? { termsCompleted: Number(terms.value) } : {}),
      ...(termsRd && typeof termsRd.valueMax === 'string' && /^[1-4]$/.test(termsRd.valueMax) ? { ownTermsInGrade: Number(termsRd.valueMax) } : {}),
      ...(competencies.length ? { competencies } : {}),
      ...(typeof a.creditsAvailable === 'number' && a.creditsAvailable >= 0 ? { ownNotionalHours: a.creditsAvailable } : {}),
      ...nationalGradesOf(a),
    }];
  });
}

function dateOf(v: unknown): Date | undefined {
  const d = typeof v === 'string' ? new Date(v) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
}

/** The ISCED 2011 level an OB 3.0 Alignment states (targetFramework "ISCED 2011"), when valid. */
function iscedLevelOf(a: Json): string | undefined {
  const alignment = asArray(a.alignment).filter(isObject).find((al) => al.targetFramework === ISCED_LEVEL_FRAMEWORK);
  return alignment && isIscedLevelCode(alignment.targetCode) ? alignment.targetCode : undefined;
}

/** The national grades an OB 3.0 Alignment states (targetFramework "National school grades", targetCode `SS:3-4`). */
function nationalGradesOf(a: Json): { ownNationalGrades?: { country: string; from: number; to: number } } {
  const al = asArray(a.alignment).filter(isObject).find((x) => x.targetFramework === NATIONAL_GRADES_FRAMEWORK);
  const m = typeof al?.targetCode === 'string' ? /^([A-Z]{2}):(\d{1,2})(?:-(\d{1,2}))?$/.exec(al.targetCode) : null;
  if (!m) return {};
  const from = Number(m[2]), to = Number(m[3] ?? m[2]);
  return from <= to ? { ownNationalGrades: { country: m[1]!, from, to } } : {};
}

function findEntry(issuer: TrustIssuer | undefined, id: string | undefined, humanCode: string | undefined): CatalogueEntry | undefined {
  if (!issuer) return undefined;
  const list = issuer.catalogue.achievements;
  return (id !== undefined ? list.find((e) => e.id === id) : undefined) ?? (humanCode !== undefined ? list.find((e) => e.code === humanCode && e.id === undefined) : undefined);
}

function ownScaleOf(a: Json, result: Json | undefined): DisplayResultScale | undefined {
  const rd = asArray(a.resultDescription).filter(isObject).find((r) => r.id === result?.resultDescription);
  if (!rd || typeof rd.resultType !== 'string') return undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const scale: DisplayResultScale = { resultType: rd.resultType };
  if (typeof rd.name === 'string') scale.name = { text: rd.name, lang: undefined, dir: 'auto' };
  if (str(rd.valueMin)) scale.valueMin = str(rd.valueMin)!;
  if (str(rd.valueMax)) scale.valueMax = str(rd.valueMax)!;
  if (str(rd.requiredValue)) scale.requiredValue = str(rd.requiredValue)!;
  return scale;
}

/** The name as printed: an unhashed `name`/`ext:name` identifier (OB 3.0 IdentityObject), else `name`. */
function learnerNameOf(subject: Json | undefined): string | undefined {
  if (!subject) return undefined;
  for (const i of asArray(subject.identifier).filter(isObject)) {
    if ((i.identityType === 'name' || i.identityType === 'ext:name') && i.hashed === false && typeof i.identityHash === 'string') return i.identityHash;
  }
  return typeof subject.name === 'string' ? subject.name : undefined;
}

/** An unhashed identifier's value (OB 3.0 IdentityObject with hashed false), the first of these types. */
function unhashedIdentifier(subject: Json | undefined, types: readonly string[]): string | undefined {
  if (!subject) return undefined;
  for (const t of types) {
    for (const i of asArray(subject.identifier).filter(isObject)) {
      if (i.identityType === t && i.hashed === false && typeof i.identityHash === 'string' && i.identityHash !== '') return i.identityHash;
    }
  }
  return undefined;
}

export function issuerIdOf(credential: Json): string | undefined {
  const i = credential.issuer;
  if (typeof i === 'string') return i;
  return isObject(i) && typeof i.id === 'string' ? i.id : undefined;
}

function asArray(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}
function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function firstObject(v: unknown): Json | undefined {
  return asArray(v).find(isObject);
}

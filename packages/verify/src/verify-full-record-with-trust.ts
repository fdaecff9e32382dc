import { publicKeyFromDidKey } from '@lp/crypto';
import { decodeFullRecord, verifyCredentialDi, verifyCredentialJwt, type FullRecordResult } from '@lp/formats';
import type { Check, LanguageMap } from '@lp/model';
import { findKey, publicKeyOf, type CatalogueEntry, type TrustIssuer } from '@lp/trust';
import type { DisplayResultScale, VerificationResult, VerifyContext } from './types.ts';
import { buildDisplay, type AchievementFacts } from './lib/build-display.ts';
import { bundleDocumentLoader } from './lib/bundle-document-loader.ts';
import { checkIssuerTrust } from './lib/check-issuer-trust.ts';
import { checkStatusEntries } from './lib/check-status-entries.ts';
import { finishResult } from './lib/finish-result.ts';
import { makeCheck } from './lib/make-check.ts';
import { isDidKeyOwnKey } from './verify-seal.ts';

type Json = Record<string, unknown>;

/**
 * Verifies a full record (JSON with a Data Integrity eddsa-rdfc-2022 proof, or an
 * application/vc+jwt) against the trust bundle, with the same checks and result shape as a seal.
 * The proof is checked by @lp/formats; keys of did:web issuers come from the bundle (nothing is
 * fetched). Never throws for bad input.
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
      ? await verifyCredentialJwt(decoded.jwt, { ...common, resolveKey: (kid, iss) => resolveJwtKey(ctx, kid, iss) })
      : await verifyCredentialDi(decoded.credential, { ...common, documentLoader: bundleDocumentLoader(ctx.bundle), purpose: 'issuance' });
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
  const keyId = keyIdOf(credential, signature, issuerId);
  const issuer = issuerId && ctx.bundle ? ctx.bundle.bundle.issuers.find((i) => i.id === issuerId) : undefined;
  const facts = achievementsOf(credential, issuer);
  const issuedAt = issuanceDate(credential);
  if (issuerId) {
    const trust = checkIssuerTrust(ctx, issuerId, keyId, issuedAt, facts.map((f) => ({ code: f.code, label: f.code ?? f.id ?? '(unnamed)' })));
    checks.push(trust.issuerTrust, trust.keyStatus);
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
      expiresAt: typeof credential.validUntil === 'string' ? new Date(credential.validUntil) : undefined,
      statusAsOf,
    },
    ctx,
  );
  return finishResult(checks, ctx, decoded.kind, display, credential);
}

/** A JWT kid: the bundle's key of that issuer, or a did:key issuer's own key; else none. */
function resolveJwtKey(ctx: VerifyContext, kid: string, iss: string): Uint8Array | undefined {
  const full = kid.startsWith('#') ? `${iss}${kid}` : kid;
  try {
    const found = ctx.bundle ? findKey(ctx.bundle.bundle, full) : undefined;
    if (found && found.issuer.id === iss) return publicKeyOf(found.key);
    if (isDidKeyOwnKey(full, iss)) return publicKeyFromDidKey(iss);
  } catch {
    return undefined;
  }
  return undefined;
}

function keyIdOf(credential: Json, signature: Check | undefined, issuerId: string | undefined): string | undefined {
  const d = signature?.details;
  let vm = typeof d?.verificationMethod === 'string' ? d.verificationMethod : typeof d?.kid === 'string' ? d.kid : undefined;
  if (!vm) {
    const proof = firstObject(credential.proof);
    vm = typeof proof?.verificationMethod === 'string' ? proof.verificationMethod : undefined;
  }
  return vm?.startsWith('#') && issuerId ? `${issuerId}${vm}` : vm;
}

/** VC Data Model 2.0 §4.9: validFrom is when the credential became valid; else the proof's creation. */
function issuanceDate(credential: Json): Date | undefined {
  const proof = firstObject(credential.proof);
  const v = typeof credential.validFrom === 'string' ? credential.validFrom : typeof proof?.created === 'string' ? proof.created : undefined;
  return v ? new Date(v) : undefined;
}

interface Facts extends AchievementFacts {
  id: string | undefined;
}

/** One entry per result: the subject's achievement, or for a CLR each embedded credential's. */
function achievementsOf(credential: Json, issuer: TrustIssuer | undefined): Facts[] {
  const types = asArray(credential.type);
  const subject = firstObject(credential.credentialSubject);
  if (!subject) return [];
  const subjects: Json[] = [];
  if (types.includes('ClrCredential')) {
    for (const vc of asArray(subject.verifiableCredential).filter(isObject)) {
      const s = firstObject(vc.credentialSubject);
      if (s) subjects.push(s);
    }
    const carried = new Set(subjects.map((s) => firstObject(s.achievement)?.id));
    for (const a of asArray(subject.achievement).filter(isObject)) if (!carried.has(a.id)) subjects.push({ achievement: a });
  } else {
    subjects.push(subject);
  }
  return subjects.flatMap((s) => {
    const a = firstObject(s.achievement);
    if (!a) return [];
    const id = typeof a.id === 'string' ? a.id : undefined;
    const entry = findEntry(issuer, id, typeof a.humanCode === 'string' ? a.humanCode : undefined);
    const results = asArray(s.result).filter(isObject);
    const withValue = results.find((r) => typeof r.value === 'string');
    const withStatus = results.find((r) => typeof r.status === 'string');
    return [{
      id,
      code: entry?.code,
      entry,
      ownName: (a.displayName ?? a.name) as LanguageMap | string | undefined,
      inLanguage: typeof a.inLanguage === 'string' ? a.inLanguage : undefined,
      value: withValue?.value as string | undefined,
      status: withStatus?.status as string | undefined,
      ownScale: ownScaleOf(a, withValue),
    }];
  });
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

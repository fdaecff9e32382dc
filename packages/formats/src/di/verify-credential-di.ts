import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import jsigs from 'jsonld-signatures';
import * as base58 from 'base58-universal';
import { publicKeyFromDidKey } from '@lp/crypto';
import { verdictOf, type Check } from '@lp/model';
import { classifyError } from '../lib/classify-error.ts';
import { makeCheck } from '../lib/make-check.ts';
import { lpEddsaRdfc2022 } from '../lib/lp-cryptosuite.ts';
import { lpEddsaJcs2022Verify } from '../lib/lp-jcs-cryptosuite.ts';
import { LpEd25519Signature2020 } from '../lib/lp-ed25519-signature-2020.ts';
import { relatedResourceCheck } from '../lib/related-resource-check.ts';
import { subjectCheck } from '../lib/subject-check.ts';
import { runCommonChecks } from '../lib/run-common-checks.ts';
import { validityDatesOf } from '../lib/vc-data-model.ts';
import type { FullRecordResult, VerifyDiOptions } from '../types.ts';

const { AssertionProofPurpose } = jsigs.purposes;

type Json = Record<string, unknown>;
/** The proofs this verifier understands (DESIGN.md: others are reported, never half-verified). */
type ProofKind = 'eddsa-rdfc-2022' | 'eddsa-jcs-2022' | 'Ed25519Signature2020';

/**
 * Verifies a credential (VC 2.0, or VC 1.1 from issuers on other stacks) secured by one or more
 * proofs: DataIntegrityProof eddsa-rdfc-2022 or eddsa-jcs-2022 (vc-di-eddsa §3.3, §3.4), or
 * Ed25519Signature2020. Proof sets and chains follow VC Data Integrity 1.0 §4.5: every proof we
 * understand must verify, at least one must be by a key its issuer controls, and a proof naming
 * `previousProof` is verified over the document with the proofs it names, which must be in the set; proofs of other types are
 * reported (`details.unsupportedProofs`) without failing; a credential with none we understand
 * gets an 'unknown' signature (PROOF_CRYPTOSUITE_UNSUPPORTED). A verification method the loader
 * cannot resolve (not in the trust bundle, nothing is fetched) is 'unknown' too:
 * VERIFICATION_METHOD_UNKNOWN, naming it. Returns checks 'parse', 'signature', ['status'],
 * 'validity', 'profile'; never throws for a bad credential.
 *
 * @example
 *   const r = await verifyCredentialDi(signed, { documentLoader: createDocumentLoader(), now });
 *   if (r.verdict === 'VALID') …
 */
export async function verifyCredentialDi(credential: unknown, opts: VerifyDiOptions): Promise<FullRecordResult> {
  const checks: Check[] = [];
  const done = (cred?: Json): FullRecordResult => ({ verdict: verdictOf(checks), checks, ...(cred ? { credential: cred } : {}), format: 'di' });
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) {
    checks.push(makeCheck('parse', 'fail', 'CREDENTIAL_NOT_OBJECT', 'a credential must be a JSON object'));
    return done();
  }
  const cred = credential as Json;
  const now = opts.now ?? new Date();

  // vc's own well-formedness rules (VC Data Model 2.0 §4, or 1.1 for a 1.1 context), evaluated at
  // a time inside the validity period: whether the time is right is the separate 'validity'
  // check, not a parse failure. (maxClockSkew 1 s: vc's compareTime counts equal times as
  // different when the skew is 0.)
  try {
    vc._checkCredential({ credential: cred, now: clampToValidity(cred, now), mode: 'verify', maxClockSkew: 1 });
  } catch (err) {
    checks.push(makeCheck('parse', 'fail', 'CREDENTIAL_MALFORMED', `not a well-formed credential: ${(err as Error).message}`));
    return done(cred);
  }
  const noSubject = subjectCheck(cred);
  if (noSubject) {
    checks.push(noSubject);
    return done(cred);
  }
  const related = relatedResourceCheck(cred);
  if ('fail' in related) {
    checks.push(related.fail);
    return done(cred);
  }
  checks.push(makeCheck('parse', 'pass', 'CREDENTIAL_WELL_FORMED', 'a well-formed verifiable credential', related.notChecked.length ? { relatedResourcesNotChecked: related.notChecked } : undefined));

  const signature = await checkProofSet(cred, opts);
  checks.push(signature);
  checks.push(...(await runCommonChecks(cred, signature.status === 'pass', { ...opts, now })));
  return done(cred);
}

function proofKind(proof: Json): ProofKind | undefined {
  if (proof.type === 'DataIntegrityProof' && (proof.cryptosuite === 'eddsa-rdfc-2022' || proof.cryptosuite === 'eddsa-jcs-2022')) return proof.cryptosuite;
  if (proof.type === 'Ed25519Signature2020') return 'Ed25519Signature2020';
  return undefined;
}

function suiteFor(kind: ProofKind): unknown {
  if (kind === 'eddsa-rdfc-2022') return new DataIntegrityProof({ cryptosuite: lpEddsaRdfc2022 });
  if (kind === 'eddsa-jcs-2022') return new DataIntegrityProof({ cryptosuite: lpEddsaJcs2022Verify });
  return new LpEd25519Signature2020();
}

const vmOf = (proof: Json): string | undefined => {
  const vm = typeof proof.verificationMethod === 'string' ? proof.verificationMethod : (proof.verificationMethod as { id?: unknown } | undefined)?.id;
  return typeof vm === 'string' && vm !== '' ? vm : undefined;
};

async function checkProofSet(cred: Json, opts: VerifyDiOptions): Promise<Check> {
  const fail = (code: string, message: string, details?: Json) => makeCheck('signature', 'fail', code, message, details);
  const proofs = cred.proof === undefined ? [] : Array.isArray(cred.proof) ? cred.proof : [cred.proof];
  if (proofs.length === 0) return fail('PROOF_MISSING', 'the credential has no proof');
  const understood: { proof: Json; kind: ProofKind; vm: string; previous?: Json[] }[] = [];
  const unsupported: { type: unknown; cryptosuite?: unknown }[] = [];
  for (const p of proofs) {
    if (typeof p !== 'object' || p === null || Array.isArray(p)) return fail('PROOF_MALFORMED', 'a proof must be a JSON object');
    const proof = p as Json;
    const kind = proofKind(proof);
    if (!kind) {
      unsupported.push(proof.cryptosuite === undefined ? { type: proof.type } : { type: proof.type, cryptosuite: proof.cryptosuite });
      continue;
    }
    const bad = precheckProof(proof, kind);
    if (bad) return bad;
    understood.push({ proof, kind, vm: vmOf(proof)! });
  }
  // Proof chains (VC Data Integrity 1.0 §4.5): a proof naming `previousProof` signed the document
  // together with the proofs it names, each of which must be in this set and verify too.
  for (const u of understood) {
    if (u.proof.previousProof === undefined) continue;
    const ids = u.proof.previousProof;
    const list = typeof ids === 'string' ? [ids] : Array.isArray(ids) && ids.length > 0 && ids.every((x) => typeof x === 'string' && x !== '') ? (ids as string[]) : undefined;
    if (!list) return fail('PROOF_CHAIN_MALFORMED', 'previousProof must be a proof id or a list of proof ids', { verificationMethod: u.vm });
    const previous: Json[] = [];
    for (const id of list) {
      const found = proofs.find((q) => typeof q === 'object' && q !== null && (q as Json).id === id) as Json | undefined;
      if (!found || found === u.proof) return fail('PROOF_CHAIN_BROKEN', `previousProof names ${id}, which is not another proof of this credential`, { verificationMethod: u.vm, previousProof: id });
      if (!proofKind(found)) {
        return makeCheck('signature', 'unknown', 'PROOF_CHAIN_UNVERIFIABLE', `the proof by ${u.vm} follows ${id}, a proof of a type this verifier does not understand: the chain cannot be checked`, { verificationMethod: u.vm, previousProof: id });
      }
      previous.push(found);
    }
    u.previous = previous;
  }
  const extra = unsupported.length > 0 ? { unsupportedProofs: unsupported } : {};
  if (understood.length === 0) {
    const names = unsupported.map((u) => `${String(u.type)}${u.cryptosuite !== undefined ? ` / ${String(u.cryptosuite)}` : ''}`).join(', ');
    return makeCheck('signature', 'unknown', 'PROOF_CRYPTOSUITE_UNSUPPORTED', `no proof this verifier understands (${names}): eddsa-rdfc-2022, eddsa-jcs-2022 and Ed25519Signature2020 are`, { ...extra, type: unsupported[0]?.type, cryptosuite: unsupported[0]?.cryptosuite });
  }
  const contextProblem = await precheckContexts(cred, opts);
  if (contextProblem) return contextProblem;

  // Resolve every method before any canonicalization: one nobody can resolve offline is an
  // unknown key, not a missing context (the loader's error would say "document not bundled").
  const unresolved: string[] = [];
  const controllers = new Map<string, string | undefined>();
  for (const u of understood) {
    try {
      const { document } = await opts.documentLoader(u.vm);
      const controller = (document as { controller?: unknown }).controller;
      controllers.set(u.vm, typeof controller === 'string' ? controller : (controller as { id?: string } | undefined)?.id);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code === 'DID_KEY_INVALID') {
        return fail('VERIFICATION_METHOD_INVALID', `the verification method ${u.vm} does not resolve to an Ed25519 key`, { verificationMethod: u.vm });
      }
      unresolved.push(u.vm);
    }
  }

  const issuer = issuerIdOf(cred);
  const verified: string[] = [];
  for (const u of understood) {
    if (unresolved.includes(u.vm)) continue;
    const r = await verifyOne({ ...cred, proof: u.proof }, u.kind, opts, u.previous);
    if (!r.verified) {
      const c = classifyError(r.error);
      return fail(c.code, `${c.message}${understood.length > 1 ? ` (proof by ${u.vm})` : ''}`, { ...c.details, verificationMethod: u.vm, ...extra });
    }
    verified.push(u.vm);
  }
  if (unresolved.length > 0) {
    return makeCheck('signature', 'unknown', 'VERIFICATION_METHOD_UNKNOWN', `the key ${unresolved[0]} is not known here (not in the trust bundle; nothing is fetched): the signature cannot be checked`, { verificationMethod: unresolved[0], unresolved, ...extra });
  }
  // VC Data Model 2.0 §4.7 / Data Integrity §4.4: the set must include a proof by the issuer.
  // ('assertion' is for test vectors whose issuer is not the key's controller.)
  const byIssuer = verified.filter((vm) => controllers.get(vm) === issuer);
  if (opts.purpose !== 'assertion' && byIssuer.length === 0) {
    return fail('ISSUER_KEY_MISMATCH', 'the proof was made with a key that the credential issuer does not control', { verificationMethod: verified[0], ...extra });
  }
  const kinds = [...new Set(understood.map((u) => u.kind))].join(', ');
  const ignored = unsupported.length > 0 ? `; ${unsupported.length} proof(s) of another type not checked` : '';
  const main = byIssuer[0] ?? verified[0]!;
  const chained = understood.filter((u) => u.previous).map((u) => ({ verificationMethod: u.vm, previousProof: u.previous!.map((q) => q.id) }));
  return makeCheck('signature', 'pass', 'SIGNATURE_VALID', `${understood.length > 1 ? `all ${understood.length} proofs are` : 'the proof is'} valid (${kinds})${chained.length > 0 ? `, ${chained.length} of them chained to an earlier proof` : ''}${ignored}`, {
    verificationMethod: main,
    ...(verified.length > 1 ? { verificationMethods: byIssuer.length > 0 ? [...byIssuer, ...verified.filter((v) => !byIssuer.includes(v))] : verified } : {}),
    ...(chained.length > 0 ? { chains: chained } : {}),
    ...extra,
  });
}

async function verifyOne(doc: Json, kind: ProofKind, opts: VerifyDiOptions, previous?: Json[]): Promise<{ verified: boolean; error?: unknown }> {
  // Key control by the issuer is decided over the whole set (checkProofSet); here each proof's
  // key must be an assertionMethod of its own controller.
  const purpose = new AssertionProofPurpose();
  // jsonld-signatures directly, not vc.verifyCredential: that would first repeat vc's
  // _checkCredential, which verifyCredentialDi has already passed for this credential at the
  // same clamped time (it never reads `proof`, the only property `doc` changes), and its
  // status step is the pipeline's separate 'status' check.
  try {
    const result = await jsigs.verify(doc, {
      suite: previous ? chainedSuite(suiteFor(kind), previous) : suiteFor(kind),
      purpose,
      documentLoader: opts.documentLoader,
    });
    const failed = (result.results as { verified?: boolean; error?: unknown }[] | undefined)?.find((r) => !r.verified);
    if (result.verified && !failed) return { verified: true };
    return { verified: false, error: failed?.error ?? result.error };
  } catch (err) {
    return { verified: false, error: err };
  }
}

/**
 * VC Data Integrity 1.0 §4.5: a chained proof is verified over the document whose `proof` is the
 * proofs it names (jsonld-signatures 11 hands every suite the document without proofs). The
 * suite is the same; only the document its verifyProof sees gains those proofs.
 */
function chainedSuite(suite: unknown, previous: Json[]): unknown {
  const withPrevious = structuredClone(previous.length === 1 ? previous[0]! : previous);
  return new Proxy(suite as object, {
    get(target, key) {
      if (key === 'verifyProof') {
        return (o: { document: Json }) => (target as { verifyProof(o: unknown): Promise<unknown> }).verifyProof({ ...o, document: { ...o.document, proof: withPrevious } });
      }
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/**
 * Checks what can be decided without canonicalizing, so that each bad input gets its own code
 * rather than a generic failure deep inside the libraries (and no work is spent on it).
 */
function precheckProof(proof: Json, kind: ProofKind): Check | undefined {
  const fail = (code: string, message: string, details?: Json) => makeCheck('signature', 'fail', code, message, details);
  // vc-di-eddsa §3.3.7 (and Ed25519Signature2020): multibase base58-btc of the 64-byte signature.
  if (!isZBase58Of64(proof.proofValue)) return fail('PROOF_VALUE_MALFORMED', `proofValue is not a multibase base58-btc encoding of a 64-byte signature (${kind})`);
  const vm = vmOf(proof);
  if (vm === undefined) return fail('VERIFICATION_METHOD_MISSING', 'the proof names no verification method');
  // Data Integrity §2.1: verificationMethod is a URL; a relative one would silently vanish in
  // JSON-LD expansion and fail obscurely later.
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(vm)) return fail('VERIFICATION_METHOD_INVALID', `the verification method "${vm}" is not an absolute URL`, { verificationMethod: vm });
  if (vm.startsWith('did:key:')) {
    try {
      publicKeyFromDidKey(vm.split('#')[0]!);
    } catch (err) {
      const code = (err as { code?: string }).code;
      return code === 'KEY_NOT_ED25519'
        ? fail('VERIFICATION_METHOD_NOT_ED25519', 'the verification method is a did:key of another key type than Ed25519', { verificationMethod: vm })
        : fail('VERIFICATION_METHOD_INVALID', `the verification method is not a valid Ed25519 did:key (${code ?? 'invalid'})`, { verificationMethod: vm });
    }
  }
  return undefined;
}

async function precheckContexts(cred: Json, opts: VerifyDiOptions): Promise<Check | undefined> {
  const contexts = Array.isArray(cred['@context']) ? cred['@context'] : [cred['@context']];
  for (const ctx of contexts) {
    if (typeof ctx !== 'string') continue;
    try {
      await opts.documentLoader(ctx);
    } catch {
      return makeCheck('signature', 'fail', 'CONTEXT_NOT_BUNDLED', `@context ${ctx} is not bundled (nothing is fetched)`, { url: ctx });
    }
  }
  return undefined;
}

function issuerIdOf(cred: Json): string | undefined {
  const i = cred.issuer;
  if (typeof i === 'string') return i;
  return typeof i === 'object' && i !== null && typeof (i as Json).id === 'string' ? ((i as Json).id as string) : undefined;
}

function isZBase58Of64(value: unknown): boolean {
  if (typeof value !== 'string' || value[0] !== 'z' || value.length > 100) return false;
  try {
    return base58.decode(value.slice(1)).length === 64;
  } catch {
    return false;
  }
}

/** A time inside the credential's validity period (or `now` when inside or the dates are absent). */
function clampToValidity(cred: Json, now: Date): Date {
  let t = now.getTime();
  const { from: fromText, until: untilText } = validityDatesOf(cred);
  const from = typeof fromText === 'string' ? Date.parse(fromText) : NaN;
  const until = typeof untilText === 'string' ? Date.parse(untilText) : NaN;
  if (!Number.isNaN(from) && t < from) t = from;
  if (!Number.isNaN(until) && t > until) t = until;
  return new Date(t);
}

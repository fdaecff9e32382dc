import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import jsigs from 'jsonld-signatures';
import * as base58 from 'base58-universal';
import { publicKeyFromDidKey } from '@lp/crypto';
import { verdictOf, type Check } from '@lp/model';
import { classifyError } from '../lib/classify-error.ts';
import { makeCheck } from '../lib/make-check.ts';
import { lpEddsaRdfc2022 } from '../lib/lp-cryptosuite.ts';
import { runCommonChecks } from '../lib/run-common-checks.ts';
import type { FullRecordResult, VerifyDiOptions } from '../types.ts';

const { AssertionProofPurpose } = jsigs.purposes;

/**
 * Verifies a VC 2.0 credential secured by a DataIntegrityProof eddsa-rdfc-2022 (vc-di-eddsa §3.3.3),
 * through @digitalbazaar/vc `verifyCredential` with our cryptosuite (the Ed25519 verdict comes from
 * @lp/crypto). Returns checks 'parse', 'signature', ['status'], 'validity', 'profile'; never throws
 * for a bad credential.
 *
 * @example
 *   const r = await verifyCredentialDi(signed, { documentLoader: createDocumentLoader(), now });
 *   if (r.verdict === 'VALID') …
 */
export async function verifyCredentialDi(credential: unknown, opts: VerifyDiOptions): Promise<FullRecordResult> {
  const checks: Check[] = [];
  const done = (cred?: Record<string, unknown>): FullRecordResult => ({ verdict: verdictOf(checks), checks, ...(cred ? { credential: cred } : {}), format: 'di' });
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) {
    checks.push(makeCheck('parse', 'fail', 'CREDENTIAL_NOT_OBJECT', 'a credential must be a JSON object'));
    return done();
  }
  const cred = credential as Record<string, unknown>;
  const now = opts.now ?? new Date();

  // vc's own well-formedness rules (VC Data Model 2.0 §4), evaluated at a time inside the validity
  // period: whether the time is right is the separate 'validity' check, not a parse failure.
  // (maxClockSkew 1 s: vc's compareTime counts equal times as different when the skew is 0.)
  try {
    vc._checkCredential({ credential: cred, now: clampToValidity(cred, now), mode: 'verify', maxClockSkew: 1 });
    checks.push(makeCheck('parse', 'pass', 'CREDENTIAL_WELL_FORMED', 'a well-formed VC 2.0 credential'));
  } catch (err) {
    checks.push(makeCheck('parse', 'fail', 'CREDENTIAL_MALFORMED', `not a well-formed credential: ${(err as Error).message}`));
    return done(cred);
  }

  const signature = await checkSignature(cred, now, opts);
  checks.push(signature);
  checks.push(...(await runCommonChecks(cred, signature.status === 'pass', { ...opts, now })));
  return done(cred);
}

async function checkSignature(cred: Record<string, unknown>, now: Date, opts: VerifyDiOptions): Promise<Check> {
  const pre = await precheckProofs(cred, opts);
  if (pre) return pre;
  const suite = new DataIntegrityProof({ cryptosuite: lpEddsaRdfc2022 });
  const purpose = opts.purpose === 'assertion' ? new AssertionProofPurpose() : new vc.CredentialIssuancePurpose();
  let result: { verified: boolean; error?: unknown; results?: { verified?: boolean; error?: unknown; verificationMethod?: { id?: string } }[] };
  try {
    result = await vc.verifyCredential({
      credential: cred,
      suite,
      purpose,
      documentLoader: opts.documentLoader,
      now: clampToValidity(cred, now),
      maxClockSkew: 1,
      // The status list is a separate check of the pipeline ('status'), run after this one.
      checkStatus: async () => ({ verified: true }),
    });
  } catch (err) {
    result = { verified: false, error: err };
  }
  // jsonld-signatures calls a proof set verified when ANY proof verifies; VC Data Integrity 1.0
  // §4.4 "Verify Proof Sets and Chains" requires ALL of them (allProofsVerified).
  const failed = result.results?.find((r) => !r.verified);
  if (result.verified && failed) result = { verified: false, error: failed.error ?? new Error('Invalid signature.') };
  if (result.verified) {
    const vm = result.results?.[0]?.verificationMethod?.id;
    return makeCheck('signature', 'pass', 'SIGNATURE_VALID', 'the Data Integrity proof (eddsa-rdfc-2022) is valid', vm ? { verificationMethod: vm } : undefined);
  }
  const c = classifyError(result.error);
  return makeCheck('signature', 'fail', c.code, c.message, c.details);
}

/**
 * Checks what can be decided without canonicalizing, so that each bad input gets its own code
 * rather than a generic failure deep inside the libraries (and no work is spent on it).
 */
async function precheckProofs(cred: Record<string, unknown>, opts: VerifyDiOptions): Promise<Check | undefined> {
  const fail = (code: string, message: string, details?: Record<string, unknown>) => makeCheck('signature', 'fail', code, message, details);
  const proofs = cred.proof === undefined ? [] : Array.isArray(cred.proof) ? cred.proof : [cred.proof];
  if (proofs.length === 0) return fail('PROOF_MISSING', 'the credential has no proof');
  for (const p of proofs) {
    if (typeof p !== 'object' || p === null) return fail('PROOF_MALFORMED', 'a proof must be a JSON object');
    const proof = p as Record<string, unknown>;
    if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-rdfc-2022') {
      return fail('PROOF_CRYPTOSUITE_UNSUPPORTED', `unsupported proof ${String(proof.type)} / ${String(proof.cryptosuite)}: only DataIntegrityProof eddsa-rdfc-2022`, { type: proof.type, cryptosuite: proof.cryptosuite });
    }
    // jsonld-signatures 11 verifies each proof against the bare document; a chained proof
    // (`previousProof`, VC Data Integrity 1.0 §2.1.2) covers the previous proofs too, so it would
    // fail as a bad signature. Refused explicitly until chains are supported.
    if (proof.previousProof !== undefined) return fail('PROOF_CHAIN_UNSUPPORTED', 'proof chains (previousProof) are not supported');
    // vc-di-eddsa §3.3.7: proofValue is multibase base58-btc of the 64-byte Ed25519 signature.
    if (!isZBase58Of64(proof.proofValue)) return fail('PROOF_VALUE_MALFORMED', 'proofValue is not a multibase base58-btc encoding of a 64-byte signature');
    const vm = typeof proof.verificationMethod === 'string' ? proof.verificationMethod : (proof.verificationMethod as { id?: unknown } | undefined)?.id;
    if (typeof vm !== 'string' || vm === '') return fail('VERIFICATION_METHOD_MISSING', 'the proof names no verification method');
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
  }
  const contexts = Array.isArray(cred['@context']) ? cred['@context'] : [cred['@context']];
  for (const ctx of contexts) {
    if (typeof ctx !== 'string') continue;
    try {
      await opts.documentLoader(ctx);
    } catch (err) {
      const c = classifyError(err);
      return fail(c.code === 'CONTEXT_NOT_BUNDLED' ? c.code : 'CONTEXT_NOT_BUNDLED', `@context ${ctx} is not bundled (nothing is fetched)`, { url: ctx });
    }
  }
  return undefined;
}

function isZBase58Of64(value: unknown): boolean {
  if (typeof value !== 'string' || value[0] !== 'z' || value.length > 100) return false;
  try {
    return base58.decode(value.slice(1)).length === 64;
  } catch {
    return false;
  }
}

/** A time inside [validFrom, validUntil] (or `now` when that is inside or the dates are absent). */
function clampToValidity(cred: Record<string, unknown>, now: Date): Date {
  let t = now.getTime();
  const from = typeof cred.validFrom === 'string' ? Date.parse(cred.validFrom) : NaN;
  const until = typeof cred.validUntil === 'string' ? Date.parse(cred.validUntil) : NaN;
  if (!Number.isNaN(from) && t < from) t = from;
  if (!Number.isNaN(until) && t > until) t = until;
  return new Date(t);
}

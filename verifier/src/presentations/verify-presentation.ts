import { verifyPresentationDi, type DocumentLoader } from '@lp/formats';
import { verdictOf, type Check, type Verdict } from '@lp/model';
import { verifyAny, type VerificationResult, type VerifyContext } from '@lp/verify';
import type { ChallengeStore } from './challenge-store.ts';

export interface VerifyPresentationOptions {
  /** `options.challenge` of the request (else the proof's): must be one this verifier issued. */
  challenge: string | undefined;
  /**
   * `options.domain` of the request. With one of our challenges it must equal `expectedDomain`;
   * with a caller's own challenge (VC-API) it is the domain the proof must name.
   */
  domain: string | undefined;
  /**
   * `options.requireHolderBinding`: the holder must be the subject of every credential. Default:
   * on with one of our challenges (our wallet flow), off with a caller's own challenge.
   */
  requireHolderBinding?: boolean | undefined;
  /** This verifier's domain (LP_VERIFIER_DOMAIN or the Host it is reached at). */
  expectedDomain: string;
  challenges: ChallengeStore;
  documentLoader: DocumentLoader;
  ctx: VerifyContext;
}

export interface PresentationResult {
  verified: boolean;
  verdict: Verdict;
  /** The 'presentation' check(s): challenge, domain, holder's proof, holder binding. */
  checks: Check[];
  /** One pipeline result per embedded credential, in order. */
  credentials: VerificationResult[];
  holder: string | undefined;
}

const fail = (code: string, message: string, details?: Record<string, unknown>): Check =>
  details ? { id: 'presentation', status: 'fail', code, message, details } : { id: 'presentation', status: 'fail', code, message };

/**
 * Verifies a presentation for this verifier (DESIGN.md: "presentations need a fresh challenge and
 * the verifier's domain"). Two ways to bring a challenge:
 * - one of ours (POST /presentations/challenges): issued here, unused and unexpired (consumed now,
 *   whatever follows: a replay is rejected), for our domain;
 * - the caller's own in `options.challenge` (W3C VC-API): honoured as given, with
 *   `options.domain` (else ours); keeping it single-use is the caller's part.
 * Then the holder's proof verifies for that challenge and domain (@lp/formats
 * verifyPresentationDi); a stated `holder` must be the signer (`holder` itself is optional); with
 * holder binding on, the holder is the subject of every credential (credentialSubject.id); each
 * credential goes through the pipeline. Never throws.
 */
export async function verifyPresentation(vp: unknown, opts: VerifyPresentationOptions): Promise<PresentationResult> {
  const obj = typeof vp === 'object' && vp !== null && !Array.isArray(vp) ? (vp as Record<string, unknown>) : undefined;
  const holder = obj ? idOf(obj.holder) : undefined;
  const finish = (checks: Check[], credentials: VerificationResult[] = []): PresentationResult => {
    const verdict = verdictOf([...checks, ...credentials.map(asCheck)]);
    return { verified: verdict === 'VALID', verdict, checks, credentials, holder };
  };
  const proof = obj ? (Array.isArray(obj.proof) ? obj.proof[0] : obj.proof) as Record<string, unknown> | undefined : undefined;
  const challenge = opts.challenge ?? (typeof proof?.challenge === 'string' ? proof.challenge : undefined);
  if (!challenge) return finish([fail('PRESENTATION_CHALLENGE_MISSING', 'no challenge: ask POST /presentations/challenges for one and sign with it')]);
  const own = opts.challenges.owns(challenge);
  let domain = opts.expectedDomain;
  if (own) {
    const state = await opts.challenges.consume(challenge);
    if (state === 'unknown') return finish([fail('PRESENTATION_CHALLENGE_UNKNOWN', 'this challenge was not issued by this verifier (or was dropped)')]);
    if (state === 'used') return finish([fail('PRESENTATION_CHALLENGE_USED', 'this challenge was already used: a presentation is accepted once (replay)')]);
    if (state === 'expired') return finish([fail('PRESENTATION_CHALLENGE_EXPIRED', 'this challenge has expired: ask for a new one')]);
    if (opts.domain !== undefined && opts.domain !== opts.expectedDomain) {
      return finish([fail('PRESENTATION_DOMAIN_MISMATCH', `the presentation is for ${JSON.stringify(opts.domain)}, this verifier is ${JSON.stringify(opts.expectedDomain)}`)]);
    }
  } else {
    // Only a challenge the caller states is honoured: one found in the proof alone proves nothing.
    if (opts.challenge === undefined) return finish([fail('PRESENTATION_CHALLENGE_UNKNOWN', 'the proof names a challenge this verifier did not issue; a VC-API caller passes its own in options.challenge')]);
    domain = opts.domain ?? opts.expectedDomain;
  }
  const proofResult = await verifyPresentationDi(vp, { documentLoader: opts.documentLoader, challenge, domain });
  if (!proofResult.verified) return finish([proofResult.check]);
  if (holder !== undefined && holder !== proofResult.signer) {
    return finish([fail('PRESENTATION_HOLDER_MISMATCH', `the presentation was signed by ${String(proofResult.signer)}, not by its holder ${holder}`)]);
  }
  const creds = obj!.verifiableCredential === undefined ? [] : Array.isArray(obj!.verifiableCredential) ? obj!.verifiableCredential : [obj!.verifiableCredential];
  const binding = opts.requireHolderBinding ?? own;
  // VC 2.0 §4.13: verifiableCredential is optional — a caller may ask only that the holder proves
  // control of its key. Our wallet flow (holder binding) exists to hand over records: empty is refused there.
  if (creds.length === 0 && binding) return finish([fail('PRESENTATION_NO_CREDENTIALS', 'the presentation holds no credential')]);
  const checks: Check[] = [proofResult.check];
  if (binding) {
    if (holder === undefined) return finish([fail('PRESENTATION_HOLDER_MISSING', 'holder binding was asked for, but the presentation names no holder')]);
    const notBound = creds.map((c, i) => ({ i, subjects: subjectIds(c) })).filter((x) => x.subjects.length === 0 || x.subjects.some((s) => s !== holder));
    if (notBound.length > 0) {
      return finish([fail('PRESENTATION_HOLDER_NOT_SUBJECT', `the holder ${holder} is not the subject (credentialSubject.id) of credential(s) ${notBound.map((x) => x.i).join(', ')}`, { credentials: notBound.map((x) => x.i) })]);
    }
    checks.push({ id: 'presentation', status: 'pass', code: 'PRESENTATION_HOLDER_BOUND', message: `the holder ${holder} is the subject of every credential` });
  }
  const results: VerificationResult[] = [];
  for (const c of creds) results.push(await verifyAny(c as object, opts.ctx));
  return finish(checks, results);
}

function idOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string') return (v as { id: string }).id;
  return undefined;
}

function subjectIds(cred: unknown): (string | undefined)[] {
  if (typeof cred !== 'object' || cred === null) return [];
  const s = (cred as { credentialSubject?: unknown }).credentialSubject;
  const list = Array.isArray(s) ? s : s === undefined ? [] : [s];
  return list.map(idOf);
}

/** A credential's verdict as one check, so the presentation's verdict follows verdictOf's rule. */
function asCheck(r: VerificationResult): Check {
  const status = r.verdict === 'VALID' ? 'pass' : r.verdict === 'INVALID' ? 'fail' : 'unknown';
  return { id: 'presentation', status, code: `CREDENTIAL_${r.verdict}`, message: r.verdict };
}

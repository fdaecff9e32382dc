import { RecognitionError } from './errors.ts';

/** One thing for the verification pipeline: a JSON credential, a vc+jwt or an `LP1:` seal text. */
export type EvidenceInput = Record<string, unknown> | string;

/** A learner summary is of one learner: a few dozen records, never thousands. */
export const MAX_EVIDENCE_ITEMS = 64;

/**
 * What a school hands over at once, split into credentials to verify one by one: a verifiable
 * presentation gives each of its credentials (an EnvelopedVerifiableCredential its vc+jwt), a text
 * of several seals scanned one after another gives each `LP1:` line, anything else is itself.
 * The presentation's own proof is not judged here: that needs a verifier's challenge.
 *
 * @example const inputs = splitEvidence(JSON.parse(vpText));
 */
export function splitEvidence(input: unknown): EvidenceInput[] {
  let out: EvidenceInput[];
  if (typeof input === 'string') {
    const lines = input.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
    out = lines.length > 1 && lines.every((l) => l.startsWith('LP1:')) ? lines : [input];
  } else if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    const o = input as Record<string, unknown>;
    const types = Array.isArray(o.type) ? o.type : [o.type];
    if (types.includes('VerifiablePresentation')) {
      const vcs = o.verifiableCredential === undefined ? [] : Array.isArray(o.verifiableCredential) ? o.verifiableCredential : [o.verifiableCredential];
      out = vcs.map((vc, i) => credentialOf(vc, i));
    } else out = [o];
  } else throw new RecognitionError('INPUT_INVALID', 'expected a credential, a presentation or seal text');
  if (out.length > MAX_EVIDENCE_ITEMS) throw new RecognitionError('INPUT_INVALID', `at most ${MAX_EVIDENCE_ITEMS} credentials at once`);
  return out;
}

function credentialOf(vc: unknown, i: number): EvidenceInput {
  if (typeof vc === 'string') return vc;
  if (vc !== null && typeof vc === 'object' && !Array.isArray(vc)) {
    const o = vc as Record<string, unknown>;
    // VC Data Model 2.0 §4.13: an enveloped credential carries the secured form in a data: URL.
    if (o.type === 'EnvelopedVerifiableCredential' && typeof o.id === 'string' && o.id.startsWith('data:application/vc+jwt,')) return o.id.slice('data:application/vc+jwt,'.length);
    return o;
  }
  throw new RecognitionError('INPUT_INVALID', `presentation credential ${i + 1} is neither a credential nor a vc+jwt`, `verifiableCredential[${i}]`);
}

import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import jsigs from 'jsonld-signatures';
import type { Check } from '@lp/model';
import { classifyError } from '../lib/classify-error.ts';
import { makeCheck } from '../lib/make-check.ts';
import { lpEddsaRdfc2022 } from '../lib/lp-cryptosuite.ts';
import type { DocumentLoader } from '../types.ts';

const { AuthenticationProofPurpose } = jsigs.purposes;

export interface VerifyPresentationDiOptions {
  documentLoader: DocumentLoader;
  /** The challenge the verifier issued: the proof's `challenge` must equal it. */
  challenge: string;
  /** The verifier's domain: the proof's `domain` must equal it. */
  domain: string;
}

export interface PresentationProofResult {
  verified: boolean;
  /** One 'presentation' check: PRESENTATION_SIGNATURE_VALID or a PRESENTATION_* failure code. */
  check: Check;
  /** The DID that controls the proof's verification method (the one who signed). */
  signer?: string;
}

/**
 * Verifies the holder's proof on a Verifiable Presentation: one DataIntegrityProof eddsa-rdfc-2022
 * with proofPurpose `authentication` (the key must be in its controller's `authentication`), the
 * expected challenge and domain (VC Data Integrity 1.0 §2.1). The Ed25519 verdict comes from
 * @lp/crypto through our cryptosuite, as for credentials. The credentials inside are NOT checked
 * here: each goes through the verification pipeline separately. Never throws for bad input.
 *
 * @example
 *   const r = await verifyPresentationDi(vp, { documentLoader, challenge, domain });
 */
export async function verifyPresentationDi(presentation: unknown, opts: VerifyPresentationDiOptions): Promise<PresentationProofResult> {
  const fail = (code: string, message: string, details?: Record<string, unknown>): PresentationProofResult => ({
    verified: false,
    check: makeCheck('presentation', 'fail', code, message, details),
  });
  if (typeof presentation !== 'object' || presentation === null || Array.isArray(presentation)) {
    return fail('PRESENTATION_MALFORMED', 'a presentation must be a JSON object');
  }
  const vp = presentation as Record<string, unknown>;
  try {
    vc._checkPresentation(vp);
  } catch (err) {
    return fail('PRESENTATION_MALFORMED', `not a well-formed presentation: ${(err as Error).message}`);
  }
  const proofs = vp.proof === undefined ? [] : Array.isArray(vp.proof) ? vp.proof : [vp.proof];
  if (proofs.length !== 1 || typeof proofs[0] !== 'object' || proofs[0] === null) {
    return fail('PRESENTATION_SIGNATURE_INVALID', proofs.length === 0 ? 'the presentation is not signed' : 'the presentation must carry exactly one proof');
  }
  const proof = proofs[0] as Record<string, unknown>;
  if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-rdfc-2022') {
    return fail('PRESENTATION_SIGNATURE_INVALID', `unsupported proof ${String(proof.type)} / ${String(proof.cryptosuite)}: only DataIntegrityProof eddsa-rdfc-2022`);
  }
  if (proof.proofPurpose !== 'authentication') return fail('PRESENTATION_SIGNATURE_INVALID', 'the proof purpose must be "authentication"');
  if (typeof proof.challenge !== 'string' || proof.challenge === '') return fail('PRESENTATION_CHALLENGE_MISSING', 'the proof carries no challenge');
  if (proof.challenge !== opts.challenge) return fail('PRESENTATION_CHALLENGE_MISMATCH', 'the proof was made for another challenge');
  if (proof.domain !== opts.domain) {
    return fail('PRESENTATION_DOMAIN_MISMATCH', `the proof was made for domain ${JSON.stringify(proof.domain)}, not ${JSON.stringify(opts.domain)}`);
  }
  const suite = new DataIntegrityProof({ cryptosuite: lpEddsaRdfc2022 });
  let result: { verified: boolean; error?: unknown; results?: { verified?: boolean; error?: unknown; verificationMethod?: { id?: string; controller?: string } }[] };
  try {
    result = await jsigs.verify(vp, {
      suite,
      purpose: new AuthenticationProofPurpose({ challenge: opts.challenge, domain: opts.domain }),
      documentLoader: opts.documentLoader,
    });
  } catch (err) {
    result = { verified: false, error: err };
  }
  const first = result.results?.[0];
  if (!result.verified || !first?.verified) {
    const c = classifyError(result.error ?? first?.error);
    return fail('PRESENTATION_SIGNATURE_INVALID', `the holder's proof does not verify: ${c.message}`, { cause: c.code });
  }
  const vm = first.verificationMethod;
  const signer = typeof vm?.controller === 'string' ? vm.controller : typeof vm?.id === 'string' ? vm.id.split('#')[0] : undefined;
  return {
    verified: true,
    check: makeCheck('presentation', 'pass', 'PRESENTATION_SIGNATURE_VALID', "the holder's proof (eddsa-rdfc-2022, authentication) is valid for this challenge and domain", vm?.id ? { verificationMethod: vm.id } : undefined),
    ...(signer ? { signer } : {}),
  };
}

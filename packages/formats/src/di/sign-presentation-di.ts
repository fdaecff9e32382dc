import * as vc from '@digitalbazaar/vc';
import { FormatsError } from '../errors.ts';
import { createSigningSuite } from '../lib/signing-suite.ts';
import type { SignDiOptions } from './sign-credential-di.ts';

export interface SignPresentationDiOptions extends SignDiOptions {
  /** The verifier's one-time challenge (VC Data Integrity 1.0 §2.1 `challenge`). */
  challenge: string;
  /** The verifier's domain (§2.1 `domain`): binds the proof to one relying party. */
  domain: string;
}

/**
 * Signs a Verifiable Presentation (VC Data Model 2.0 §4.13) with a DataIntegrityProof
 * eddsa-rdfc-2022, proofPurpose `authentication`, the challenge and domain inside the proof,
 * through @digitalbazaar/vc `signPresentation`. The signer is the holder's key (@lp/crypto `sign`).
 *
 * @example
 *   const vp = await signPresentationDi({ '@context': [VC2], type: ['VerifiablePresentation'], holder, verifiableCredential: [c] },
 *     { keyPair, verificationMethod, documentLoader, challenge, domain });
 */
export async function signPresentationDi(presentation: object, opts: SignPresentationDiOptions): Promise<Record<string, unknown>> {
  if (typeof presentation !== 'object' || presentation === null || Array.isArray(presentation)) {
    throw new FormatsError('CREDENTIAL_INVALID', 'a presentation must be a JSON object');
  }
  if (typeof opts.challenge !== 'string' || opts.challenge === '' || typeof opts.domain !== 'string' || opts.domain === '') {
    throw new TypeError('challenge and domain must be non-empty strings');
  }
  const suite = createSigningSuite(opts);
  try {
    return await vc.signPresentation({
      presentation: structuredClone(presentation),
      suite,
      challenge: opts.challenge,
      domain: opts.domain,
      documentLoader: opts.documentLoader,
    });
  } catch (err) {
    throw new FormatsError('CREDENTIAL_NOT_SIGNABLE', `cannot sign this presentation: ${(err as Error)?.message ?? String(err)}`, { cause: err });
  }
}

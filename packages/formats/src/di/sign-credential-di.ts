import * as vc from '@digitalbazaar/vc';
import type { Ed25519KeyPair } from '@lp/crypto';
import { FormatsError } from '../errors.ts';
import { createSigningSuite, type SigningCryptosuite } from '../lib/signing-suite.ts';
import type { DocumentLoader } from '../types.ts';

export interface SignDiOptions {
  keyPair: Ed25519KeyPair;
  /** DID URL of the key, e.g. `did:key:z6Mk…#z6Mk…`. */
  verificationMethod: string;
  /** The proof's `created`; default: now. */
  created?: Date;
  documentLoader: DocumentLoader;
  /** Default eddsa-rdfc-2022; eddsa-jcs-2022 on request (a verifier without JSON-LD can check it). */
  cryptosuite?: SigningCryptosuite;
}

/**
 * Adds a DataIntegrityProof with cryptosuite eddsa-rdfc-2022 (vc-di-eddsa §3.3; or eddsa-jcs-2022,
 * §3.4, when `cryptosuite` says so) to a VC 2.0
 * credential, through @digitalbazaar/vc `issue`. The signer is our key (@lp/crypto `sign`).
 * Does not change the input; returns the signed copy.
 *
 * @example
 *   const signed = await signCredentialDi(credential, { keyPair, verificationMethod, documentLoader });
 */
export async function signCredentialDi(credential: object, opts: SignDiOptions): Promise<Record<string, unknown>> {
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) {
    throw new FormatsError('CREDENTIAL_INVALID', 'a credential must be a JSON object');
  }
  const suite = createSigningSuite(opts);
  try {
    return await vc.issue({ credential: structuredClone(credential), suite, documentLoader: opts.documentLoader, now: opts.created });
  } catch (err) {
    throw new FormatsError('CREDENTIAL_NOT_SIGNABLE', `cannot sign this credential: ${describeError(err)}`, { cause: err });
  }
}

function describeError(err: unknown): string {
  const e = err as { message?: string; details?: { event?: { code?: string; details?: { property?: string } } } };
  const prop = e?.details?.event?.details?.property;
  return prop ? `${e.message} (property "${prop}" is not defined by any @context)` : String(e?.message ?? err);
}

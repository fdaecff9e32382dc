import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { sign, type Ed25519KeyPair } from '@lp/crypto';
import { FormatsError } from '../errors.ts';
import { lpEddsaRdfc2022 } from '../lib/lp-cryptosuite.ts';
import type { DocumentLoader } from '../types.ts';

export interface SignDiOptions {
  keyPair: Ed25519KeyPair;
  /** DID URL of the key, e.g. `did:key:z6Mk…#z6Mk…`. */
  verificationMethod: string;
  /** The proof's `created`; default: now. */
  created?: Date;
  documentLoader: DocumentLoader;
}

/**
 * Adds a DataIntegrityProof with cryptosuite eddsa-rdfc-2022 (vc-di-eddsa §3.3) to a VC 2.0
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
  if (!(opts.keyPair?.secretKey instanceof Uint8Array) || opts.keyPair.secretKey.length !== 32) {
    throw new FormatsError('KEY_INVALID', 'keyPair.secretKey must be a 32-byte Ed25519 seed');
  }
  if (typeof opts.verificationMethod !== 'string' || opts.verificationMethod === '') {
    throw new FormatsError('KEY_INVALID', 'verificationMethod must be a DID URL');
  }
  const { secretKey } = opts.keyPair;
  const signer = {
    id: opts.verificationMethod,
    algorithm: 'Ed25519',
    sign: async ({ data }: { data: Uint8Array }) => sign(secretKey, data),
  };
  const suite = new DataIntegrityProof({ signer, date: opts.created ?? new Date(), cryptosuite: lpEddsaRdfc2022 });
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

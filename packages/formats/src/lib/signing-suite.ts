import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { sign, type Ed25519KeyPair } from '@lp/crypto';
import { FormatsError } from '../errors.ts';
import { lpEddsaRdfc2022 } from './lp-cryptosuite.ts';

/**
 * The DataIntegrityProof suite (eddsa-rdfc-2022) that signs with our key through @lp/crypto `sign`:
 * one place for credentials and presentations, after checking the key is a 32-byte seed and the
 * verification method a DID URL.
 */
export function createSigningSuite(opts: { keyPair: Ed25519KeyPair; verificationMethod: string; created?: Date }): unknown {
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
  return new DataIntegrityProof({ signer, date: opts.created ?? new Date(), cryptosuite: lpEddsaRdfc2022 });
}

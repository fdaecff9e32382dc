import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { sign, type Ed25519KeyPair } from '@lp/crypto';
import { FormatsError } from '../errors.ts';
import { lpEddsaRdfc2022 } from './lp-cryptosuite.ts';
import { lpEddsaJcs2022Sign } from './lp-jcs-cryptosuite.ts';

/** The Data Integrity cryptosuites we sign with: RDFC (the default) or, on request, JCS. */
export type SigningCryptosuite = 'eddsa-rdfc-2022' | 'eddsa-jcs-2022';

/**
 * The DataIntegrityProof suite (eddsa-rdfc-2022, or eddsa-jcs-2022 on request: vc-di-eddsa §3.4)
 * that signs with our key through @lp/crypto `sign`: one place for credentials and presentations,
 * after checking the key is a 32-byte seed and the verification method a DID URL.
 */
export function createSigningSuite(opts: { keyPair: Ed25519KeyPair; verificationMethod: string; created?: Date; cryptosuite?: SigningCryptosuite }): unknown {
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
  const suite = opts.cryptosuite ?? 'eddsa-rdfc-2022';
  if (suite !== 'eddsa-rdfc-2022' && suite !== 'eddsa-jcs-2022') throw new FormatsError('CRYPTOSUITE_UNSUPPORTED', `cannot sign with cryptosuite ${String(suite)}: eddsa-rdfc-2022 or eddsa-jcs-2022`);
  return new DataIntegrityProof({ signer, date: opts.created ?? new Date(), cryptosuite: suite === 'eddsa-jcs-2022' ? lpEddsaJcs2022Sign : lpEddsaRdfc2022 });
}

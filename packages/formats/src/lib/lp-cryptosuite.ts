import { cryptosuite as stockSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { publicKeyFromMultikey, verify } from '@lp/crypto';
import { canonizeRdfc } from './canonize-rdfc.ts';

interface VerificationMethod {
  id?: string;
  type?: string;
  publicKeyMultibase?: string;
}

/**
 * The eddsa-rdfc-2022 cryptosuite (vc-di-eddsa §3.3) with its verifier replaced. The stock
 * `createVerifier` goes through @digitalbazaar/ed25519-multikey, which uses node:crypto in Node
 * and noble in browsers; those disagree on adversarial signatures (DESIGN.md, "One verdict
 * everywhere"). Here the verdict always comes from @lp/crypto `verify` (strict key check +
 * WebCrypto), on every platform. Canonicalization is RDFC-1.0 with safe mode on and
 * `rdfDirection: 'i18n-datatype'` (the suite's default) so values with `@direction` can be signed;
 * its JSON-LD expansion is compiled for our pinned contexts (canonize-rdfc.ts), which gives the
 * stock suite's bytes at a fraction of the cost and hands anything else to the stock suite.
 */
export const lpEddsaRdfc2022 = {
  ...stockSuite,
  canonize: canonizeRdfc,
  async createVerifier({ verificationMethod }: { verificationMethod: VerificationMethod }) {
    if (verificationMethod?.type !== 'Multikey' || typeof verificationMethod.publicKeyMultibase !== 'string') {
      throw new Error(`verification method ${String(verificationMethod?.id)} is not an Ed25519 Multikey`);
    }
    const publicKey = publicKeyFromMultikey(verificationMethod.publicKeyMultibase);
    return {
      id: verificationMethod.id,
      algorithm: 'Ed25519',
      verify: ({ data, signature }: { data: Uint8Array; signature: Uint8Array }) => verify(publicKey, data, signature),
    };
  },
};

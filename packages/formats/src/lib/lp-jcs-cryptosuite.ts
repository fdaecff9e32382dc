import { createSignCryptosuite, createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { publicKeyFromMultikey, verify } from '@lp/crypto';

interface VerificationMethod {
  id?: string;
  type?: string;
  publicKeyMultibase?: string;
}

/**
 * eddsa-jcs-2022 (vc-di-eddsa §3.4: RFC 8785 JSON canonicalization instead of RDF) with the
 * verifier replaced, as lpEddsaRdfc2022: the Ed25519 verdict always comes from @lp/crypto
 * `verify`, so Node and browsers agree on adversarial signatures (DESIGN.md "One verdict").
 */
export const lpEddsaJcs2022Verify = {
  ...createVerifyCryptosuite(),
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

/** The signing half (the library splits the two: proof options differ when signing). */
export const lpEddsaJcs2022Sign = createSignCryptosuite();

import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import * as base58 from 'base58-universal';
import { publicKeyFromMultikey, verify } from '@lp/crypto';

/**
 * Ed25519Signature2020 (W3C CCG, the suite of VC 1.1 credentials from the DCC and 1EdTech's
 * earlier examples), for verification only: we never issue it. The library's own check would go
 * through @digitalbazaar/ed25519-multikey (node:crypto or noble); here the Ed25519 verdict comes
 * from @lp/crypto `verify`, as for every other proof (DESIGN.md "One verdict everywhere").
 */
export class LpEd25519Signature2020 extends Ed25519Signature2020 {
  async verifySignature({ verifyData, verificationMethod, proof }: { verifyData: Uint8Array; verificationMethod: { publicKeyMultibase?: string }; proof: { proofValue?: unknown } }): Promise<boolean> {
    const { proofValue } = proof;
    if (typeof proofValue !== 'string' || proofValue[0] !== 'z') throw new Error('Only base58btc multibase proofValue is supported.');
    if (typeof verificationMethod.publicKeyMultibase !== 'string') throw new Error('The verification method has no publicKeyMultibase.');
    const publicKey = publicKeyFromMultikey(verificationMethod.publicKeyMultibase);
    return verify(publicKey, verifyData, base58.decode(proofValue.slice(1)));
  }
}

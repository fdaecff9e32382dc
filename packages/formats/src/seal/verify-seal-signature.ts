import type { DecodedSeal } from './decode-seal.ts';

/** Ed25519 verification, e.g. `verify` from @lp/crypto (strict RFC 8032 policy, DESIGN.md). */
export type SealVerifyFn = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => Promise<boolean>;

/**
 * Checks the seal's EdDSA signature over its Sig_structure (RFC 9052 §4.4) with the issuer key
 * the trust bundle gives for `decoded.verificationMethod`. Returns false for a bad signature;
 * an error thrown by `verify` (e.g. a refused small-order key) propagates, since that is a
 * problem with the key, not with the seal.
 *
 * @example const ok = await verifySealSignature(decodeSeal(text), publicKey, verify);
 */
export async function verifySealSignature(decoded: DecodedSeal, publicKey: Uint8Array, verify: SealVerifyFn): Promise<boolean> {
  return verify(publicKey, decoded.toBeSigned, decoded.signature);
}

import { encode } from 'cborg';

/** The text before the base45 payload; the `1` versions the claim table. */
export const SEAL_PREFIX = 'LP1:';
/** RFC 9052 §3.1 header labels and RFC 9053 §2.2 alg value. */
export const COSE_HEADER_ALG = 1;
export const COSE_HEADER_KID = 4;
export const COSE_ALG_EDDSA = -8;
/** RFC 9052 §4.2: CBOR tag of COSE_Sign1. */
export const COSE_SIGN1_TAG = 18;

/** RFC 9052 §4.4 Sig_structure for COSE_Sign1 with empty external_aad. */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return encode(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

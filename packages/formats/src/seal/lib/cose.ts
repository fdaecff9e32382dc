import { encode } from 'cborg';

/** The text before the base45 payload; the `1` versions the claim table. */
export const SEAL_PREFIX = 'LP1:';
/** RFC 9052 §3.1 header labels and RFC 9053 §2.2 alg value. */
export const COSE_HEADER_ALG = 1;
export const COSE_HEADER_KID = 4;
export const COSE_ALG_EDDSA = -8;
/** RFC 9052 §4.2: CBOR tag of COSE_Sign1. */
export const COSE_SIGN1_TAG = 18;

// array(4), text(10) "Signature1": the fixed start of every Sig_structure (RFC 8949 §3.1).
const SIG1_HEAD = Uint8Array.from([0x84, 0x6a, ...new TextEncoder().encode('Signature1')]);

/** RFC 8949 §3.1 head of a byte string (major type 2) of `n` bytes, in its shortest form (§4.2.1). */
function bstrHead(n: number): number[] {
  if (n < 24) return [0x40 | n];
  if (n < 0x100) return [0x58, n];
  if (n < 0x10000) return [0x59, n >> 8, n & 0xff];
  return [0x5a, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/**
 * RFC 9052 §4.4 Sig_structure for COSE_Sign1 with empty external_aad:
 * ["Signature1", protected, h'', payload] in deterministic CBOR. Written directly (one
 * allocation, no encoder) since every seal read builds it; a property test holds it equal to
 * cborg's encoding of the same array.
 */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  const ph = bstrHead(protectedBytes.length);
  const pl = bstrHead(payload.length);
  const out = new Uint8Array(SIG1_HEAD.length + ph.length + protectedBytes.length + 1 + pl.length + payload.length);
  let o = 0;
  out.set(SIG1_HEAD, o);
  o += SIG1_HEAD.length;
  out.set(ph, o);
  o += ph.length;
  out.set(protectedBytes, o);
  o += protectedBytes.length;
  out[o++] = 0x40;
  out.set(pl, o);
  o += pl.length;
  out.set(payload, o);
  return out;
}

/** The same Sig_structure through the CBOR encoder: the reference the property test compares with. */
export function sigStructureByEncoder(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return encode(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

/**
 * RFC 9052 §4.2 tagged COSE_Sign1: tag 18, [protected, {}, payload, signature] in deterministic
 * CBOR, written directly (one allocation) since a bulk run writes one per credential and the
 * encoder would walk the payload's bytes again; a test holds it equal to
 * coseSign1ByEncoder for every length class.
 */
export function coseSign1(protectedBytes: Uint8Array, payload: Uint8Array, signature: Uint8Array): Uint8Array {
  const ph = bstrHead(protectedBytes.length);
  const pl = bstrHead(payload.length);
  const sh = bstrHead(signature.length);
  const out = new Uint8Array(2 + ph.length + protectedBytes.length + 1 + pl.length + payload.length + sh.length + signature.length);
  let o = 0;
  out[o++] = 0xc0 | COSE_SIGN1_TAG; // major type 6, tag 18 in the initial byte
  out[o++] = 0x84; // array(4)
  out.set(ph, o);
  o += ph.length;
  out.set(protectedBytes, o);
  o += protectedBytes.length;
  out[o++] = 0xa0; // the unprotected header: an empty map
  out.set(pl, o);
  o += pl.length;
  out.set(payload, o);
  o += payload.length;
  out.set(sh, o);
  o += sh.length;
  out.set(signature, o);
  return out;
}

/** The same tagged COSE_Sign1 through the CBOR encoder: the reference the test compares with. */
export function coseSign1ByEncoder(protectedBytes: Uint8Array, payload: Uint8Array, signature: Uint8Array): Uint8Array {
  const body = encode([protectedBytes, new Map(), payload, signature]);
  const cose = new Uint8Array(body.length + 1);
  cose[0] = 0xc0 | COSE_SIGN1_TAG;
  cose.set(body, 1);
  return cose;
}

// The protected header depends on the key id alone; a run signs thousands of seals with one
// key, so the last one is kept (bytes never handed out for writing: callers only copy them).
let lastKid: string | undefined;
let lastProtected: Uint8Array | undefined;

/** RFC 9052 §3.1 protected header {1: -8 (EdDSA), 4: kid} in deterministic CBOR. */
export function protectedHeaderOf(kid: string): Uint8Array {
  if (kid !== lastKid || lastProtected === undefined) {
    lastProtected = encode(
      new Map<number, unknown>([
        [COSE_HEADER_ALG, COSE_ALG_EDDSA],
        [COSE_HEADER_KID, new TextEncoder().encode(kid)],
      ]),
    );
    lastKid = kid;
  }
  return lastProtected;
}

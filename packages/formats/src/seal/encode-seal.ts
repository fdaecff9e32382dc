import { encode } from 'cborg';
import { zlibSync } from 'fflate';
import { encodeBase45 } from './base45.ts';
import { coseSign1, protectedHeaderOf, SEAL_PREFIX, sigStructure } from './lib/cose.ts';
import { resolveKeyId, toWireSealClaims } from './z-seal-claims.ts';
import type { SealClaims } from './z-seal-claims.ts';

export interface EncodeSealOptions {
  /** Ed25519 signer over the Sig_structure bytes, e.g. `(b) => sign(secretKey, b)` from @lp/crypto. */
  sign: (bytes: Uint8Array) => Promise<Uint8Array>;
  /** Key id for the protected header: the verification method id or its `#fragment`. */
  kid: string;
}

/**
 * Signs claims as a QR seal: claims → CBOR (cborg, RFC 8949 §4.2.1 deterministic) → COSE_Sign1
 * (RFC 9052 §4.2, protected {1: -8 EdDSA, 4: kid}, tag 18) → zlib (RFC 1950, level 9) → base45
 * (RFC 9285) → `LP1:` + text. Throws SealError SEAL_CLAIMS_INVALID for claims outside the
 * schema, and TypeError when `kid` and `claims.keyId` name different keys or the signer does not
 * return 64 bytes.
 *
 * @example
 * const text = await encodeSeal(claims, { sign: (b) => sign(secretKey, b), kid: '#key-1' });
 */
export async function encodeSeal(claims: SealClaims, opts: EncodeSealOptions): Promise<string> {
  if (resolveKeyId(opts.kid, claims.issuer) !== resolveKeyId(claims.keyId, claims.issuer)) {
    throw new TypeError(`kid ${opts.kid} does not name claims.keyId ${claims.keyId}`);
  }
  const payload = encode(toWireSealClaims(claims));
  const protectedBytes = protectedHeaderOf(opts.kid);
  const signature = await opts.sign(sigStructure(protectedBytes, payload));
  if (!(signature instanceof Uint8Array) || signature.length !== 64) {
    throw new TypeError('the signer must return a 64-byte Ed25519 signature');
  }
  const cose = coseSign1(protectedBytes, payload, signature);
  return SEAL_PREFIX + encodeBase45(zlibSync(cose, { level: 9 }));
}

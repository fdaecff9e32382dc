import { isAcceptablePublicKey } from './assert-acceptable-public-key.ts';
import { CryptoError } from './errors.ts';
import { assertBytes, bytesToHex, ownBytes } from './lib/bytes.ts';
import { isNotSupported, subtle } from './lib/webcrypto.ts';
import { verifyPure } from './verify-pure.ts';
import { verifyNode } from '#ed25519-node';

/**
 * Which implementation checks the Ed25519 equation after the shared key policy: 'node' is
 * OpenSSL through node:crypto (Node only), 'webcrypto' the runtime's crypto.subtle (OpenSSL
 * again in Node, BoringSSL in Chromium), 'pure' the JS fallback computing the same check.
 */
export type VerifyKind = 'node' | 'webcrypto' | 'pure';

/** The paths this runtime has: 'node' only in Node (package.json "imports" condition). */
export function hasNodeEd25519(): boolean {
  return verifyNode !== undefined;
}

// Imported public keys, by hex. Verifiers see a handful of issuer keys again and again; importKey
// costs about as much as a verification. Bounded, oldest evicted first (Map keeps insertion order).
const KEY_CACHE_SIZE = 256;
const keyCache = new Map<string, CryptoKey>();

async function importPublicKey(publicKey: Uint8Array): Promise<CryptoKey> {
  const id = bytesToHex(publicKey);
  const hit = keyCache.get(id);
  if (hit) return hit;
  const key = await subtle().importKey('raw', ownBytes(publicKey), { name: 'Ed25519' }, false, ['verify']);
  if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value!);
  keyCache.set(id, key);
  return key;
}

let nativeSupport: Promise<boolean> | undefined;

/** Whether this runtime verifies Ed25519 in WebCrypto (Node 20, Chromium 113+, Firefox 129+, Safari 17+). */
export function hasNativeEd25519(): Promise<boolean> {
  nativeSupport ??= (async () => {
    try {
      // The base point's encoding: a valid key any implementation with Ed25519 will import.
      const basePoint = new Uint8Array(32);
      basePoint.set([0x58], 0);
      basePoint.fill(0x66, 1);
      await subtle().importKey('raw', basePoint, { name: 'Ed25519' }, false, ['verify']);
      return true;
    } catch (err) {
      if (isNotSupported(err)) return false;
      throw err;
    }
  })();
  return nativeSupport;
}

/**
 * Verification through one named path; tests run every path over the same vectors.
 * 'webcrypto' throws CryptoError CRYPTO_UNAVAILABLE where the runtime has no Ed25519.
 */
export async function verifyWith(kind: VerifyKind, publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  assertBytes(publicKey, 'publicKey');
  assertBytes(message, 'message');
  assertBytes(signature, 'signature');
  if (kind === 'pure') return verifyPure(publicKey, message, signature);
  if (kind === 'node') {
    if (!verifyNode) throw new CryptoError('CRYPTO_UNAVAILABLE', 'node:crypto is not available outside Node');
    return signature.length === 64 && verifyNode(publicKey, message, signature);
  }
  if (kind !== 'webcrypto') throw new TypeError(`unknown verification path "${String(kind)}"`);
  if (signature.length !== 64) return false;
  // Only keys that passed the policy enter the cache, so a hit skips the (costly) point checks.
  let key = keyCache.get(bytesToHex(publicKey));
  if (!key) {
    if (!isAcceptablePublicKey(publicKey)) return false;
    if (!(await hasNativeEd25519())) throw new CryptoError('CRYPTO_UNAVAILABLE', 'this runtime has no Ed25519 in WebCrypto');
    key = await importPublicKey(publicKey);
  }
  return subtle().verify({ name: 'Ed25519' }, key, ownBytes(signature), ownBytes(message));
}

/**
 * THE Ed25519 verification of the project: the key policy of `assertAcceptablePublicKey`
 * (small-order and non-canonical keys refused), then native verification, which OpenSSL (Node,
 * through node:crypto with imported keys cached) and BoringSSL (Chromium, through WebCrypto)
 * compute identically (cofactorless, S < L, R compared by encoding); where WebCrypto lacks
 * Ed25519, `verifyPure` computes the same check. Returns false for any bad key, signature or
 * length; throws only TypeError for non-byte arguments.
 * @example if (await verify(publicKey, message, signature)) { … }
 */
export async function verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (verifyNode) {
    assertBytes(publicKey, 'publicKey');
    assertBytes(message, 'message');
    assertBytes(signature, 'signature');
    return signature.length === 64 && verifyNode(publicKey, message, signature);
  }
  return verifyWith((await hasNativeEd25519()) ? 'webcrypto' : 'pure', publicKey, message, signature);
}

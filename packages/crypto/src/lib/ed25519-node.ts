import { createPrivateKey, createPublicKey, sign as opensslSign, verify as opensslVerify, type KeyObject } from 'node:crypto';
import { isAcceptablePublicKey } from '../assert-acceptable-public-key.ts';

// Reached only through the "#ed25519-node" import of package.json under the "node" condition:
// browsers (esbuild platform 'browser') get ed25519-node-absent.ts and keep WebCrypto.

/** RFC 8410 §4: SubjectPublicKeyInfo for Ed25519 is this fixed DER prefix followed by the 32 key bytes. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Imported keys by their 32 bytes (as a latin1 string: one native call, no hex loop). A verifier
 * sees a handful of issuer keys again and again; createPublicKey plus the key policy's point
 * checks cost more than the verification itself. Bounded LRU: a hit moves to the newest end
 * (Map keeps insertion order), the oldest is evicted. Only keys that passed the policy enter.
 */
export const NODE_KEY_CACHE_SIZE = 256;
const keyCache = new Map<string, KeyObject>();

// The key of the previous call: a verifier mostly checks one issuer's credentials in a row, and
// comparing 32 bytes is cheaper than building the cache key.
const last = { bytes: new Uint8Array(32), key: undefined as KeyObject | undefined };

function keyObjectOf(publicKey: Uint8Array): KeyObject | undefined {
  if (last.key && sameBytes(last.bytes, publicKey)) return last.key;
  const key = cachedKeyObjectOf(publicKey);
  if (key) {
    last.bytes.set(publicKey);
    last.key = key;
  }
  return key;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) if (a[i] !== b[i]) return false;
  return true;
}

function cachedKeyObjectOf(publicKey: Uint8Array): KeyObject | undefined {
  const id = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString('latin1');
  const hit = keyCache.get(id);
  if (hit) {
    if (keyCache.size > 1) {
      keyCache.delete(id);
      keyCache.set(id, hit);
    }
    return hit;
  }
  if (!isAcceptablePublicKey(publicKey)) return undefined;
  const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
  if (keyCache.size >= NODE_KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value!);
  keyCache.set(id, key);
  return key;
}

/**
 * Ed25519 through OpenSSL directly (synchronous, no WebCrypto promise or thread-pool hop, no
 * copies: node:crypto reads the caller's bytes), after the same key policy as every other path.
 * Lengths are checked by the caller.
 */
export const verifyNode: ((publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean) | undefined = (publicKey, message, signature) => {
  if (publicKey.length !== 32) return false;
  const key = keyObjectOf(publicKey);
  if (!key) return false;
  return opensslVerify(null, message, key, signature);
};

/** How many imported keys the cache holds (tests check the bound). */
export function nodeKeyCacheSize(): number {
  return keyCache.size;
}

/** RFC 8410 §7: PrivateKeyInfo for Ed25519 is this fixed DER prefix followed by the 32-byte seed. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

// The private key of the previous call, with a copy of its seed: an issuer signs thousands of
// credentials with one key (a bulk run signs two forms per row), and importing costs as much as
// signing. The copy is compared on every use, so a caller that overwrites its seed array (to wipe
// it) never signs with the old key.
const lastSigning = { seed: new Uint8Array(32), key: undefined as KeyObject | undefined };

/**
 * Ed25519 signing through OpenSSL directly: synchronous, where WebCrypto costs a promise and a
 * thread-pool hop per signature (~1.6× the CPU, measured in a bulk run). Ed25519 is deterministic
 * (RFC 8032 §5.1.6), so the bytes are those WebCrypto or noble give. Lengths are checked by the caller.
 */
export const signNode: ((secretKey: Uint8Array, message: Uint8Array) => Uint8Array) | undefined = (secretKey, message) => {
  let key = lastSigning.key;
  if (!key || !sameSeed(lastSigning.seed, secretKey)) {
    key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, secretKey]), format: 'der', type: 'pkcs8' });
    lastSigning.seed.set(secretKey);
    lastSigning.key = key;
  }
  // A copy with its own ArrayBuffer: callers may hand `.buffer` on (COSE, JWS encoders).
  return new Uint8Array(opensslSign(null, message, key));
};

function sameSeed(a: Uint8Array, b: Uint8Array): boolean {
  let diff = 0;
  for (let i = 0; i < 32; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

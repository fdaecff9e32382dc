import { CryptoError } from '../errors.ts';
import { concatBytes, ownBytes } from './bytes.ts';

/** WebCrypto of this runtime: Node 20+ and every current browser have it (in secure contexts). */
export function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new CryptoError('CRYPTO_UNAVAILABLE', 'WebCrypto (crypto.subtle) is not available');
  return s;
}

export function randomBytes(n: number): Uint8Array {
  if (!globalThis.crypto?.getRandomValues) throw new CryptoError('CRYPTO_UNAVAILABLE', 'crypto.getRandomValues is not available');
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

// RFC 8410 §7: PrivateKeyInfo for Ed25519 is this fixed DER prefix followed by the 32-byte seed.
// WebCrypto has no raw import for Ed25519 private keys, so the seed travels as PKCS#8.
const PKCS8_ED25519_PREFIX = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

export function pkcs8FromSeed(seed: Uint8Array): Uint8Array<ArrayBuffer> {
  return ownBytes(concatBytes(PKCS8_ED25519_PREFIX, seed));
}

/** True when the error says "this runtime has no Ed25519 in WebCrypto" (older Safari/Firefox). */
export function isNotSupported(err: unknown): boolean {
  const name = (err as { name?: unknown })?.name;
  return name === 'NotSupportedError' || (err instanceof CryptoError && err.code === 'CRYPTO_UNAVAILABLE');
}

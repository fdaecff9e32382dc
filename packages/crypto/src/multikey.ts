import { CryptoError } from './errors.ts';
import { base58Decode, base58Encode } from './lib/base58.ts';
import { assertBytes, concatBytes } from './lib/bytes.ts';
import { ED25519_PRIV_PREFIX, ED25519_PUB_PREFIX, readVarint } from './lib/multicodec.ts';

const ED25519_PUB = 0xed;
const ED25519_PRIV = 0x1300;

/**
 * Multibase-multicodec of an Ed25519 public key (Controlled Identifiers v1.0 §2.2.2 Multikey):
 * 'z' + base58btc(0xed 0x01 ‖ key), always 'z6Mk…'.
 * @example multikeyFromPublicKey(publicKey) // 'z6MkrJVn…'
 */
export function multikeyFromPublicKey(publicKey: Uint8Array): string {
  assertBytes(publicKey, 'publicKey');
  if (publicKey.length !== 32) throw new CryptoError('KEY_LENGTH', `an Ed25519 public key is 32 bytes, got ${publicKey.length}`);
  return 'z' + base58Encode(concatBytes(ED25519_PUB_PREFIX, publicKey));
}

/**
 * The 32 key bytes of a 'z6Mk…' publicKeyMultibase.
 * @throws CryptoError MULTIKEY_INVALID (not base58btc multibase, bad length) | KEY_NOT_ED25519 (another multicodec)
 */
export function publicKeyFromMultikey(multibase: string): Uint8Array {
  return decodeMulticodec(multibase, ED25519_PUB, 'MULTIKEY_INVALID');
}

/** 'z' + base58btc(0x80 0x26 ‖ seed): the privateKeyMultibase of the W3C vc-di-eddsa vectors. */
export function secretMultikeyFromSeed(seed: Uint8Array): string {
  assertBytes(seed, 'seed');
  if (seed.length !== 32) throw new CryptoError('SECRET_KEY_LENGTH', `an Ed25519 seed is 32 bytes, got ${seed.length}`);
  return 'z' + base58Encode(concatBytes(ED25519_PRIV_PREFIX, seed));
}

/** The 32-byte seed of a privateKeyMultibase (ed25519-priv, multicodec 0x1300). */
export function seedFromSecretMultikey(multibase: string): Uint8Array {
  return decodeMulticodec(multibase, ED25519_PRIV, 'MULTIKEY_INVALID');
}

/** Shared by multikey and did:key decoding, which differ only in the error code for bad syntax. */
export function decodeMulticodec(multibase: string, expected: number, invalid: 'MULTIKEY_INVALID' | 'DID_KEY_INVALID'): Uint8Array {
  if (typeof multibase !== 'string' || !multibase.startsWith('z') || multibase.length > 200) {
    throw new CryptoError(invalid, 'expected a base58btc multibase value (starting with "z")');
  }
  const bytes = base58Decode(multibase.slice(1));
  if (!bytes) throw new CryptoError(invalid, 'the multibase value is not valid base58btc');
  const codec = readVarint(bytes);
  if (!codec) throw new CryptoError(invalid, 'the multibase value has no multicodec prefix');
  if (codec.value !== expected) {
    throw new CryptoError('KEY_NOT_ED25519', `multicodec 0x${codec.value.toString(16)} is not ${expected === ED25519_PUB ? 'ed25519-pub (0xed)' : 'ed25519-priv (0x1300)'}`);
  }
  const key = bytes.slice(codec.length);
  if (key.length !== 32) throw new CryptoError(invalid, `an Ed25519 key is 32 bytes, got ${key.length}`);
  return key;
}

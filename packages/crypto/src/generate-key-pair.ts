import { CryptoError } from './errors.ts';
import { assertBytes } from './lib/bytes.ts';
import { ed } from './lib/noble.ts';
import { randomBytes } from './lib/webcrypto.ts';
import type { Ed25519KeyPair } from './types.ts';

/**
 * A new Ed25519 key pair from 32 random bytes (RFC 8032 §5.1.5: the secret key is any 32 bytes).
 * @example const { publicKey, secretKey } = await generateKeyPair();
 */
export async function generateKeyPair(random: (n: number) => Uint8Array = randomBytes): Promise<Ed25519KeyPair> {
  return keyPairFromSeed(random(32));
}

/**
 * The key pair of a 32-byte seed. The public key is derived with noble's arithmetic (pure,
 * deterministic, the same in every runtime); signing still goes through WebCrypto.
 * @example const kp = await keyPairFromSeed(seedFromSecretMultikey('z3u2…'));
 */
export async function keyPairFromSeed(seed: Uint8Array): Promise<Ed25519KeyPair> {
  assertBytes(seed, 'seed');
  if (seed.length !== 32) throw new CryptoError('SECRET_KEY_LENGTH', `an Ed25519 seed is 32 bytes, got ${seed.length}`);
  const secretKey = Uint8Array.from(seed);
  return { publicKey: ed.getPublicKey(secretKey), secretKey };
}

import { didKeyFromPublicKey } from './did-key.ts';
import { CryptoError } from './errors.ts';
import { keyPairFromSeed } from './generate-key-pair.ts';
import { base64urlEncode } from './lib/base64url.ts';
import { assertBytes, equalBytes, ownBytes } from './lib/bytes.ts';
import { deriveFileKey } from './lib/derive-file-key.ts';
import { randomBytes, subtle } from './lib/webcrypto.ts';
import { DEFAULT_SCRYPT, MIN_SALT_BYTES, keyFileAdditionalData, type KeyFile } from './lib/z-key-file.ts';
import { multikeyFromPublicKey } from './multikey.ts';
import type { Ed25519KeyPair } from './types.ts';

export interface EncryptKeyFileOptions {
  /** Shown by `lp keys show`; authenticated with the key. */
  label?: string;
  /** Randomness for salt and IV (tests inject a fixed source). */
  random?: (n: number) => Uint8Array;
  /** scrypt cost; defaults to N=2^17, r=8, p=1. Lower only in tests (decrypt refuses it unless told). */
  scrypt?: { N: number; r: number; p: number };
}

/**
 * Encrypts a key pair's seed under a passphrase: scrypt → AES-256-GCM (NIST SP 800-38D) with a
 * 96-bit random IV, the public fields bound as additional data.
 * @example const file = await encryptKeyFile(kp, passphrase, { label: 'Exams 2025' });
 */
export async function encryptKeyFile(keyPair: Ed25519KeyPair, passphrase: string, opts: EncryptKeyFileOptions = {}): Promise<KeyFile> {
  assertBytes(keyPair?.secretKey, 'secretKey');
  assertBytes(keyPair?.publicKey, 'publicKey');
  if (typeof passphrase !== 'string') throw new TypeError('passphrase must be a string');
  if (passphrase.length === 0) throw new CryptoError('KEY_FILE_PASSPHRASE', 'the passphrase is empty');
  const derived = await keyPairFromSeed(keyPair.secretKey);
  if (!equalBytes(derived.publicKey, keyPair.publicKey)) throw new TypeError('publicKey does not belong to secretKey');
  const random = opts.random ?? randomBytes;
  const salt = random(MIN_SALT_BYTES);
  const iv = random(12);
  const params = opts.scrypt ?? DEFAULT_SCRYPT;
  const pub = {
    type: 'LearningPassportKey' as const,
    version: 1 as const,
    ...(opts.label !== undefined ? { label: opts.label } : {}),
    did: didKeyFromPublicKey(derived.publicKey),
    publicKeyMultibase: multikeyFromPublicKey(derived.publicKey),
    kdf: { name: 'scrypt' as const, N: params.N, r: params.r, p: params.p, salt: base64urlEncode(salt) },
  };
  const cipherHead = { name: 'AES-256-GCM' as const, iv: base64urlEncode(iv) };
  const key = await deriveFileKey(passphrase, salt, params);
  const ciphertext = new Uint8Array(
    await subtle().encrypt({ name: 'AES-GCM', iv: ownBytes(iv), additionalData: ownBytes(keyFileAdditionalData({ ...pub, cipher: cipherHead })) }, key, ownBytes(derived.secretKey)),
  );
  return { ...pub, cipher: { ...cipherHead, ciphertext: base64urlEncode(ciphertext) } };
}

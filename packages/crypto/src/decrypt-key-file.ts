import { didKeyFromPublicKey } from './did-key.ts';
import { CryptoError } from './errors.ts';
import { keyPairFromSeed } from './generate-key-pair.ts';
import { base64urlDecode } from './lib/base64url.ts';
import { equalBytes, ownBytes } from './lib/bytes.ts';
import { deriveFileKey } from './lib/derive-file-key.ts';
import { subtle } from './lib/webcrypto.ts';
import { DEFAULT_SCRYPT, MIN_SALT_BYTES, keyFileAdditionalData, zKeyFile, type KeyFile } from './lib/z-key-file.ts';
import { publicKeyFromMultikey } from './multikey.ts';
import type { Ed25519KeyPair } from './types.ts';

export interface DecryptKeyFileOptions {
  /** Lowest scrypt N accepted (default 2^17). Only tests lower it, and only explicitly. */
  minN?: number;
}

/**
 * Checks a key file's shape and public fields without the passphrase (what `lp keys show` needs).
 * @throws CryptoError KEY_FILE_INVALID (malformed JSON or shape, did ≠ key)
 */
export function parseKeyFile(file: unknown): KeyFile {
  let value = file;
  if (typeof file === 'string') {
    try {
      value = JSON.parse(file);
    } catch {
      throw new CryptoError('KEY_FILE_INVALID', 'the key file is not JSON');
    }
  }
  const parsed = zKeyFile.safeParse(value);
  if (!parsed.success) {
    throw new CryptoError('KEY_FILE_INVALID', `not a Learning Passport key file: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  const f = parsed.data;
  let publicKey: Uint8Array;
  try {
    publicKey = publicKeyFromMultikey(f.publicKeyMultibase);
  } catch (err) {
    throw new CryptoError('KEY_FILE_INVALID', 'the key file\'s publicKeyMultibase is not an Ed25519 multikey', { cause: err });
  }
  if (didKeyFromPublicKey(publicKey) !== f.did) throw new CryptoError('KEY_FILE_INVALID', 'the key file\'s did does not match its public key');
  return f;
}

/**
 * Opens a key file made by `encryptKeyFile`.
 * @throws CryptoError KEY_FILE_INVALID | KEY_FILE_WEAK_KDF | KEY_FILE_PASSPHRASE (wrong passphrase
 *   or tampered file: AES-GCM cannot tell them apart, and one message gives an attacker nothing)
 * @example const kp = await decryptKeyFile(JSON.parse(text), passphrase);
 */
export async function decryptKeyFile(file: unknown, passphrase: string, opts: DecryptKeyFileOptions = {}): Promise<Ed25519KeyPair> {
  if (typeof passphrase !== 'string') throw new TypeError('passphrase must be a string');
  const f = parseKeyFile(file);
  const salt = base64urlDecode(f.kdf.salt);
  const iv = base64urlDecode(f.cipher.iv);
  const ciphertext = base64urlDecode(f.cipher.ciphertext);
  if (!salt || !iv || iv.length !== 12 || !ciphertext || ciphertext.length !== 48) {
    throw new CryptoError('KEY_FILE_INVALID', 'the key file\'s salt, iv or ciphertext is not valid base64url of the right length');
  }
  const minN = opts.minN ?? DEFAULT_SCRYPT.N;
  if (f.kdf.N < minN || f.kdf.r < DEFAULT_SCRYPT.r || salt.length < MIN_SALT_BYTES) {
    throw new CryptoError('KEY_FILE_WEAK_KDF', `the key file's scrypt parameters are below the minimum (N ≥ ${minN}, r ≥ ${DEFAULT_SCRYPT.r}, salt ≥ ${MIN_SALT_BYTES} bytes)`);
  }
  if (passphrase.length === 0) throw new CryptoError('KEY_FILE_PASSPHRASE', 'wrong passphrase or damaged key file');
  const key = await deriveFileKey(passphrase, salt, f.kdf);
  let seed: Uint8Array;
  try {
    seed = new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: ownBytes(iv), additionalData: ownBytes(keyFileAdditionalData(f)) }, key, ownBytes(ciphertext)));
  } catch {
    throw new CryptoError('KEY_FILE_PASSPHRASE', 'wrong passphrase or damaged key file');
  }
  const keyPair = await keyPairFromSeed(seed);
  // Authenticated already; this guards against a file written by a buggy encoder.
  if (!equalBytes(keyPair.publicKey, publicKeyFromMultikey(f.publicKeyMultibase))) {
    throw new CryptoError('KEY_FILE_INVALID', 'the key file\'s secret key does not match its public key');
  }
  return keyPair;
}

import { scryptAsync } from '@noble/hashes/scrypt.js';
import { subtle } from './webcrypto.ts';
import { ownBytes } from './bytes.ts';

/**
 * scrypt(passphrase) → AES-256-GCM key. The passphrase is NFC-normalised first so the same typed
 * passphrase opens the file on every OS and keyboard (RFC 8265 §4 style normalisation).
 */
export async function deriveFileKey(passphrase: string, salt: Uint8Array, params: { N: number; r: number; p: number }): Promise<CryptoKey> {
  const raw = await scryptAsync(new TextEncoder().encode(passphrase.normalize('NFC')), salt, { ...params, dkLen: 32, asyncTick: 50 });
  try {
    return await subtle().importKey('raw', ownBytes(raw), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  } finally {
    raw.fill(0);
  }
}

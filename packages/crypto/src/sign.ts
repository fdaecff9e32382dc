import { CryptoError } from './errors.ts';
import { assertBytes, equalBytes, ownBytes } from './lib/bytes.ts';
import { ed } from './lib/noble.ts';
import { isNotSupported, pkcs8FromSeed, subtle } from './lib/webcrypto.ts';
import { signNode } from '#ed25519-node';

/**
 * An Ed25519 signature (64 bytes, RFC 8032 §5.1.6) of `message` with the 32-byte seed `secretKey`.
 * In Node, OpenSSL through node:crypto (synchronous); elsewhere WebCrypto when the runtime has
 * Ed25519, else noble. Ed25519 is deterministic, so all three give the same bytes.
 * @example const sig = await sign(kp.secretKey, new TextEncoder().encode('hello'));
 */
export async function sign(secretKey: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
  assertBytes(secretKey, 'secretKey');
  assertBytes(message, 'message');
  if (secretKey.length !== 32) throw new CryptoError('SECRET_KEY_LENGTH', `an Ed25519 seed is 32 bytes, got ${secretKey.length}`);
  if (signNode) return signNode(secretKey, message);
  try {
    const key = await importedKey(secretKey);
    return new Uint8Array(await subtle().sign({ name: 'Ed25519' }, key, ownBytes(message)));
  } catch (err) {
    if (!isNotSupported(err)) throw err;
    return ed.sign(message, secretKey);
  }
}

/**
 * The non-extractable CryptoKey of a seed, kept per seed array: importing costs about as much as
 * signing, and an issuer signs thousands of credentials with one key. The cached copy of the seed
 * is compared on each use, so a caller that overwrites its array (to wipe it) never signs with
 * the old key.
 */
const imported = new WeakMap<Uint8Array, { seed: Uint8Array; key: Promise<CryptoKey> }>();

function importedKey(secretKey: Uint8Array): Promise<CryptoKey> {
  const hit = imported.get(secretKey);
  if (hit && equalBytes(hit.seed, secretKey)) return hit.key;
  const key = subtle().importKey('pkcs8', pkcs8FromSeed(secretKey), { name: 'Ed25519' }, false, ['sign']);
  imported.set(secretKey, { seed: secretKey.slice(), key });
  key.catch(() => imported.delete(secretKey));
  return key;
}

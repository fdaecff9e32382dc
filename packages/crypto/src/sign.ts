import { CryptoError } from './errors.ts';
import { assertBytes, ownBytes } from './lib/bytes.ts';
import { ed } from './lib/noble.ts';
import { isNotSupported, pkcs8FromSeed, subtle } from './lib/webcrypto.ts';

/**
 * An Ed25519 signature (64 bytes, RFC 8032 §5.1.6) of `message` with the 32-byte seed `secretKey`.
 * WebCrypto when the runtime has Ed25519, else noble; Ed25519 is deterministic, so both give the
 * same bytes.
 * @example const sig = await sign(kp.secretKey, new TextEncoder().encode('hello'));
 */
export async function sign(secretKey: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
  assertBytes(secretKey, 'secretKey');
  assertBytes(message, 'message');
  if (secretKey.length !== 32) throw new CryptoError('SECRET_KEY_LENGTH', `an Ed25519 seed is 32 bytes, got ${secretKey.length}`);
  try {
    const key = await subtle().importKey('pkcs8', pkcs8FromSeed(secretKey), { name: 'Ed25519' }, false, ['sign']);
    return new Uint8Array(await subtle().sign({ name: 'Ed25519' }, key, ownBytes(message)));
  } catch (err) {
    if (!isNotSupported(err)) throw err;
    return ed.sign(message, secretKey);
  }
}

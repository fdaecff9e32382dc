import { CryptoError } from './errors.ts';
import { assertBytes, equalBytes } from './lib/bytes.ts';
import { ed } from './lib/noble.ts';

/**
 * The project's key-import policy, applied before any verification on every path:
 * - exactly 32 bytes (RFC 8032 §5.1.2);
 * - a point on the curve;
 * - canonical encoding: y < p and no "negative zero" x (RFC 8032 §5.1.3 decoding, step 1 and 4),
 *   i.e. the decoded point re-encodes to the same bytes;
 * - not of small order (one of the 8 torsion points): with such a key a signature can verify for
 *   many messages ("Taming the many EdDSAs", eprint 2020/1244, §3), libsodium refuses them too.
 * Native verifiers (OpenSSL in Node, BoringSSL in Chromium) do not all refuse these keys, so the
 * check lives here, once, shared by `verify` and `verifyPure`.
 * @throws CryptoError KEY_LENGTH | KEY_NOT_ON_CURVE | KEY_NON_CANONICAL | KEY_SMALL_ORDER
 */
export function assertAcceptablePublicKey(publicKey: Uint8Array): void {
  assertBytes(publicKey, 'publicKey');
  if (publicKey.length !== 32) throw new CryptoError('KEY_LENGTH', `an Ed25519 public key is 32 bytes, got ${publicKey.length}`);
  let point: InstanceType<typeof ed.Point>;
  try {
    // The lenient (ZIP-215) decoder, so that non-canonical encodings of real points are told
    // apart from bytes that are no point at all.
    point = ed.Point.fromBytes(publicKey, true);
  } catch (err) {
    throw new CryptoError('KEY_NOT_ON_CURVE', 'the public key is not a point on Ed25519', { cause: err });
  }
  if (!equalBytes(point.toBytes(), publicKey)) throw new CryptoError('KEY_NON_CANONICAL', 'the public key is not canonically encoded');
  if (point.isSmallOrder()) throw new CryptoError('KEY_SMALL_ORDER', 'the public key is a small-order point');
}

/** The same policy as a boolean, for the verification paths that must never throw. */
export function isAcceptablePublicKey(publicKey: Uint8Array): boolean {
  try {
    assertAcceptablePublicKey(publicKey);
    return true;
  } catch (err) {
    if (err instanceof CryptoError) return false;
    throw err;
  }
}

import { isAcceptablePublicKey } from './assert-acceptable-public-key.ts';
import { assertBytes, concatBytes, equalBytes } from './lib/bytes.ts';
import { L, bytesToNumberLE, ed, sha512 } from './lib/noble.ts';

/**
 * Pure-JS Ed25519 verification computing exactly what OpenSSL and BoringSSL compute, for runtimes
 * without Ed25519 in WebCrypto. Not noble's `verify`: that checks the cofactored equation
 * [8][S]B = [8]R + [8][k]A (and, by default, ZIP-215 decoding), which gives other verdicts on
 * adversarial signatures. Here, after the shared key policy:
 * - S must be < L (RFC 8032 §5.1.7 step 1);
 * - k = SHA-512(R ‖ A ‖ M) mod L over the bytes as given (§5.1.7 step 2);
 * - R' = [S]B − [k]A, cofactorless, and R' must ENCODE to the signature's R bytes. Comparing
 *   encodings is what OpenSSL's ed25519_verify does; it equals "decode R strictly and compare
 *   points", because the encoder only ever produces canonical bytes.
 * A wrong signature length or an unacceptable key gives false, never an exception.
 * @example const ok = verifyPure(publicKey, message, signature);
 */
export function verifyPure(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  assertBytes(publicKey, 'publicKey');
  assertBytes(message, 'message');
  assertBytes(signature, 'signature');
  if (signature.length !== 64) return false;
  if (!isAcceptablePublicKey(publicKey)) return false;
  return cofactorlessVerify(publicKey, message, signature);
}

/**
 * The bare equation, without the key policy: exported for the test that compares it with raw
 * OpenSSL on every vector. Callers must have checked lengths and decodability.
 */
export function cofactorlessVerify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const rBytes = signature.subarray(0, 32);
  const s = bytesToNumberLE(signature.subarray(32, 64));
  if (s >= L) return false;
  let A: InstanceType<typeof ed.Point>;
  try {
    A = ed.Point.fromBytes(publicKey, true);
  } catch {
    return false;
  }
  const k = bytesToNumberLE(sha512(concatBytes(rBytes, publicKey, message))) % L;
  const rCheck = ed.Point.BASE.multiplyUnsafe(s).subtract(A.multiplyUnsafe(k));
  return equalBytes(rCheck.toBytes(), rBytes);
}

import { FormatsError } from '../errors.ts';

/**
 * The seal codec's codes. `code` is stable: callers, the verification pipeline and
 * tests match on it, never on `message`. Every failure caused by untrusted seal text is a
 * SealError; misuse of the API by the caller (e.g. a kid that contradicts the claims) is a
 * TypeError, following panva/jose.
 */
export type SealErrorCode =
  /** Text longer than a QR code can carry (4,296 alphanumeric characters, version 40-L). */
  | 'SEAL_TOO_LONG'
  /** Text does not start with `LP1:`. */
  | 'SEAL_PREFIX'
  /** Not base45 (RFC 9285): a character outside the alphabet, a bad length or a value overflow. */
  | 'SEAL_BASE45'
  /** Not a zlib stream (RFC 1950), truncated, trailing data, or a wrong Adler-32. */
  | 'SEAL_ZLIB_INVALID'
  /** Decompressed size above 64 KiB or above 50 times the compressed size. */
  | 'SEAL_DECOMPRESSED_TOO_LARGE'
  /** Not well-formed CBOR (RFC 8949), indefinite lengths, or not deterministic. */
  | 'SEAL_CBOR_INVALID'
  /** CBOR nested deeper than 16. */
  | 'SEAL_CBOR_TOO_DEEP'
  /** CBOR with more data items than a seal can need. */
  | 'SEAL_CBOR_TOO_MANY_ITEMS'
  /** Bytes after the COSE structure. */
  | 'SEAL_TRAILING_BYTES'
  /** Not a COSE_Sign1 (RFC 9052 §4.2) of the shape a seal uses. */
  | 'SEAL_COSE_MALFORMED'
  /** Protected header alg is not EdDSA (-8). */
  | 'SEAL_ALG'
  /** The header kid and claim 3 name different keys. */
  | 'SEAL_KID_MISMATCH'
  /** Claims fail the schema (see CLAIMS.md); `path` names the claim. */
  | 'SEAL_CLAIMS_INVALID'
  /** The full record cannot be summarised as a seal (createSealClaims). */
  | 'SEAL_SOURCE_INVALID'
  /** The seal needs a larger QR version than allowed (assertSealFitsQr). */
  | 'SEAL_TOO_LARGE_FOR_QR';

/**
 * A FormatsError whose code is one of the seal codes, with the claim `path` when there is one.
 * `instanceof FormatsError` holds, so the package still has one error family.
 */
export class SealError extends FormatsError {
  declare readonly code: SealErrorCode;
  constructor(
    code: SealErrorCode,
    message: string,
    readonly path?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(code, message);
  }
}

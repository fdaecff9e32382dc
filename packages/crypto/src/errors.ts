/**
 * The crypto package's one error class. `code` is stable and what callers and tests match on;
 * messages are for people and may change. API misuse (a string where bytes belong) is a
 * TypeError instead: that is a bug in the caller, not bad input.
 */
export type CryptoErrorCode =
  | 'KEY_LENGTH'
  | 'KEY_SMALL_ORDER'
  | 'KEY_NON_CANONICAL'
  | 'KEY_NOT_ON_CURVE'
  | 'KEY_NOT_ED25519'
  | 'SECRET_KEY_LENGTH'
  | 'DID_KEY_INVALID'
  | 'MULTIKEY_INVALID'
  | 'JWK_INVALID'
  | 'KEY_FILE_INVALID'
  | 'KEY_FILE_WEAK_KDF'
  | 'KEY_FILE_PASSPHRASE'
  | 'CRYPTO_UNAVAILABLE';

export class CryptoError extends Error {
  override readonly name = 'CryptoError';
  constructor(
    readonly code: CryptoErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The wallet's one error class; `code` is stable and what callers and tests match on. */
export type WalletErrorCode =
  | 'WRONG_PASSPHRASE'
  | 'PROFILE_EXISTS'
  | 'PROFILE_NOT_FOUND'
  | 'PROFILE_NAME_INVALID'
  | 'CONTAINER_MALFORMED'
  | 'CONTAINER_TRUNCATED'
  | 'CONTAINER_VERSION_UNSUPPORTED'
  | 'CONTAINER_KIND_MISMATCH'
  | 'KDF_TOO_WEAK'
  | 'CREDENTIAL_NOT_FOUND'
  | 'CREDENTIAL_INVALID'
  | 'NO_TRUST_BUNDLE'
  | 'INPUT_UNRECOGNISED'
  | 'CREDENTIAL_NOT_PRESENTABLE'
  | 'PICKUP_USED'
  | 'PICKUP_EXPIRED'
  | 'PICKUP_NOT_FOUND'
  | 'PICKUP_FAILED'
  | 'PICKUP_CODE_INVALID'
  /** A record or answer with a key twice in one object: refused rather than read one way. */
  | 'JSON_DUPLICATE_KEY'
  | 'TRUST_BUNDLE_REFUSED';

export class WalletError extends Error {
  override readonly name = 'WalletError';
  constructor(readonly code: WalletErrorCode, message: string) {
    super(message);
  }
}

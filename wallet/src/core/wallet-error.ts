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
  | 'TRUST_BUNDLE_REFUSED'
  /** OpenID4VCI: the text or QR is not a credential offer this wallet can read (pre-authorized code grant). */
  | 'OFFER_INVALID'
  /** OpenID4VCI: the offer was already used (or its credentials delivered). */
  | 'OFFER_USED'
  /** OpenID4VCI: the offer has expired or its code is unknown to the issuer. */
  | 'OFFER_EXPIRED'
  /** OpenID4VCI: the offer needs a PIN (--pin) and none was given. */
  | 'TX_CODE_REQUIRED'
  /** OpenID4VCI: the issuer refused the PIN (or no attempts are left). */
  | 'TX_CODE_WRONG'
  /** OpenID4VCI: the issuer could not be reached or refused for another reason. */
  | 'OFFER_FAILED'
  /** OpenID4VP: the text is not a presentation request this wallet can answer (DCQL, direct_post). */
  | 'PRESENTATION_REQUEST_INVALID'
  /** OpenID4VP: the verifier refused the answer (already answered, wrong nonce…) or could not be reached. */
  | 'PRESENTATION_REFUSED';

/** What the other side said, when it said more than the code (a page shows it beside the code's sentence). */
export interface WalletErrorDetails {
  /** The stable code the issuer or verifier answered with, e.g. RESPONSE_ALREADY_RECEIVED. */
  remoteCode?: string;
  /** PIN attempts the issuer still allows (TX_CODE_WRONG); 0 when the offer is spent. */
  attemptsLeft?: number;
  /** The PIN's shape as the offer states it (OpenID4VCI 1.0 §4.1.1 `tx_code`), for the field that asks for it. */
  txCode?: { length?: number; inputMode?: 'numeric' | 'text'; description?: string };
}

export class WalletError extends Error {
  override readonly name = 'WalletError';
  constructor(readonly code: WalletErrorCode, message: string, readonly details: WalletErrorDetails = {}) {
    super(message);
  }
}

/**
 * The issuer app's one error class. `code` is stable (tests, the CLI and problem+json bodies carry
 * it); `status` is the HTTP status it maps to; `path` names the JSON path of the offending value.
 * Store errors keep their own class (StoreError) and are mapped by the HTTP layer.
 */
export type IssuerErrorCode =
  /** `lp issuer init` on a data directory that already holds an issuer (never overwritten). */
  | 'ISSUER_EXISTS'
  /** No issuer in the data directory: run `lp issuer init` first. */
  | 'NO_ISSUER'
  /** The signing key is not unlocked (no LP_PASSPHRASE for the server): signing routes answer 503. */
  | 'ISSUER_LOCKED'
  /** A credential naming another issuer than ours. */
  | 'ISSUER_MISMATCH'
  /** The credential (given or built) is not a valid OB 3.0 / VC 2.0 credential, or cannot be signed. */
  | 'CREDENTIAL_INVALID'
  /**
   * A `relatedResource` we hold (a bundled context) whose digest does not match its bytes, or is
   * written in a form we cannot compute: signing it would vouch for a resource we know is not it.
   */
  | 'RELATED_RESOURCE_DIGEST_MISMATCH'
  /** `options.achievement` names no catalogue entry. */
  | 'ACHIEVEMENT_UNKNOWN'
  /** The result value is not on the achievement's scale. */
  | 'RESULT_OUT_OF_SCALE'
  /** A date that lies after today (an award date). */
  | 'DATE_IN_FUTURE'
  /** A catalogue file (JSON or CSV) or entry that the catalogue schema refuses. */
  | 'CATALOGUE_INVALID'
  /** The QR seal would need a QR version above the budget (DESIGN.md: no silent multi-QR). */
  | 'SEAL_TOO_LARGE'
  /** A seal was asked for, but the credential names no learner in clear (a seal prints the name). */
  | 'SEAL_NEEDS_LEARNER_NAME'
  /** VC-API: the credential to sign names no issuer (it is never filled in for the caller). */
  | 'ISSUER_REQUIRED'
  /** A learner's name with invisible or bidi-control characters (U+202A–E, U+2066–9, U+200B–D, U+2060, U+FEFF). */
  | 'NAME_INVISIBLE_CHARACTERS'
  /** An unknown credential, status list, API key, achievement. */
  | 'NOT_FOUND'
  /** Reinstating (or suspending) a revoked credential: revocation is permanent. */
  | 'CREDENTIAL_REVOKED'
  /** did:key names exactly one key: rotating needs a did:web issuer. */
  | 'ROTATION_UNSUPPORTED'
  /** A pick-up code already used or expired. */
  | 'PICKUP_GONE'
  /** A public URL that is not an absolute http(s) URL without query or fragment. */
  | 'PUBLIC_URL_INVALID'
  /** LP_PUBLIC_URL disagrees with the issuer's stored public URL (lp issuer set-public-url changes it). */
  | 'PUBLIC_URL_MISMATCH'
  /** Bad command-line input that is not a usage error (file unreadable, bad option value). */
  | 'INPUT_INVALID'
  /** LP_DATABASE_URL / --database / --to is not a `postgres://` URL. */
  | 'DATABASE_URL_INVALID';

const STATUS: Record<IssuerErrorCode, number> = {
  ISSUER_EXISTS: 409,
  NO_ISSUER: 503,
  ISSUER_LOCKED: 503,
  ISSUER_MISMATCH: 422,
  CREDENTIAL_INVALID: 422,
  RELATED_RESOURCE_DIGEST_MISMATCH: 422,
  ACHIEVEMENT_UNKNOWN: 422,
  RESULT_OUT_OF_SCALE: 422,
  DATE_IN_FUTURE: 422,
  CATALOGUE_INVALID: 422,
  SEAL_TOO_LARGE: 422,
  SEAL_NEEDS_LEARNER_NAME: 422,
  ISSUER_REQUIRED: 422,
  NAME_INVISIBLE_CHARACTERS: 422,
  NOT_FOUND: 404,
  CREDENTIAL_REVOKED: 409,
  ROTATION_UNSUPPORTED: 409,
  PICKUP_GONE: 410,
  PUBLIC_URL_INVALID: 400,
  PUBLIC_URL_MISMATCH: 409,
  INPUT_INVALID: 400,
  DATABASE_URL_INVALID: 400,
};

export class IssuerError extends Error {
  override readonly name = 'IssuerError';
  readonly status: number;
  constructor(
    readonly code: IssuerErrorCode,
    message: string,
    readonly path?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

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
  /** A catalogue entry's national grades name a country or a grade the school-system dataset does not have. */
  | 'NATIONAL_GRADES_UNKNOWN'
  /** Months completed of a grade for an achievement without a months-completed scale. */
  | 'MONTHS_NOT_RECORDED'
  /** More months completed than the grade lasts. */
  | 'MONTHS_OUT_OF_RANGE'
  /** Terms completed of a grade for an achievement without a terms-completed scale. */
  | 'TERMS_NOT_RECORDED'
  /** More terms completed than the grade has. */
  | 'TERMS_OUT_OF_RANGE'
  /** A competency the achievement does not list, or a level that competency does not have. */
  | 'COMPETENCY_UNKNOWN'
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
  /** A recognition decision that its schema refuses (a field missing, too long, of the wrong kind). */
  | 'DECISION_INVALID'
  /** A placement country the school-system dataset does not have (or lacks secondary levels for). */
  | 'COUNTRY_UNKNOWN'
  /** A placement in another country than the issuer's, or a grade that country's schools do not have. */
  | 'PLACEMENT_INVALID'
  /** A statement whose validity would end on or before the decision date or today. */
  | 'VALIDITY_IN_PAST'
  /** A recognition decision with no assessor named. */
  | 'ASSESSOR_MISSING'
  /** More than two assessors (EQPR: one or two credential evaluators sign an assessment). */
  | 'ASSESSORS_TOO_MANY'
  /** A decision resting on nothing: no credential, document, interview or placement test. */
  | 'EVIDENCE_MISSING'
  /** OpenID4VCI: a credential offer (pre-authorized code) already redeemed, or its credential already delivered. */
  | 'OFFER_USED'
  /** OpenID4VCI: a credential offer past its expiry. */
  | 'OFFER_EXPIRED'
  /** OpenID4VCI: a pre-authorized code this issuer never made. */
  | 'PRE_AUTHORIZED_CODE_INVALID'
  /** OpenID4VCI: the offer needs a transaction code (PIN) and none was sent. */
  | 'TX_CODE_REQUIRED'
  /** OpenID4VCI: a wrong transaction code; `attemptsLeft` says how many remain. */
  | 'TX_CODE_WRONG'
  /** OpenID4VCI: too many wrong transaction codes: the offer is spent. */
  | 'TX_CODE_LOCKED'
  /** OpenID4VCI: a token request this issuer cannot read (grant type, form). */
  | 'TOKEN_REQUEST_INVALID'
  /** OpenID4VCI: a missing, expired or forged access token at the credential endpoint. */
  | 'ACCESS_TOKEN_INVALID'
  /** OpenID4VCI: a credential request without a holder proof of possession. */
  | 'PROOF_MISSING'
  /** OpenID4VCI: a proof whose c_nonce is unknown, used or expired. */
  | 'PROOF_NONCE_STALE'
  /** OpenID4VCI: a proof that does not verify (signed by another key than it names, wrong audience, bad JWT). */
  | 'PROOF_INVALID'
  /** OpenID4VCI: a credential configuration this issuer does not have, or that the offer does not cover. */
  | 'CREDENTIAL_CONFIGURATION_UNSUPPORTED'
  /** OpenID4VCI: the stored credential names another subject id than the holder proving possession. */
  | 'HOLDER_MISMATCH'
  /** LP_DATABASE_URL / --database / --to is not a `postgres://` URL. */
  | 'DATABASE_URL_INVALID'
  /** `lp issuer bulk --queue` or `lp issuer worker` with the SQLite store: the bulk queue lives in PostgreSQL. */
  | 'QUEUE_NEEDS_POSTGRES'
  /** The bulk queue (pg-boss, in the issuer's PostgreSQL database) cannot be opened; names host:port. */
  | 'QUEUE_UNREACHABLE'
  /** Batches of a queued bulk run failed after every retry; running the command again retries them. */
  | 'QUEUE_BATCH_FAILED';

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
  NATIONAL_GRADES_UNKNOWN: 422,
  MONTHS_NOT_RECORDED: 422,
  MONTHS_OUT_OF_RANGE: 422,
  TERMS_NOT_RECORDED: 422,
  TERMS_OUT_OF_RANGE: 422,
  COMPETENCY_UNKNOWN: 422,
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
  DECISION_INVALID: 422,
  COUNTRY_UNKNOWN: 422,
  PLACEMENT_INVALID: 422,
  VALIDITY_IN_PAST: 422,
  ASSESSOR_MISSING: 422,
  ASSESSORS_TOO_MANY: 422,
  EVIDENCE_MISSING: 422,
  OFFER_USED: 400,
  OFFER_EXPIRED: 400,
  PRE_AUTHORIZED_CODE_INVALID: 400,
  TX_CODE_REQUIRED: 400,
  TX_CODE_WRONG: 400,
  TX_CODE_LOCKED: 400,
  TOKEN_REQUEST_INVALID: 400,
  ACCESS_TOKEN_INVALID: 401,
  PROOF_MISSING: 400,
  PROOF_NONCE_STALE: 400,
  PROOF_INVALID: 400,
  CREDENTIAL_CONFIGURATION_UNSUPPORTED: 400,
  HOLDER_MISMATCH: 400,
  DATABASE_URL_INVALID: 400,
  QUEUE_NEEDS_POSTGRES: 400,
  QUEUE_UNREACHABLE: 503,
  QUEUE_BATCH_FAILED: 500,
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

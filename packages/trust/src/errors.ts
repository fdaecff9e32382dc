/**
 * The trust package's one error class. `code` is stable: tests and callers match on it, never on
 * the message. `path` names the JSON path of the offending value when there is one.
 */
export type TrustErrorCode =
  | 'TRUST_BUNDLE_TOO_LARGE'
  | 'TRUST_BUNDLE_MALFORMED'
  | 'TRUST_FRAGMENT_MALFORMED'
  | 'TRUST_BAD_ALG'
  | 'TRUST_ANCHOR_NOT_PINNED'
  | 'TRUST_BAD_SIGNATURE'
  | 'TRUST_BUNDLE_EXPIRED'
  | 'TRUST_SEQUENCE_ROLLBACK'
  | 'TRUST_SEQUENCE_REUSED'
  | 'TRUST_DUPLICATE_ISSUER'
  | 'TRUST_CATALOGUE_DIGEST_MISMATCH'
  | 'TRUST_BAD_OVERRIDE'
  | 'TRUST_BAD_ANCHOR_KEY'
  | 'TRUST_KEY_TOO_SHORT'
  | 'TRUST_KEY_UNSUPPORTED';

export class TrustError extends Error {
  override readonly name = 'TrustError';
  constructor(
    readonly code: TrustErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

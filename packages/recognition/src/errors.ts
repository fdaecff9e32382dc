/**
 * The recognition package's one error class, for bad input from the school or a policy file.
 * A credential that does not count (not VALID, result not passed) is never an error: it is shown
 * with a `notCounted` code instead.
 */
export type RecognitionErrorCode =
  | 'COUNTRY_UNKNOWN'
  | 'COUNTRY_INCOMPLETE'
  | 'BIRTH_DATE_INVALID'
  | 'BIRTH_DATE_IN_FUTURE'
  | 'POLICY_NOT_JSON'
  | 'POLICY_NOT_CSV'
  | 'POLICY_INVALID'
  | 'INPUT_INVALID'
  | 'DATA_INVALID';

export class RecognitionError extends Error {
  override readonly name = 'RecognitionError';
  constructor(
    readonly code: RecognitionErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

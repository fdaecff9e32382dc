/**
 * A warning about the Learning Passport profile extras (ISCED alignments, result scales,
 * languages). These never make a credential invalid: a credential from any other Open Badges
 * issuer has none of them and is still valid.
 */
export type LpProfileIssueCode =
  | 'ISCED_LEVEL_UNKNOWN'
  | 'ISCED_FIELD_UNKNOWN'
  | 'SCALE_INVALID'
  | 'REQUIRED_VALUE_OUT_OF_SCALE'
  | 'RESULT_OUT_OF_SCALE'
  | 'RESULT_DESCRIPTION_UNKNOWN'
  | 'LANGUAGE_TAG_INVALID'
  | 'DISPLAY_NAME_INVALID'
  | 'DISPLAY_NAME_DUPLICATE_LANGUAGE'
  | 'TERM_INVALID'
  | 'CREDITS_INVALID';

export interface LpProfileIssue {
  code: LpProfileIssueCode;
  /** JSON path of the value concerned, e.g. `$.credentialSubject.result[0].value`. */
  path: string;
  message: string;
}

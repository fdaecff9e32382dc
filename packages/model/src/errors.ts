/**
 * The model package's one error class. `code` is stable and what tests and callers match on;
 * `path` names the JSON path of the offending value when there is one.
 */
export type ModelErrorCode =
  | 'INVALID_JSON'
  /** An object with the same key twice (after unescaping): parsers disagree on which one wins. */
  | 'JSON_DUPLICATE_KEY'
  /** Bytes that are not well-formed UTF-8 (never replaced by U+FFFD and carried on). */
  | 'ENCODING_INVALID'
  | 'EMPTY_INPUT'
  | 'INPUT_TOO_LARGE'
  | 'SCHEMA_VIOLATION';

export class ModelError extends Error {
  override readonly name = 'ModelError';
  constructor(
    readonly code: ModelErrorCode,
    message: string,
    readonly path?: string,
    readonly issues?: readonly { path: string; code: string; message: string }[],
  ) {
    super(message);
  }
}

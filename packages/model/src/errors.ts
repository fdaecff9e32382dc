/**
 * The model package's one error class. `code` is stable and what tests and callers match on;
 * `path` names the JSON path of the offending value when there is one.
 */
export type ModelErrorCode =
  | 'INVALID_JSON'
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

/** Why `lp serve` could not start; stable codes, printed by `lp` as `CODE: message` with exit 2. */
export type CliErrorCode = 'PORT_IN_USE' | 'PORT_FORBIDDEN' | 'HOST_UNAVAILABLE' | 'TLS_FILE' | 'TLS_INVALID';

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(readonly code: CliErrorCode, message: string) {
    super(message);
  }
}

/**
 * What the verifier's commands touch of their process. Structurally the same as @lp/cli's CliIo;
 * declared here so that the verifier app does not import the CLI that composes it.
 */
export interface VerifierIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  cwd: string;
  /** LP_TRUST_BUNDLE, LP_TRUST_ANCHORS, LP_DATA_DIR, NO_COLOR. */
  env?: NodeJS.ProcessEnv;
}

/** Wrong arguments or an unreadable file: the command prints the message and exits 2. */
export class VerifyUsageError extends Error {
  override readonly name = 'VerifyUsageError';
  readonly code = 'USAGE';
}

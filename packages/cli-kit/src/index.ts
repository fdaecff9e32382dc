// What every `lp` command group shares: the injected process I/O, the usage error (exit 2) and the
// passphrase prompt. No Node modules are imported here; the streams are handed in.
export { parseCommonIo } from './cli-io.ts';
export type { CliIo } from './cli-io.ts';
export { UsageError } from './usage-error.ts';
export { readPassphrase, promptHidden } from './read-passphrase.ts';

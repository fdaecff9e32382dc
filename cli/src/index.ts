export { main } from './main.ts';
export { startServer } from './server.ts';
export { readPassphrase } from './passphrase.ts';
export { UsageError } from './usage-error.ts';
export type { CliIo } from './io.ts';
export type { ServerConfig, RunningServer } from './server.ts';

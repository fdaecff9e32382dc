export { main } from './main.ts';
export { startServer } from './server.ts';
export { readPassphrase } from '@lp/cli-kit';
export { UsageError } from '@lp/cli-kit';
export type { CliIo } from '@lp/cli-kit';
export type { ServerConfig, RunningServer } from './server.ts';

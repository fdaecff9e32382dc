export { main } from './main.ts';
export { startServer } from './server.ts';
export type { ServerConfig, RunningServer } from './server.ts';

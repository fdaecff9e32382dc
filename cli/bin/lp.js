#!/usr/bin/env node
// `npx lp …`: the bundle built by `npm ci` (cli/scripts/build-cli.mjs) when it matches the
// sources, else the TypeScript directly. tsx is registered in this one process, so that signals
// reach the real program (the `tsx` command would start a second one).
import { pickCliEntry } from './pick-cli-entry.js';

const entry = pickCliEntry(new URL('../../', import.meta.url), new URL('../dist/', import.meta.url), process.env);
let main;
if (entry === 'bundle') {
  ({ main } = await import('../dist/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));

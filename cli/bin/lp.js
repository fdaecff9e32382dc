#!/usr/bin/env node
// `npx lp …`: TypeScript runs directly (no build step); tsx is registered in this one process so
// that signals reach the real program (the `tsx` command would start a second one).
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));

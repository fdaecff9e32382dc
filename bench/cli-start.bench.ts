// How long `npx lp` takes before it does anything: `lp --version` and `lp verify --help` as child
// processes, median wall time of a few runs, beside `node -e ''` (Node's own start) in the same
// run, and the same commands from the TypeScript sources through tsx (what every call cost before
// the bundle, and what a developer with edited sources still gets).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain JavaScript without declarations (it runs before TypeScript can)
import { pickCliEntry } from '../cli/bin/pick-cli-entry.js';

const ROOT = new URL('../', import.meta.url);
const LP = fileURLToPath(new URL('cli/bin/lp.js', ROOT));
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? NaN; };

function startMs(args: string[], env: Record<string, string> = {}, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    execFileSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

export async function benchCliStart(): Promise<{ title: string; headers: string[]; rows: (string | number)[][] }> {
  const entry = (pickCliEntry as (root: URL, dist: URL, env: NodeJS.ProcessEnv) => string)(ROOT, new URL('cli/dist/', ROOT), process.env);
  const rows: (string | number)[][] = [["`node -e ''` (reference)", startMs(['-e', '']).toFixed(0), '']];
  for (const args of [['--version'], ['verify', '--help']]) {
    rows.push([`\`lp ${args.join(' ')}\` start`, startMs([LP, ...args]).toFixed(0), entry === 'bundle' ? 'the bundle (cli/dist)' : 'no fresh bundle: TypeScript through tsx (npm run prepare builds it)']);
  }
  for (const args of [['--version'], ['verify', '--help']]) {
    rows.push([`\`lp ${args.join(' ')}\` start, from the sources (LP_CLI=source)`, startMs([LP, ...args], { LP_CLI: 'source' }, 3).toFixed(0), 'tsx, transforms cached']);
  }
  return { title: 'Median of 5 runs (3 from the sources); target ≤ 500 ms', headers: ['command', 'ms', 'note'], rows };
}

// Bulk issuance through the PostgreSQL queue, end to end: checked rows enqueued by this process
// (as `lp issuer bulk --queue` does), issued by 1 or 2 real `lp issuer worker` processes (one
// signing thread each) on an embedded PostgreSQL server started here, until the last batch is
// complete. CPU ms each counts this process, the workers (every thread) and every PostgreSQL
// server process (/proc), so it compares with the SQLite rows beside it on a loaded machine.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckedRow } from '@lp/issuer';
import { openPostgresStore } from '../issuer/src/store/index.ts';
import { issueBulkThroughQueue } from '../issuer/src/bulk/issue-bulk-through-queue.ts';
import { openBulkQueue } from '../issuer/src/bulk/lib/bulk-queue.ts';
import { startPostgres } from '../test/lib/start-postgres.ts';

const LP = fileURLToPath(new URL('../cli/bin/lp.js', import.meta.url));
const CATALOGUE = fileURLToPath(new URL('../issuer/test/fixtures/catalogue.json', import.meta.url));
const PASS = 'bench passphrase';

export interface QueueTimed { workers: number; perSec: number; ms: number; cpuMs: number }

/** CPU seconds (user + system, every thread) of a live process, from /proc; 0 when it is gone. */
function cpuOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

/** The PostgreSQL server's processes: the postmaster and its children. */
function postgresPids(dataDir: string): number[] {
  const master = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const out = [master];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === master) out.push(Number(d));
    } catch { /* ended meanwhile */ }
  }
  return out;
}

function run(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [LP, ...args], { env: { PATH: process.env.PATH ?? '', LP_DEMO: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    c.stdout!.on('data', (b: Buffer) => { out += b; });
    c.stderr!.on('data', (b: Buffer) => { out += b; });
    c.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`lp ${args.join(' ')}: exit ${code}: ${out}`))));
  });
}

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const c = spawn(process.execPath, [LP, 'issuer', 'worker', '--threads', '1'], { env: { PATH: process.env.PATH ?? '', LP_DEMO: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  c.stderr!.resume();
  return new Promise((resolve, reject) => {
    let out = '';
    c.stdout!.on('data', (b: Buffer) => {
      out += b;
      if (out.includes('worker ready')) resolve(c);
    });
    c.once('close', (code) => reject(new Error(`worker ended (${code}) before it was ready: ${out}`)));
  });
}

/**
 * `rowsOf(n, prefix)` gives checked rows (the bench's own CSV → checkRowsAgainstCatalogue);
 * `n` rows per measured run, 100 rows per batch.
 */
export async function benchBulkQueue(rowsOf: (n: number, prefix: string) => CheckedRow[], opts: { rows?: number; workers?: number[] } = {}): Promise<QueueTimed[]> {
  const n = opts.rows ?? 400;
  const pg = await startPostgres();
  const workers: ChildProcess[] = [];
  try {
    const url = await pg.createDatabase('issuer');
    const env = { LP_DATABASE_URL: url, LP_PASSPHRASE: PASS };
    await run(['issuer', 'init', '--database', url, '--name', 'Bench Examinations Board', '--country', 'JO', '--public-url', 'https://exams.example'], env);
    await run(['issuer', 'achievement', 'add', CATALOGUE], env);
    const store = await openPostgresStore(url);
    const queue = await openBulkQueue(url);
    const out: QueueTimed[] = [];
    try {
      let runNo = 0;
      const through = async (rows: CheckedRow[], batchSize: number): Promise<void> => {
        const run = (++runNo).toString(16).padStart(16, '0');
        const r = await issueBulkThroughQueue(store, queue, {
          run, session: `bench-${run}`, rows, total: rows.length, batchSize, expireSeconds: 600, clock: () => new Date(), pollMs: 100,
        });
        if (r.issued !== rows.length) throw new Error(`issued ${r.issued} of ${rows.length}`);
      };
      for (const w of opts.workers ?? [1, 2]) {
        while (workers.length < w) workers.push(await startWorker(env));
        // Warm-up: each worker's signing thread starts and its caches fill (not measured).
        await through(rowsOf(10 * w, `WQ${w}-`), 5);
        const pids = () => [process.pid, ...workers.map((c) => c.pid!), ...postgresPids(pg.dataDir)].filter((p) => p !== process.pid);
        const before = pids().map((p) => [p, cpuOf(p)] as const);
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await through(rowsOf(n, `Q${w}-`), 100);
        const ms = performance.now() - t0;
        const self = process.cpuUsage(c0);
        const others = before.reduce((sum, [p, c]) => sum + Math.max(0, cpuOf(p) - c), 0);
        out.push({ workers: w, perSec: (n * 1000) / ms, ms: ms / n, cpuMs: ((self.user + self.system) / 1000 + others * 1000) / n });
      }
    } finally {
      await queue.close();
      await store.close();
    }
    return out;
  } finally {
    for (const c of workers) c.kill('SIGTERM');
    await Promise.all(workers.map((c) => (c.exitCode !== null ? undefined : new Promise((r) => c.once('close', r)))));
    await pg.stop();
  }
}

// Bulk issuance: credentials per second end to end (CSV row → validated → full record signed with
// Data Integrity + QR seal signed → stored durably in SQLite, WAL + synchronous=FULL), with the
// signing threads and without, beside the Data Integrity signing alone of the same credential,
// measured in the same run. CPU ms each counts every thread of the process (process.cpuUsage), so
// it stays meaningful on a shared, loaded machine: 2 idle cores give at most 2,000 / (CPU ms each)
// credentials/s. Certificates (PDF with seals, pick-up code) are measured apart, per learner.
// Run alone: node --import tsx bench/bulk.bench.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signCredentialDi } from '@lp/formats';
import { CatalogueAchievementSchema } from '@lp/model';
import {
  addAchievements, buildAchievementCredential, bulkSignSetupOf, checkRowsAgainstCatalogue, createSigningPool, defaultSigningThreads, initIssuer, issueBulk,
  issuerDocumentLoader, openIssuerStore, parseCatalogueFile, readResultsCsv, unlockSigningKey, writeBulkOutput,
} from '@lp/issuer';
import type { CheckedRow, IssuerDeps, SigningPool } from '@lp/issuer';
import { benchBulkQueue } from './bulk-queue.bench.ts';

const CATALOGUE = fileURLToPath(new URL('../issuer/test/fixtures/catalogue.json', import.meta.url));
const SCRYPT = { N: 1024, r: 8, p: 1 };

/** `n` learners, each with a result in both catalogue subjects (2n rows). */
function resultsCsv(n: number, prefix: string, subjects = 1): Uint8Array {
  const lines = ['candidate_number,name,name_latin,date_of_birth,achievement_code,result'];
  for (let i = 0; i < n; i++) {
    lines.push(`${prefix}${i},ليلى أحمد ${i},Layla Ahmad ${i},2010-03-04,BECE-MATH,${i % 601}`);
    if (subjects > 1) lines.push(`${prefix}${i},ليلى أحمد ${i},Layla Ahmad ${i},2010-03-04,BECE-ARAB,${'ABCDEF'[i % 6]}`);
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

interface Timed {
  perSec: number;
  ms: number;
  cpuMs: number;
  /** CPU of this (the main) thread alone; cpuMs − mainCpuMs is every other thread's (signing threads, libuv, GC helpers). */
  mainCpuMs: number;
}

/** CPU ms of the calling thread (Linux /proc, clock ticks of 10 ms; NaN elsewhere). */
function threadCpuMs(): number {
  try {
    const fields = fs.readFileSync('/proc/thread-self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    // utime and stime are fields 14 and 15 of stat(5); the text after "(comm) " starts at field 3.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

async function timed(n: number, fn: () => Promise<void>): Promise<Timed> {
  const c0 = process.cpuUsage();
  const m0 = threadCpuMs();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { perSec: (n * 1000) / ms, ms: ms / n, cpuMs: (cpu.user + cpu.system) / 1000 / n, mainCpuMs: (threadCpuMs() - m0) / n };
}

export async function benchBulk(opts: { rows?: number; rowsThreaded?: number; rowsUnbatched?: number; learners?: number; rowsQueued?: number } = {}): Promise<{ title: string; headers: string[]; rows: (string | number)[][] }> {
  const rowsBatched = opts.rows ?? 300;
  const rowsThreaded = opts.rowsThreaded ?? 1000;
  const rowsUnbatched = opts.rowsUnbatched ?? 100;
  const learners = opts.learners ?? 600;
  const threads = defaultSigningThreads();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-bench-bulk-'));
  const store = await openIssuerStore(dir, { create: true });
  try {
    const now = new Date();
    await initIssuer(store, { names: { en: 'Bench Examinations Board', ar: 'مجلس الامتحانات' }, country: 'JO', passphrase: 'pw', now, actor: 'bench', keyFile: { scrypt: SCRYPT } });
    await addAchievements(store, parseCatalogueFile(fs.readFileSync(CATALOGUE, 'utf8'), 'json'), { now, actor: 'bench' });
    const signer = await unlockSigningKey(store, 'pw', { minN: SCRYPT.N });
    const deps: IssuerDeps = {
      store, signer, clock: () => new Date(), random: (n) => crypto.getRandomValues(new Uint8Array(n)), baseUrl: 'https://exams.example',
      documentLoader: await issuerDocumentLoader(store),
    };
    const catalogue = (await store.listAchievements()).map((r) => CatalogueAchievementSchema.parse(r.entry));
    const checkedOf = (csv: Uint8Array): CheckedRow[] => {
      const read = readResultsCsv(csv, { now: new Date() });
      const checked = checkRowsAgainstCatalogue(read.rows, catalogue, { achievement: 'achievement_code', result: 'result' });
      if (read.issues.length + checked.issues.length > 0) throw new Error('bench CSV has problems');
      return checked.rows;
    };

    const endToEnd = async (n: number, batchSize: number, prefix: string, t: number | SigningPool): Promise<Timed> => timed(n, async () => {
      const report = await issueBulk(deps, {
        session: '2026-06', rows: checkedOf(resultsCsv(n, prefix)), batchSize, runId: `bench-${prefix}`, ...(typeof t === 'number' ? { threads: t } : { pool: t }),
      });
      if (report.issued !== n) throw new Error(`issued ${report.issued} of ${n}`);
    });
    // Warm-up: jsonld context caches, prepared statements.
    await endToEnd(200, 100, 'W-', 0);
    const batched = await endToEnd(rowsBatched, 100, 'B-', 0);
    const unbatched = await endToEnd(rowsUnbatched, 1, 'U-', 0);
    // Thread start (each thread loads the signing code: ~1–3 s) is measured apart from the rate:
    // the pool is started once, warmed, and kept for the measured runs, as a long run or a job
    // queue's worker keeps it.
    let pool: SigningPool | undefined;
    const start = await timed(1, async () => {
      pool = createSigningPool(await bulkSignSetupOf(deps), { threads });
      await endToEnd(threads, 100, 'S-', pool);
    });
    let threaded: Timed;
    let threadedBig: Timed;
    try {
      await endToEnd(threads * 100, 100, 'TW-', pool!);
      threaded = await endToEnd(rowsThreaded, 100, 'T-', pool!);
      threadedBig = await endToEnd(rowsThreaded, 1000, 'TB-', pool!);
    } finally {
      await pool!.close();
    }
    // The same rows through the PostgreSQL queue and real lp issuer worker processes.
    const rowsQueued = opts.rowsQueued ?? 400;
    const queued = await benchBulkQueue((n, prefix) => checkedOf(resultsCsv(n, prefix)), { rows: rowsQueued });

    const profile = (await store.getProfile())!;
    const entry = catalogue.find((e) => e.code === 'BECE-MATH')!;
    const credential = buildAchievementCredential({
      id: 'urn:uuid:00000000-0000-4000-8000-000000000000', profile, entry, validFrom: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), baseUrl: deps.baseUrl,
      subject: { name: 'ليلى أحمد', nameLatin: 'Layla Ahmad', dateOfBirth: '2010-03-04', candidateNumber: 'K-1' }, result: { value: '452' }, session: '2026-06',
    });
    const signN = 100;
    const sign = await timed(signN, async () => {
      for (let i = 0; i < signN; i++) await signCredentialDi(credential, { keyPair: signer.keyPair, verificationMethod: signer.kid, created: now, documentLoader: deps.documentLoader });
    });

    // Certificates: learners with two results each, issued first, then the output folder written:
    // with the certificate threads (lp issuer bulk's default), and in the calling thread alone.
    const certRows = checkedOf(resultsCsv(learners, 'C-', 2));
    await issueBulk(deps, { session: '2026-06', rows: certRows, runId: 'bench-cert', threads: 0 });
    const writeCerts = (out: string, t: number) => async () => {
      const o = await writeBulkOutput(deps, { outDir: path.join(dir, out), session: '2026-06', rows: certRows, actor: 'bench', seals: true, certificates: true, threads: t });
      if (o.certificates !== learners) throw new Error(`wrote ${o.certificates} certificates of ${learners}`);
    };
    // Each certificate thread loads the PDF code and parses the fonts once: measured on two learners.
    const certStart = await timed(1, async () => {
      const o = await writeBulkOutput(deps, { outDir: path.join(dir, 'out-start'), session: '2026-06', rows: certRows.slice(0, 4), actor: 'bench', threads });
      if (o.certificates !== 2) throw new Error('certificate threads wrote nothing');
    });
    const certsOne = await timed(learners, writeCerts('out-one', 0));
    const certs = await timed(learners, writeCerts('out', threads));

    const f = (x: number) => (x >= 100 ? Math.round(x) : Math.round(x * 10) / 10);
    const split = (t: Timed) => (Number.isNaN(t.mainCpuMs) ? '' : `${t.mainCpuMs.toFixed(2)} / ${(t.cpuMs - t.mainCpuMs).toFixed(2)}`);
    const row = (name: string, t: Timed, note: string) => [name, f(t.perSec), t.ms.toFixed(2), t.cpuMs.toFixed(2), split(t), note];
    return {
      title: `Bulk issuance, SQLite WAL + synchronous=FULL (${rowsBatched} rows batched, ${rowsThreaded} with ${threads} signing threads, ${rowsUnbatched} unbatched; ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)})`,
      headers: ['operation', 'credentials/s', 'ms each', 'CPU ms each', 'CPU ms each: main thread / other threads', 'note'],
      rows: [
        row('bulk end to end, 100 rows per transaction', batched, 'CSV row → zod → DI record + QR seal signed → stored; signing in the main thread (--threads 0)'),
        row('bulk end to end, 1 row per transaction', unbatched, 'one fsync per credential; signing in the main thread'),
        row(`bulk end to end, workers (${threads} signing threads, 100 rows per transaction)`, threaded, `lp issuer bulk default; thread start ${(start.ms / 1000).toFixed(1)} s once per run, not included`),
        row(`bulk end to end, workers (${threads} signing threads, 1000 rows per transaction)`, threadedBig, 'lp issuer bulk --batch 1000: one fsync per 1,000 credentials'),
        ...queued.map((q) => row(`bulk end to end, PostgreSQL queue, ${q.workers} worker${q.workers > 1 ? 's' : ''}`, { perSec: q.perSec, ms: q.ms, cpuMs: q.cpuMs, mainCpuMs: NaN },
          `${rowsQueued} rows, 100 per batch; lp issuer worker × ${q.workers}, 1 signing thread each; CPU: enqueuer + workers + PostgreSQL server (the tests' embedded server, fsync off)`)),
        row('Data Integrity signing alone (same credential)', sign, 'signCredentialDi, eddsa-rdfc-2022, one thread: the reference'),
        row('certificates per learner (learners/s)', certs, `writeBulkOutput, ${learners} learners: A4 PDF with 2 QR seals + pick-up code and offer QR, record JSON, 2 seal PNGs; ${threads} certificate threads (lp issuer bulk default), thread start included`),
        row('certificates per learner, one thread (--threads 0)', certsOne, 'the same, drawn in the calling thread'),
        row('certificate threads start (2 learners)', certStart, `${threads} threads load the PDF code and parse the fonts; once per run`),
      ],
    };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t = await benchBulk();
  console.log(`${t.title}\n\n| ${t.headers.join(' | ')} |\n|${t.headers.map(() => '---').join('|')}|\n${t.rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`);
}

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
  addAchievements, buildAchievementCredential, checkRowsAgainstCatalogue, initIssuer, issueBulk, issuerDocumentLoader, openIssuerStore,
  parseCatalogueFile, readResultsCsv, unlockSigningKey, writeBulkOutput,
} from '@lp/issuer';
import type { CheckedRow, IssuerDeps } from '@lp/issuer';
import { defaultSigningThreads } from '../issuer/src/bulk/lib/create-signing-pool.ts';
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
}

async function timed(n: number, fn: () => Promise<void>): Promise<Timed> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { perSec: (n * 1000) / ms, ms: ms / n, cpuMs: (cpu.user + cpu.system) / 1000 / n };
}

export async function benchBulk(opts: { rows?: number; rowsThreaded?: number; rowsUnbatched?: number; learners?: number; rowsQueued?: number } = {}): Promise<{ title: string; headers: string[]; rows: (string | number)[][] }> {
  const rowsBatched = opts.rows ?? 300;
  const rowsThreaded = opts.rowsThreaded ?? 1000;
  const rowsUnbatched = opts.rowsUnbatched ?? 100;
  const learners = opts.learners ?? 60;
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

    const endToEnd = async (n: number, batchSize: number, prefix: string, t: number): Promise<Timed> => timed(n, async () => {
      const report = await issueBulk(deps, { session: '2026-06', rows: checkedOf(resultsCsv(n, prefix)), batchSize, runId: `bench-${prefix}`, threads: t });
      if (report.issued !== n) throw new Error(`issued ${report.issued} of ${n}`);
    });
    // Warm-up: jsonld context caches, prepared statements.
    await endToEnd(20, 20, 'W-', 0);
    const batched = await endToEnd(rowsBatched, 100, 'B-', 0);
    const unbatched = await endToEnd(rowsUnbatched, 1, 'U-', 0);
    // Thread start (each thread loads the signing code: ~1–3 s) is measured apart from the rate.
    const start = await timed(1, async () => {
      await issueBulk(deps, { session: '2026-06', rows: checkedOf(resultsCsv(threads, 'S-')), runId: 'bench-start', threads });
    });
    const threaded = await endToEnd(rowsThreaded, 100, 'T-', threads);
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

    // Certificates: learners with two results each, issued first, then the output folder written.
    const certRows = checkedOf(resultsCsv(learners, 'C-', 2));
    await issueBulk(deps, { session: '2026-06', rows: certRows, runId: 'bench-cert', threads: 0 });
    const outDir = path.join(dir, 'out');
    const certs = await timed(learners, async () => {
      const out = await writeBulkOutput(deps, { outDir, session: '2026-06', rows: certRows, actor: 'bench', seals: true, certificates: true });
      if (out.certificates !== learners) throw new Error(`wrote ${out.certificates} certificates of ${learners}`);
    });

    const f = (x: number) => (x >= 100 ? Math.round(x) : Math.round(x * 10) / 10);
    const row = (name: string, t: Timed, note: string) => [name, f(t.perSec), t.ms.toFixed(2), t.cpuMs.toFixed(2), note];
    return {
      title: `Bulk issuance, SQLite WAL + synchronous=FULL (${rowsBatched} rows batched, ${rowsThreaded} with ${threads} signing threads, ${rowsUnbatched} unbatched; ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)})`,
      headers: ['operation', 'credentials/s', 'ms each', 'CPU ms each', 'note'],
      rows: [
        row('bulk end to end, 100 rows per transaction', batched, 'CSV row → zod → DI record + QR seal signed → stored; signing in the main thread (--threads 0)'),
        row('bulk end to end, 1 row per transaction', unbatched, 'one fsync per credential; signing in the main thread'),
        row(`bulk end to end, workers (${threads} signing threads, 100 rows per transaction)`, threaded, `lp issuer bulk default; thread start ${(start.ms / 1000).toFixed(1)} s once per run, not included`),
        ...queued.map((q) => row(`bulk end to end, PostgreSQL queue, ${q.workers} worker${q.workers > 1 ? 's' : ''}`, { perSec: q.perSec, ms: q.ms, cpuMs: q.cpuMs },
          `${rowsQueued} rows, 100 per batch; lp issuer worker × ${q.workers}, 1 signing thread each; CPU: enqueuer + workers + PostgreSQL server (the tests' embedded server, fsync off)`)),
        row('Data Integrity signing alone (same credential)', sign, 'signCredentialDi, eddsa-rdfc-2022, one thread: the reference'),
        row('certificates per learner (learners/s)', certs, 'writeBulkOutput: A4 PDF with 2 QR seals + pick-up code, record JSON, 2 seal PNGs; one thread'),
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

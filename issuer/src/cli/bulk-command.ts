import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { CatalogueAchievementSchema } from '@lp/model';
import { formatBulkIssue } from '../bulk/bulk-issue.ts';
import type { BulkIssue } from '../bulk/bulk-issue.ts';
import { checkRowsAgainstCatalogue } from '../bulk/check-rows-against-catalogue.ts';
import { DEFAULT_BULK_BATCH, issueBulk } from '../bulk/issue-bulk.ts';
import type { BulkReport } from '../bulk/issue-bulk.ts';
import type { CheckedRow } from '../bulk/check-rows-against-catalogue.ts';
import { defaultSigningThreads } from '../bulk/lib/create-signing-pool.ts';
import { DEFAULT_BATCH_EXPIRY_SECONDS, DEFAULT_QUEUE_BATCH, bulkRunIdOf, openBulkQueue } from '../bulk/lib/bulk-queue.ts';
import { issueBulkThroughQueue } from '../bulk/issue-bulk-through-queue.ts';
import type { IssueBulkThroughQueueInput, QueuedBulkReport } from '../bulk/issue-bulk-through-queue.ts';
import type { IssuerStore } from '../store/index.ts';
import { scanResultsCsv } from '../bulk/scan-results-csv.ts';
import { checkResultsFileInThread } from '../bulk/check-results-file-in-thread.ts';
import { toCsv } from '../bulk/lib/to-csv.ts';
import { writeFileAtomic } from '../bulk/lib/write-file-atomic.ts';
import { writeBulkOutput } from '../bulk/write-bulk-output.ts';
import type { BulkOutputSummary } from '../bulk/write-bulk-output.ts';
import type { IssuerDeps } from '../domain/issuer-deps.ts';
import { issuerDocumentLoader, issuerStoreLocation, openIssuerStoreAt } from '../domain/open-issuer-store.ts';
import { resolvePublicUrl } from '../domain/resolve-public-url.ts';
import { unlockSigningKey } from '../domain/unlock-signing-key.ts';
import { IssuerError } from '../errors.ts';
import { ProgressBar } from './lib/progress-bar.ts';
import type { IssuerCliIo } from './run-issuer-command.ts';

export const BULK_HELP = `usage: lp issuer bulk RESULTS.csv --session NAME [options]

Issues one credential per row of a results CSV (README "Bulk issuance": columns candidate_number,
name, name_latin, date_of_birth, achievement_code, result [, learner_id]; UTF-8). Every row is
checked first; nothing is issued while any row is wrong. Idempotent and resumable: one credential
per candidate number + achievement + session, so after a crash or Ctrl-C run the same command
again and every row is issued exactly once.

  --session NAME     examination session or term (e.g. 2026-06), part of every credential
  --dry-run          check the file and report what would be issued; issue nothing
  --out DIR          write records/*.json, seals/*.png, certificates/*.pdf (A4, with a one-time
                     pick-up code that delivers all of the learner's credentials), manifest.csv
  --transcripts      with --out: also a CLR 2.0 transcript per learner (transcripts/)
  --no-certificates  with --out: records and seals only (no PDFs, no pick-up codes)
  --records-only     with --out: the JSON records only (no PNGs, no PDFs)
  --report FILE.csv  write the problems found (row, column, code, message) as CSV
  --batch N          rows per transaction (default ${DEFAULT_BULK_BATCH})
  --threads N        signing threads, and threads drawing certificates (default ${defaultSigningThreads()}, one per core; 0: the main thread)
  --queue            PostgreSQL store only: check every row here, then put batches (--batch, default
                     ${DEFAULT_QUEUE_BATCH} rows) in the queue for lp issuer worker processes on any machines; show
                     their progress and write --out when every batch is done. Run again to resume.
  --batch-expiry S   with --queue: seconds a batch may stay with one worker before another may
                     retry it (default ${DEFAULT_BATCH_EXPIRY_SECONDS}; a worker killed mid-batch delays it this long)
  --json             machine-readable summary on stdout

The file is read as a stream, twice (checked, then issued), so a national file of a million rows
needs little memory. A progress bar (rows, rate, time left) shows on a terminal, on stderr. Exit 0 when every row is
issued, 2 when the file has problems (nothing issued) or some rows failed.`;

const MAX_SHOWN = 50;

export async function runBulkCommand(args: string[], io: IssuerCliIo & { stderr: { isTTY?: boolean } }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: {
        session: { type: 'string' }, 'dry-run': { type: 'boolean' }, out: { type: 'string' }, transcripts: { type: 'boolean' },
        'no-certificates': { type: 'boolean' }, 'records-only': { type: 'boolean' }, report: { type: 'string' },
        batch: { type: 'string' }, threads: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
        queue: { type: 'boolean' }, 'batch-expiry': { type: 'string' },
      },
    });
  } catch (e) {
    throw usage((e as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    io.stdout.write(BULK_HELP + '\n');
    return 0;
  }
  if (positionals.length !== 1) throw usage('expected one RESULTS.csv (lp issuer bulk --help)');
  const session = v.session?.trim();
  if (!session) throw usage('--session NAME is required (e.g. --session 2026-06)');
  if (session.length > 80 || /[\p{Cc}]/u.test(session)) throw usage('--session is one printable line of at most 80 characters');
  const batch = v.batch === undefined ? (v.queue ? DEFAULT_QUEUE_BATCH : DEFAULT_BULK_BATCH) : Number(v.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw usage('--batch is a whole number 1..10000');
  const threads = v.threads === undefined ? undefined : Number(v.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 0 || threads > 64)) throw usage('--threads is a whole number 0..64');
  if ((v.transcripts || v['no-certificates'] || v['records-only']) && !v.out) throw usage('--transcripts, --no-certificates and --records-only go with --out DIR');
  if (v.queue && threads !== undefined) throw usage('with --queue the workers sign: give --threads to lp issuer worker');
  if (!v.queue && v['batch-expiry'] !== undefined) throw usage('--batch-expiry goes with --queue');
  const expiry = v['batch-expiry'] === undefined ? DEFAULT_BATCH_EXPIRY_SECONDS : Number(v['batch-expiry']);
  if (!Number.isInteger(expiry) || expiry < 5 || expiry > 86_399) throw usage('--batch-expiry is a whole number of seconds 5..86399');
  const where = issuerStoreLocation(io.env, io.cwd);
  if (v.queue && where.kind !== 'postgres') {
    throw new IssuerError('QUEUE_NEEDS_POSTGRES', '--queue shares the batches out through a queue in PostgreSQL: set LP_DATABASE_URL=postgres://… (with the SQLite store, lp issuer bulk without --queue issues in its own process)');
  }

  const csvPath = path.resolve(io.cwd, positionals[0]!);
  const shown = positionals[0]!;
  assertReadable(csvPath, shown);
  const store = await openIssuerStoreAt(where);
  try {
    const now = new Date();
    const catalogue = (await store.listAchievements()).map((r) => CatalogueAchievementSchema.parse(r.entry));
    // First pass: every row checked (on its own, against the others, against the catalogue)
    // before anything is issued, streamed, in a thread with a capped heap (its memory is given
    // back before issuing starts).
    const { read, catalogueIssues, valid, learners, grouped } = await checkResultsFileInThread(csvPath, { now, catalogue });
    const issues = [...read.issues, ...catalogueIssues].sort((a, b) => a.row - b.row);
    if (issues.length > 0) {
      if (v.report) writeReport(path.resolve(io.cwd, v.report), issues);
      if (v.json) io.stdout.write(JSON.stringify({ ok: false, dryRun: !!v['dry-run'], rows: read.total, issued: 0, issues }) + '\n');
      printIssues(io, issues, shown);
      io.stderr.write(`nothing issued: fix the ${issues.length === 1 ? 'problem' : `${issues.length} problems`} and run again\n`);
      return 2;
    }
    if (v['dry-run']) {
      let already = 0;
      // The file passed every check, across rows too: this pass keeps nothing per candidate.
      const again = scanResultsCsv(openCsv(csvPath, shown), { now, acrossRows: false });
      for await (const row of again.rows) {
        if (await store.getCredentialByBulkKey({ candidateNumber: row.data.candidateNumber, achievementCode: row.data.achievementCode, session })) already++;
      }
      if (v.report) writeReport(path.resolve(io.cwd, v.report), []);
      if (v.json) io.stdout.write(JSON.stringify({ ok: true, dryRun: true, rows: valid, learners, toIssue: valid - already, alreadyIssued: already, issues: [] }) + '\n');
      else io.stdout.write(`${shown}: ${valid} row(s), ${learners} learner(s), no problems; would issue ${valid - already}, already issued ${already} (dry run: nothing issued)\n`);
      return 0;
    }

    // Before the passphrase: a process whose LP_PUBLIC_URL disagrees with the issuer's stops here.
    const baseUrl = await resolvePublicUrl(store, { envUrl: io.env.LP_PUBLIC_URL, fallback: `http://localhost:${io.env.PORT || '8080'}`, now: new Date(), actor: 'cli' });
    // With --queue the workers sign: the key is needed here only for the output folder (pick-up codes, transcripts).
    const signer = v.queue && !v.out ? undefined : await unlockSigningKey(store, await passphrase(io));
    const deps: IssuerDeps | undefined = signer && {
      store, signer, clock: () => new Date(), random: (n) => new Uint8Array(randomBytes(n)), baseUrl,
      documentLoader: await issuerDocumentLoader(store),
    };
    // A queued run's id derives from the session and the file: the same command again resumes it.
    const runId = v.queue ? bulkRunIdOf(session, read.sha256, batch) : randomBytes(8).toString('hex');
    const bar = new ProgressBar(io.stderr, 'issuing');
    const t0 = performance.now();
    let lastWarned = 0;
    // Second pass: the same file, streamed again. With --out, a file grouped by candidate is read a
    // third time for the output folder; otherwise its rows are kept here to be grouped.
    const keep = !!v.out && !grouped;
    const kept: CheckedRow[] = [];
    async function* checkedRows(): AsyncGenerator<CheckedRow> {
      // The checks across rows passed in the first pass and the file's SHA-256 is compared below,
      // so this pass keeps nothing per candidate (a million rows' state would sit in this thread's
      // uncapped heap beside the issuing).
      const again = scanResultsCsv(openCsv(csvPath, shown), { now, acrossRows: false });
      for await (const row of again.rows) {
        const [checked] = checkRowsAgainstCatalogue([row], catalogue, columnsOf(again.header())).rows;
        if (!checked) continue;
        if (keep) kept.push(checked);
        yield checked;
      }
      if (again.summary().sha256 !== read.sha256) {
        throw new IssuerError('INPUT_INVALID', `${shown} changed while it was being issued; what was issued stays (run the command again)`);
      }
    }
    const report: Pick<BulkReport, 'done' | 'total' | 'issued' | 'existing' | 'failed'> & { failures: { row: number; issue: BulkIssue }[] } = v.queue
      ? await issueQueued(store, (where as { url: string }).url, {
        run: runId, session, rows: checkedRows(), total: valid, batchSize: batch, expireSeconds: expiry, clock: () => new Date(),
        onProgress: (p) => bar.update(p.done, p.total, p.issued + p.failed),
        onWarn: (m) => {
          const now = Date.now();
          if (now - lastWarned < 10_000) return;
          lastWarned = now;
          io.stderr.write(`warning: ${m}\n`);
        },
        onEnqueued: (e) => {
          if (!v.json) io.stderr.write(`run ${runId}: ${e.batches} batch(es) of up to ${batch} rows in the queue${e.retried ? ` (${e.retried} failed batch(es) retried)` : ''}; lp issuer worker processes issue them\n`);
        },
      })
      : await issueBulk(deps!, {
        session, rows: checkedRows(), total: valid, batchSize: batch, runId, keepOutcomes: false,
        ...(threads !== undefined ? { threads } : {}),
        onProgress: (p) => bar.update(p.done, p.total, p.issued + p.failed),
      });
    bar.update(report.done, report.total, report.issued + report.failed, true);
    bar.done();
    const seconds = (performance.now() - t0) / 1000;

    let output: BulkOutputSummary | undefined;
    if (v.out) {
      const outDir = path.resolve(io.cwd, v.out);
      const failedRows = new Set(report.failures.map((f) => f.row));
      async function* okRows(): AsyncGenerator<CheckedRow> {
        for await (const r of keep ? kept : checkedRows()) if (!failedRows.has(r.row)) yield r;
      }
      const obar = new ProgressBar(io.stderr, 'writing');
      output = await writeBulkOutput(deps!, {
        outDir, session, rows: okRows(), grouped, learners, actor: `bulk:${runId}`, transcripts: !!v.transcripts,
        seals: !v['records-only'], certificates: !v['records-only'] && !v['no-certificates'], ...(threads !== undefined ? { threads } : {}),
        onProgress: (d, t) => obar.update(d, t),
      });
      obar.done();
    }

    const failures: BulkIssue[] = [
      ...report.failures.map((o) => o.issue),
      ...(output?.issues ?? []),
    ];
    if (v.report) writeReport(path.resolve(io.cwd, v.report), failures);
    const rate = report.issued / Math.max(seconds, 0.001);
    if (v.json) {
      io.stdout.write(JSON.stringify({
        ok: failures.length === 0, dryRun: false, runId, session, rows: report.total, issued: report.issued, alreadyIssued: report.existing,
        failed: report.failed, seconds: Math.round(seconds * 100) / 100, credentialsPerSecond: Math.round(rate * 10) / 10,
        ...(output ? { output: { dir: path.resolve(io.cwd, v.out!), ...output } } : {}), issues: failures,
      }) + '\n');
    } else {
      io.stdout.write(`session ${session}: issued ${report.issued}, already issued ${report.existing}, failed ${report.failed} of ${report.total} row(s) in ${seconds.toFixed(1)} s (${rate.toFixed(1)} credentials/s)\n`);
      if (output) {
        io.stdout.write(`wrote ${v.out}: ${output.records} record(s), ${output.seals} seal(s), ${output.certificates} certificate(s)${output.certificatesKept ? ` (+${output.certificatesKept} kept from before)` : ''}${output.transcripts ? `, ${output.transcripts} transcript(s)` : ''}\n`);
        for (const w of output.warnings) io.stderr.write(`warning: ${w}\n`);
      }
      if (failures.length > 0) printIssues(io, failures, positionals[0]!);
    }
    return failures.length === 0 ? 0 : 2;
  } finally {
    await store.close();
  }
}

/** The queued path: the batches go to `lp issuer worker` processes through the queue in the same database. */
async function issueQueued(store: IssuerStore, url: string, input: IssueBulkThroughQueueInput): Promise<QueuedBulkReport & { failures: { row: number; issue: BulkIssue }[] }> {
  const queue = await openBulkQueue(url);
  try {
    const r = await issueBulkThroughQueue(store, queue, input);
    return { ...r, failures: r.failures.map((issue) => ({ row: issue.row, issue })) } as QueuedBulkReport & { failures: { row: number; issue: BulkIssue }[] };
  } finally {
    await queue.close();
  }
}

function usage(message: string): Error {
  // Same shape as cli UsageError: `lp` prints it and exits 2.
  return Object.assign(new Error(message), { code: 'USAGE' });
}

function assertReadable(file: string, shown: string): void {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    if (!fs.statSync(file).isFile()) throw new Error('not a file');
  } catch (e) {
    throw new IssuerError('INPUT_INVALID', `cannot read ${shown}: ${(e as Error).message}`);
  }
}

/** The file as a stream of chunks; a read error (the file removed mid-run) becomes INPUT_INVALID. */
async function* openCsv(file: string, shown: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) yield chunk as Buffer;
  } catch (e) {
    throw new IssuerError('INPUT_INVALID', `cannot read ${shown}: ${(e as Error).message}`);
  }
}

function columnsOf(header: Partial<Record<string, string>>): { achievement: string; result: string } {
  return { achievement: header.achievement_code ?? 'achievement_code', result: header.result ?? 'result' };
}

function printIssues(io: IssuerCliIo, issues: readonly BulkIssue[], file: string): void {
  for (const issue of issues.slice(0, MAX_SHOWN)) io.stderr.write(`${file}: ${formatBulkIssue(issue)}\n`);
  if (issues.length > MAX_SHOWN) io.stderr.write(`… and ${issues.length - MAX_SHOWN} more (--report FILE.csv lists them all)\n`);
}

function writeReport(file: string, issues: readonly BulkIssue[]): void {
  try {
    writeFileAtomic(file, toCsv([['row', 'column', 'code', 'message'], ...issues.map((i) => [String(i.row), i.column ?? '', i.code, i.message])]));
  } catch (e) {
    throw new IssuerError('INPUT_INVALID', `cannot write the report ${file}: ${(e as Error).message}`);
  }
}

async function passphrase(io: IssuerCliIo): Promise<string> {
  const fromEnv = io.env.LP_PASSPHRASE;
  if (fromEnv) return fromEnv;
  const { readPassphrase } = await import('@lp/cli-kit');
  return readPassphrase(io as never, 'Passphrase: ');
}


import { IssuerError } from '../errors.ts';
import { issueCredential } from '../domain/issue-credential.ts';
import type { IssueCredentialInput } from '../domain/issue-credential.ts';
import type { IssuerDeps } from '../domain/issuer-deps.ts';
import { didDocumentOf } from '../domain/did-document.ts';
import { isoSeconds } from '../domain/lib/time.ts';
import { StoreError } from '../store/index.ts';
import type { BulkKey, IssuerStoreOps, NewAuditEntry, NewCredential } from '../store/index.ts';
import type { BulkIssue } from './bulk-issue.ts';
import type { CheckedRow } from './check-rows-against-catalogue.ts';
import { createSigningPool } from './lib/create-signing-pool.ts';
import type { SigningPool } from './lib/create-signing-pool.ts';
import type { BulkSignItem, BulkSignResult, BulkSignSetup } from './lib/sign-bulk-items.ts';

export const DEFAULT_BULK_BATCH = 100;

export interface BulkProgress {
  /** Rows handled so far (issued, found already issued, or failed). */
  done: number;
  /** Rows to handle; 0 when the caller streams rows without saying how many. */
  total: number;
  issued: number;
  existing: number;
  failed: number;
}

export type BulkRowOutcome =
  | { row: number; key: BulkKey; status: 'issued' | 'existing'; credentialId: string }
  | { row: number; key: BulkKey; status: 'failed'; issue: BulkIssue };

export interface BulkReport extends BulkProgress {
  runId: string;
  session: string;
  /** Every row's outcome in row order; empty when `keepOutcomes` is false (see `failures`). */
  outcomes: BulkRowOutcome[];
  /** The failed rows' outcomes, always kept. */
  failures: Extract<BulkRowOutcome, { status: 'failed' }>[];
  startedAt: string;
  finishedAt: string;
}

export interface IssueBulkInput {
  session: string;
  /** Validated rows, as a list or streamed (a national file need not sit in memory). */
  rows: Iterable<CheckedRow> | AsyncIterable<CheckedRow>;
  /** How many rows `rows` holds, for progress (default: its length when it is a list). */
  total?: number;
  /** Rows per transaction (default 100). */
  batchSize?: number;
  runId: string;
  /**
   * Signing threads (default one per core); 0 signs in this thread. Each thread gets the
   * unlocked key in memory for the run (create-signing-pool.ts).
   */
  threads?: number;
  /**
   * Signing threads already started (createSigningPool with this issuer's setup), used instead of
   * `threads` and left open: a caller issuing several runs (a job queue's worker, a benchmark)
   * pays the threads' start (~1–3 s each) once.
   */
  pool?: SigningPool;
  /** Keep every row's outcome in the report (default true); false keeps only failures, for runs of a million rows. */
  keepOutcomes?: boolean;
  onProgress?: (p: BulkProgress) => void;
}

/** The idempotency key of a row: one credential per candidate, achievement and session. */
export function bulkKeyOf(row: CheckedRow, session: string): BulkKey {
  return { candidateNumber: row.data.candidateNumber, achievementCode: row.data.achievementCode, session };
}

/** Thrown inside a batch's transaction to roll it back when some rows cannot be issued. */
class RowsFailed extends Error {
  constructor(readonly failed: Extract<BulkSignResult, { ok: false }>[]) {
    super('rows failed');
  }
}

/**
 * Issues validated rows (check-rows-against-catalogue.ts), `batchSize` rows per store transaction,
 * the signing done by a pool of threads (create-signing-pool.ts) with the same preparation and
 * signing functions as `issueCredential`. In each batch's transaction this thread finds the rows
 * already issued, allocates the status indexes of the others (allocateStatuses), has the threads
 * build and sign them in parallel, and stores records, seals and audit entries (insertCredentials).
 *
 * Idempotent and resumable: each row carries its bulk key (candidate number + achievement +
 * session, UNIQUE in the store), so a row already stored is returned, not issued again; a batch is
 * durable when its transaction commits (WAL, synchronous=FULL), and a batch cut short by a crash or
 * SIGKILL rolls back whole and is re-done by the next run.
 *
 * When some rows of a batch cannot be issued (e.g. SEAL_TOO_LARGE for a very long name), the batch
 * rolls back, so that no status index stays allocated to a credential that does not exist, and is
 * re-done without them; they fail alone (ISSUE_FAILED). Store failures (STORE_BUSY, STORE_FULL,
 * STORE_IO) stop the run and are thrown: what was committed stays.
 *
 * @example
 * const report = await issueBulk(deps, { session: '2026-06', rows, runId: 'r1', onProgress: bar.update });
 */
export async function issueBulk(deps: IssuerDeps, input: IssueBulkInput): Promise<BulkReport> {
  const { session, runId } = input;
  const batchSize = Math.max(1, Math.floor(input.batchSize ?? DEFAULT_BULK_BATCH));
  const keepOutcomes = input.keepOutcomes ?? true;
  const actor = `bulk:${runId}`;
  const startedAt = isoSeconds(deps.clock());
  const total = input.total ?? (Array.isArray(input.rows) ? input.rows.length : 0);
  const profile = await deps.store.getProfile();
  if (!profile) throw new IssuerError('NO_ISSUER', 'no issuer here: run `lp issuer init` first');
  if (profile.id !== deps.signer.issuerId) throw new IssuerError('ISSUER_LOCKED', 'the unlocked key belongs to another issuer');
  await deps.store.startBulkRun({ id: runId, session, startedAt });

  const progress: BulkProgress = { done: 0, total, issued: 0, existing: 0, failed: 0 };
  const outcomes: BulkRowOutcome[] = [];
  const failures: BulkReport['failures'] = [];
  const record = (o: BulkRowOutcome): void => {
    if (keepOutcomes) outcomes.push(o);
    progress.done++;
    if (o.status === 'failed') {
      progress.failed++;
      failures.push(o);
    } else if (o.status === 'issued') progress.issued++;
    else progress.existing++;
  };

  const pool = input.pool ?? createSigningPool(await bulkSignSetupOf(deps), input.threads !== undefined ? { threads: input.threads } : {});
  try {
    const batches = batchesOf(input.rows, batchSize)[Symbol.asyncIterator]();
    let next = batches.next();
    for (;;) {
      const step = await next;
      if (step.done) break;
      // The next batch is read and checked while this one is signed and stored (the reading
      // runs on this thread between its waits for the signing threads).
      next = batches.next();
      // A failure of the read-ahead shows when its turn comes, not as an unhandled rejection now.
      next.catch(() => {});
      const done = await issueBatch(deps, pool, step.value, session, actor);
      done.sort((a, b) => a.row - b.row).forEach(record);
      input.onProgress?.({ ...progress });
    }
  } finally {
    if (!input.pool) await pool.close();
  }

  const finishedAt = isoSeconds(deps.clock());
  await deps.store.finishBulkRun(runId, finishedAt, { issued: progress.issued, skipped: progress.existing, failed: progress.failed });
  return { runId, session, ...progress, outcomes, failures, startedAt, finishedAt };
}

/**
 * What the signing threads of this issuer need for a run (BulkSignSetup): the unlocked key, the
 * profile and catalogue as stored now, the public base URL, and our did:web document.
 */
export async function bulkSignSetupOf(deps: IssuerDeps): Promise<BulkSignSetup> {
  const profile = await deps.store.getProfile();
  if (!profile) throw new IssuerError('NO_ISSUER', 'no issuer here: run `lp issuer init` first');
  return {
    issuerId: deps.signer.issuerId, kid: deps.signer.kid, publicKey: deps.signer.keyPair.publicKey, secretKey: deps.signer.keyPair.secretKey,
    profile, catalogue: (await deps.store.listAchievements()).map((r) => r.entry), baseUrl: deps.baseUrl,
    ...(profile.id.startsWith('did:web:') ? { didDocument: { id: profile.id, doc: didDocumentOf(profile, await deps.store.listKeys()) } } : {}),
  };
}

/** One batch in its own store transaction (exported for the queue workers' adapter, lib/issue-queued-batch.ts). */
export async function issueBatch(deps: IssuerDeps, pool: SigningPool, batch: CheckedRow[], session: string, actor: string): Promise<BulkRowOutcome[]> {
  const failed: BulkRowOutcome[] = [];
  let rows = batch;
  for (;;) {
    try {
      const done = await deps.store.transaction((tx) => issueInTransaction(deps, pool, tx, rows, session, actor));
      return [...done, ...failed];
    } catch (e) {
      if (e instanceof RowsFailed) {
        const bad = new Set(e.failed.map((f) => f.row));
        for (const f of e.failed) {
          const row = rows.find((r) => r.row === f.row)!;
          failed.push({ row: f.row, key: bulkKeyOf(row, session), status: 'failed', issue: { row: f.row, code: 'ISSUE_FAILED', message: `${f.code}: ${f.message}` } });
        }
        rows = rows.filter((r) => !bad.has(r.row));
        continue;
      }
      // A bulk key stored by a concurrent run between our check and our insert: one row per
      // transaction, where issueCredential finds it.
      if (e instanceof StoreError && e.code === 'STORE_CONFLICT') return [...await oneByOne(deps, rows, session, actor), ...failed];
      throw e;
    }
  }
}

async function issueInTransaction(
  deps: IssuerDeps, pool: SigningPool, tx: IssuerStoreOps, rows: readonly CheckedRow[], session: string, actor: string,
): Promise<BulkRowOutcome[]> {
  const out: BulkRowOutcome[] = [];
  const fresh: CheckedRow[] = [];
  for (const row of rows) {
    const key = bulkKeyOf(row, session);
    const found = await tx.getCredentialByBulkKey(key);
    if (found) out.push({ row: row.row, key, status: 'existing', credentialId: found.id });
    else fresh.push(row);
  }
  if (fresh.length === 0) return out;
  const now = deps.clock();
  const createdAt = isoSeconds(now);
  const revocation = await tx.allocateStatuses('revocation', fresh.length);
  const suspension = await tx.allocateStatuses('suspension', fresh.length);
  const items: BulkSignItem[] = fresh.map((row, i) => ({ ...itemOf(row), status: [revocation[i]!, suspension[i]!] }));
  // Several tasks per thread, so that a thread that finishes early takes the next one; each
  // task's credentials are stored, in row order, while the threads sign the tasks after it.
  const per = Math.max(1, Math.ceil(items.length / Math.max(1, pool.threads * 4)));
  const tasks: { from: number; signed: Promise<BulkSignResult[]> }[] = [];
  for (let i = 0; i < items.length; i += per) tasks.push({ from: i, signed: pool.sign({ now: now.toISOString(), session, items: items.slice(i, i + per) }) });
  // Every task is awaited before this returns or throws: none is left running into the next batch.
  const settled = Promise.allSettled(tasks.map((t) => t.signed));
  const bad: Extract<BulkSignResult, { ok: false }>[] = [];
  try {
    for (const task of tasks) {
      const results = await task.signed;
      for (const r of results) if (!r.ok) bad.push(r);
      // Once a row has failed the batch is rolled back and re-done: nothing more to store.
      if (bad.length > 0) continue;
      const credentials: NewCredential[] = [];
      const audit: NewAuditEntry[] = [];
      results.forEach((r, k) => {
        if (!r.ok) return;
        const i = task.from + k;
        const row = fresh[i]!;
        const key = bulkKeyOf(row, session);
        const status = items[i]!.status;
        // The same rows `issueCredential` writes for a catalogue issuance with a bulk key.
        credentials.push({
          id: r.id, kind: 'achievement', subject: { ...r.subject }, achievementCodes: r.codes, record: r.record, format: 'di', jwt: null, seal: r.seal,
          status, createdAt, bulkKey: key,
        });
        audit.push({
          at: createdAt, actor, action: 'credential.issue', target: r.id,
          details: { kind: 'achievement', achievements: r.codes, kid: deps.signer.kid, status, format: 'di', bulkKey: key, pickup: false },
        });
        out.push({ row: row.row, key, status: 'issued', credentialId: r.id });
      });
      await tx.insertCredentials(credentials, audit);
    }
  } finally {
    await settled;
  }
  if (bad.length > 0) throw new RowsFailed(bad);
  return out;
}

async function oneByOne(deps: IssuerDeps, rows: readonly CheckedRow[], session: string, actor: string): Promise<BulkRowOutcome[]> {
  const out: BulkRowOutcome[] = [];
  for (const row of rows) {
    const key = bulkKeyOf(row, session);
    try {
      const issued = await issueCredential(deps, inputOf(row, session, actor));
      out.push({ row: row.row, key, status: issued.existing ? 'existing' : 'issued', credentialId: issued.id });
    } catch (e) {
      if (!isRowError(e)) throw e;
      const err = e as IssuerError | StoreError;
      out.push({ row: row.row, key, status: 'failed', issue: { row: row.row, code: 'ISSUE_FAILED', message: `${err.code}: ${err.message}` } });
    }
  }
  return out;
}

async function* batchesOf(rows: Iterable<CheckedRow> | AsyncIterable<CheckedRow>, size: number): AsyncGenerator<CheckedRow[]> {
  let batch: CheckedRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function itemOf(row: CheckedRow): Omit<BulkSignItem, 'status'> {
  const d = row.data;
  return {
    row: row.row, achievement: d.achievementCode, result: row.result,
    subject: { name: d.name, nameLatin: d.nameLatin, dateOfBirth: d.dateOfBirth, candidateNumber: d.candidateNumber, ...(d.learnerId !== undefined ? { id: d.learnerId } : {}) },
    ...(d.awardedDate !== undefined ? { awardedDate: d.awardedDate } : {}),
  };
}

function inputOf(row: CheckedRow, session: string, actor: string): IssueCredentialInput {
  const { row: _row, achievement, awardedDate, ...rest } = itemOf(row);
  return { achievement, ...rest, session, ...(awardedDate !== undefined ? { awardedDate } : {}), bulkKey: bulkKeyOf(row, session), actor };
}

/** Errors that belong to one row's data, not to the store or the machine. */
function isRowError(e: unknown): boolean {
  if (e instanceof IssuerError) return e.code !== 'NO_ISSUER' && e.code !== 'ISSUER_LOCKED';
  return e instanceof StoreError && e.code === 'STORE_CONFLICT';
}

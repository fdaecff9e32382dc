import { IssuerError } from '../errors.ts';
import { issueCredential } from '../domain/issue-credential.ts';
import type { IssueCredentialInput } from '../domain/issue-credential.ts';
import type { IssuerDeps } from '../domain/issuer-deps.ts';
import { isoSeconds } from '../domain/lib/time.ts';
import { StoreError } from '../store/index.ts';
import type { BulkKey } from '../store/index.ts';
import type { BulkIssue } from './bulk-issue.ts';
import type { CheckedRow } from './check-rows-against-catalogue.ts';
import { storeInTransaction } from './lib/store-in-transaction.ts';

export const DEFAULT_BULK_BATCH = 100;

export interface BulkProgress {
  /** Rows handled so far (issued, found already issued, or failed). */
  done: number;
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
  outcomes: BulkRowOutcome[];
  startedAt: string;
  finishedAt: string;
}

export interface IssueBulkInput {
  session: string;
  rows: readonly CheckedRow[];
  /** Rows per transaction (default 100). */
  batchSize?: number;
  runId: string;
  onProgress?: (p: BulkProgress) => void;
}

/** The idempotency key of a row: one credential per candidate, achievement and session. */
export function bulkKeyOf(row: CheckedRow, session: string): BulkKey {
  return { candidateNumber: row.data.candidateNumber, achievementCode: row.data.achievementCode, session };
}

/**
 * Issues validated rows (check-rows-against-catalogue.ts) with `issueCredential`, `batchSize` rows
 * per store transaction. Idempotent and resumable: each row carries its bulk key (candidate number +
 * achievement + session, UNIQUE in the store), so a row already stored is returned, not issued
 * again; a batch is durable when its transaction commits (WAL, synchronous=FULL), and a batch cut
 * short by a crash or SIGKILL rolls back whole and is re-done by the next run.
 *
 * When a batch fails because of one row (e.g. SEAL_TOO_LARGE for a very long name), the batch is
 * re-run one row per transaction so that only that row fails; store failures (STORE_BUSY,
 * STORE_FULL, STORE_IO) stop the run and are thrown: what was committed stays.
 *
 * @example
 * const report = await issueBulk(deps, { session: '2026-06', rows, runId: 'r1', onProgress: bar.update });
 */
export async function issueBulk(deps: IssuerDeps, input: IssueBulkInput): Promise<BulkReport> {
  const { session, rows, runId } = input;
  const batchSize = Math.max(1, Math.floor(input.batchSize ?? DEFAULT_BULK_BATCH));
  const actor = `bulk:${runId}`;
  const startedAt = isoSeconds(deps.clock());
  await deps.store.startBulkRun({ id: runId, session, startedAt });
  const progress: BulkProgress = { done: 0, total: rows.length, issued: 0, existing: 0, failed: 0 };
  const outcomes: BulkRowOutcome[] = [];
  const record = (o: BulkRowOutcome): void => {
    outcomes.push(o);
    progress.done++;
    if (o.status === 'issued') progress.issued++;
    else if (o.status === 'existing') progress.existing++;
    else progress.failed++;
  };

  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    let done: BulkRowOutcome[] | undefined;
    try {
      done = await deps.store.transaction(async (tx) => {
        const txDeps: IssuerDeps = { ...deps, store: storeInTransaction(tx) };
        const out: BulkRowOutcome[] = [];
        for (const row of batch) {
          const issued = await issueCredential(txDeps, inputOf(row, session, actor));
          out.push({ row: row.row, key: bulkKeyOf(row, session), status: issued.existing ? 'existing' : 'issued', credentialId: issued.id });
        }
        return out;
      });
    } catch (e) {
      if (!isRowError(e)) throw e;
    }
    if (done) {
      done.forEach(record);
    } else {
      // One row spoiled the batch: find it, one transaction per row.
      for (const row of batch) {
        const key = bulkKeyOf(row, session);
        try {
          const issued = await issueCredential(deps, inputOf(row, session, actor));
          record({ row: row.row, key, status: issued.existing ? 'existing' : 'issued', credentialId: issued.id });
        } catch (e) {
          if (!isRowError(e)) throw e;
          const err = e as IssuerError | StoreError;
          record({ row: row.row, key, status: 'failed', issue: { row: row.row, code: 'ISSUE_FAILED', message: `${err.code}: ${err.message}` } });
        }
      }
    }
    input.onProgress?.({ ...progress });
  }

  const finishedAt = isoSeconds(deps.clock());
  await deps.store.finishBulkRun(runId, finishedAt, { issued: progress.issued, skipped: progress.existing, failed: progress.failed });
  return { runId, session, ...progress, outcomes, startedAt, finishedAt };
}

function inputOf(row: CheckedRow, session: string, actor: string): IssueCredentialInput {
  const d = row.data;
  return {
    achievement: d.achievementCode,
    subject: { name: d.name, nameLatin: d.nameLatin, dateOfBirth: d.dateOfBirth, candidateNumber: d.candidateNumber, ...(d.learnerId !== undefined ? { id: d.learnerId } : {}) },
    result: row.result,
    session,
    ...(d.awardedDate !== undefined ? { awardedDate: d.awardedDate } : {}),
    bulkKey: bulkKeyOf(row, session),
    actor,
  };
}

/** Errors that belong to one row's data, not to the store or the machine. */
function isRowError(e: unknown): boolean {
  if (e instanceof IssuerError) return e.code !== 'NO_ISSUER' && e.code !== 'ISSUER_LOCKED';
  // A bulk key stored by a concurrent run between our check and our insert: the retry finds it.
  return e instanceof StoreError && e.code === 'STORE_CONFLICT';
}

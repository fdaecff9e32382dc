import type { IssuerStore } from '../store/index.ts';
import type { BulkIssue } from './bulk-issue.ts';
import type { CheckedRow } from './check-rows-against-catalogue.ts';
import { enqueueBulkRun } from './enqueue-bulk-run.ts';
import type { BulkProgress } from './issue-bulk.ts';
import type { BulkQueue } from './lib/bulk-queue.ts';
import { readBulkRunFailures } from './read-bulk-run-failures.ts';
import { readBulkRunProgress } from './read-bulk-run-progress.ts';

export interface IssueBulkThroughQueueInput {
  run: string;
  session: string;
  rows: AsyncIterable<CheckedRow> | Iterable<CheckedRow>;
  /** Rows of the run (checked before), for progress. */
  total: number;
  batchSize: number;
  expireSeconds: number;
  clock: () => Date;
  /** Progress from the queue, about once a `pollMs`. */
  onProgress?: (p: BulkProgress) => void;
  /** Once the batches are in the queue. */
  onEnqueued?: (e: { batches: number; retried: number }) => void;
  pollMs?: number;
  /** While the database cannot be read (a restart): the run is waited for, not abandoned. */
  onWarn?: (message: string) => void;
  /** Give up (throw the last error) after the database has been unreadable this long (default 10 min). */
  maxOutageMs?: number;
}

export interface QueuedBulkReport extends BulkProgress {
  run: string;
  batches: number;
  /** Rows not issued, each with why (ISSUE_FAILED). */
  failures: BulkIssue[];
}

/**
 * `lp issuer bulk --queue` after the checking pass: records the run (bulk_runs, once), enqueues
 * its batches (enqueueBulkRun, idempotent), then waits for `lp issuer worker` processes to finish
 * every batch, reporting progress read from the queue, and records the run's counts. Interrupted
 * and started again with the same file and session, it finds the same run (its id derives from
 * them) and resumes: nothing is enqueued twice and completed batches are counted, not redone.
 */
export async function issueBulkThroughQueue(store: IssuerStore, queue: BulkQueue, input: IssueBulkThroughQueueInput): Promise<QueuedBulkReport> {
  const pollMs = input.pollMs ?? 1000;
  if (!(await store.getBulkRun(input.run))) {
    await store.startBulkRun({ id: input.run, session: input.session, startedAt: input.clock().toISOString().replace(/\.\d{3}Z$/, 'Z') });
  }
  const enq = await enqueueBulkRun(queue, { run: input.run, session: input.session, rows: input.rows, batchSize: input.batchSize, expireSeconds: input.expireSeconds });
  input.onEnqueued?.(enq);
  let outageSince: number | undefined;
  // The workers do the work; this process only watches, so losing the database for a while (a
  // restart, a failover) is waited out: the pools reconnect when it is back.
  const watch = async <T>(read: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        const r = await read();
        outageSince = undefined;
        return r;
      } catch (e) {
        outageSince ??= Date.now();
        if (Date.now() - outageSince > (input.maxOutageMs ?? 600_000)) throw e;
        input.onWarn?.(`cannot read the queue (${(e as Error).message}); waiting for the database`);
        await new Promise((r) => setTimeout(r, pollMs));
      }
    }
  };
  for (;;) {
    const p = await watch(() => readBulkRunProgress(queue, input.run));
    const done = p.issued + p.existing + p.failedRows;
    input.onProgress?.({ done, total: input.total, issued: p.issued, existing: p.existing, failed: p.failedRows });
    if (p.batches >= enq.batches && p.completed + p.failed >= p.batches) break;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  const p = await watch(() => readBulkRunProgress(queue, input.run));
  const failures = await watch(() => readBulkRunFailures(queue, input.run));
  const progress: BulkProgress = { done: input.total, total: input.total, issued: p.issued, existing: p.existing, failed: failures.length };
  await watch(() => store.finishBulkRun(input.run, input.clock().toISOString().replace(/\.\d{3}Z$/, 'Z'), { issued: p.issued, skipped: p.existing, failed: failures.length }));
  return { run: input.run, batches: enq.batches, ...progress, failures };
}

import { IssuerError } from '../errors.ts';
import { BULK_QUEUE, BulkJobSchema } from './lib/bulk-queue.ts';
import type { BulkQueue } from './lib/bulk-queue.ts';
import type { QueuedBatchIssuer } from './lib/issue-queued-batch.ts';

export interface RunBulkWorkerInput {
  queue: BulkQueue;
  issuer: QueuedBatchIssuer;
  /** Aborted on SIGTERM / SIGINT: the batch in hand is finished and completed, no new one is taken. */
  signal: AbortSignal;
  log: (line: string) => void;
  warn: (line: string) => void;
  /** How long an idle worker waits before asking the queue again (default 1000 ms). */
  pollMs?: number;
}

export interface BulkWorkerSummary {
  batches: number;
  issued: number;
  existing: number;
  failed: number;
}

/**
 * `lp issuer worker`'s loop: take one batch from the queue (pg-boss hands each job to one
 * fetcher, `FOR UPDATE SKIP LOCKED`), issue it in one store transaction, then complete the job.
 *
 * Exactly once under `kill -9` at any point: a credential exists only if its batch's transaction
 * committed, and each row's bulk key (candidate + achievement + session) is UNIQUE in the store.
 * - killed before COMMIT: PostgreSQL rolls the transaction back (credentials, status allocations,
 *   audit entries together); the job stays `active` until its expiry (DEFAULT_BATCH_EXPIRY_SECONDS,
 *   pg-boss maintenance every QUEUE_MAINTENANCE_SECONDS), then goes to `retry` and another
 *   worker issues the batch from the start.
 * - killed after COMMIT, before the job is completed: the retry finds every row by its bulk key
 *   (`existing`) and issues none again.
 * - a batch retried while its first worker is still alive (past expiry on a slow machine): both
 *   transactions try to insert the same bulk keys; the second waits on the first's unique index
 *   entries and, when it commits, gets STORE_CONFLICT, rolls back, and finds the rows issued
 *   (issueBatch). Never two credentials for one row; at worst signing done twice.
 * So the queue's at-least-once delivery plus the store's unique bulk key give exactly once; the
 * queue itself is not trusted for it.
 */
export async function runBulkWorker(input: RunBulkWorkerInput): Promise<BulkWorkerSummary> {
  const { boss } = input.queue;
  const pollMs = input.pollMs ?? 1000;
  const summary: BulkWorkerSummary = { batches: 0, issued: 0, existing: 0, failed: 0 };
  while (!input.signal.aborted) {
    const [job] = await boss.fetch<unknown>(BULK_QUEUE, { batchSize: 1, includeMetadata: true });
    if (!job) {
      await sleep(pollMs, input.signal);
      continue;
    }
    const parsed = BulkJobSchema.safeParse(job.data);
    if (!parsed.success) {
      input.warn(`job ${job.id}: not a bulk batch this version understands (${parsed.error.issues[0]?.message ?? 'invalid'}); failed`);
      await boss.fail(BULK_QUEUE, job.id, { code: 'QUEUE_JOB_INVALID', message: 'not a bulk batch this version understands' }).catch(() => undefined);
      continue;
    }
    const b = parsed.data;
    const t0 = performance.now();
    let out;
    try {
      out = await input.issuer.issue(b);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      const message = `${typeof code === 'string' ? `${code}: ` : ''}${(e as Error).message}`;
      input.warn(`run ${b.run} batch ${b.batch} (attempt ${job.retryCount + 1}): ${message}; the queue retries it`);
      // Nothing of the batch was committed (its transaction rolled back): hand it back for a
      // retry. While PostgreSQL restarts this is tried for ~30 s; past that the job's expiry
      // returns it to the queue instead.
      for (let attempt = 0; attempt < 6; attempt++) {
        try {
          await boss.fail(BULK_QUEUE, job.id, { code: typeof code === 'string' ? code : 'ERROR', message });
          break;
        } catch {
          await sleep(5000, input.signal);
        }
      }
      if (e instanceof IssuerError && (e.code === 'ISSUER_LOCKED' || e.code === 'NO_ISSUER')) throw e;
      continue;
    }
    try {
      await boss.complete(BULK_QUEUE, job.id, out);
    } catch (e) {
      // Committed but not marked done: the job expires and its retry finds every row issued.
      input.warn(`run ${b.run} batch ${b.batch}: issued, but the queue could not be told (${(e as Error).message}); its retry will find the rows issued`);
    }
    summary.batches++;
    summary.issued += out.issued;
    summary.existing += out.existing;
    summary.failed += out.failed;
    const secs = (performance.now() - t0) / 1000;
    input.log(`run ${b.run} batch ${b.batch}: issued ${out.issued}, already issued ${out.existing}, failed ${out.failed} of ${b.rows.length} row(s) in ${secs.toFixed(1)} s`);
  }
  return summary;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

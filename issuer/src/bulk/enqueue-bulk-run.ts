import type { CheckedRow } from './check-rows-against-catalogue.ts';
import { BULK_QUEUE, BULK_QUEUE_SCHEMA, BULK_RETRY_DELAY_SECONDS, BULK_RETRY_LIMIT, bulkJobIdOf } from './lib/bulk-queue.ts';
import type { BulkJob, BulkQueue, QueuedRow } from './lib/bulk-queue.ts';

export interface EnqueueBulkRunInput {
  run: string;
  session: string;
  /** Checked rows, streamed (a national file need not sit in memory). */
  rows: AsyncIterable<CheckedRow> | Iterable<CheckedRow>;
  batchSize: number;
  /** Seconds a batch may stay with one worker before the queue gives it to another. */
  expireSeconds: number;
}

/** Jobs inserted per statement: a few MB of JSON at 200 rows a batch. */
const JOBS_PER_INSERT = 25;

/**
 * Puts a run's batches in the queue, `batchSize` rows each, with ids derived from the run and the
 * batch number (bulkJobIdOf): enqueuing the same run again inserts nothing twice, so an
 * interrupted bulk command resumes by enqueuing again. Batches that ended `failed` (their retries
 * spent) are put back to be retried. Each job carries the rows themselves (CSV row number, cells,
 * checked result), not a path: workers may run on machines that do not see the file.
 * Returns the number of batches of the run.
 */
export async function enqueueBulkRun(queue: BulkQueue, input: EnqueueBulkRunInput): Promise<{ batches: number; retried: number }> {
  const { boss } = queue;
  let pending: Parameters<typeof boss.insert>[0] = [];
  let batch: QueuedRow[] = [];
  let n = 0;
  const flush = async (): Promise<void> => {
    if (pending.length > 0) await boss.insert(pending);
    pending = [];
  };
  const push = async (): Promise<void> => {
    const data: BulkJob = { v: 1, run: input.run, session: input.session, batch: n, rows: batch };
    pending.push({
      id: bulkJobIdOf(input.run, n), name: BULK_QUEUE, data, expireInSeconds: input.expireSeconds,
      retryLimit: BULK_RETRY_LIMIT, retryDelay: BULK_RETRY_DELAY_SECONDS,
    });
    n++;
    batch = [];
    if (pending.length >= JOBS_PER_INSERT) await flush();
  };
  for await (const r of input.rows) {
    batch.push({ row: r.row, data: r.data as unknown as QueuedRow['data'], result: r.result });
    if (batch.length >= input.batchSize) await push();
  }
  if (batch.length > 0) await push();
  await flush();
  const failed = await boss.getDb().executeSql(
    `SELECT id FROM ${BULK_QUEUE_SCHEMA}.job WHERE name = $1 AND data->>'run' = $2 AND state = 'failed'`, [BULK_QUEUE, input.run],
  );
  const ids = failed.rows.map((r: { id: string }) => r.id);
  if (ids.length > 0) await boss.retry(BULK_QUEUE, ids);
  return { batches: n, retried: ids.length };
}

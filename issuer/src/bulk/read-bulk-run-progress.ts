import { z } from 'zod';
import { BULK_QUEUE, RUN_JOBS } from './lib/bulk-queue.ts';
import type { BulkQueue } from './lib/bulk-queue.ts';

export interface BulkRunProgress {
  /** Batches of the run in the queue (any state). */
  batches: number;
  completed: number;
  /** Batches whose every retry failed (`lp issuer bulk --queue` again retries them). */
  failed: number;
  /** Rows in completed batches, by what happened to them. */
  issued: number;
  existing: number;
  failedRows: number;
}

const StateRow = z.object({
  state: z.string(), n: z.coerce.number(), issued: z.coerce.number(), existing: z.coerce.number(), failed_rows: z.coerce.number(),
});


/**
 * How far a queued bulk run is, read from the queue: batches by state, and the rows of completed
 * batches as their workers counted them (a job's output). One aggregate query: cheap enough to ask
 * every second while thousands of batches are queued.
 */
export async function readBulkRunProgress(queue: BulkQueue, run: string): Promise<BulkRunProgress> {
  const { rows } = await queue.boss.getDb().executeSql(`
    SELECT state, COUNT(*) AS n,
      COALESCE(SUM((output->>'issued')::int) FILTER (WHERE state = 'completed'), 0) AS issued,
      COALESCE(SUM((output->>'existing')::int) FILTER (WHERE state = 'completed'), 0) AS existing,
      COALESCE(SUM((output->>'failed')::int) FILTER (WHERE state = 'completed'), 0) AS failed_rows
    FROM (${RUN_JOBS}) j GROUP BY state`, [BULK_QUEUE, run]);
  const p: BulkRunProgress = { batches: 0, completed: 0, failed: 0, issued: 0, existing: 0, failedRows: 0 };
  for (const raw of rows) {
    const r = StateRow.parse(raw);
    p.batches += r.n;
    if (r.state === 'completed') {
      p.completed += r.n;
      p.issued += r.issued;
      p.existing += r.existing;
      p.failedRows += r.failed_rows;
    } else if (r.state === 'failed' || r.state === 'cancelled') p.failed += r.n;
  }
  return p;
}

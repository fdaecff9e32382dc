import { z } from 'zod';
import type { BulkIssue } from './bulk-issue.ts';
import { BULK_QUEUE, BulkJobOutputSchema, RUN_JOBS } from './lib/bulk-queue.ts';
import type { BulkQueue } from './lib/bulk-queue.ts';

/**
 * The rows of a finished run that were not issued: rows a worker could not issue (e.g.
 * SEAL_TOO_LARGE), and every row of a batch whose retries were spent (QUEUE_BATCH_FAILED, with
 * the last error).
 */
export async function readBulkRunFailures(queue: BulkQueue, run: string): Promise<BulkIssue[]> {
  const { rows } = await queue.boss.getDb().executeSql(`
    SELECT state, output, CASE WHEN state = 'completed' THEN NULL ELSE data END AS data FROM (${RUN_JOBS}) j
    WHERE (state = 'completed' AND (output->>'failed')::int > 0) OR state IN ('failed', 'cancelled')`, [BULK_QUEUE, run]);
  const issues: BulkIssue[] = [];
  for (const r of rows as { state: string; output: unknown; data: { rows?: { row: number }[] } | null }[]) {
    if (r.state === 'completed') {
      for (const f of BulkJobOutputSchema.parse(r.output).failures) issues.push({ row: f.row, code: 'ISSUE_FAILED', message: f.message });
      continue;
    }
    const why = z.object({ message: z.string() }).loose().safeParse(r.output);
    const message = `QUEUE_BATCH_FAILED: its batch failed after every retry (${why.success ? why.data.message : 'no message'}); run the command again to retry it`;
    for (const row of r.data?.rows ?? []) issues.push({ row: row.row, code: 'ISSUE_FAILED', message });
  }
  return issues.sort((a, b) => a.row - b.row);
}

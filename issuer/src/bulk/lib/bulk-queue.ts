import { createHash } from 'node:crypto';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import { ResultInputSchema } from '../../domain/build-achievement-credential.ts';
import { IssuerError } from '../../errors.ts';
import { postgresAddressOf } from '../../store/index.ts';

/**
 * The bulk queue: batches of checked rows in pg-boss, in its own schema of the issuer's
 * PostgreSQL database. `lp issuer bulk --queue` enqueues, `lp issuer worker` processes take.
 */
export const BULK_QUEUE = 'lp-bulk-batch';
export const BULK_QUEUE_SCHEMA = 'lp_bulk_queue';
/** Rows per job (`--batch` with `--queue`): ~60 KB of JSON, ~15 s of one signing thread under load. */
export const DEFAULT_QUEUE_BATCH = 200;
/**
 * Seconds a job may stay active before pg-boss's maintenance takes it back and another worker
 * may retry it (`--batch-expiry`). pg-boss 10 has no heartbeat: expiry is how a worker killed
 * mid-batch is noticed, so it bounds how late that batch is. 300 s is 20 times a batch at a
 * loaded machine's speed; a batch that outlives it is retried beside the slow one, which costs
 * signing but never a second credential (run-bulk-worker.ts).
 */
export const DEFAULT_BATCH_EXPIRY_SECONDS = 300;
/**
 * Attempts after the first. A crash or a database outage spends one attempt of each batch in
 * flight; ten outlive many of those, and a batch that fails ten times for one reason is a bug to
 * read about, not to retry forever (`lp issuer bulk --queue` again retries it).
 */
export const BULK_RETRY_LIMIT = 10;
export const BULK_RETRY_DELAY_SECONDS = 5;
/** How often some process (a worker or the bulk command) runs pg-boss's expiry; one at a time. */
export const QUEUE_MAINTENANCE_SECONDS = 10;

/** A row as a job carries it: what a worker on another machine needs, without the file. */
const QueuedRowSchema = z.object({
  row: z.number().int().positive(),
  data: z.object({
    candidateNumber: z.string().min(1), name: z.string().min(1), nameLatin: z.string().min(1), dateOfBirth: z.string().min(1),
    achievementCode: z.string().min(1), result: z.string(),
  }).loose(),
  result: ResultInputSchema,
});
export const BulkJobSchema = z.object({
  v: z.literal(1),
  run: z.string().regex(/^[0-9a-f]{16}$/),
  session: z.string().min(1).max(80),
  batch: z.number().int().nonnegative(),
  rows: z.array(QueuedRowSchema).min(1).max(10_000),
});
export type BulkJob = z.infer<typeof BulkJobSchema>;
export type QueuedRow = BulkJob['rows'][number];

/** What a worker stores as the job's output when it completes it. */
export const BulkJobOutputSchema = z.object({
  issued: z.number().int().nonnegative(),
  existing: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  failures: z.array(z.object({ row: z.number().int(), code: z.string(), message: z.string() })),
});
export type BulkJobOutput = z.infer<typeof BulkJobOutputSchema>;

/**
 * The job id of batch `n` of a run, derived from both: enqueuing a run again inserts the same ids,
 * which pg-boss skips (`ON CONFLICT DO NOTHING`), so a bulk command interrupted while enqueuing
 * and started again adds only the missing batches, never a second job for one batch.
 */
export function bulkJobIdOf(run: string, batch: number): string {
  const h = createHash('sha256').update(`lp-bulk-job\n${run}\n${batch}`).digest('hex');
  // Shaped as a UUID (pg-boss ids are uuid): version 5-like and RFC 4122 variant nibbles.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The run id of a file: the same session, file bytes and batch size resume the same run. */
export function bulkRunIdOf(session: string, fileSha256: string, batchSize: number): string {
  return createHash('sha256').update(`lp-bulk-run\n${session}\n${fileSha256}\n${batchSize}`).digest('hex').slice(0, 16);
}

/** The run's jobs wherever pg-boss keeps them: the job table, then its archive. */
export const RUN_JOBS = `
  SELECT state::text AS state, output, data FROM ${BULK_QUEUE_SCHEMA}.job WHERE name = $1 AND data->>'run' = $2
  UNION ALL
  SELECT state::text AS state, output, data FROM ${BULK_QUEUE_SCHEMA}.archive WHERE name = $1 AND data->>'run' = $2`;

/** Advisory lock key held while pg-boss's schema and the queue are set up (a constant of this app). */
const QUEUE_SETUP_LOCK = '7813466419373433957';

export interface BulkQueue {
  boss: PgBoss;
  /** Stops polling and maintenance and closes its connections. */
  close(): Promise<void>;
}

/**
 * Starts pg-boss on the issuer's database (creating or migrating its schema; several processes
 * may start at once, pg-boss serialises that with an advisory lock) and makes sure the queue
 * exists. Completed jobs stay in the job table for 7 days (not pg-boss's 12 hours), so progress
 * and a resumed run read them there. `onError` gets pg-boss's background errors (a lost
 * connection while the server restarts): pg-boss retries by itself; unhandled they would end the process.
 *
 * @throws IssuerError QUEUE_UNREACHABLE naming host and port.
 */
export async function openBulkQueue(url: string, opts: { onError?: (e: Error) => void; maintenance?: boolean } = {}): Promise<BulkQueue> {
  const boss = new PgBoss({
    connectionString: url, schema: BULK_QUEUE_SCHEMA, max: 3, application_name: 'learning-passport-bulk-queue',
    supervise: opts.maintenance ?? true, maintenanceIntervalSeconds: QUEUE_MAINTENANCE_SECONDS,
    archiveCompletedAfterSeconds: 7 * 24 * 3600, archiveFailedAfterSeconds: 7 * 24 * 3600,
    // Monitoring and cron scheduling are not used.
    schedule: false,
  });
  boss.on('error', (e) => opts.onError?.(e));
  // Workers started together on a new database would create pg-boss's schema and the queue's
  // partition at once, and PostgreSQL answers one of them "deadlock detected": one at a time.
  const lock = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  lock.on('error', () => undefined);
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [QUEUE_SETUP_LOCK]);
    await boss.start();
    if (!(await boss.getQueue(BULK_QUEUE))) {
      await boss.createQueue(BULK_QUEUE, {
        name: BULK_QUEUE, retryLimit: BULK_RETRY_LIMIT, retryDelay: BULK_RETRY_DELAY_SECONDS, expireInSeconds: DEFAULT_BATCH_EXPIRY_SECONDS,
      }).catch(async (e: unknown) => {
        // Two processes creating it at once: the second finds it made.
        if (!(await boss.getQueue(BULK_QUEUE))) throw e;
      });
    }
  } catch (e) {
    await boss.stop({ graceful: false, close: true }).catch(() => undefined);
    const code = (e as { code?: unknown }).code;
    throw new IssuerError('QUEUE_UNREACHABLE', `cannot open the bulk queue in PostgreSQL at ${postgresAddressOf(url)}: ${typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : (e as Error).message}`);
  } finally {
    // Ending the session releases the advisory lock.
    await lock.end().catch(() => undefined);
  }
  return { boss, close: () => boss.stop({ graceful: false, close: true, wait: true }) };
}

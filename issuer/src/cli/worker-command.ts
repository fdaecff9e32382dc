import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createQueuedBatchIssuer } from '../bulk/lib/issue-queued-batch.ts';
import { BULK_QUEUE, openBulkQueue } from '../bulk/lib/bulk-queue.ts';
import { defaultSigningThreads } from '../bulk/lib/create-signing-pool.ts';
import { runBulkWorker } from '../bulk/run-bulk-worker.ts';
import type { IssuerDeps } from '../domain/issuer-deps.ts';
import { issuerDocumentLoader, issuerStoreLocation, openIssuerStoreAt } from '../domain/open-issuer-store.ts';
import { resolvePublicUrl } from '../domain/resolve-public-url.ts';
import { unlockSigningKey } from '../domain/unlock-signing-key.ts';
import { IssuerError } from '../errors.ts';
import type { IssuerCliIo } from './run-issuer-command.ts';

export const WORKER_HELP = `usage: lp issuer worker [--threads N]

Takes batches of a bulk run (lp issuer bulk FILE --queue) from the queue in the issuer's
PostgreSQL database, signs them and stores them, until stopped. Same configuration as lp serve:
LP_DATABASE_URL (required: the SQLite store has no queue) and LP_PASSPHRASE (else asked). Run
any number, on any machines that reach the database; each batch is issued exactly once.

  --threads N   signing threads (default ${defaultSigningThreads()}, one per core; 0 signs in the main thread)

SIGTERM or Ctrl-C: the batch in hand is finished and stored, then the worker exits 0.`;

/** `lp issuer worker` */
export async function runWorkerCommand(args: string[], io: IssuerCliIo): Promise<number> {
  let values;
  try {
    values = parseArgs({ args, strict: true, allowPositionals: false, options: { threads: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (e) {
    throw Object.assign(new Error((e as Error).message), { code: 'USAGE' });
  }
  if (values.help) {
    io.stdout.write(WORKER_HELP + '\n');
    return 0;
  }
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 0 || threads > 64)) {
    throw Object.assign(new Error('--threads is a whole number 0..64'), { code: 'USAGE' });
  }
  const where = issuerStoreLocation(io.env, io.cwd);
  if (where.kind !== 'postgres') {
    throw new IssuerError('QUEUE_NEEDS_POSTGRES', 'lp issuer worker takes batches from the bulk queue in PostgreSQL: set LP_DATABASE_URL=postgres://… (with the SQLite store, lp issuer bulk issues in its own process)');
  }
  // Stops here with STORE_UNREACHABLE naming host:port when the database cannot be reached.
  const store = await openIssuerStoreAt(where);
  try {
    if (!(await store.getProfile())) throw new IssuerError('NO_ISSUER', `no issuer in ${where.label}: run lp issuer init --database URL first`);
    const baseUrl = await resolvePublicUrl(store, { envUrl: io.env.LP_PUBLIC_URL, fallback: `http://localhost:${io.env.PORT || '8080'}`, now: new Date(), actor: 'worker' });
    // A wrong passphrase refuses to start (the key file's error code): no batch is taken.
    const signer = await unlockSigningKey(store, await passphrase(io));
    const deps: IssuerDeps = {
      store, signer, clock: () => new Date(), random: (n) => new Uint8Array(randomBytes(n)), baseUrl,
      documentLoader: await issuerDocumentLoader(store),
    };
    let lastWarned = 0;
    const queue = await openBulkQueue(where.url, {
      onError: (e) => {
        // pg-boss retries by itself (e.g. while PostgreSQL restarts): say so once in a while, not per poll.
        if (Date.now() - lastWarned < 10_000) return;
        lastWarned = Date.now();
        io.stderr.write(`worker: queue: ${e.message} (retrying)\n`);
      },
    });
    const issuer = createQueuedBatchIssuer(deps, threads !== undefined ? { threads } : {});
    const stop = new AbortController();
    const onSignal = (): void => {
      if (!stop.signal.aborted) io.stderr.write('worker: stopping after the batch in hand\n');
      stop.abort();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    try {
      io.stdout.write(`worker ready: queue ${BULK_QUEUE} in ${where.label}, ${threads ?? defaultSigningThreads()} signing thread(s)\n`);
      const s = await runBulkWorker({
        queue, issuer, signal: stop.signal,
        log: (line) => io.stdout.write(line + '\n'),
        warn: (line) => io.stderr.write(`worker: ${line}\n`),
      });
      io.stdout.write(`worker stopped: ${s.batches} batch(es), issued ${s.issued}, already issued ${s.existing}, failed ${s.failed}\n`);
      return 0;
    } finally {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      await issuer.close();
      await queue.close();
    }
  } finally {
    await store.close();
  }
}

async function passphrase(io: IssuerCliIo): Promise<string> {
  const fromEnv = io.env.LP_PASSPHRASE;
  if (fromEnv) return fromEnv;
  const { readPassphrase } = await import('@lp/cli-kit');
  return readPassphrase(io as never, 'Passphrase: ');
}

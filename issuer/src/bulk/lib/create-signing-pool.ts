import { availableParallelism } from 'node:os';
import { createBulkSigner, signBulkItems } from './sign-bulk-items.ts';
import type { BulkSignResult, BulkSignSetup, BulkSignTask } from './sign-bulk-items.ts';
import { startThreadPool } from './start-thread-pool.ts';

export interface SigningPool {
  /** Threads signing at once; 0 when signing runs in the calling thread. */
  readonly threads: number;
  sign(task: BulkSignTask): Promise<BulkSignResult[]>;
  close(): Promise<void>;
}

/** Old-generation heap of one signing thread (MB): ~10× what signing a batch needs. */
export const SIGNING_THREAD_HEAP_MB = 192;

const WORKER_ENTRY = new URL('../sign-worker.mjs', import.meta.url).href;

/** One signing thread per core: on a 2-core machine, 2 threads (the main thread mostly waits on them). */
export function defaultSigningThreads(): number {
  return Math.max(1, Math.min(16, availableParallelism()));
}

/**
 * Signing threads for one bulk run (piscina). Each thread receives the setup once, through
 * `workerData`, which is copied between threads in memory: the unlocked key never reaches a file,
 * and it lives only as long as the pool. `threads: 0` signs in the calling thread with the same
 * function (a machine with one core, or a caller that wants no threads).
 */
export function createSigningPool(setup: BulkSignSetup, opts: { threads?: number } = {}): SigningPool {
  const threads = Math.max(0, Math.floor(opts.threads ?? defaultSigningThreads()));
  if (threads === 0) {
    const signer = createBulkSigner(setup);
    return { threads, sign: (task) => signBulkItems(signer, task), close: () => Promise.resolve() };
  }
  // Signing keeps little alive between tasks; the heap cap bounds what V8 lets grow between collections.
  const pool = startThreadPool<BulkSignTask, BulkSignResult[]>({ filename: WORKER_ENTRY, threads, heapMb: SIGNING_THREAD_HEAP_MB, workerData: setup });
  return { threads, sign: (task) => pool.run(task), close: () => pool.close() };
}

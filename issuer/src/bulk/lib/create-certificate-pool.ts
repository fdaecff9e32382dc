import { renderLearnerFiles } from './render-learner-files.ts';
import type { LearnerFilesResult, LearnerFilesTask } from './render-learner-files.ts';
import { startThreadPool } from './start-thread-pool.ts';

export interface CertificatePool {
  /** Threads rendering at once; 0 when rendering runs in the calling thread. */
  readonly threads: number;
  render(task: LearnerFilesTask): Promise<LearnerFilesResult>;
  close(): Promise<void>;
}

/**
 * Old-generation heap of one certificate thread (MB). A thread keeps the four parsed fonts
 * (~10 MB) and a bounded cache of shaped text; each PDF is a few hundred KB while it is built.
 */
export const CERTIFICATE_THREAD_HEAP_MB = 256;

const WORKER_ENTRY = new URL('../certificate-worker.mjs', import.meta.url).href;

/**
 * Threads that draw seal PNGs and certificate PDFs for writeBulkOutput (piscina). Each thread
 * parses the fonts once and keeps them for the run; the calling thread keeps the store, the
 * pick-up codes and the files. `threads: 0` renders in the calling thread with the same function.
 */
export function createCertificatePool(opts: { threads: number }): CertificatePool {
  const threads = Math.max(0, Math.floor(opts.threads));
  if (threads === 0) return { threads, render: renderLearnerFiles, close: () => Promise.resolve() };
  const pool = startThreadPool<LearnerFilesTask, LearnerFilesResult>({ filename: WORKER_ENTRY, threads, heapMb: CERTIFICATE_THREAD_HEAP_MB });
  return { threads, render: (task) => pool.run(task), close: () => pool.close() };
}

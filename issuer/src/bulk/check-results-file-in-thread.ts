import { Worker } from 'node:worker_threads';
import type { CatalogueAchievement } from '@lp/model';
import { IssuerError } from '../errors.ts';
import type { ResultsFileCheck } from './lib/check-results-file.ts';

/** Old-generation heap of the checking thread (MB): a million rows need ~210 MB live. */
export const CHECK_THREAD_HEAP_MB = 320;

const WORKER_ENTRY = new URL('./check-worker.mjs', import.meta.url);

/**
 * Runs the first pass over a results file (lib/check-results-file.ts) in a thread of its own with
 * a capped heap. V8 grows a heap far past its live data before collecting when the machine has
 * much memory (a million rows: ~210 MB live, over 600 MB resident uncapped); a thread with
 * `resourceLimits` collects in time, and its memory is returned when it ends, before issuing
 * starts. Throws IssuerError INPUT_INVALID when the file cannot be read or checked.
 */
export function checkResultsFileInThread(file: string, opts: { now: Date; catalogue: readonly CatalogueAchievement[] }): Promise<ResultsFileCheck> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_ENTRY, {
      workerData: { file, now: opts.now.toISOString(), catalogue: opts.catalogue },
      resourceLimits: { maxOldGenerationSizeMb: CHECK_THREAD_HEAP_MB },
    });
    let settled = false;
    worker.once('message', (m: { ok: true; result: ResultsFileCheck } | { ok: false; message: string }) => {
      settled = true;
      // Answer once the thread is gone: its heap (up to the cap) is freed only then, and the
      // caller's next pass over the file must not stack its own memory on top of it.
      const answer = () => {
        if (m.ok) resolve(m.result);
        else reject(new IssuerError('INPUT_INVALID', `cannot check the results file: ${m.message}`));
      };
      worker.terminate().then(answer, answer);
    });
    worker.once('error', (e) => {
      if (settled) return;
      settled = true;
      reject(new IssuerError('INPUT_INVALID', `cannot check the results file: ${e.message}`));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new IssuerError('INPUT_INVALID', `the checking thread ended (exit ${code}) before it answered`));
    });
  });
}

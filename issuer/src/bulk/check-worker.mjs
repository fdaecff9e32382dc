// Entry of the thread that runs the first pass of `lp issuer bulk` (check-results-file-in-thread.ts).
// It registers tsx itself (a worker thread starts without the main process's loader). Plain .mjs
// because this file is the one thing Node must read before TypeScript works.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { checkResultsFile } = await import('./lib/check-results-file.ts');
const { CatalogueAchievementSchema } = await import('@lp/model');
try {
  const catalogue = workerData.catalogue.map((e) => CatalogueAchievementSchema.parse(e));
  parentPort.postMessage({ ok: true, result: await checkResultsFile(workerData.file, { now: new Date(workerData.now), catalogue }) });
} catch (e) {
  parentPort.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
}

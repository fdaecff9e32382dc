// Entry of the bulk signing threads (create-signing-pool.ts). A worker thread starts as plain
// Node without the main process's tsx loader, so it registers tsx itself before loading the
// TypeScript task. Plain .mjs because this file is the one thing Node must read before TypeScript works.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { createBulkSigner, signBulkItems } = await import('./lib/sign-bulk-items.ts');
// Built once per thread: the key, catalogue and loader serve every task of the run.
const signer = createBulkSigner(workerData);

/** piscina calls the default export with each task's argument. */
export default function sign(task) {
  return signBulkItems(signer, task);
}

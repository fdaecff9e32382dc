// Entry of the certificate threads (create-certificate-pool.ts). A worker thread starts as plain
// Node without the main process's tsx loader, so it registers tsx itself before loading the
// TypeScript task (as sign-worker.mjs does).
import { register } from 'tsx/esm/api';

register();
const { renderLearnerFiles } = await import('./lib/render-learner-files.ts');

/** piscina calls the default export with each task's argument. */
export default function render(task) {
  return renderLearnerFiles(task);
}

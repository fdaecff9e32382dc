// Entry of the image pool's worker threads. A worker thread starts as plain Node, without the
// tsx loader of the main process (a loader registered with module.register() does not reach
// workers), so it registers tsx itself before loading the TypeScript task. Plain .mjs because
// this file is the one thing Node must read before TypeScript works.
import { register } from 'tsx/esm/api';

register();
const { decodeSealImage } = await import('./decode-seal-image.ts');

/** piscina calls the default export with each task's argument. */
export default function decode(bytes) {
  return decodeSealImage(bytes);
}

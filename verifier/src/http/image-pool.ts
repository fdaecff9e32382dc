import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { DecodedImage } from './decode-seal-image.ts';

export interface ImagePoolOptions {
  /** Worker threads decoding at once; default one less than the cores (at least 1), at most 4. */
  threads?: number;
  /** Images waiting for a thread beyond those being decoded; past it the pool answers BUSY. */
  queue?: number;
  /** How long an idle thread is kept (ms) before it exits; the next image starts one again. */
  idleMs?: number;
}

export interface ImagePool {
  readonly threads: number;
  readonly queue: number;
  /** Decodes in a worker thread, or 'BUSY' at once when threads and queue are all taken. */
  decode(bytes: Uint8Array): Promise<DecodedImage | 'BUSY'>;
  /** True when one more image would be refused: lets a route refuse before reading a 10 MB body. */
  isFull(): boolean;
  /** Images being decoded or waiting for a thread. */
  inFlight(): number;
  close(): Promise<void>;
}

const WORKER_ENTRY = new URL('./decode-image-worker.mjs', import.meta.url).href;

/**
 * A bounded pool of worker threads for decoding seal photos, so that pixel work (seconds for a
 * large noisy image) never holds the event loop that answers /health, issuance and pick-up.
 * Threads start with the first image, not with the server, since most servers never get one.
 */
export function createImagePool(opts: ImagePoolOptions = {}): ImagePool {
  const threads = Math.max(1, Math.floor(opts.threads ?? Math.min(4, availableParallelism() - 1)));
  const queue = Math.max(0, Math.floor(opts.queue ?? 4 * threads));
  const piscina = new Piscina<Uint8Array, DecodedImage>({
    filename: WORKER_ENTRY,
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: opts.idleMs ?? 30_000,
  });
  let inFlight = 0;
  return {
    threads,
    queue,
    isFull: () => inFlight >= threads + queue,
    inFlight: () => inFlight,
    async decode(bytes) {
      if (inFlight >= threads + queue) return 'BUSY';
      inFlight++;
      try {
        return await piscina.run(bytes);
      } finally {
        inFlight--;
      }
    },
    close: () => piscina.destroy(),
  };
}

/** LP_IMAGE_THREADS and LP_IMAGE_QUEUE (whole numbers) as pool options; anything else is ignored. */
export function imagePoolOptionsFrom(env: NodeJS.ProcessEnv): ImagePoolOptions {
  const whole = (text: string | undefined, min: number) => (text !== undefined && /^\d+$/.test(text) && Number(text) >= min ? Number(text) : undefined);
  const threads = whole(env.LP_IMAGE_THREADS, 1);
  const queue = whole(env.LP_IMAGE_QUEUE, 0);
  return { ...(threads !== undefined ? { threads } : {}), ...(queue !== undefined ? { queue } : {}) };
}

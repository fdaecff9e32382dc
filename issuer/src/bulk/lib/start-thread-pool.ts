import { Piscina } from 'piscina';

export interface ThreadPool<T, R> {
  run(task: T): Promise<R>;
  close(): Promise<void>;
}

/**
 * A fixed number of piscina threads running one worker file, each with a capped old-generation
 * heap (on a machine with much memory V8 lets a thread's heap grow far before collecting; a cap
 * keeps a national run's memory bounded). A thread that cannot start is reported on the pool,
 * not on a task: it is kept and given to the next caller instead of letting the 'error' event end
 * the process.
 */
export function startThreadPool<T, R>(opts: { filename: string; threads: number; heapMb: number; workerData?: unknown }): ThreadPool<T, R> {
  const piscina = new Piscina<T, R>({
    filename: opts.filename,
    ...(opts.workerData !== undefined ? { workerData: opts.workerData } : {}),
    minThreads: opts.threads,
    maxThreads: opts.threads,
    resourceLimits: { maxOldGenerationSizeMb: opts.heapMb },
  });
  let failure: Error | undefined;
  piscina.on('error', (e: Error) => (failure ??= e));
  return {
    run: async (task) => {
      if (failure) throw failure;
      try {
        return await piscina.run(task);
      } catch (e) {
        throw failure ?? e;
      }
    },
    close: () => piscina.destroy(),
  };
}

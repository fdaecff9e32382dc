/**
 * CPU time per operation of `subject` and `reference`, measured alternately in rounds (A B A B …)
 * and reported as the median ratio of rates. The machines are shared: wall-clock rates move with
 * the load of other processes, while CPU time per operation and a ratio of two operations
 * measured side by side in the same process move much less. CPU time is the process's
 * (process.cpuUsage), so work that WebCrypto sends to the libuv thread pool is counted too.
 */
export interface CpuRatio {
  subjectCpuMs: number;
  referenceCpuMs: number;
  /** reference CPU time / subject CPU time: subject's rate as a share of the reference's. */
  ratio: number;
  rounds: number;
}

async function cpuMsPerOp(fn: () => unknown, n: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / n;
}

/** How many calls take about `targetCpuMs` of CPU. */
async function calibrate(fn: () => unknown, targetCpuMs: number): Promise<number> {
  let n = 16;
  for (;;) {
    const ms = (await cpuMsPerOp(fn, n)) * n;
    if (ms >= targetCpuMs / 4 || n >= 1 << 20) return Math.max(1, Math.ceil((n * targetCpuMs) / Math.max(ms, 0.001)));
    n *= 4;
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Runs `fn` until it has used `cpuMs` of CPU: V8 needs a few thousand calls of a pipeline this
 * size before it runs at its steady speed (measured: a seal verification took 0.7 ms of CPU in its
 * first 500 calls and 0.21 ms after 2,000), and a verifier serving a queue runs at that speed. */
async function warmUp(fn: () => unknown, cpuMs: number): Promise<void> {
  const start = process.cpuUsage();
  for (;;) {
    for (let i = 0; i < 50; i++) await fn();
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= cpuMs) return;
  }
}

/**
 * `settle`, when given, runs before each measured round, outside the measurement (e.g. a full
 * garbage collection, so that one side's garbage is not collected in the other side's round).
 */
export async function measureCpuRatio(subject: () => unknown, reference: () => unknown, opts: { rounds?: number; roundCpuMs?: number; warmUpCpuMs?: number; settle?: () => void } = {}): Promise<CpuRatio> {
  const rounds = opts.rounds ?? 7;
  const roundCpuMs = opts.roundCpuMs ?? 150;
  await warmUp(subject, opts.warmUpCpuMs ?? 800);
  await warmUp(reference, opts.warmUpCpuMs ?? 800);
  const nSubject = await calibrate(subject, roundCpuMs);
  const nReference = await calibrate(reference, roundCpuMs);
  const s: number[] = [];
  const r: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    opts.settle?.();
    const a = await cpuMsPerOp(subject, nSubject);
    opts.settle?.();
    const b = await cpuMsPerOp(reference, nReference);
    s.push(a);
    r.push(b);
    ratios.push(b / a);
  }
  return { subjectCpuMs: median(s), referenceCpuMs: median(r), ratio: median(ratios), rounds };
}

/**
 * Runs `fn` repeatedly for `budgetMs` after a warm-up of `warmupMs` (by time, not count: the first
 * Data Integrity operations also fill jsonld's context caches) and returns the rate over the
 * measured window. One timing loop for every bench section.
 */
export async function measureRate(
  fn: () => unknown,
  opts: { budgetMs?: number; warmupMs?: number; warmupCpuMs?: number } = {},
): Promise<{ opsPerSec: number; msPerOp: number }> {
  const budgetMs = opts.budgetMs ?? 1500;
  const warmEnd = performance.now() + (opts.warmupMs ?? Math.min(400, budgetMs / 3));
  do await fn();
  while (performance.now() < warmEnd);
  // Optionally also by CPU time: on a busy shared machine a wall-clock warm-up may give a fast
  // path only a few hundred calls, far from the speed V8 reaches after a few thousand.
  if (opts.warmupCpuMs) {
    const start = process.cpuUsage();
    const cpuMs = () => {
      const u = process.cpuUsage(start);
      return (u.user + u.system) / 1000;
    };
    do await fn();
    while (cpuMs() < opts.warmupCpuMs);
  }
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    await fn();
    n++;
    elapsed = performance.now() - start;
  } while (elapsed < budgetMs);
  return { opsPerSec: (n * 1000) / elapsed, msPerOp: elapsed / n };
}

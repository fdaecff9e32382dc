/**
 * A one-line progress bar on a terminal (DESIGN.md: long work shows a progress bar on a TTY and
 * stays quiet otherwise): rows done, rate and time left, redrawn at most 10 times a second on
 * stderr so that stdout stays clean for `--json`.
 */
export class ProgressBar {
  private readonly started: number;
  private last = 0;
  private drawn = false;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
    private readonly label: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.started = clock();
  }

  get enabled(): boolean {
    return this.out.isTTY === true;
  }

  /** `fresh` = units of real work among `done` (rows found already issued cost nothing: not in the rate). */
  update(done: number, total: number, fresh = done, force = false): void {
    if (!this.enabled) return;
    const now = this.clock();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const secs = Math.max(0.001, (now - this.started) / 1000);
    const rate = fresh / secs;
    const left = rate > 0 ? (total - done) / rate : Number.NaN;
    const width = 24;
    const filled = total > 0 ? Math.round((done / total) * width) : width;
    const text = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${fmt(done)}/${fmt(total)}  ${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s  ${Number.isFinite(left) ? duration(left) : '--'} left`;
    this.out.write(`\r${text.slice(0, (this.out.columns ?? 100) - 1)}\x1b[K`);
    this.drawn = true;
  }

  /** Ends the line so that what follows starts on its own. */
  done(): void {
    if (this.drawn) this.out.write('\n');
    this.drawn = false;
  }
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function duration(s: number): string {
  const t = Math.round(s);
  if (t < 60) return `${t}s`;
  if (t < 3600) return `${Math.floor(t / 60)}m${String(t % 60).padStart(2, '0')}s`;
  return `${Math.floor(t / 3600)}h${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}m`;
}

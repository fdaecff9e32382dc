/**
 * A fixed-window counter per key (an API key id, a client address): `limit` requests per `windowMs`. Returns the
 * seconds to wait when over the limit (the Retry-After value, RFC 9110 §10.2.3), else 0.
 * Memory is bounded: windows that have ended are dropped as new ones start.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  take(key: string, nowMs: number): number {
    let w = this.windows.get(key);
    if (!w || nowMs - w.start >= this.windowMs) {
      if (!w && this.windows.size > 10_000) {
        for (const [k, v] of this.windows) if (nowMs - v.start >= this.windowMs) this.windows.delete(k);
      }
      w = { start: nowMs, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count >= this.limit) return Math.max(1, Math.ceil((w.start + this.windowMs - nowMs) / 1000));
    w.count++;
    return 0;
  }
}

/** `600/min`, `10/s`, `1000/h` → limit and window; undefined for anything else. */
export function parseRateLimit(text: string): { limit: number; windowMs: number } | undefined {
  const m = /^(\d+)\s*\/\s*(s|sec|second|m|min|minute|h|hour)$/.exec(text.trim());
  if (!m || Number(m[1]) < 1) return undefined;
  const unit = m[2]!.startsWith('s') ? 1000 : m[2]!.startsWith('h') ? 3_600_000 : 60_000;
  return { limit: Number(m[1]), windowMs: unit };
}

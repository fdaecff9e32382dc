import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTrust, type LoadedTrust } from './load-trust.ts';
import { readCapped } from '../lib/read-capped.ts';

export interface TrustSourceOptions {
  /** LP_TRUST_BUNDLE: re-read whenever the file changes (size, time or inode). */
  bundlePath?: string;
  /** LP_TRUST_BUNDLE_URL: fetched every `intervalMs`; any failure keeps the held bundle. */
  bundleUrl?: string;
  anchors: readonly string[];
  cwd: string;
  cachePath?: string;
  now: () => Date;
  log: (line: string) => void;
  /** Default: the global fetch. Bounded by `timeoutMs` (default 10 s) and 4 MB. */
  fetch?: (url: string, init: { signal: AbortSignal; redirect: 'follow' | 'error' }) => Promise<Response>;
  /** How often LP_TRUST_BUNDLE_URL is fetched; default one hour. */
  intervalMs?: number;
  timeoutMs?: number;
}

export interface TrustSource {
  /** The freshest bundle held: the file is re-read first if it changed since the last look. */
  current(): Promise<LoadedTrust | undefined>;
  /** Fetches LP_TRUST_BUNDLE_URL now (the schedule calls this); resolves when done, never rejects. */
  refreshFromUrl(): Promise<void>;
  stop(): void;
}

const MAX_BUNDLE_BYTES = 4 * 1024 * 1024;

/**
 * The server's trust bundle kept fresh while it runs: a revoked credential must not stay VALID
 * until a restart. Every change goes through the trust store's rule (loadTrust → acceptBundle):
 * signed by a pinned anchor, never an older sequence, and a refused or unreadable bundle leaves
 * the held one in use. An expiry passed while running is noticed (TRUST_BUNDLE_EXPIRED).
 */
export async function createTrustSource(opts: TrustSourceOptions): Promise<TrustSource> {
  let loaded: LoadedTrust | undefined;
  let seen: string | undefined;
  let pending: Promise<void> = Promise.resolve();
  const serial = (task: () => Promise<void>): Promise<void> => (pending = pending.then(task, task));

  const fileStamp = (): string | undefined => {
    if (!opts.bundlePath) return undefined;
    try {
      const s = statSync(resolve(opts.cwd, opts.bundlePath));
      return `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      return 'missing';
    }
  };

  const offer = async (source: { bundlePath: string } | { bundleText: string }, label: string) => {
    try {
      const next = await loadTrust({ ...source, anchors: opts.anchors, now: opts.now(), cwd: opts.cwd, ...(opts.cachePath ? { cachePath: opts.cachePath } : {}) });
      if (next.refused) opts.log(`verifier: trust bundle from ${label} refused (${next.refused.code}): ${next.refused.message}`);
      if (next.bundle) {
        if (next.replaced || !loaded?.bundle) opts.log(`verifier: trust bundle #${next.bundle.bundle.sequence} of ${next.bundle.bundle.anchor}, expires ${next.bundle.bundle.expires}`);
        // Keep the same objects while nothing changed: verified status lists are memoised per bundle.
        if (!next.replaced && loaded?.bundle && loaded.bundle.jws.payload === next.bundle.jws.payload) return;
        loaded = next;
      } else if (!loaded?.bundle) loaded = next;
    } catch (err) {
      opts.log(`verifier: trust bundle from ${label} not read (${(err as { code?: string }).code ?? 'error'}): ${(err as Error).message}`);
    }
  };

  const reloadIfChanged = async () => {
    const stamp = fileStamp();
    if (stamp === seen) return;
    seen = stamp;
    if (opts.bundlePath && stamp !== 'missing') await offer({ bundlePath: opts.bundlePath }, opts.bundlePath);
  };

  const refreshFromUrl = () => serial(async () => {
    if (!opts.bundleUrl) return;
    const doFetch = opts.fetch ?? ((url, init) => fetch(url, init));
    const signal = AbortSignal.timeout(opts.timeoutMs ?? 10_000);
    let text: string;
    try {
      const res = await doFetch(opts.bundleUrl, { signal, redirect: 'follow' });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      const body = await readCapped(res, MAX_BUNDLE_BYTES);
      if (body === undefined) throw new Error(`over ${MAX_BUNDLE_BYTES} bytes`);
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch (err) {
      opts.log(`verifier: LP_TRUST_BUNDLE_URL not fetched (${signal.aborted ? 'timeout' : (err as Error).message}): the held bundle stays in use`);
      return;
    }
    await offer({ bundleText: text }, 'LP_TRUST_BUNDLE_URL');
  });

  // The held bundle (cache) first, then the file, then the URL: each may only move forward.
  await serial(async () => {
    try {
      loaded = await loadTrust({ anchors: opts.anchors, now: opts.now(), cwd: opts.cwd, ...(opts.cachePath ? { cachePath: opts.cachePath } : {}) });
    } catch (err) {
      opts.log(`verifier: ${(err as Error).message}`);
    }
  });
  await serial(reloadIfChanged);
  if (opts.bundleUrl) await refreshFromUrl();
  const timer = opts.bundleUrl ? setInterval(() => void refreshFromUrl(), opts.intervalMs ?? 3600_000) : undefined;
  timer?.unref();

  return {
    async current() {
      if (opts.bundlePath && fileStamp() !== seen) await serial(reloadIfChanged);
      else await pending;
      const b = loaded?.bundle;
      if (b && !b.expired && opts.now().getTime() >= Date.parse(b.bundle.expires)) {
        // Verified while valid, expired since: the pipeline must say TRUST_BUNDLE_EXPIRED.
        loaded = { ...loaded!, bundle: { ...b, expired: true } };
      }
      return loaded;
    },
    refreshFromUrl,
    stop: () => clearInterval(timer),
  };
}

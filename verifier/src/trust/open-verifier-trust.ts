import { anchorsFrom, bundleCachePath } from './load-trust.ts';
import { createTrustSource, type TrustSource, type TrustSourceOptions } from './create-trust-source.ts';

export interface OpenVerifierTrustConfig {
  env: NodeJS.ProcessEnv;
  cwd: string;
  log: (line: string) => void;
  now?: () => Date;
  /** The fetch and schedule of LP_TRUST_BUNDLE_URL (tests inject them). */
  bundleFetch?: Pick<TrustSourceOptions, 'fetch' | 'intervalMs' | 'timeoutMs'>;
  /** Aborted when the server stops: ends the LP_TRUST_BUNDLE_URL schedule. */
  signal?: AbortSignal;
}

/**
 * The verifier's trust from the environment: LP_TRUST_BUNDLE pinned to LP_TRUST_ANCHORS (or the
 * last accepted one under LP_DATA_DIR), re-read when the file changes, and LP_TRUST_BUNDLE_URL
 * fetched on a schedule (LP_TRUST_BUNDLE_INTERVAL seconds, default 3600). Undefined without anchors.
 */
export async function openVerifierTrust(config: OpenVerifierTrustConfig): Promise<TrustSource | undefined> {
  const anchors = anchorsFrom([], config.env);
  const bundlePath = config.env.LP_TRUST_BUNDLE || undefined;
  const bundleUrl = config.env.LP_TRUST_BUNDLE_URL || undefined;
  if (anchors.length === 0) {
    if (bundlePath || bundleUrl) config.log('verifier: a trust bundle is configured but LP_TRUST_ANCHORS is not: no trust bundle loaded');
    return undefined;
  }
  const interval = Number(config.env.LP_TRUST_BUNDLE_INTERVAL);
  const source = await createTrustSource({
    ...(bundlePath ? { bundlePath } : {}),
    ...(bundleUrl ? { bundleUrl } : {}),
    anchors,
    cwd: config.cwd,
    cachePath: bundleCachePath(config.env, config.cwd),
    now: config.now ?? (() => new Date()),
    log: config.log,
    ...(Number.isFinite(interval) && interval > 0 ? { intervalMs: interval * 1000 } : {}),
    ...config.bundleFetch,
  });
  config.signal?.addEventListener('abort', () => source.stop(), { once: true });
  return source;
}

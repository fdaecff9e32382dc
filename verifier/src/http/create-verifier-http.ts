import type { Router } from 'express';
import type { StatusListFetcher } from '@lp/verify';
import { createVerifyRouter } from './create-verify-router.ts';
import type { TrustSource, TrustSourceOptions } from '../trust/create-trust-source.ts';
import { openVerifierTrust } from '../trust/open-verifier-trust.ts';
import { createStatusListFetcher, type StatusListFetcherOptions } from '../status/create-status-list-fetcher.ts';
import { parseRateLimit } from '@lp/web-kit/node';
import type { ImagePool } from './image-pool.ts';

export interface VerifierHttpConfig {
  env: NodeJS.ProcessEnv;
  cwd: string;
  log: (line: string) => void;
  /** The verifier's clock; tests set it. */
  now?: () => Date;
  /** Bounds and fetch function of the online status-list fetch (tests inject them). */
  statusFetch?: Omit<StatusListFetcherOptions, 'now' | 'allowHosts'>;
  /** The fetch and schedule of LP_TRUST_BUNDLE_URL (tests inject them). */
  bundleFetch?: Pick<TrustSourceOptions, 'fetch' | 'intervalMs' | 'timeoutMs'>;
  /** Aborted when the server stops: ends the LP_TRUST_BUNDLE_URL schedule. */
  signal?: AbortSignal;
  /** A trust source shared with other routes (openVerifierTrust); default: one opened from env. */
  trust?: TrustSource | undefined;
  /** Worker threads for seal photos; the caller closes it. */
  imagePool?: ImagePool;
}

/**
 * The verifier's routes for `npm start`. Trust: openVerifierTrust, under the same rule as the CLI:
 * an older bundle never replaces a newer one, a failure keeps the held one.
 * Status: a list neither held nor in the bundle is fetched online unless LP_STATUS_FETCH=off;
 * LP_STATUS_FETCH_ALLOW names hosts that may be private or loopback (comma-separated).
 */
export async function createVerifierHttp(config: VerifierHttpConfig): Promise<Router> {
  const now = config.now ?? (() => new Date());
  const source = 'trust' in config ? config.trust : await openVerifierTrust(config);
  const mode = (config.env.LP_STATUS_FETCH ?? 'on').trim().toLowerCase() || 'on';
  // A value we do not understand fails closed: offline, as with 'off'.
  if (mode !== 'on' && mode !== 'off') config.log(`verifier: LP_STATUS_FETCH=${config.env.LP_STATUS_FETCH} is neither on nor off: status lists are not fetched`);
  const fetchStatusList: StatusListFetcher | undefined = mode !== 'on'
    ? undefined
    : createStatusListFetcher({
      ...config.statusFetch,
      now,
      allowHosts: (config.env.LP_STATUS_FETCH_ALLOW ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
    });
  // LP_VERIFY_RATE_LIMIT (e.g. `600/min`): requests per client address on the verify routes.
  const rateLimit = config.env.LP_VERIFY_RATE_LIMIT ? parseRateLimit(config.env.LP_VERIFY_RATE_LIMIT) : undefined;
  if (config.env.LP_VERIFY_RATE_LIMIT && !rateLimit) config.log(`verifier: ignoring LP_VERIFY_RATE_LIMIT="${config.env.LP_VERIFY_RATE_LIMIT}" (expected e.g. 600/min)`);
  return createVerifyRouter({ now, trust: () => source?.current(), ...(fetchStatusList ? { fetchStatusList } : {}), ...(config.imagePool ? { imagePool: config.imagePool } : {}), ...(rateLimit ? { rateLimit } : {}) });
}

import type { Router } from 'express';
import { parseRateLimit } from '@lp/web-kit/node';
import { createVerifyRouter } from './create-verify-router.ts';
import type { ImagePool } from './image-pool.ts';
import { anchorsFrom, bundleCachePath, loadTrust, type LoadedTrust } from '../trust/load-trust.ts';

export interface VerifierHttpConfig {
  env: NodeJS.ProcessEnv;
  cwd: string;
  log: (line: string) => void;
  /** The verifier's clock; tests set it. */
  now?: () => Date;
  /** Worker threads for seal photos; the caller closes it. */
  imagePool?: ImagePool;
}

/**
 * The verifier's routes for `npm start`: the trust bundle is loaded once at start from
 * LP_TRUST_BUNDLE, pinned to LP_TRUST_ANCHORS (or the last accepted one under LP_DATA_DIR), under
 * the same rule as the CLI: an older bundle never replaces a newer one. A bad bundle is logged
 * and the server still starts (verifications then say TRUST_BUNDLE_MISSING).
 */
export async function createVerifierHttp(config: VerifierHttpConfig): Promise<Router> {
  const now = config.now ?? (() => new Date());
  const anchors = anchorsFrom([], config.env);
  const bundlePath = config.env.LP_TRUST_BUNDLE || undefined;
  let loaded: LoadedTrust | undefined;
  if (anchors.length === 0) {
    if (bundlePath) config.log('verifier: LP_TRUST_BUNDLE is set but LP_TRUST_ANCHORS is not: no trust bundle loaded');
  } else {
    try {
      loaded = await loadTrust({ ...(bundlePath ? { bundlePath } : {}), anchors, now: now(), cwd: config.cwd, cachePath: bundleCachePath(config.env, config.cwd) });
      if (loaded.refused) config.log(`verifier: trust bundle refused (${loaded.refused.code}): ${loaded.refused.message}`);
      if (loaded.bundle) config.log(`verifier: trust bundle #${loaded.bundle.bundle.sequence} of ${loaded.bundle.bundle.anchor}, expires ${loaded.bundle.bundle.expires}`);
    } catch (err) {
      config.log(`verifier: ${(err as Error).message}`);
    }
  }
  // LP_VERIFY_RATE_LIMIT (e.g. `600/min`): requests per client address on the verify routes.
  const rateLimit = config.env.LP_VERIFY_RATE_LIMIT ? parseRateLimit(config.env.LP_VERIFY_RATE_LIMIT) : undefined;
  if (config.env.LP_VERIFY_RATE_LIMIT && !rateLimit) config.log(`verifier: ignoring LP_VERIFY_RATE_LIMIT="${config.env.LP_VERIFY_RATE_LIMIT}" (expected e.g. 600/min)`);
  return createVerifyRouter({ now, trust: () => loaded, ...(config.imagePool ? { imagePool: config.imagePool } : {}), ...(rateLimit ? { rateLimit } : {}) });
}

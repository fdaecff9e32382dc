import type { Router } from 'express';
import { hasIssuerDb, issuerDataDir, openIssuerStore } from '../domain/open-issuer-store.ts';
import { resolvePublicUrl } from '../domain/resolve-public-url.ts';
import { createIssuerRouter } from './create-issuer-router.ts';
import { parseRateLimit } from '@lp/web-kit/node';

export interface IssuerApp {
  router: Router;
  close(): Promise<void>;
}

/**
 * For `lp serve`: the issuer's router when LP_DATA_DIR holds an issuer, else null (the server
 * starts without one). The key is unlocked with LP_PASSPHRASE (no prompt in a server); without
 * it the signing routes answer 503 ISSUER_LOCKED and the read routes work. LP_RATE_LIMIT (e.g.
 * `600/min`) sets the per-key rate limit. The public URL is the issuer's stored one
 * (resolvePublicUrl): an LP_PUBLIC_URL that disagrees throws PUBLIC_URL_MISMATCH; `baseUrl` is
 * only the fallback for an issuer made before the URL was stored.
 */
export async function openIssuerApp(config: { env: NodeJS.ProcessEnv; cwd: string; baseUrl: string; log: (line: string) => void }): Promise<IssuerApp | null> {
  const dir = issuerDataDir(config.env, config.cwd);
  if (!hasIssuerDb(dir)) return null;
  const store = await openIssuerStore(dir);
  if (!(await store.getProfile())) {
    await store.close();
    return null;
  }
  let baseUrl: string;
  try {
    baseUrl = await resolvePublicUrl(store, { envUrl: config.env.LP_PUBLIC_URL, fallback: config.baseUrl, now: new Date(), actor: 'serve' });
  } catch (e) {
    await store.close();
    throw e;
  }
  const rateLimit = config.env.LP_RATE_LIMIT ? parseRateLimit(config.env.LP_RATE_LIMIT) : undefined;
  if (config.env.LP_RATE_LIMIT && !rateLimit) config.log(`issuer: ignoring LP_RATE_LIMIT="${config.env.LP_RATE_LIMIT}" (expected e.g. 600/min)`);
  const router = await createIssuerRouter({
    store,
    baseUrl,
    log: config.log,
    ...(config.env.LP_PASSPHRASE ? { passphrase: config.env.LP_PASSPHRASE } : {}),
    ...(rateLimit ? { rateLimit } : {}),
  });
  if (!config.env.LP_PASSPHRASE) config.log('issuer: LP_PASSPHRASE not set; issuing and status changes answer 503 ISSUER_LOCKED');
  return { router, close: () => store.close() };
}

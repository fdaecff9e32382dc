import type { Router } from 'express';
import { hasIssuerDb, issuerStoreLocation, openIssuerStoreAt } from '../domain/open-issuer-store.ts';
import { IssuerError } from '../errors.ts';
import { resolvePublicUrl } from '../domain/resolve-public-url.ts';
import { createIssuerRouter } from './create-issuer-router.ts';
import { parseRateLimit } from '@lp/web-kit/node';

export interface IssuerApp {
  router: Router;
  close(): Promise<void>;
}

/**
 * For `lp serve`: the issuer's router when LP_DATABASE_URL or LP_DATA_DIR holds an issuer, else
 * null (the server starts without one; with LP_DATABASE_URL an unreachable database or a missing
 * issuer throws instead). The key is unlocked with LP_PASSPHRASE (no prompt in a server); without
 * it the signing routes answer 503 ISSUER_LOCKED and the read routes work. LP_RATE_LIMIT (e.g.
 * `600/min`) sets the per-key rate limit. The public URL is the issuer's stored one
 * (resolvePublicUrl): an LP_PUBLIC_URL that disagrees throws PUBLIC_URL_MISMATCH; `baseUrl` is
 * only the fallback for an issuer made before the URL was stored.
 */
export async function openIssuerApp(config: { env: NodeJS.ProcessEnv; cwd: string; baseUrl: string; log: (line: string) => void }): Promise<IssuerApp | null> {
  const where = issuerStoreLocation(config.env, config.cwd);
  if (where.kind === 'sqlite' && !hasIssuerDb(where.dir)) return null;
  // A deployment that names a database expects its issuer: failing to reach it or to find an
  // issuer there stops start-up (the caller refuses to serve) instead of running without one.
  const store = await openIssuerStoreAt(where);
  if (!(await store.getProfile())) {
    await store.close();
    if (where.kind === 'postgres') throw new IssuerError('NO_ISSUER', `no issuer in ${where.label}: run lp issuer init --database URL first`);
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
    // One of several instances on a shared database with a wrong passphrase must not join as a
    // half-working member behind the load balancer: it refuses to start; the others go on.
    requireUnlock: where.kind === 'postgres' && Boolean(config.env.LP_PASSPHRASE),
    ...(rateLimit ? { rateLimit } : {}),
  });
  if (!config.env.LP_PASSPHRASE) config.log('issuer: LP_PASSPHRASE not set; issuing and status changes answer 503 ISSUER_LOCKED');
  return { router, close: () => store.close() };
}

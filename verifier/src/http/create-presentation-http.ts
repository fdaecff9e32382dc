import express, { type Router } from 'express';
import { createDocumentLoader } from '@lp/contexts';
import { createPresentationRouter } from './create-presentation-router.ts';
import { createOid4vpRouter } from '../oid4vp/create-oid4vp-router.ts';
import { routeBundle, type SharedTrust } from '../trust/route-bundle.ts';
import type { ChallengeStore } from '../presentations/challenge-store.ts';
import type { Oid4vpRequestStore } from '../oid4vp/oid4vp-request-store.ts';

export interface PresentationHttpConfig {
  env: NodeJS.ProcessEnv;
  cwd: string;
  log: (line: string) => void;
  now?: () => Date;
  /** The verifier's trust source (openVerifierTrust), so presentations see the same fresh bundle. */
  trust?: SharedTrust | undefined;
  /** Where challenges are held (default: this process's memory); `lp serve` passes a shared one with LP_DATABASE_URL. */
  challenges?: ChallengeStore;
  /** Where OpenID4VP requests are held (default: this process's memory); `lp serve` passes its issuer store's. */
  oid4vpRequests?: Oid4vpRequestStore;
}

/**
 * The presentation endpoints for `npm start`: the trust bundle from LP_TRUST_BUNDLE (else the one
 * the verifier last accepted, `<LP_DATA_DIR>/verifier/bundle.json`, read only), pinned to
 * LP_TRUST_ANCHORS; the domain from LP_VERIFIER_DOMAIN, else the Host of each request.
 */
export async function createPresentationHttp(config: PresentationHttpConfig): Promise<Router> {
  const now = config.now ?? (() => new Date());
  const bundle = await routeBundle({ ...config, now }, 'verifier presentations');
  const documentLoader = createDocumentLoader();
  const context = async () => ({ bundle: await bundle() });
  const router = express.Router();
  router.use(createPresentationRouter({
    context,
    now,
    documentLoader,
    ...(config.challenges ? { challenges: config.challenges } : {}),
    ...(config.env.LP_VERIFIER_DOMAIN ? { domain: config.env.LP_VERIFIER_DOMAIN } : {}),
  }));
  // OpenID4VP requests for any conformant wallet; the response URI is under LP_PUBLIC_URL when set.
  router.use(createOid4vpRouter({
    context, now, documentLoader,
    ...(config.oid4vpRequests ? { requests: config.oid4vpRequests } : {}),
    ...(config.env.LP_PUBLIC_URL ? { baseUrl: config.env.LP_PUBLIC_URL } : {}),
  }));
  return router;
}

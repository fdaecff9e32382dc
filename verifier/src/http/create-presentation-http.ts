import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Router } from 'express';
import { createDocumentLoader } from '@lp/contexts';
import { verifyTrustBundle, type VerifiedTrustBundle } from '@lp/trust';
import { createPresentationRouter } from './create-presentation-router.ts';

export interface PresentationHttpConfig {
  env: NodeJS.ProcessEnv;
  cwd: string;
  log: (line: string) => void;
  now?: () => Date;
  /** The verifier's trust source (openVerifierTrust), so presentations see the same fresh bundle. */
  trust?: { current(): Promise<{ bundle: VerifiedTrustBundle | undefined } | undefined> } | undefined;
}

/**
 * The presentation endpoints for `npm start`: the trust bundle from LP_TRUST_BUNDLE (else the one
 * the verifier last accepted, `<LP_DATA_DIR>/verifier/bundle.json`, read only), pinned to
 * LP_TRUST_ANCHORS; the domain from LP_VERIFIER_DOMAIN, else the Host of each request.
 */
export async function createPresentationHttp(config: PresentationHttpConfig): Promise<Router> {
  const now = config.now ?? (() => new Date());
  const anchors = (config.env.LP_TRUST_ANCHORS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const path = config.env.LP_TRUST_BUNDLE
    ? resolve(config.cwd, config.env.LP_TRUST_BUNDLE)
    : join(resolve(config.cwd, config.env.LP_DATA_DIR ?? './data'), 'verifier', 'bundle.json');
  let bundle: VerifiedTrustBundle | undefined;
  const shared = config.trust;
  if (!shared && anchors.length > 0) {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      const v = await verifyTrustBundle(text, { anchors, now: now() });
      if (v.ok) {
        const { ok: _ok, ...b } = v;
        bundle = b;
      } else config.log(`verifier presentations: trust bundle refused (${v.code}): ${v.message}`);
    }
  }
  return createPresentationRouter({
    context: async () => ({ bundle: shared ? (await shared.current())?.bundle : bundle }),
    now,
    documentLoader: createDocumentLoader(),
    ...(config.env.LP_VERIFIER_DOMAIN ? { domain: config.env.LP_VERIFIER_DOMAIN } : {}),
  });
}

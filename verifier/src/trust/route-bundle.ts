import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { verifyTrustBundle, type VerifiedTrustBundle } from '@lp/trust';

/** A trust source shared by the verifier routes (openVerifierTrust): its freshest bundle. */
export interface SharedTrust {
  current(): Promise<{ bundle: VerifiedTrustBundle | undefined } | undefined>;
}

export interface RouteBundleConfig {
  env: NodeJS.ProcessEnv;
  cwd: string;
  log: (line: string) => void;
  now: () => Date;
  trust?: SharedTrust | undefined;
}

/**
 * The bundle a route verifies against: the shared trust source's freshest when given; else the
 * file of LP_TRUST_BUNDLE (or the one the verifier last accepted, `<LP_DATA_DIR>/verifier/
 * bundle.json`, read only), pinned to LP_TRUST_ANCHORS and read once. `label` names the route in
 * the log line of a refused bundle.
 */
export async function routeBundle(config: RouteBundleConfig, label: string): Promise<() => Promise<VerifiedTrustBundle | undefined>> {
  const shared = config.trust;
  if (shared) return async () => (await shared.current())?.bundle;
  const anchors = (config.env.LP_TRUST_ANCHORS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const path = config.env.LP_TRUST_BUNDLE
    ? resolve(config.cwd, config.env.LP_TRUST_BUNDLE)
    : join(resolve(config.cwd, config.env.LP_DATA_DIR ?? './data'), 'verifier', 'bundle.json');
  let bundle: VerifiedTrustBundle | undefined;
  const text = anchors.length > 0 ? await readFile(path, 'utf8').catch(() => undefined) : undefined;
  if (text !== undefined) {
    const v = await verifyTrustBundle(text, { anchors, now: config.now() });
    if (v.ok) {
      const { ok: _ok, ...b } = v;
      bundle = b;
    } else config.log(`${label}: trust bundle refused (${v.code}): ${v.message}`);
  }
  return async () => bundle;
}

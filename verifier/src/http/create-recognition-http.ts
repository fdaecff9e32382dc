import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Router } from 'express';
import { parsePlacementPolicy, RecognitionError, type PlacementPolicy } from '@lp/recognition';
import { verifyTrustBundle, type VerifiedTrustBundle } from '@lp/trust';
import { createRecognitionRouter } from './create-recognition-router.ts';

export interface RecognitionHttpConfig {
  env: NodeJS.ProcessEnv;
  cwd: string;
  log: (line: string) => void;
  now?: () => Date;
  /** A trust source shared with the other verifier routes (its freshest bundle); else loaded here once. */
  trust?: { current(): Promise<{ bundle: VerifiedTrustBundle | undefined } | undefined> } | undefined;
}

/**
 * The recognition endpoint for `npm start`: the trust bundle as the presentation routes load it
 * (LP_TRUST_BUNDLE, else the verifier's last accepted one, read only, pinned to LP_TRUST_ANCHORS)
 * and the placement policy of LP_RECOGNITION_POLICY. A policy file that does not parse is logged
 * and the route answers 503 with its code rather than silently using the defaults.
 */
export async function createRecognitionHttp(config: RecognitionHttpConfig): Promise<Router> {
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
      } else config.log(`recognition: trust bundle refused (${v.code}): ${v.message}`);
    }
  }
  let policy: PlacementPolicy | RecognitionError | undefined;
  const policyPath = config.env.LP_RECOGNITION_POLICY;
  if (policyPath) {
    try {
      policy = parsePlacementPolicy(await readFile(resolve(config.cwd, policyPath), 'utf8'));
      config.log(`recognition: placement policy "${policy.name}" from ${policyPath}`);
    } catch (err) {
      policy = err instanceof RecognitionError ? err : new RecognitionError('POLICY_INVALID', `cannot read ${policyPath}: ${(err as Error).message}`);
      config.log(`recognition: placement policy refused (${policy.code}): ${policy.message}`);
    }
  }
  const context = shared ? async () => ({ bundle: (await shared.current())?.bundle }) : () => ({ bundle });
  return createRecognitionRouter({ context, now, policy: () => policy });
}

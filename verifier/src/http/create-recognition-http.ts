import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Router } from 'express';
import { parsePlacementPolicy, parsePlacementPolicyCsv, RecognitionError, type PlacementPolicy } from '@lp/recognition';
import { createRecognitionRouter } from './create-recognition-router.ts';
import { routeBundle, type SharedTrust } from '../trust/route-bundle.ts';

export interface RecognitionHttpConfig {
  env: NodeJS.ProcessEnv;
  cwd: string;
  log: (line: string) => void;
  now?: () => Date;
  /** A trust source shared with the other verifier routes (its freshest bundle); else loaded here once. */
  trust?: SharedTrust | undefined;
}

/**
 * The recognition endpoint for `npm start`: the trust bundle as the presentation routes load it
 * (LP_TRUST_BUNDLE, else the verifier's last accepted one, read only, pinned to LP_TRUST_ANCHORS)
 * and the placement policy of LP_RECOGNITION_POLICY. A policy file that does not parse is logged
 * and the route answers 503 with its code rather than silently using the defaults.
 */
export async function createRecognitionHttp(config: RecognitionHttpConfig): Promise<Router> {
  const now = config.now ?? (() => new Date());
  const bundle = await routeBundle({ ...config, now }, 'recognition');
  let policy: PlacementPolicy | RecognitionError | undefined;
  const policyPath = config.env.LP_RECOGNITION_POLICY;
  if (policyPath) {
    try {
      const text = await readFile(resolve(config.cwd, policyPath), 'utf8');
      policy = /\.csv$/i.test(policyPath) ? parsePlacementPolicyCsv(text) : parsePlacementPolicy(text);
      config.log(`recognition: placement policy "${policy.name}" from ${policyPath}`);
    } catch (err) {
      policy = err instanceof RecognitionError ? err : new RecognitionError('POLICY_INVALID', `cannot read ${policyPath}: ${(err as Error).message}`);
      config.log(`recognition: placement policy refused (${policy.code}): ${policy.message}`);
    }
  }
  const context = async () => ({ bundle: await bundle() });
  return createRecognitionRouter({ context, now, policy: () => policy });
}

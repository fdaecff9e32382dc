import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PASSPHRASE } from './demo-data.ts';
import { seedDemo, type DemoSetup } from './seed-demo.ts';

export interface PagesTrust {
  /** The environment the verifier routes see: LP_TRUST_BUNDLE/LP_TRUST_ANCHORS of the demo when it is on. */
  env: NodeJS.ProcessEnv;
  bundlePath: string | undefined;
  anchors: string[];
  demoIssuer: string | undefined;
  /** The DEMO body when it is on: its folder, issuer data directory and base URL (the server mounts its issuer). */
  demo?: DemoSetup;
}

/**
 * Decides where the pages' trust comes from. A configured LP_TRUST_BUNDLE wins; otherwise, unless
 * LP_DEMO=0, LP_DATABASE_URL is set or the data directory holds a real issuer, the DEMO body is seeded (first start) and
 * its bundle and anchor are used.
 */
export async function preparePagesTrust(env: NodeJS.ProcessEnv, cwd: string, log: (line: string) => void, opts: { port?: number } = {}): Promise<PagesTrust> {
  const anchors = (env.LP_TRUST_ANCHORS ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (env.LP_TRUST_BUNDLE) {
    return { env, bundlePath: path.resolve(cwd, env.LP_TRUST_BUNDLE), anchors, demoIssuer: undefined };
  }
  // A real issuer in PostgreSQL (LP_DATABASE_URL) is never replaced by the DEMO body either.
  if (env.LP_DEMO === '0' || (env.LP_DATABASE_URL ?? '').trim() !== '') return { env, bundlePath: undefined, anchors, demoIssuer: undefined };
  const dataDir = path.resolve(cwd, env.LP_DATA_DIR && env.LP_DATA_DIR !== '' ? env.LP_DATA_DIR : './data');
  // The demo issuer keeps the base URL it was created with (its status-list URLs and pick-up links).
  const baseUrl = env.LP_PUBLIC_URL || `http://localhost:${opts.port || 8080}`;
  if (!fs.existsSync(path.join(dataDir, 'demo', 'issuer', 'issuer.sqlite')) && !fs.existsSync(path.join(dataDir, 'issuer.sqlite'))) {
    log('DEMO: creating a demonstration examination body (first start, about half a minute)…');
  }
  const demo = await seedDemo(dataDir, { baseUrl });
  if (!demo) return { env, bundlePath: undefined, anchors, demoIssuer: undefined };
  log(demo.created ? `DEMO: created a demonstration examination body in ${demo.dir} (sample data, passphrase "${DEMO_PASSPHRASE}")` : `DEMO: using the demonstration examination body in ${demo.dir}${demo.bundleRebuilt ? ' (trust bundle rebuilt)' : ''}`);
  return {
    env: { ...env, LP_TRUST_BUNDLE: demo.bundlePath, LP_TRUST_ANCHORS: demo.anchorDid },
    bundlePath: demo.bundlePath,
    anchors: [demo.anchorDid],
    demoIssuer: demo.issuerDid,
    demo,
  };
}

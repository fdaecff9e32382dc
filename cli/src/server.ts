import type { Server } from 'node:http';
import path from 'node:path';
import express from 'express';
import { createPresentationHttp, createRecognitionHttp, createVerifierHttp } from '@lp/verifier';
import { openIssuerApp, type IssuerApp } from '@lp/issuer';
import { createVerifierWebRouter } from '@lp/verifier/web';
import { createWalletWebRouter } from '@lp/wallet/web';
import { DEMO_PASSPHRASE } from './demo/demo-data.ts';
import { preparePagesTrust } from './demo/prepare-demo.ts';

export interface ServerConfig {
  port: number;
  env: NodeJS.ProcessEnv;
  cwd: string;
  log: (line: string) => void;
  /** Seed and use the first-start DEMO body when no trust bundle is configured (`lp serve` sets it). */
  demo?: boolean;
  /** The clock of the verifier routes (tests set it); default: the system clock. */
  now?: () => Date;
}

export interface RunningServer {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** Composes the apps into one express server. Listens on port 0 in tests. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Pages and verifier routes share one trust source: the configured bundle, else the DEMO body.
  const trust = await preparePagesTrust(config.demo ? config.env : { ...config.env, LP_DEMO: '0' }, config.cwd, config.log, { port: config.port });
  app.use(createVerifierWebRouter({ bundlePath: trust.bundlePath, anchors: trust.anchors, demoIssuer: trust.demoIssuer, log: config.log }));
  app.use(createWalletWebRouter({ bundlePath: trust.bundlePath, anchors: trust.anchors, demoIssuer: trust.demoIssuer, demoPassphrase: DEMO_PASSPHRASE, log: config.log }));
  app.use(await createVerifierHttp({ env: trust.env, cwd: config.cwd, log: config.log, ...(config.now ? { now: config.now } : {}) }));
  app.use(await createPresentationHttp({ env: trust.env, cwd: config.cwd, log: config.log, ...(config.now ? { now: config.now } : {}) }));
  app.use(await createRecognitionHttp({ env: trust.env, cwd: config.cwd, log: config.log, ...(config.now ? { now: config.now } : {}) }));
  // The issuer needs the public base URL, known only after listen when the port is 0.
  let issuer: IssuerApp | null = null;
  app.use((req, res, next) => (issuer ? issuer.router(req, res, next) : next()));
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  try {
    // In demo mode LP_DATA_DIR holds no issuer (else there is no demo): the DEMO issuer is mounted,
    // unlocked with the documented DEMO passphrase, at the base URL it was created with.
    const demo = trust.demo;
    issuer = demo
      ? await openIssuerApp({ env: { ...config.env, LP_DATA_DIR: demo.issuerDir, LP_PASSPHRASE: DEMO_PASSPHRASE }, cwd: config.cwd, baseUrl: demo.baseUrl, log: config.log })
      : await openIssuerApp({ env: config.env, cwd: config.cwd, baseUrl: config.env.LP_PUBLIC_URL || `http://localhost:${port}`, log: config.log });
  } catch (e) {
    config.log(`issuer: not started (${(e as { code?: string }).code ?? 'error'}: ${(e as Error).message})`);
  }
  config.log(`Verifier page: http://localhost:${port}/verify${trust.demoIssuer ? ' (DEMO)' : ''}`);
  config.log(`Wallet page:   http://localhost:${port}/wallet${trust.demoIssuer ? ' (DEMO)' : ''}`);
  if (issuer) config.log(`Issuer API:    http://localhost:${port}/credentials/issue${trust.demo ? ' (DEMO issuer)' : ''}`);
  if (trust.demo) {
    const rel = (p: string) => path.relative(config.cwd, p) || '.';
    config.log(`DEMO files:    ${rel(trust.demo.dir)}/ (README.txt; API key in ${rel(path.join(trust.demo.dir, 'API-KEY.txt'))}, anchor DID in ${rel(path.join(trust.demo.dir, 'ANCHOR.txt'))}, bundle ${rel(trust.demo.bundlePath)})`);
    config.log(`DEMO learners: certificates, seals and pick-up links in ${rel(trust.demo.dir)}/<learner>/ (README.md "Quick start")`);
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }).then(() => issuer?.close()),
  };
}

import type { Server } from 'node:http';
import path from 'node:path';
import express from 'express';
import { createImagePool, createPresentationHttp, createRecognitionHttp, createVerifierHttp, imagePoolOptionsFrom, openVerifierTrust, type VerifierHttpConfig } from '@lp/verifier';
import { hasIssuerDb, issuerStoreLocation, openIssuerApp, openIssuerStoreAt, type IssuerApp, type IssuerStore } from '@lp/issuer';
import { createSharedChallenges } from './shared-challenges.ts';
import { createSharedOid4vpRequests } from './shared-oid4vp-requests.ts';
import { createVerifierWebRouter } from '@lp/verifier/web';
import { createWalletWebRouter } from '@lp/wallet/web';
import { DEMO_PASSPHRASE } from './demo/demo-data.ts';
import { preparePagesTrust } from './demo/prepare-demo.ts';
import { listenServer } from './listen-server.ts';
import { httpTimeoutsFrom } from './create-http-server.ts';

export interface ServerConfig {
  port: number;
  /** The address to bind (default 127.0.0.1: this machine only). */
  host?: string;
  /** PEM certificate and key: serve HTTPS instead of HTTP. */
  tls?: { cert: Buffer; key: Buffer };
  env: NodeJS.ProcessEnv;
  cwd: string;
  log: (line: string) => void;
  /** Seed and use the first-start DEMO body when no trust bundle is configured (`lp serve` sets it). */
  demo?: boolean;
  /** The clock of the verifier routes (tests set it); default: the system clock. */
  now?: () => Date;
  /** Injected fetch functions and bounds of the verifier (status lists, LP_TRUST_BUNDLE_URL); tests set them. */
  verifier?: Pick<VerifierHttpConfig, 'statusFetch' | 'bundleFetch'>;
  /**
   * Called once the port is open and before the issuer is mounted (tests watch the start-up
   * window through it); start-up waits for it.
   */
  onListening?: (port: number) => Promise<void> | void;
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
  // The port opens before the issuer is mounted (its base URL may need the port). Until every
  // router is mounted, every route — /health included — answers 503 STARTING with Retry-After,
  // so a load balancer never sees a 404 for a route that exists, nor "healthy" too early.
  let ready = false;
  app.use((_req, res, next) => {
    if (ready) return next();
    res.status(503).set({ 'Retry-After': '1', 'Cache-Control': 'no-store' }).type('application/problem+json')
      .send(JSON.stringify({ type: 'urn:lp:problem:STARTING', title: 'STARTING', status: 503, code: 'STARTING', detail: 'the server is starting; retry in a second' }));
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const server: Server = await listenServer(app, { port: config.port, host: config.host ?? '127.0.0.1', timeouts: httpTimeoutsFrom(config.env), ...(config.tls ? { tls: config.tls } : {}) });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const scheme = config.tls ? 'https' : 'http';
  await config.onListening?.(port);
  // Pages and verifier routes share one trust source: the configured bundle, else the DEMO body.
  let trust: Awaited<ReturnType<typeof preparePagesTrust>>;
  const stopping = new AbortController();
  // Seal photos are decoded in worker threads so that no image holds this thread (LP_IMAGE_THREADS, LP_IMAGE_QUEUE).
  const imagePool = createImagePool(imagePoolOptionsFrom(config.env));
  let challengeStore: IssuerStore | undefined;
  try {
    trust = await preparePagesTrust(config.demo ? config.env : { ...config.env, LP_DEMO: '0' }, config.cwd, config.log, { port: config.port });
    app.use(createVerifierWebRouter({ bundlePath: trust.bundlePath, anchors: trust.anchors, demoIssuer: trust.demoIssuer, log: config.log }));
    app.use(createWalletWebRouter({ bundlePath: trust.bundlePath, anchors: trust.anchors, demoIssuer: trust.demoIssuer, log: config.log }));
    // One trust source for verifying credentials and presentations: both see the freshest bundle.
    const verifierTrust = await openVerifierTrust({ env: trust.env, cwd: config.cwd, log: config.log, signal: stopping.signal, ...(config.now ? { now: config.now } : {}), ...config.verifier });
    app.use(await createVerifierHttp({ env: trust.env, cwd: config.cwd, log: config.log, trust: verifierTrust, imagePool, ...(config.now ? { now: config.now } : {}), ...config.verifier }));
    // With LP_DATABASE_URL every instance holds presentation challenges in the shared database. With
    // an issuer store of either kind, OpenID4VP requests live in it: made at one instance (or before
    // a restart), answered and read at any other.
    const where = trust.demo ? undefined : issuerStoreLocation(config.env, config.cwd);
    if (where?.kind === 'postgres') challengeStore = await openIssuerStoreAt(where);
    else if (where && hasIssuerDb(where.dir)) {
      // An SQLite issuer that cannot open is reported when the issuer is mounted (below); the
      // requests then stay in this process's memory rather than stop the verifier.
      challengeStore = await openIssuerStoreAt(where).catch(() => undefined);
    }
    app.use(await createPresentationHttp({
      env: trust.env, cwd: config.cwd, log: config.log, ...(verifierTrust ? { trust: verifierTrust } : {}), ...(config.now ? { now: config.now } : {}),
      ...(challengeStore && where?.kind === 'postgres' ? { challenges: createSharedChallenges(challengeStore, config.now ? { now: config.now } : {}) } : {}),
      ...(challengeStore ? { oid4vpRequests: createSharedOid4vpRequests(challengeStore) } : {}),
    }));
    app.use(await createRecognitionHttp({ env: trust.env, cwd: config.cwd, log: config.log, ...(verifierTrust ? { trust: verifierTrust } : {}), ...(config.now ? { now: config.now } : {}) }));
  } catch (e) {
    // The port is released when starting fails, so the process can exit with the error.
    stopping.abort();
    void imagePool.close();
    void challengeStore?.close();
    server.close();
    throw e;
  }
  // The issuer needs the public base URL, known only after listen when the port is 0.
  let issuer: IssuerApp | null = null;
  app.use((req, res, next) => (issuer ? issuer.router(req, res, next) : next()));
  try {
    // In demo mode LP_DATA_DIR holds no issuer (else there is no demo): the DEMO issuer is mounted,
    // unlocked with the documented DEMO passphrase, at the base URL it was created with.
    const demo = trust.demo;
    issuer = demo
      ? await openIssuerApp({ env: { ...config.env, LP_DATA_DIR: demo.issuerDir, LP_PASSPHRASE: DEMO_PASSPHRASE, LP_PUBLIC_URL: demo.baseUrl }, cwd: config.cwd, baseUrl: demo.baseUrl, log: config.log })
      : await openIssuerApp({ env: config.env, cwd: config.cwd, baseUrl: `http://localhost:${port}`, log: config.log });
  } catch (e) {
    // A public URL that disagrees with the issuer's is a configuration error: refuse to serve
    // rather than run without the issuer a deployment expects. So is any failure to open the
    // issuer of LP_DATABASE_URL (unreachable, no issuer, wrong passphrase): one of several
    // instances must not join the load balancer without its issuer.
    if ((e as { code?: string }).code === 'PUBLIC_URL_MISMATCH' || (!trust.demo && (config.env.LP_DATABASE_URL ?? '').trim() !== '')) {
      stopping.abort();
      await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
      throw e;
    }
    config.log(`issuer: not started (${(e as { code?: string }).code ?? 'error'}: ${(e as Error).message})`);
  }
  ready = true;
  config.log(`Verifier page: ${scheme}://localhost:${port}/verify${trust.demoIssuer ? ' (DEMO)' : ''}`);
  config.log(`Wallet page:   ${scheme}://localhost:${port}/wallet${trust.demoIssuer ? ' (DEMO)' : ''}`);
  if (issuer) config.log(`Issuer API:    ${scheme}://localhost:${port}/credentials/issue${trust.demo ? ' (DEMO issuer)' : ''}`);
  if (trust.demo) {
    const rel = (p: string) => path.relative(config.cwd, p) || '.';
    config.log(`DEMO files:    ${rel(trust.demo.dir)}/ (README.txt; API key in ${rel(path.join(trust.demo.dir, 'API-KEY.txt'))}, anchor DID in ${rel(path.join(trust.demo.dir, 'ANCHOR.txt'))}, bundle ${rel(trust.demo.bundlePath)})`);
    config.log(`DEMO learners: certificates, seals, pick-up links (PICKUP.txt) and OpenID4VCI offers (OFFER.txt, offer.png) in ${rel(trust.demo.dir)}/<learner>/ (README.md "Quick start")`);
  }
  return {
    port,
    url: `${scheme}://${urlHost(config.host)}:${port}`,
    stop: () => new Promise<void>((resolve) => { stopping.abort(); server.closeAllConnections(); server.close(() => resolve()); }).then(() => Promise.all([issuer?.close(), imagePool.close(), challengeStore?.close()])).then(() => {}),
  };
}

/** Where a client on this machine reaches the server: loopback unless it is bound to one address. */
function urlHost(host: string | undefined): string {
  if (!host || host === '0.0.0.0' || host === '::' || host === 'localhost') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

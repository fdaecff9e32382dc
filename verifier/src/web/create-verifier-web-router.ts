import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { buildWebPage, type BuiltPage } from './build-web-page.ts';

export interface VerifierWebOptions {
  /** The trust bundle file served to the page (LP_TRUST_BUNDLE or the demo's). */
  bundlePath?: string;
  /** Anchor DIDs the page pins on its first load (LP_TRUST_ANCHORS or the demo's). */
  anchors: readonly string[];
  /** The DEMO examination body's DID: the page shows a DEMO banner while it is in the bundle. */
  demoIssuer?: string;
  log?: (line: string) => void;
}

const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));
const WASM_PATH = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');

let building: Promise<BuiltPage> | undefined;
/** The verifier page's JavaScript, bundled once per process (about 1 s). */
export function buildVerifierPage(): Promise<BuiltPage> {
  building ??= buildWebPage(`${WEB_DIR}main.ts`);
  return building;
}

/**
 * The offline verifier page at /verify (DESIGN.md "Verifier"): the page verifies in the browser
 * with @lp/verify; the server only hands out the page, its JavaScript, zxing's .wasm (never from
 * a CDN), a config with the anchors to pin, and the trust bundle. The service worker's scope is
 * /verify (Service-Worker-Allowed), so that the bare /verify URL works offline too.
 */
export function createVerifierWebRouter(opts: VerifierWebOptions): Router {
  const router = express.Router();
  const page = buildVerifierPage();
  page.catch((err: unknown) => opts.log?.(`verifier page build failed: ${(err as Error).message}`));
  const html = fs.readFileSync(`${WEB_DIR}index.html`);
  const css = fs.readFileSync(`${WEB_DIR}styles.css`);
  const noCache = (res: express.Response) => res.set('Cache-Control', 'no-cache');

  router.get(['/verify', '/verify/', '/verify/index.html'], (_req, res) => {
    noCache(res).type('html').send(html);
  });
  router.get('/verify/app.css', (_req, res) => {
    noCache(res).type('css').send(css);
  });
  router.get('/verify/app.js', async (_req, res, next) => {
    try {
      const built = await page;
      noCache(res).set('ETag', built.etag).type('application/javascript').send(Buffer.from(built.js));
    } catch (err) {
      next(err);
    }
  });
  router.get('/verify/sw.js', async (_req, res, next) => {
    try {
      const built = await page;
      const sw = fs.readFileSync(`${WEB_DIR}sw.js`, 'utf8').replace('__VERSION__', built.etag.replace(/"/g, ''));
      noCache(res).set('Service-Worker-Allowed', '/verify').type('application/javascript').send(sw);
    } catch (err) {
      next(err);
    }
  });
  router.get('/verify/zxing_reader.wasm', (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('application/wasm').sendFile(WASM_PATH);
  });
  router.get('/verify/config.json', (_req, res) => {
    noCache(res).json({
      anchors: opts.anchors,
      bundleUrl: opts.bundlePath ? '/verify/bundle.json' : null,
      demoIssuer: opts.demoIssuer ?? null,
    });
  });
  router.get('/verify/bundle.json', (_req, res) => {
    if (!opts.bundlePath) {
      res.status(404).type('application/problem+json').json({ type: 'about:blank', title: 'no trust bundle configured', code: 'TRUST_BUNDLE_MISSING', status: 404 });
      return;
    }
    let text: string;
    try {
      text = fs.readFileSync(opts.bundlePath, 'utf8');
    } catch {
      res.status(503).type('application/problem+json').json({ type: 'about:blank', title: 'trust bundle unreadable', code: 'TRUST_BUNDLE_UNREADABLE', status: 503 });
      return;
    }
    noCache(res).type('json').send(text);
  });
  return router;
}

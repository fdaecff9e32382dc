import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { buildWalletPage, type BuiltWalletPage } from './build-page.ts';
import { renderIconPng } from './render-icon.ts';

export interface WalletWebOptions {
  /** The trust bundle file the page verifies imports against (LP_TRUST_BUNDLE or the demo's). */
  bundlePath?: string;
  /** Anchor DIDs the page pins on its first load. */
  anchors: readonly string[];
  /** The DEMO examination body's DID: the page shows a DEMO banner and the demo passphrase. */
  demoIssuer?: string;
  /** The documented DEMO passphrase, shown on the page only in demo mode. */
  demoPassphrase?: string;
  log?: (line: string) => void;
}

const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));
const WASM_PATH = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');

let building: Promise<BuiltWalletPage> | undefined;
export function buildWalletPageOnce(): Promise<BuiltWalletPage> {
  building ??= buildWalletPage(`${WEB_DIR}main.ts`);
  return building;
}

/**
 * The learner's wallet page at /wallet: everything runs in the browser (vault in IndexedDB,
 * Argon2id + AES-GCM from wallet/src/core); the server hands out the page, its JavaScript, the
 * zxing .wasm, the manifest and icons, the anchors to pin and the trust bundle.
 */
export function createWalletWebRouter(opts: WalletWebOptions): Router {
  const router = express.Router();
  const page = buildWalletPageOnce();
  page.catch((err: unknown) => opts.log?.(`wallet page build failed: ${(err as Error).message}`));
  const html = fs.readFileSync(`${WEB_DIR}index.html`);
  const css = fs.readFileSync(`${WEB_DIR}styles.css`);
  const manifest = fs.readFileSync(`${WEB_DIR}manifest.webmanifest`);
  const icons = new Map<number, Uint8Array>();
  const noCache = (res: express.Response) => res.set('Cache-Control', 'no-cache');

  router.get(['/wallet', '/wallet/', '/wallet/index.html'], (_req, res) => { noCache(res).type('html').send(html); });
  router.get('/wallet/app.css', (_req, res) => { noCache(res).type('css').send(css); });
  router.get('/wallet/manifest.webmanifest', (_req, res) => { noCache(res).type('application/manifest+json').send(manifest); });
  router.get('/wallet/icon-:size.png', (req, res) => {
    const size = Number(req.params.size);
    if (size !== 192 && size !== 512) { res.status(404).end(); return; }
    if (!icons.has(size)) icons.set(size, renderIconPng(size));
    noCache(res).type('png').send(Buffer.from(icons.get(size)!));
  });
  router.get('/wallet/app.js', async (_req, res, next) => {
    try {
      const built = await page;
      noCache(res).set('ETag', built.etag).type('application/javascript').send(Buffer.from(built.js));
    } catch (err) { next(err); }
  });
  router.get('/wallet/sw.js', async (_req, res, next) => {
    try {
      const built = await page;
      const sw = fs.readFileSync(`${WEB_DIR}sw.js`, 'utf8').replace('__VERSION__', built.etag.replace(/"/g, ''));
      noCache(res).set('Service-Worker-Allowed', '/wallet').type('application/javascript').send(sw);
    } catch (err) { next(err); }
  });
  router.get('/wallet/zxing_reader.wasm', (_req, res) => { res.set('Cache-Control', 'no-cache').type('application/wasm').sendFile(WASM_PATH); });
  router.get('/wallet/config.json', (_req, res) => {
    noCache(res).json({
      anchors: opts.anchors,
      bundleUrl: opts.bundlePath ? '/wallet/bundle.json' : null,
      demoIssuer: opts.demoIssuer ?? null,
      demoPassphrase: opts.demoIssuer ? opts.demoPassphrase ?? null : null,
    });
  });
  router.get('/wallet/bundle.json', (_req, res) => {
    let text: string | undefined;
    try { text = opts.bundlePath ? fs.readFileSync(opts.bundlePath, 'utf8') : undefined; } catch { text = undefined; }
    if (text === undefined) {
      res.status(404).type('application/problem+json').json({ type: 'about:blank', title: 'no trust bundle', code: 'TRUST_BUNDLE_MISSING', status: 404 });
      return;
    }
    noCache(res).type('json').send(text);
  });
  return router;
}

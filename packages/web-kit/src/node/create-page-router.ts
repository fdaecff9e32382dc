import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Response, type Router } from 'express';
import type { BuiltPage } from './build-web-page.ts';
import { renderIconPng, type Rgb } from './render-icon.ts';
import { renderServiceWorker } from './render-service-worker.ts';

const require = createRequire(import.meta.url);
const WASM_PATH = require.resolve('zxing-wasm/reader/zxing_reader.wasm');
// The pages' Arabic-script face, Noto Naskh Arabic (SIL OFL 1.1), from the same npm package as the
// certificates' (its "exports" hides ./fonts, so step there from its index): it has the Pashto and
// Urdu letters (ۍ ښ ګ ہ ے…) that a phone's own fonts may lack and would draw as empty boxes.
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-arabic')), '..', 'fonts');
const FONTS = ['NotoNaskhArabic-Regular.ttf', 'NotoNaskhArabic-Bold.ttf'];
const HEAD_MARK = '<!--lp-head-->';

/** What every page is told about trust: the anchors to pin, the bundle file, the DEMO body. */
export interface PageTrustOptions {
  /** The trust bundle file served at `${base}/bundle.json` (LP_TRUST_BUNDLE or the demo's). */
  bundlePath?: string;
  /** Anchor DIDs the page pins on its first load (trust on first use). */
  anchors: readonly string[];
  /** The DEMO examination body's DID: the page shows a DEMO banner while it is in the bundle. */
  demoIssuer?: string;
  log?: (line: string) => void;
}

export interface PageRouterOptions extends PageTrustOptions {
  /** The page's path, e.g. '/verify'; everything is served under it. */
  base: string;
  /** The folder with index.html (holding the `<!--lp-head-->` mark) and styles.css. */
  webDir: string;
  /** The page's bundled JavaScript (buildWebPage), awaited per request so start-up never waits. */
  page: Promise<BuiltPage>;
  /** Page-specific fields of `${base}/config.json`, besides anchors, bundleUrl and demoIssuer. */
  config?: Record<string, unknown>;
  /** Files the service worker caches at install besides the page, its code, the .wasm and the config. */
  precache?: readonly string[];
  /**
   * Installable: `${webDir}manifest.webmanifest` is served at `${base}/manifest.webmanifest` with
   * icons at `${base}/icon-192.png` and `-512.png` in this colour, all cached for offline use.
   */
  app?: { iconColor: Rgb };
}

/** The head every page shares: the mark in index.html is replaced by it. */
function pageHead(base: string): string {
  return [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<link rel="stylesheet" href="${base}/app.css">`,
    `<script type="module" src="${base}/app.js"></script>`,
  ].join('\n');
}

function problem(res: Response, status: number, title: string, code: string): void {
  res.status(status).type('application/problem+json').json({ type: 'about:blank', title, code, status });
}

/**
 * An offline page under one path: the HTML, styles, bundled JavaScript, zxing's .wasm and the
 * Arabic-script font (from node_modules, never a CDN), the config, the trust bundle and a service worker whose scope is
 * the bare path (Service-Worker-Allowed), so that `${base}` itself opens offline too. Every file
 * is revalidated (no-cache): a page fixed on the server reaches a phone on its next online visit.
 * With `app`, the manifest and icons that make the page installable.
 */
export function createPageRouter(opts: PageRouterOptions): Router {
  const { base, page } = opts;
  const router = express.Router();
  page.catch((err: unknown) => opts.log?.(`${base} page build failed: ${(err as Error).message}`));
  const html = fs.readFileSync(`${opts.webDir}index.html`, 'utf8').replace(HEAD_MARK, pageHead(base));
  const css = fs.readFileSync(`${opts.webDir}styles.css`);
  const appFiles = opts.app ? [`${base}/manifest.webmanifest`, `${base}/icon-192.png`] : [];
  const precache = [base, `${base}/app.js`, `${base}/app.css`, `${base}/zxing_reader.wasm`, `${base}/config.json`, ...FONTS.map((f) => `${base}/fonts/${f}`), ...appFiles, ...(opts.precache ?? [])];
  const noCache = (res: Response) => res.set('Cache-Control', 'no-cache');

  router.get([base, `${base}/`, `${base}/index.html`], (_req, res) => {
    noCache(res).type('html').send(html);
  });
  router.get(`${base}/app.css`, (_req, res) => {
    noCache(res).type('css').send(css);
  });
  router.get(`${base}/app.js`, async (_req, res, next) => {
    try {
      const built = await page;
      noCache(res).set('ETag', built.etag).type('application/javascript').send(Buffer.from(built.js));
    } catch (err) {
      next(err);
    }
  });
  router.get(`${base}/sw.js`, async (_req, res, next) => {
    try {
      const built = await page;
      const cachePrefix = `lp-${base.replace(/^\//, '')}-`;
      const sw = renderServiceWorker({ scope: base, cachePrefix, version: built.etag.replace(/"/g, ''), precache });
      noCache(res).set('Service-Worker-Allowed', base).type('application/javascript').send(sw);
    } catch (err) {
      next(err);
    }
  });
  router.get(`${base}/zxing_reader.wasm`, (_req, res) => {
    noCache(res).type('application/wasm').sendFile(WASM_PATH);
  });
  for (const font of FONTS) {
    router.get(`${base}/fonts/${font}`, (_req, res) => {
      noCache(res).type('font/ttf').sendFile(path.join(FONT_DIR, font));
    });
  }
  router.get(`${base}/config.json`, (_req, res) => {
    noCache(res).json({
      anchors: opts.anchors,
      bundleUrl: opts.bundlePath ? `${base}/bundle.json` : null,
      demoIssuer: opts.demoIssuer ?? null,
      ...opts.config,
    });
  });
  if (opts.app) {
    const { iconColor } = opts.app;
    const manifest = fs.readFileSync(`${opts.webDir}manifest.webmanifest`);
    const icons = new Map<number, Uint8Array>();
    router.get(`${base}/manifest.webmanifest`, (_req, res) => {
      noCache(res).type('application/manifest+json').send(manifest);
    });
    router.get(`${base}/icon-:size.png`, (req, res) => {
      const size = Number(req.params.size);
      if (size !== 192 && size !== 512) { res.status(404).end(); return; }
      if (!icons.has(size)) icons.set(size, renderIconPng(size, iconColor));
      noCache(res).type('png').send(Buffer.from(icons.get(size)!));
    });
  }
  router.get(`${base}/bundle.json`, (_req, res) => {
    if (!opts.bundlePath) {
      problem(res, 404, 'no trust bundle configured', 'TRUST_BUNDLE_MISSING');
      return;
    }
    let text: string;
    try {
      text = fs.readFileSync(opts.bundlePath, 'utf8');
    } catch {
      problem(res, 503, 'trust bundle unreadable', 'TRUST_BUNDLE_UNREADABLE');
      return;
    }
    noCache(res).type('json').send(text);
  });
  return router;
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Response, type Router } from 'express';
import { LANGUAGES } from '../languages.ts';
import type { BuiltPage } from './build-web-page.ts';
import { renderIconPng, type Rgb } from './render-icon.ts';
import { renderEarlyFetches, type EarlyMessages } from './render-early-fetches.ts';
import { LOADING_HEAD, LOADING_SAFEGUARD, renderLoadingState } from './render-loading-state.ts';
import { pickPageLanguage } from './pick-page-language.ts';
import { RTL } from '../languages.ts';
import { renderServiceWorker } from './render-service-worker.ts';
import { createCompressedSender } from './send-compressed.ts';

const require = createRequire(import.meta.url);
const WASM_PATH = require.resolve('zxing-wasm/reader/zxing_reader.wasm');
// The pages' Arabic-script face, Noto Naskh Arabic (SIL OFL 1.1), from the same npm package as the
// certificates' (its "exports" hides ./fonts, so step there from its index): it has the Pashto and
// Urdu letters (ۍ ښ ګ ہ ے…) that a phone's own fonts may lack and would draw as empty boxes.
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-arabic')), '..', 'fonts');
const FONTS = ['NotoNaskhArabic-Regular.ttf', 'NotoNaskhArabic-Bold.ttf'];
const HEAD_MARK = '<!--lp-head-->';
const HTML_TAG = /<html(\s[^>]*)?>/i;
const BODY_TAG = /<body(\s[^>]*)?>/i;

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
  /** Files the service worker caches at install besides the page, its code, styles, fonts and the config. */
  precache?: readonly string[];
  /**
   * Installable: `${webDir}manifest.webmanifest` is served at `${base}/manifest.webmanifest` with
   * icons at `${base}/icon-192.png` and `-512.png` in this colour, all cached for offline use.
   */
  app?: { iconColor: Rgb };
  /** The page's setupI18n storageKey (default 'lp.lang'): the HTML starts fetching that language's messages. */
  langStorageKey?: string;
}

// A year, the most RFC 9111 caches are asked to keep anything; `immutable` spares the revalidation.
const FOREVER = 'public, max-age=31536000, immutable';

/**
 * What every page shares, in two parts: the head (at the mark in index.html) holds only what the
 * loading state needs to be drawn; the rest comes after the loading state's markup, so that the
 * first paint waits for none of it. The styles are a link, not inline: a stylesheet in the body
 * does not hold back the loading state above it, and the HTML of the first visit is 2 KB (brotli)
 * shorter, 40 ms at 50 KB/s; the code after it only runs once the styles are there, so the page
 * never shows unstyled. The code and styles are
 * named with their content hash (`?v=`), so a browser keeps them for a year and a new version is a
 * new URL; the service worker keys its cache by path.
 */
function pageParts(base: string, jsVersion: string | undefined, cssVersion: string, early: readonly string[], messages?: EarlyMessages, preload: readonly string[] = []): { head: string; afterLoading: string } {
  return {
    head: [
      '<meta charset="utf-8">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      LOADING_HEAD,
    ].join('\n'),
    afterLoading: [
      `<link rel="stylesheet" href="${base}/app.css?v=${cssVersion}">`,
      LOADING_SAFEGUARD,
      renderEarlyFetches(early, messages),
      `<script type="module" src="${base}/app.js${jsVersion ? `?v=${jsVersion}` : ''}"></script>`,
      // The chunks the code imports at once, asked for beside it rather than one round trip after.
      ...preload.map((chunk) => `<link rel="modulepreload" href="${base}/${chunk}">`),
    ].join('\n'),
  };
}


const contentVersion = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

function problem(res: Response, status: number, title: string, code: string): void {
  res.status(status).type('application/problem+json').json({ type: 'about:blank', title, code, status });
}

/**
 * An offline page under one path: the HTML, styles, bundled JavaScript, zxing's .wasm (cached
 * once used) and the Arabic-script font (from node_modules, never a CDN), the config, the trust
 * bundle and a service worker whose scope is
 * the bare path (Service-Worker-Allowed), so that `${base}` itself opens offline too. The code and
 * styles under their content-hash URLs are kept a year; every other file is revalidated
 * (no-cache): a page fixed on the server reaches a phone on its next online visit.
 * With `app`, the manifest and icons that make the page installable.
 */
export function createPageRouter(opts: PageRouterOptions): Router {
  const { base, page } = opts;
  const router = express.Router();
  page.catch((err: unknown) => opts.log?.(`${base} page build failed: ${(err as Error).message}`));
  const template = fs.readFileSync(`${opts.webDir}index.html`, 'utf8');
  const css = fs.readFileSync(`${opts.webDir}styles.css`);
  const cssVersion = contentVersion(css);
  const early = [`${base}/config.json`, ...(opts.bundlePath ? [`${base}/bundle.json`] : [])];
  const jsVersion = (built: BuiltPage) => built.etag.replace(/"/g, '');
  // The page's messages in each language it has (webDir/locales/<code>.json), fetched by the page
  // for the language shown (fetchMessages) rather than all bundled into its code, and cached by
  // the service worker at install so that every language still opens offline.
  const locales = new Map<string, Buffer>();
  for (const { code } of LANGUAGES) {
    const file = `${opts.webDir}locales/${code}.json`;
    if (fs.existsSync(file)) locales.set(code, fs.readFileSync(file));
  }
  const localeFiles = [...locales.keys()].map((code) => `${base}/locales/${code}.json`);
  // The HTML names the code's version, known once the page is built; a failed build still gets its HTML.
  const head = page.then((built) => ({ js: jsVersion(built), preload: built.preload ?? [] }), () => ({ js: undefined, preload: [] }))
    .then(({ js, preload }) => ({ js, parts: pageParts(base, js, cssVersion, early, locales.size > 0 ? { base, codes: [...locales.keys()], storageKey: opts.langStorageKey ?? 'lp.lang' } : undefined, preload) }));
  if (!HTML_TAG.test(template) || !BODY_TAG.test(template)) throw new TypeError(`${opts.webDir}index.html must have an <html> and a <body> tag: the loading state goes after <body>`);
  // One HTML per language the server can tell (and one for "not known"), each in the loading
  // state's words and direction; built on first use.
  const htmlByLang = new Map<string, Promise<{ bytes: Buffer; key: string }>>();
  const html = (lang: string | undefined) => {
    const k = lang ?? '';
    let h = htmlByLang.get(k);
    if (!h) {
      h = head.then(({ js, parts }) => ({
        bytes: Buffer.from(template
          .replace(HTML_TAG, `<html lang="${lang ?? 'en'}" dir="${lang !== undefined && RTL.has(lang) ? 'rtl' : 'ltr'}">`)
          .replace(HEAD_MARK, parts.head)
          .replace(BODY_TAG, (tag) => `${tag}\n${renderLoadingState(lang)}\n${parts.afterLoading}`)),
        key: `html${js ?? ''}-${k}`,
      }));
      htmlByLang.set(k, h);
    }
    return h;
  };
  const appFiles = opts.app ? [`${base}/manifest.webmanifest`, `${base}/icon-192.png`] : [];
  // Not zxing's .wasm (354 KB of a first visit on a slow link): it comes when a photo or the
  // camera first needs it, and the service worker keeps it from then on. The code by its
  // versioned URL, which the page has just loaded: the install finds it in the HTTP cache.
  // Every chunk too, those loaded only when used included (a photo, a full record, the summary):
  // after the first visit each part of the page works offline.
  const precache = (built: BuiltPage) => [base, `${base}/app.js?v=${jsVersion(built)}`, `${base}/app.css?v=${cssVersion}`, ...[...(built.chunks?.keys() ?? [])].map((c) => `${base}/${c}`), `${base}/config.json`, ...FONTS.map((f) => `${base}/fonts/${f}`), ...localeFiles, ...appFiles, ...(opts.precache ?? [])];
  const noCache = (res: Response) => res.set('Cache-Control', 'no-cache');
  // Text assets, the .wasm and the fonts go out brotli or gzip compressed, each compressed once.
  const send = createCompressedSender();
  const wasm = fs.readFileSync(WASM_PATH);
  const fonts = new Map(FONTS.map((f) => [f, fs.readFileSync(path.join(FONT_DIR, f))]));

  router.get([base, `${base}/`, `${base}/index.html`], async (req, res) => {
    const { bytes, key } = await html(pickPageLanguage(req.query.lang, req.get('accept-language')));
    // The loading state is drawn in the language Accept-Language names: a cache must not hand one
    // reader's copy to another.
    send(req, noCache(res).type('html').vary('Accept-Language'), bytes, key);
  });
  router.get(`${base}/app.css`, (req, res) => {
    res.set('Cache-Control', req.query.v === cssVersion ? FOREVER : 'no-cache');
    send(req, res.type('css'), css, 'css');
  });
  router.get(`${base}/app.js`, async (req, res, next) => {
    try {
      const built = await page;
      res.set('Cache-Control', req.query.v === jsVersion(built) ? FOREVER : 'no-cache');
      send(req, res.set('ETag', built.etag).type('application/javascript'), built.js, `js${built.etag}`);
    } catch (err) {
      next(err);
    }
  });
  // Chunks are named by their content hash: kept a year, like the versioned code.
  router.get(`${base}/chunks/:name`, async (req, res, next) => {
    try {
      const built = await page;
      const bytes = built.chunks?.get(`chunks/${String(req.params.name)}`);
      if (!bytes) { problem(res, 404, 'no such chunk', 'CHUNK_NOT_FOUND'); return; }
      send(req, res.set('Cache-Control', FOREVER).type('application/javascript'), bytes, `chunk-${String(req.params.name)}`);
    } catch (err) {
      next(err);
    }
  });
  router.get(`${base}/sw.js`, async (req, res, next) => {
    try {
      const built = await page;
      const cachePrefix = `lp-${base.replace(/^\//, '')}-`;
      const sw = renderServiceWorker({ scope: base, cachePrefix, version: built.etag.replace(/"/g, ''), precache: precache(built) });
      send(req, noCache(res).set('Service-Worker-Allowed', base).type('application/javascript'), Buffer.from(sw), `sw${built.etag}`);
    } catch (err) {
      next(err);
    }
  });
  router.get(`${base}/zxing_reader.wasm`, (req, res) => {
    send(req, noCache(res).type('application/wasm'), wasm, 'wasm');
  });
  for (const [font, bytes] of fonts) {
    router.get(`${base}/fonts/${font}`, (req, res) => {
      send(req, noCache(res).type('font/ttf'), bytes, font);
    });
  }
  router.get(`${base}/locales/:file`, (req, res) => {
    const bytes = locales.get(String(req.params.file).replace(/\.json$/, ''));
    if (!bytes || !String(req.params.file).endsWith('.json')) { problem(res, 404, 'no such message file', 'LOCALE_NOT_FOUND'); return; }
    send(req, noCache(res).type('json'), bytes, `locale-${req.params.file}`);
  });
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

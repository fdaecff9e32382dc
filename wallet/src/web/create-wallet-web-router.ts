import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import { buildWebPageOnce, createPageRouter, type BuiltPage, type PageTrustOptions } from '@lp/web-kit/node';
import { renderIconPng } from './render-icon.ts';

export interface WalletWebOptions extends PageTrustOptions {
  /** The documented DEMO passphrase, shown on the page only in demo mode. */
  demoPassphrase?: string;
}

const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

/** The wallet page's JavaScript, bundled once per process. */
export function buildWalletPageOnce(): Promise<BuiltPage> {
  return buildWebPageOnce(`${WEB_DIR}main.ts`);
}

/**
 * The learner's wallet page at /wallet: everything runs in the browser (vault in IndexedDB,
 * Argon2id + AES-GCM from wallet/src/core); the server hands out the page, its JavaScript, the
 * zxing .wasm, the manifest and icons (installable), the anchors to pin and the trust bundle.
 */
export function createWalletWebRouter(opts: WalletWebOptions): Router {
  const { demoPassphrase, ...trust } = opts;
  const router = createPageRouter({
    ...trust,
    base: '/wallet',
    webDir: WEB_DIR,
    page: buildWalletPageOnce(),
    config: { demoPassphrase: opts.demoIssuer ? demoPassphrase ?? null : null },
    precache: ['/wallet/manifest.webmanifest', '/wallet/icon-192.png'],
  });
  const manifest = fs.readFileSync(`${WEB_DIR}manifest.webmanifest`);
  const icons = new Map<number, Uint8Array>();
  router.get('/wallet/manifest.webmanifest', (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('application/manifest+json').send(manifest);
  });
  router.get('/wallet/icon-:size.png', (req, res) => {
    const size = Number(req.params.size);
    if (size !== 192 && size !== 512) { res.status(404).end(); return; }
    if (!icons.has(size)) icons.set(size, renderIconPng(size));
    res.set('Cache-Control', 'no-cache').type('png').send(Buffer.from(icons.get(size)!));
  });
  return router;
}

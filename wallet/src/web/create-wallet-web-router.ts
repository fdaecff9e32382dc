import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import { buildWebPageOnce, createPageRouter, type BuiltPage, type PageTrustOptions } from '@lp/web-kit/node';

/** The anchors, trust bundle file and DEMO body the page is told about. */
export type WalletWebOptions = PageTrustOptions;

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
  return createPageRouter({
    ...opts,
    base: '/wallet',
    webDir: WEB_DIR,
    page: buildWalletPageOnce(),
    app: { iconColor: [26, 79, 160] },
  });
}

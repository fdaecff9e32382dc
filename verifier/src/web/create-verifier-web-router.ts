import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import { buildWebPageOnce, createPageRouter, type BuiltPage, type PageTrustOptions } from '@lp/web-kit/node';

/** The anchors, trust bundle file and DEMO body the page is told about. */
export type VerifierWebOptions = PageTrustOptions;

const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

/** The verifier page's JavaScript, bundled once per process (about 1 s). */
export function buildVerifierPage(): Promise<BuiltPage> {
  return buildWebPageOnce(`${WEB_DIR}main.ts`);
}

/**
 * The offline verifier page at /verify (DESIGN.md "Verifier"): the page verifies in the browser
 * with @lp/verify; the server only hands out the page, its JavaScript, zxing's .wasm, a config
 * with the anchors to pin, the trust bundle, and the manifest and icons (installable).
 */
export function createVerifierWebRouter(opts: VerifierWebOptions): Router {
  return createPageRouter({ ...opts, base: '/verify', webDir: WEB_DIR, page: buildVerifierPage(), app: { iconColor: [10, 107, 45] } });
}

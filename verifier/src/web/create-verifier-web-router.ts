import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import { buildWebPageOnce, createPageRouter, type BuiltPage } from '@lp/web-kit/node';

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

/** The verifier page's JavaScript, bundled once per process (about 1 s). */
export function buildVerifierPage(): Promise<BuiltPage> {
  return buildWebPageOnce(`${WEB_DIR}main.ts`);
}

/**
 * The offline verifier page at /verify (DESIGN.md "Verifier"): the page verifies in the browser
 * with @lp/verify; the server only hands out the page, its JavaScript, zxing's .wasm, a config
 * with the anchors to pin, and the trust bundle.
 */
export function createVerifierWebRouter(opts: VerifierWebOptions): Router {
  return createPageRouter({
    base: '/verify',
    webDir: WEB_DIR,
    page: buildVerifierPage(),
    config: {
      anchors: opts.anchors,
      bundleUrl: opts.bundlePath ? '/verify/bundle.json' : null,
      demoIssuer: opts.demoIssuer ?? null,
    },
    ...(opts.bundlePath ? { bundlePath: opts.bundlePath } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  });
}

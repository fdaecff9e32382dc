// The pages' code as esbuild splits it for a slow link: what the first load runs (the entry and the
// chunks it imports statically) holds neither the QR decoders (jsQR) nor JSON-LD and the pinned
// contexts; those are in chunks loaded by import() when a photo, the camera, a full record or a
// status list needs them, and the service worker caches every chunk (test/browser/verifier-page
// verifies a seal offline, its status list through the Data Integrity chunk from that cache).
import { describe, expect, it } from '@jest/globals';
import { buildVerifierPage } from '../verifier/src/web/create-verifier-web-router.ts';
import { buildWalletPageOnce } from '../wallet/src/web/create-wallet-web-router.ts';

// Strings each of those parts carries in its minified code: jsQR's name, a jsonld error message,
// the Open Badges 3.0 context's URL as the bundled contexts key it.
const LAZY_MARKERS = ['jsQR', 'Invalid JSON-LD syntax', 'https://purl.imsglobal.org/spec/ob/v3p0/context'];

describe.each([['/verify', buildVerifierPage], ['/wallet', buildWalletPageOnce]] as const)('%s page code', (_page, build) => {
  it('the first load carries no QR decoder, JSON-LD or context; the chunks loaded on use do', async () => {
    const built = await build();
    const text = (b: Uint8Array) => new TextDecoder().decode(b);
    const chunks = built.chunks ?? new Map<string, Uint8Array>();
    const preload = built.preload ?? [];
    const first = [text(built.js), ...preload.map((p) => text(chunks.get(p)!))].join('\n');
    const lazy = [...chunks].filter(([name]) => !preload.includes(name)).map(([, b]) => text(b)).join('\n');
    for (const marker of LAZY_MARKERS) {
      expect([marker, first.includes(marker)]).toEqual([marker, false]);
      expect([marker, lazy.includes(marker)]).toEqual([marker, true]);
    }
    // Every import() and static import of the code names a chunk the page serves.
    for (const source of [text(built.js), ...[...chunks.values()].map(text)]) {
      for (const m of source.matchAll(/["']\.\.?\/(?:chunks\/)?([\w-]+\.js)["']/g)) expect([...chunks.keys()].map((k) => k.replace(/^chunks\//, ''))).toContain(m[1]);
    }
    expect(built.gzipBytes).toBeLessThan(built.lazyGzipBytes ?? 0);
  }, 120_000);
});

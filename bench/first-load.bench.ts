// First visit of /verify and /wallet in headless Chromium: bytes on the wire (headers included)
// until the page is ready, and after the service worker's precache, counted per response by a
// proxy in front of the real server (test/browser/lib/measure-first-load.ts) — the entry, every
// chunk, the styles, the message files, fonts, the .wasm: each kind of asset on its own row.
// Not throttled: the bytes, not the time, are measured here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../test/browser/lib/browser-helpers.ts';
import { measureFirstLoad, type WireResponse } from '../test/browser/lib/measure-first-load.ts';
import { startServer } from '../cli/src/server.ts';

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

/** The kind of asset a response is, by its path under the page and its Content-Type. */
function kindOf(r: WireResponse, base: string): string {
  // The service worker's install asks again for what the page has just loaded: no body comes back.
  if (r.status === 304) return 'revalidated (304, no body)';
  if (r.path === `${base}/app.js`) return 'JavaScript: entry (app.js)';
  if (r.path.startsWith(`${base}/chunks/`)) return 'JavaScript: chunks';
  if (r.path.endsWith('/sw.js')) return 'JavaScript: service worker';
  if (r.path.startsWith(`${base}/locales/`)) return 'messages (locales/*.json)';
  if (r.path === `${base}/bundle.json`) return 'trust bundle';
  if (r.path === `${base}/config.json`) return 'config';
  if (r.path === `${base}/app.css`) return 'styles (app.css)';
  if (r.contentType === 'text/html') return 'HTML (the loading state inline)';
  if (r.contentType.startsWith('font/')) return 'fonts';
  if (r.contentType === 'application/wasm') return '.wasm';
  if (r.contentType.startsWith('image/') || r.contentType === 'application/manifest+json') return 'manifest and icons';
  return `other (${r.contentType || 'no type'})`;
}

function byKind(responses: readonly WireResponse[], base: string): Map<string, { files: number; bytes: number }> {
  const kinds = new Map<string, { files: number; bytes: number }>();
  for (const r of responses) {
    const k = kinds.get(kindOf(r, base)) ?? { files: 0, bytes: 0 };
    kinds.set(kindOf(r, base), { files: k.files + 1, bytes: k.bytes + r.bytes });
  }
  return kinds;
}

export async function benchFirstLoad(): Promise<{ title: string; headers: string[]; rows: (string | number)[][] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-first-load-'));
  const server = await startServer({ port: 0, cwd: dir, log: () => {}, env: { LP_DATA_DIR: path.join(dir, 'd'), LP_DEMO: '0' } });
  const browser = await launchChromium();
  const rows: (string | number)[][] = [];
  try {
    for (const page of ['/verify', '/wallet']) {
      // The page build and the first compression of each asset happen outside the measurement.
      await measureFirstLoad(browser, server.port, page).then((m) => m.close());
      const m = await measureFirstLoad(browser, server.port, page);
      try {
        // Whatever is still on the way once the worker is active (its precache) is counted too.
        await new Promise((r) => setTimeout(r, 2000));
        const all = m.responsesNow();
        const atReady = all.slice(0, m.responsesAtReady);
        const total = (rs: readonly WireResponse[]) => rs.reduce((n, r) => n + r.bytes, 0);
        rows.push([`${page} first visit`, `${kb(total(atReady))} in ${atReady.length} responses`, `${kb(total(all))} in ${all.length} responses`, 'target ≤ 700 KB']);
        const ready = byKind(atReady, page);
        for (const [kind, { files, bytes }] of [...byKind(all, page)].sort((a, b) => b[1].bytes - a[1].bytes)) {
          const r = ready.get(kind);
          rows.push([`${page}: ${kind}`, r ? `${kb(r.bytes)} (${r.files})` : '—', `${kb(bytes)} (${files})`, '']);
        }
      } finally {
        await m.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { title: 'Pages: bytes on the wire for a first visit, per kind of asset (brotli where the browser takes it; (n) = responses)', headers: ['page', 'until ready', 'with the service worker precache', 'note'], rows };
}

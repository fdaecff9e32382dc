// What a page's first visit asks for, as createPageRouter serves it: the HTML starts the config
// (and the trust bundle, when there is one) itself; each language's messages are their own file;
// the service worker caches those at install, and not zxing's .wasm.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { createPageRouter } from '../src/node/index.ts';
import { listen } from '../../../test/lib/listen.ts';

describe('createPageRouter: first requests', () => {
  let dir: string;
  let url: string;
  let stop: () => Promise<void>;

  async function start(opts: { bundlePath?: string } = {}): Promise<void> {
    const app = express();
    app.use(createPageRouter({ base: '/p', webDir: `${dir}/`, page: Promise.resolve({ js: new TextEncoder().encode('export {}'), gzipBytes: 0, etag: '"v1"' }), anchors: [], ...opts }));
    ({ url, stop } = await listen(app));
  }

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-page-first-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><!--lp-head--></head><body></body></html>');
    fs.writeFileSync(path.join(dir, 'styles.css'), 'body { margin: 0 }');
    fs.mkdirSync(path.join(dir, 'locales'));
    fs.writeFileSync(path.join(dir, 'locales', 'en.json'), JSON.stringify({ title: 'Verify' }));
    fs.writeFileSync(path.join(dir, 'locales', 'fr.json'), JSON.stringify({ title: 'Vérifier' }));
    fs.writeFileSync(path.join(dir, 'bundle.json'), '{}');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('each language the page has is served as its own message file; any other name is 404 LOCALE_NOT_FOUND', async () => {
    await start();
    try {
      const fr = await fetch(`${url}/p/locales/fr.json`);
      expect([fr.status, fr.headers.get('cache-control'), await fr.json()]).toEqual([200, 'no-cache', { title: 'Vérifier' }]);
      for (const name of ['de.json', 'fr', 'fr.js', 'en.json.bak', '..%2Findex.html']) {
        const r = await fetch(`${url}/p/locales/${name}`);
        expect([name, r.status, ((await r.json()) as { code: string }).code]).toEqual([name, 404, 'LOCALE_NOT_FOUND']);
      }
    } finally {
      await stop();
    }
  });

  it('the HTML starts the config itself, and the trust bundle only when there is one', async () => {
    await start();
    try {
      const html = await (await fetch(`${url}/p`)).text();
      expect(html).toContain('self.lpEarly={"/p/config.json":fetch("/p/config.json",{cache:"no-cache"})}');
    } finally {
      await stop();
    }
    await start({ bundlePath: path.join(dir, 'bundle.json') });
    try {
      const html = await (await fetch(`${url}/p`)).text();
      expect(html).toContain('"/p/bundle.json":fetch("/p/bundle.json",{cache:"no-cache"})');
    } finally {
      await stop();
    }
  });

  it('the service worker caches the code and styles by their versioned URLs and every message file at install, not the .wasm', async () => {
    await start();
    try {
      const sw = await (await fetch(`${url}/p/sw.js`)).text();
      const precache = JSON.parse(/const PRECACHE = (\[.*\]);/.exec(sw)![1]!) as string[];
      const html = await (await fetch(`${url}/p`)).text();
      const cssUrl = /<link rel="stylesheet" href="([^"]+)">/.exec(html)?.[1];
      expect(cssUrl).toMatch(/^\/p\/app\.css\?v=[0-9a-f]{16}$/);
      expect(precache).toEqual(expect.arrayContaining(['/p', '/p/app.js?v=v1', cssUrl, '/p/config.json', '/p/locales/en.json', '/p/locales/fr.json']));
      expect(precache.filter((p) => p.endsWith('.wasm'))).toEqual([]);
    } finally {
      await stop();
    }
  });
});

// What a first visit of each page costs a phone, in bytes on the wire (not time): the page, its
// code, styles, fonts and config, and everything the service worker caches at install, at most
// 700 KB; zxing's .wasm is not among them, and comes only when a photo or the camera needs it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { encodePng, renderQrImage } from '@lp/qr/node';
import { startServer } from '../../cli/src/server.ts';
import { launchChromium } from './lib/browser-helpers.ts';
import { measureFirstLoad } from './lib/measure-first-load.ts';

const LIMIT = 700 * 1024;

describe('a first visit of the pages', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-first-load-'));
    server = await startServer({ port: 0, cwd: dir, log: () => {}, env: { LP_DATA_DIR: path.join(dir, 'd'), LP_DEMO: '0' } });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(['/verify', '/wallet'])('%s: at most 700 KB with the service worker installed, and no .wasm', async (page) => {
    const m = await measureFirstLoad(browser, server.port, page);
    try {
      expect(m.paths).toContain(`${page}/app.js`);
      expect(m.paths).toContain(`${page}/sw.js`);
      expect(m.paths.filter((p) => p.endsWith('.wasm'))).toEqual([]);
      expect(m.bytesAtReady).toBeLessThanOrEqual(m.bytesTotal);
      expect(m.bytesTotal).toBeLessThanOrEqual(LIMIT);
      // Each response is counted on its own (bench/first-load.bench.ts reports them by kind): one
      // per request, their bytes adding up to everything the server sent.
      expect(m.responses.map((r) => r.path).sort()).toEqual([...m.paths].sort());
      expect(m.responses.reduce((n, r) => n + r.bytes, 0)).toBe(m.bytesTotal);
      expect([...new Set(m.responses.filter((r) => r.path.includes('/chunks/')).map((r) => `${r.status} ${r.contentType}`))]).toEqual(['200 application/javascript']);
    } finally {
      await m.close();
    }
  });

  it('the verifier fetches the .wasm when a photo is read, and the service worker keeps it for offline use', async () => {
    const m = await measureFirstLoad(browser, server.port, '/verify');
    try {
      expect(m.pathsNow().filter((p) => p.endsWith('.wasm'))).toEqual([]);
      const photo = path.join(dir, 'not-a-seal.png');
      fs.writeFileSync(photo, encodePng(renderQrImage('LP1:THIS-IS-NOT-A-SEAL', { scale: 4 })));
      await m.page.setInputFiles('#photo', photo);
      await m.page.waitForSelector('body[data-verdict]', { timeout: 120_000 });
      expect(m.pathsNow().filter((p) => p.endsWith('.wasm'))).toEqual(['/verify/zxing_reader.wasm']);
      const cached = await m.page.evaluate(async () => {
        for (const name of await caches.keys()) if (await (await caches.open(name)).match('/verify/zxing_reader.wasm')) return true;
        return false;
      });
      expect(cached).toBe(true);
    } finally {
      await m.close();
    }
  });
});

// A page shows that it is loading from its first paint, before its JavaScript has run, and stops
// once the code marks the body ready: the bar comes with the HTML, not with the code.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import type { Browser } from 'playwright-core';
import { createPageRouter } from '@lp/web-kit/node';
import { launchChromium } from './lib/browser-helpers.ts';

describe('the loading bar of a page', () => {
  let dir: string;
  let server: Server;
  let url: string;
  let browser: Browser;
  let releaseCode: () => void = () => {};

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-page-loading-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><!--lp-head--></head><body><main>page</main></body></html>');
    fs.writeFileSync(path.join(dir, 'styles.css'), 'body { margin: 0 }');
    const js = new TextEncoder().encode("document.body.dataset.ready = 'true';\n");
    const app = express();
    // The code is held back until the test lets it go: a slow link, without a clock.
    const held = new Promise<void>((resolve) => { releaseCode = resolve; });
    app.use(`/p/app.js`, async (_req, _res, next) => { await held; next(); });
    app.use(createPageRouter({ base: '/p', webDir: `${dir}/`, page: Promise.resolve({ js, gzipBytes: 0, etag: '"v1"' }), anchors: [] }));
    server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is drawn while the code has not arrived, and gone once the page is ready', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/p`, { waitUntil: 'commit' });
    await page.waitForSelector('main');
    const bar = () => page.evaluate(() => {
      const s = getComputedStyle(document.body, '::before');
      return { content: s.content, animation: s.animationName, height: s.height, ready: document.body.dataset.ready ?? null };
    });
    expect(await bar()).toEqual({ content: '""', animation: 'lp-loading', height: '4px', ready: null });
    releaseCode();
    await page.waitForSelector('body[data-ready=true]');
    expect((await bar()).content).toBe('none');
    await page.close();
  });
});

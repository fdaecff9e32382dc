// The pages' assets go out brotli or gzip compressed by what the client accepts, identical once
// decompressed, with Vary: Accept-Encoding; a client that accepts neither gets the bytes as they are.
// The code is named by content hash in the HTML and kept a year under that name; the styles are inline.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import express from 'express';
import { createPageRouter } from '../src/node/index.ts';
import { pickContentCoding } from '../src/node/send-compressed.ts';
import { listen } from '../../../test/lib/listen.ts';

describe('pickContentCoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['GZIP;Q=1', 'gzip'],
    ['deflate', 'identity'],
    ['br;q=0,gzip;q=0', 'identity'],
    ['x-gzip', 'gzip'],
  ])('%j → %s', (header, coding) => {
    expect(pickContentCoding(header)).toBe(coding);
  });
});

/** A raw GET (no client-side decompression), so the bytes on the wire are what is asserted. */
function get(url: string, acceptEncoding?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('createPageRouter compression', () => {
  let dir: string;
  let stop: () => Promise<void>;
  let url: string;
  // Repetitive like minified JavaScript, large enough to be worth compressing.
  const js = new TextEncoder().encode('export function f(a){return a+1}\n'.repeat(2000));

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-page-gz-'));
    fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><html><head><!--lp-head--></head><body>${'<p>page</p>'.repeat(100)}</body></html>`);
    fs.writeFileSync(path.join(dir, 'styles.css'), 'body { margin: 0 }\n'.repeat(100));
    const app = express();
    app.use(createPageRouter({ base: '/p', webDir: `${dir}/`, page: Promise.resolve({ js, gzipBytes: 0, etag: '"v1"' }), anchors: [] }));
    ({ url, stop } = await listen(app));
  });
  afterAll(async () => {
    await stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(['/p/app.js', '/p', '/p/app.css', '/p/zxing_reader.wasm', '/p/sw.js'])('%s: br, gzip and identity give the same bytes; br and gzip are smaller', async (route) => {
    const plain = await get(url + route);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    const br = await get(url + route, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length);
    const gz = await get(url + route, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(gz.body.length).toBeLessThan(plain.body.length);
  });

  it('app.js is the page bytes, with its ETag; a matching If-None-Match gets 304', async () => {
    const plain = await get(`${url}/p/app.js`);
    expect(plain.body.equals(Buffer.from(js))).toBe(true);
    expect(plain.headers.etag).toBe('"v1"');
    const again = await new Promise<number>((resolve) => {
      http.get(`${url}/p/app.js`, { headers: { 'if-none-match': '"v1"', 'accept-encoding': 'br' } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
    });
    expect(again).toBe(304);
  });

  it('the HTML names app.js and app.css by content hash, the styles linked after the loading state; versioned URLs are kept a year, the bare and stale ones revalidated', async () => {
    const html = (await get(`${url}/p`)).body.toString('utf8');
    const jsUrl = /src="(\/p\/app\.js\?v=[0-9a-z]+)"/.exec(html)?.[1];
    expect(jsUrl).toBe('/p/app.js?v=v1');
    const css = (await get(`${url}/p/app.css`)).body.toString('utf8');
    const cssUrl = `/p/app.css?v=${createHash('sha256').update(css).digest('hex').slice(0, 16)}`;
    expect(html).toContain(`<link rel="stylesheet" href="${cssUrl}">`);
    expect(html).not.toContain(css);
    expect(html.indexOf('id="lp-loading"')).toBeLessThan(html.indexOf(cssUrl));
    expect(html.indexOf(cssUrl)).toBeLessThan(html.indexOf(jsUrl!));
    for (const route of [jsUrl!, cssUrl]) expect((await get(url + route)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const route of ['/p/app.js', '/p/app.js?v=0123456789abcdef', '/p/app.css', '/p/app.css?v=old', '/p']) {
      expect([route, (await get(url + route)).headers['cache-control']]).toEqual([route, 'no-cache']);
    }
  });
});

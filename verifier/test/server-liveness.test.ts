// Nothing stalls the server: seal photos are decoded in a bounded pool of worker threads, so
// /health and issuance answer while large noise images are being decoded; a full pool answers
// 503 BUSY with Retry-After; the verify routes are rate limited per address; slow bodies are cut.
// Order and liveness are asserted, never durations.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import type { Server } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { encodePng, renderQrImage } from '@lp/qr/node';
import { startServer, type RunningServer } from '../../cli/src/server.ts';
import { addAchievements, createApiKey, initIssuer, openIssuerStore, parseCatalogueFile } from '../../issuer/src/index.ts';
import { FIXTURES, ISSUE_FROM_CATALOGUE, T0 } from '../../issuer/test/issuer-helpers.ts';
import { noisePng } from '../../test/lib/noise-png.ts';
import { BUSY_RETRY_AFTER_S, createImagePool, createVerifyRouter, type ImagePool } from '../src/index.ts';

const postImage = (url: string, body: Uint8Array) => fetch(`${url}/seals/verify`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: body as Uint8Array<ArrayBuffer> });

describe('the whole server while three 10 MB noise photos are decoded', () => {
  let work: string;
  let server: RunningServer;
  let apiKey: string;
  const noise = noisePng(7);

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-liveness-'));
    const dataDir = path.join(work, 'issuer');
    const store = await openIssuerStore(dataDir, { create: true });
    await initIssuer(store, { names: { en: 'Liveness Examinations Board' }, country: 'JO', passphrase: 'pw', now: T0, actor: 'cli' });
    await addAchievements(store, parseCatalogueFile(fs.readFileSync(path.join(FIXTURES, 'catalogue.json'), 'utf8'), 'json'), { now: T0, actor: 'cli' });
    apiKey = (await createApiKey(store, { label: 'office', now: T0, random: (n) => crypto.getRandomValues(new Uint8Array(n)), actor: 'cli' })).key;
    await store.close();
    server = await startServer({
      port: 0, cwd: work, log: () => {}, now: () => T0,
      env: { LP_DATA_DIR: dataDir, LP_PASSPHRASE: 'pw', LP_DEMO: '0', LP_IMAGE_THREADS: '1', LP_IMAGE_QUEUE: '2', LP_REQUEST_TIMEOUT_MS: '8000' },
    });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('the photo is over 10 MB of random pixels', () => {
    expect(noise.length).toBeGreaterThan(10_000_000);
    expect(noise.length).toBeLessThan(10 * 1024 * 1024);
  });

  it('GET /health and POST /credentials/issue complete before any of the photos does', async () => {
    const order: string[] = [];
    const photos = [1, 2, 3].map((i) => postImage(server.url, noise).then(async (r) => { order.push(`photo${i}`); return { status: r.status, body: await r.json() }; }));
    const health = fetch(`${server.url}/health`).then(async (r) => { order.push('health'); return r.status; });
    const issued = fetch(`${server.url}/credentials/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(ISSUE_FROM_CATALOGUE),
    }).then(async (r) => { order.push('issue'); return r.status; });
    expect(await health).toBe(200);
    expect(await issued).toBe(201);
    const results = await Promise.all(photos);
    expect(order.slice(0, 2).sort()).toEqual(['health', 'issue']);
    expect(order).toHaveLength(5);
    for (const { status, body } of results) {
      expect(status).toBe(422);
      expect(body.checks[0]).toMatchObject({ id: 'decode', status: 'unknown', code: 'NO_QR_FOUND' });
    }
  });

  it('three slow-body connections are answered 408 and closed once the request timeout passes', async () => {
    const slow = () => new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
      let received = '';
      // One byte of a 100 kB body every 100 ms: each read keeps an idle timeout happy for ever.
      const drip = setInterval(() => socket.write('{'), 100);
      socket.on('connect', () => socket.write('POST /credentials/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n'));
      socket.on('data', (d) => { received += d.toString('latin1'); });
      socket.on('error', () => {}); // a write after the server closed; the close event follows
      socket.on('close', () => { clearInterval(drip); resolve(received); });
      setTimeout(() => { clearInterval(drip); socket.destroy(); reject(new Error('still open')); }, 120_000).unref();
    });
    const answers = await Promise.all([slow(), slow(), slow()]);
    for (const a of answers) expect(a).toMatch(/^HTTP\/1\.1 408 /);
  }, 300_000);
});

describe('the verify router with a pool of one thread and one queue place', () => {
  let pool: ImagePool;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    pool = createImagePool({ threads: 1, queue: 1 });
    const app = express();
    app.use(createVerifyRouter({ now: () => T0, imagePool: pool, rateLimit: { limit: 8, windowMs: 60_000 } }));
    server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
    await pool.close();
  });

  it('a QR photo is decoded in the worker thread and its seal checked', async () => {
    const res = await postImage(url, encodePng(renderQrImage('LP1:NOT-A-SEAL', { scale: 4 })));
    expect(res.status).toBe(422);
    const body = await res.json();
    // The text came out of the image: what fails is the seal inside, not the decoding.
    expect(body.checks[0].code).not.toMatch(/NO_QR_FOUND|IMAGE_|DECODER_UNAVAILABLE/);
  });

  it('past the running photo and the queued one, the next is refused 503 BUSY with Retry-After', async () => {
    const noise = noisePng(11);
    const first = postImage(url, noise);
    const second = postImage(url, noise);
    // Wait (without timing) until both are inside the pool.
    while (pool.inFlight() < 2) await new Promise((r) => setTimeout(r, 20));
    const third = await postImage(url, noise);
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe(String(BUSY_RETRY_AFTER_S));
    expect(await third.json()).toMatchObject({ code: 'BUSY', status: 503 });
    expect((await first).status).toBe(422);
    expect((await second).status).toBe(422);
    expect(pool.inFlight()).toBe(0);
  });

  it('the ninth verification from one address in a minute → 429 RATE_LIMITED with Retry-After', async () => {
    // Four requests above, three here, then the eighth and last allowed; the clock is fixed at T0.
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${url}/seals/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seal: 'LP1:X' }) });
      expect(r.status).not.toBe(429);
    }
    const last = await fetch(`${url}/credentials/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(last.status).toBe(400);
    const over = await fetch(`${url}/credentials/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await over.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

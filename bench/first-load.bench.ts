// First visit of /verify and /wallet in headless Chromium: bytes on the wire (headers included)
// until the page is ready, and after the service worker's precache, counted by a TCP proxy in
// front of the real server. Not throttled: the bytes, not the time, are measured here.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../test/browser/lib/browser-helpers.ts';
import { startServer } from '../cli/src/server.ts';

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

export async function benchFirstLoad(): Promise<{ title: string; headers: string[]; rows: (string | number)[][] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-first-load-'));
  const server = await startServer({ port: 0, cwd: dir, log: () => {}, env: { LP_DATA_DIR: path.join(dir, 'd'), LP_DEMO: '0' } });
  let down = 0;
  const proxy = net.createServer((client) => {
    const up = net.connect(server.port, '127.0.0.1');
    client.pipe(up);
    up.on('data', (d) => { down += d.length; client.write(d); });
    up.on('end', () => client.end());
    client.on('error', () => up.destroy());
    up.on('error', () => client.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  const port = (proxy.address() as net.AddressInfo).port;
  const browser = await launchChromium();
  const rows: (string | number)[][] = [];
  try {
    for (const page of ['verify', 'wallet']) {
      // The page build and the first compression of each asset happen outside the measurement.
      for (const asset of ['app.js', 'zxing_reader.wasm']) await fetch(`http://127.0.0.1:${server.port}/${page}/${asset}`, { headers: { 'accept-encoding': 'br' } }).then((r) => r.arrayBuffer());
      const ctx = await browser.newContext();
      const p = await ctx.newPage();
      down = 0;
      await p.goto(`http://localhost:${port}/${page}`);
      await p.waitForSelector('body[data-ready=true]', { timeout: 120_000 });
      const atReady = down;
      await p.waitForLoadState('networkidle');
      await new Promise((r) => setTimeout(r, 2000)); // the service worker installs after the load
      rows.push([`/${page} first visit`, kb(atReady), kb(down), 'target ≤ 700 KB']);
      await ctx.close();
    }
  } finally {
    await browser.close();
    proxy.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { title: 'Pages: bytes on the wire for a first visit (brotli where the browser takes it)', headers: ['page', 'until ready', 'with the service worker precache', 'note'], rows };
}

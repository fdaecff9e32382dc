// Web pages bench: what the verifier page transfers (JavaScript and the zxing .wasm, gzip) and the
// time from a seal in front of the camera to the verdict on screen, in headless Chromium with a
// fake camera playing the DEMO seal (median of a few runs; cold = fresh browser context).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { fakeCameraArgs, launchTestChromium } from '../test/lib/find-chromium.ts';
import { decodeImageFile, writeY4m } from '@lp/qr/node';
import { buildVerifierPage } from '@lp/verifier/web';
import { buildWalletPageOnce } from '@lp/wallet/web';
import { startServer } from '../cli/src/server.ts';

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? NaN; };
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export async function benchWeb(opts: { runs?: number } = {}): Promise<{ title: string; headers: string[]; rows: (string | number)[][] }> {
  const runs = opts.runs ?? 3;
  const verifier = await buildVerifierPage();
  const wallet = await buildWalletPageOnce();
  const wasm = fs.readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  const rows: (string | number)[][] = [
    ['verifier page JavaScript (gzip)', kb(verifier.gzipBytes), `first load (entry ${kb(verifier.js.length)} minified and the chunks it imports)`],
    ['verifier page JavaScript loaded on use (gzip)', kb(verifier.lazyGzipBytes ?? 0), 'QR decoders, full records, learner summary, decision form'],
    ['zxing_reader.wasm (gzip)', kb(gzipSync(wasm, { level: 9 }).length), `${kb(wasm.length)} raw; served by our server, cached by the service worker`],
    ['wallet page JavaScript (gzip)', kb(wallet.gzipBytes), `first load (entry ${kb(wallet.js.length)} minified and the chunks it imports)`],
    ['wallet page JavaScript loaded on use (gzip)', kb(wallet.lazyGzipBytes ?? 0), 'QR decoders and encoder, the vault, verification'],
  ];

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-web-bench-'));
  const server = await startServer({ port: 0, env: { LP_DATA_DIR: path.join(dir, 'data') }, cwd: dir, demo: true, log: () => undefined });
  const png = fs.readFileSync(path.join(dir, 'data', 'demo', 'amina-haddad', 'demo-math.png'));
  const video = path.join(dir, 'camera.y4m');
  fs.writeFileSync(video, writeY4m([decodeImageFile(png)], 640, 480, 10));
  const browser = await launchTestChromium(fakeCameraArgs(video));
  const cold: number[] = [];
  const warm: number[] = [];
  const load: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const ctx = await browser.newContext();
      await ctx.grantPermissions(['camera']);
      const page = await ctx.newPage();
      const t0 = Date.now();
      await page.goto(`${server.url.replace('127.0.0.1', 'localhost')}/verify`);
      await page.waitForSelector('body[data-ready=true]');
      load.push(Date.now() - t0);
      for (let j = 0; j < 2; j++) {
        await page.evaluate(() => { delete document.body.dataset.verdict; });
        await page.click('#camera-start');
        await page.waitForSelector('body[data-verdict]', { timeout: 30_000 });
        const h = await page.evaluate(() => (globalThis as unknown as { __lp: { cameraReadyAt: number; verdictAt: number } }).__lp);
        (j === 0 ? cold : warm).push(h.verdictAt - h.cameraReadyAt);
      }
      await ctx.close();
    }
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  rows.push(
    ['page load to ready (fresh context)', `${median(load)} ms`, `median of ${runs}; includes bundle fetch and trust bundle check`],
    ['camera to verdict, first scan', `${median(cold).toFixed(0)} ms`, `median of ${runs}; includes zxing .wasm download and compile`],
    ['camera to verdict, next scan', `${median(warm).toFixed(0)} ms`, `median of ${runs}; 640x480 fake camera, DEMO seal`],
  );
  return { title: 'Verifier and wallet pages in headless Chromium', headers: ['measure', 'value', 'notes'], rows };
}

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import type { Browser } from 'playwright-core';
import { launchTestChromium } from '../../../test/lib/find-chromium.ts';
import { verifyPure, verifyWith } from '../src/index.ts';
import { ACCEPTED, bytesOf, loadEdVectors, verdictTable } from './lib/ed25519-vectors.ts';

// The browser half of the one-policy proof: the same package, bundled for the browser, run in
// real headless Chromium (BoringSSL's WebCrypto Ed25519, and the pure path on V8): Debian's when
// on PATH, else the build from npm (test/lib/find-chromium.ts), so this never skips.
describe('Ed25519 verification policy: Node and headless Chromium agree on every vector', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchTestChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('all five paths give the same verdict for all 208 vectors', async () => {
    const vectors = loadEdVectors();
    const bundle = await esbuild.build({
      entryPoints: [fileURLToPath(new URL('./lib/browser-entry.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      write: false,
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
    });
    const code = bundle.outputFiles[0]!.text;
    // The bundle must be browser-safe: no Node built-ins pulled in.
    expect(code).not.toMatch(/from\s*["']node:/);

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // WebCrypto exists only in secure contexts: about:blank is not one, http://127.0.0.1 is.
    const server: Server = createServer((req, res) => {
      if (req.url === '/bundle.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>lp crypto</title><script type="module" src="/bundle.js"></script>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => typeof (globalThis as { lpRunVectors?: unknown }).lpRunVectors === 'function');
    const inPage = await page.evaluate(
      (vs) => (globalThis as unknown as { lpRunVectors: (v: unknown) => Promise<{ native: boolean; nodePath: boolean; verify: boolean[]; webcrypto: boolean[]; pure: boolean[]; keyCodes: string[] }> }).lpRunVectors(vs),
      vectors.map(({ publicKey, message, signature }) => ({ publicKey, message, signature })),
    );
    await page.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    expect(errors).toEqual([]);
    // Chromium must really have verified natively, or the webcrypto column would prove nothing.
    expect(inPage.native).toBe(true);
    // The page bundle took the "browser" branch of package.json "imports": no node:crypto path,
    // and `verify` (what the pages call) gave the WebCrypto verdicts.
    expect(inPage.nodePath).toBe(false);
    expect(inPage.verify).toEqual(inPage.webcrypto);

    const nodeCrypto: boolean[] = [];
    const webcryptoNode: boolean[] = [];
    const pureNode: boolean[] = [];
    for (const v of vectors) {
      const { publicKey, message, signature } = bytesOf(v);
      nodeCrypto.push(await verifyWith('node', publicKey, message, signature));
      webcryptoNode.push(await verifyWith('webcrypto', publicKey, message, signature));
      pureNode.push(verifyPure(publicKey, message, signature));
    }
    const columns = { 'node-crypto': nodeCrypto, 'webcrypto-node': webcryptoNode, 'pure-node': pureNode, 'webcrypto-chromium': inPage.webcrypto, 'pure-chromium': inPage.pure };
    const disagreements = vectors.filter((_, i) => new Set(Object.values(columns).map((c) => c[i])).size > 1).map((v) => v.label);
    console.log(
      `Ed25519 verdicts on every path (${vectors.length} vectors; ${disagreements.length} disagreements; accepted: ${vectors.filter((_, i) => webcryptoNode[i]).map((v) => v.label).join(', ')})\n` +
        verdictTable(vectors, columns, inPage.keyCodes),
    );
    expect(disagreements).toEqual([]);
    for (const column of Object.values(columns)) expect(vectors.filter((_, i) => column[i]).map((v) => v.label)).toEqual(ACCEPTED);
    // The key policy is the same code in both runtimes; a small-order or non-canonical key is never accepted.
    inPage.keyCodes.forEach((c, i) => {
      if (c !== 'ok') expect(Object.values(columns).map((col) => col[i])).toEqual([false, false, false, false, false]);
    });
  });
});

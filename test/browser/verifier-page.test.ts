// The verifier page in real headless Chromium: a DEMO seal from a fake camera → VALID (fresh data
// dir, as after `npm ci && npm start`), a tampered seal → INVALID, the same verdict and check
// codes as `lp verify --json`, Arabic right-to-left, and verifying offline after the first visit.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chooseLanguage, demoFiles, launchChromium, LP, pasteAndVerify, SCREENSHOTS, startServerProcess, y4mFromPng, type ServerProcess } from './lib/browser-helpers.ts';

let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServerProcess();
  const files = demoFiles(server.dataDir);
  const video = y4mFromPng(fs.readFileSync(files.png), path.join(server.dataDir, 'camera.y4m'));
  browser = await launchChromium(video);
  context = await browser.newContext({ locale: 'en-GB', viewport: { width: 900, height: 1100 }, acceptDownloads: true });
  await context.grantPermissions(['camera']);
  page = await context.newPage();
  await page.goto(`${server.url}/verify`);
  await page.waitForSelector('body[data-ready=true]');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('verifier page', () => {
  test('fresh data dir: the DEMO body is seeded and its seal, read by the camera, is VALID', async () => {
    expect(fs.existsSync(path.join(server.dataDir, 'demo', 'anchor-key.json'))).toBe(true);
    expect(server.output()).toContain('/verify');
    await page.click('#camera-start');
    await page.waitForSelector('body[data-verdict]', { timeout: 30_000 });
    expect(await page.getAttribute('body', 'data-verdict')).toBe('VALID');
    await expect(page.locator('#verdict-word').textContent()).resolves.toBe('VALID');
    expect(await page.locator('#demo-banner').isVisible()).toBe(true);
    expect(await page.locator('#learner').textContent()).toContain('أمينة حداد');
    // The issuer's name comes from the bundle.
    expect(await page.locator('#issuer').textContent()).toContain('DEMO Examination Board');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'verifier-en.png'), fullPage: true });
  });

  test('a tampered seal is INVALID', async () => {
    const seal = fs.readFileSync(demoFiles(server.dataDir).seal, 'utf8').trim();
    const i = Math.floor(seal.length / 2);
    const tampered = seal.slice(0, i) + (seal[i] === 'A' ? 'B' : 'A') + seal.slice(i + 1);
    await pasteAndVerify(page, tampered);
    expect(await page.getAttribute('body', 'data-verdict')).toBe('INVALID');
    expect(await page.locator('#verdict-word').textContent()).toBe('INVALID');
  });

  test('a name mixing scripts in one word ("Аmina", Cyrillic А), issued through the API, is flagged on the page', async () => {
    const apiKey = fs.readFileSync(path.join(server.dataDir, 'demo', 'API-KEY.txt'), 'utf8').trim();
    const res = await fetch(`${server.url}/credentials/issue`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ options: { achievement: 'DEMO-MATH', subject: { name: '\u0410mina Haddad', nameLatin: 'Amina Haddad' }, result: { value: '72' } } }),
    });
    expect(res.status).toBe(201);
    const issued = (await res.json()) as { seal: string; warnings: { code: string }[] };
    expect(issued.warnings.map((w) => w.code)).toEqual(['NAME_MIXED_SCRIPTS']);
    await pasteAndVerify(page, issued.seal);
    const warning = page.locator('#learner .learner-warning[data-code="NAME_MIXED_SCRIPTS"]');
    expect(await warning.isVisible()).toBe(true);
    expect(await warning.textContent()).toContain('\u0410mina');
    expect(await warning.textContent()).toContain('identity document');
    // A plain name gets no warning.
    await pasteAndVerify(page, fs.readFileSync(demoFiles(server.dataDir).seal, 'utf8'));
    expect(await page.locator('#learner .learner-warning').count()).toBe(0);
  });

  test('the browser and `lp verify --json` give the same verdict and check codes', async () => {
    const files = demoFiles(server.dataDir);
    const anchor = JSON.parse(await (await fetch(`${server.url}/verify/config.json`)).text()).anchors[0] as string;
    for (const file of [files.seal, files.record]) {
      const inBrowser = await pasteAndVerify(page, fs.readFileSync(file, 'utf8'));
      let out: string;
      try {
        out = execFileSync(process.execPath, [LP, 'verify', file, '--trust', files.bundle, '--anchor', anchor, '--json'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      } catch (err) {
        out = (err as { stdout: string }).stdout;
      }
      const cli = JSON.parse(out) as { verdict: string; checks: { id: string; code: string }[] };
      expect({ file: path.basename(file), verdict: inBrowser.verdict, codes: inBrowser.checks.map((c) => `${c.id}:${c.code}`) })
        .toEqual({ file: path.basename(file), verdict: cli.verdict, codes: cli.checks.map((c) => `${c.id}:${c.code}`) });
      expect(inBrowser.verdict).toBe('VALID');
    }
  });

  test('in Arabic the page is right-to-left and shows the Arabic name', async () => {
    await chooseLanguage(page, 'ar');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    await pasteAndVerify(page, fs.readFileSync(demoFiles(server.dataDir).seal, 'utf8'));
    expect(await page.locator('#learner').textContent()).toContain('أمينة حداد');
    expect(await page.locator('#achievements').textContent()).toContain('الرياضيات');
    expect(await page.locator('#verdict-word').textContent()).not.toBe('VALID');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'verifier-ar.png'), fullPage: true });
    await chooseLanguage(page, 'en');
  });

  test('the summary, whose code comes when a reader scrolls to it, moves nothing under a finger when it arrives', async () => {
    // A tap on "Export" as the summary above it filled once landed on what had moved into its place.
    expect(await page.evaluate(() => document.body.dataset.summaryItems)).toBeUndefined();
    await page.evaluate(() => {
      const w = globalThis as unknown as { __shifts: string[] };
      w.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; sources?: { node?: Node }[] }[]) {
          w.__shifts.push(`${e.value.toFixed(4)} ${(e.sources ?? []).map((s) => (s.node as Element | undefined)?.id || s.node?.nodeName).join(',')}`);
        }
      }).observe({ type: 'layout-shift' });
      document.getElementById('log-export')!.scrollIntoView();
    });
    await page.waitForSelector('body[data-summary-items="0"]');
    expect(await page.locator('#summary-host option').count()).toBeGreaterThan(100);
    // Two frames for the observer to report.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await page.evaluate(() => (globalThis as unknown as { __shifts: string[] }).__shifts)).toEqual([]);
  });

  test('the log of verifications exports as CSV with formula cells neutralised, and clears', async () => {
    await page.evaluate(() => {
      const log = JSON.parse(localStorage.getItem('lp.verifier.log') ?? '[]') as unknown[];
      log.push({ time: '2025-01-01T00:00:00Z', verdict: 'INVALID', learner: '=HYPERLINK("http://evil")', achievement: '+1', issuer: '@x' });
      localStorage.setItem('lp.verifier.log', JSON.stringify(log));
    });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#log-export')]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('VALID');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")",'+1,'@x`);
    page.once('dialog', (d) => void d.accept());
    await page.click('#log-clear');
    await page.waitForFunction(() => localStorage.getItem('lp.verifier.log') === null);
  });

  test('after the first visit it verifies with the network cut and the server stopped', async () => {
    // The service worker must control the page before going offline.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await page.waitForSelector('body[data-ready=true]');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    await server.stop();
    await page.reload();
    await page.waitForSelector('body[data-ready=true]', { timeout: 30_000 });
    // Its styles came from the service worker's cache too (#1a4fa0, the main button's colour).
    expect(await page.evaluate(() => getComputedStyle(document.getElementById('camera-start')!).backgroundColor)).toBe('rgb(26, 79, 160)');
    await pasteAndVerify(page, fs.readFileSync(demoFiles(server.dataDir).seal, 'utf8'));
    expect(await page.getAttribute('body', 'data-verdict')).toBe('VALID');
  });
});

// The wallet page in real headless Chromium: create a profile, import a DEMO record and its seal
// by file, show the seal as a large QR; the verifier page then reads that QR from a screenshot of
// the wallet (fed as the fake camera) and says VALID. Backup export → restore in a fresh browser
// profile. Screenshots in English and Arabic go to test/out/screenshots/.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chooseLanguage, demoFiles, launchChromium, SCREENSHOTS, startServerProcess, y4mFromPng, type ServerProcess } from './lib/browser-helpers.ts';

const PASS = 'demo-passphrase-DEMO';
let server: ServerProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServerProcess();
  browser = await launchChromium();
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 800, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  await page.goto(`${server.url}/wallet`);
  await page.waitForSelector('body[data-ready=true]');
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function createProfile(p: Page): Promise<void> {
  await p.fill('#create-pass', PASS);
  await p.fill('#create-pass2', PASS);
  await p.click('#create-form button[type=submit]');
  await p.waitForSelector('body[data-view=wallet]', { timeout: 30_000 });
}

describe('wallet page', () => {
  test('creates a profile, imports a record with its seal, shows the seal; the verifier scans it: VALID', async () => {
    // The DEMO issuer's documented passphrase is not the learner's: the page never suggests it.
    expect(await page.locator('body').textContent()).not.toContain(PASS);
    await createProfile(page);
    expect(await page.locator('#holder').textContent()).toMatch(/^did:key:z6Mk/);
    const files = demoFiles(server.dataDir);
    await page.setInputFiles('#import-file', [files.record, files.seal]);
    await page.waitForSelector('#list li.card .badge.VALID', { timeout: 30_000 });
    expect(await page.locator('#list li.card').count()).toBe(1);
    expect(await page.locator('#list').textContent()).toContain('أمينة حداد');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'wallet-en.png'), fullPage: true });

    await page.click('#list li.card .show-seal');
    await page.waitForSelector('body[data-seal=shown]');
    const shot = await page.screenshot({ path: path.join(SCREENSHOTS, 'wallet-seal.png') });
    await page.click('#qr-close');

    // The verifier, in its own browser whose camera films the wallet's screen.
    const video = y4mFromPng(new Uint8Array(shot), path.join(server.dataDir, 'wallet-screen.y4m'));
    const verifierBrowser = await launchChromium(video);
    try {
      const ctx = await verifierBrowser.newContext({ locale: 'en-GB' });
      await ctx.grantPermissions(['camera']);
      const v = await ctx.newPage();
      await v.goto(`${server.url}/verify`);
      await v.waitForSelector('body[data-ready=true]');
      await v.click('#camera-start');
      await v.waitForSelector('body[data-verdict]', { timeout: 30_000 });
      expect(await v.getAttribute('body', 'data-verdict')).toBe('VALID');
    } finally {
      await verifierBrowser.close();
    }
  });

  test('in Arabic the wallet is right-to-left', async () => {
    await chooseLanguage(page, 'ar');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    expect(await page.locator('#list').textContent()).toContain('الرياضيات');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'wallet-ar.png'), fullPage: true });
    await chooseLanguage(page, 'en');
  });

  test('a backup saved as .lpw restores into a fresh browser profile', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const file = path.join(server.dataDir, 'backup.lpw');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/\.lpw$/);
    expect(fs.readFileSync(file).subarray(0, 3).toString()).toBe('LPW');
    const fresh = await browser.newContext({ locale: 'en-GB' });
    try {
      const p = await fresh.newPage();
      await p.goto(`${server.url}/wallet`);
      await p.waitForSelector('body[data-view=create]');
      await p.setInputFiles('#restore-file', file);
      await p.fill('#restore-pass', PASS);
      await p.click('#restore-form button[type=submit]');
      await p.waitForSelector('body[data-view=wallet]', { timeout: 30_000 });
      expect(await p.locator('#list li.card').count()).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  test('a photo of another seal imports as a second record', async () => {
    const png = path.join(server.dataDir, 'demo', 'zahra-ahmadi', 'demo-math.png');
    await page.setInputFiles('#import-file', png);
    await page.waitForFunction(() => document.querySelectorAll('#list li.card').length === 2, undefined, { timeout: 30_000 });
    expect(await page.locator('#list').textContent()).toContain('زهرا احمدی');
  });
});

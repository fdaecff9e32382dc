// The verifier and wallet pages in the five languages added beside en/fr/ar/fa/uk, in real headless
// Chromium on a 360 px wide phone screen: each page switches language and direction, shows the
// translated "not yet reviewed" note, fits the screen without sideways scrolling, writes numbers in
// the language's digits, and is saved as a screenshot (test/out/screenshots/<page>-<lang>-360.png).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadResources as verifierResources } from '../../verifier/web/lib/resources.ts';
import { loadResources as walletResources } from '../../wallet/web/lib/resources.ts';
import { chooseLanguage, demoFiles, launchChromium, SCREENSHOTS, startServerProcess, type ServerProcess } from './lib/browser-helpers.ts';

type Messages = Record<string, unknown> & { translationNote: string; title: string; verdict: Record<string, string> };
const VERIFIER = verifierResources() as unknown as Record<string, { translation: Messages }>;
const WALLET = walletResources() as unknown as Record<string, { translation: Messages }>;

// The new languages; direction; whether Intl and {{count, number}} write Persian digits (۰–۹).
const NEW: [string, 'ltr' | 'rtl', boolean][] = [['es', 'ltr', false], ['tr', 'ltr', false], ['prs', 'rtl', true], ['ps', 'rtl', true], ['ur', 'rtl', false]];
const PERSIAN_DIGIT = /[\u06F0-\u06F9]/;

let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let verifier: Page;
let wallet: Page;

async function choose(page: Page, lang: string, dir: string): Promise<void> {
  await chooseLanguage(page, lang);
  await page.waitForFunction((d) => document.documentElement.dir === d, dir);
}

/** Waits for the page's fonts; true when its Arabic-script face (served under fonts/) has loaded. */
async function naskhLoaded(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'LP Naskh' && f.status === 'loaded');
  });
}

/** Sideways overflow on a phone: the page wider than its viewport. */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

beforeAll(async () => {
  server = await startServerProcess();
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
  verifier = await context.newPage();
  await verifier.goto(`${server.url}/verify`);
  await verifier.waitForSelector('body[data-ready=true]');
  wallet = await context.newPage();
  await wallet.goto(`${server.url}/wallet`);
  await wallet.waitForSelector('body[data-ready=true]');
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('pages in Spanish, Turkish, Dari, Pashto and Urdu at 360 px', () => {
  test('English, the source language, shows no "not yet reviewed" note', async () => {
    expect(await verifier.locator('#translation-note').isVisible()).toBe(false);
    expect(await wallet.locator('#translation-note').isVisible()).toBe(false);
  });

  test.each(NEW)('verifier page in %s (%s): a DEMO seal verified, words and note translated, fits the screen', async (lang, dir, persianDigits) => {
    const messages = VERIFIER[lang]!.translation;
    await choose(verifier, lang, dir);
    await verifier.evaluate(() => { delete document.body.dataset.verdict; });
    await verifier.evaluate(() => { (document.querySelector('details.paste') as HTMLDetailsElement).open = true; });
    await verifier.fill('#paste-text', fs.readFileSync(demoFiles(server.dataDir).seal, 'utf8'));
    await verifier.click('#paste-verify');
    await verifier.waitForSelector('body[data-verdict]');
    expect(await verifier.getAttribute('body', 'data-verdict')).toBe('VALID');
    expect(await verifier.locator('#verdict-word').textContent()).toBe(messages.verdict.VALID);
    expect(await verifier.title()).toBe(messages.title);
    expect(await verifier.locator('#translation-note').isVisible()).toBe(true);
    expect(await verifier.locator('#translation-note').textContent()).toBe(messages.translationNote);
    // The trust line: dates from Intl and the issuer count from {{count, number}}.
    const trust = (await verifier.locator('#trust-status').textContent()) ?? '';
    expect(PERSIAN_DIGIT.test(trust)).toBe(persianDigits);
    // No month name or word from a fallback language (Chromium has no Pashto date data).
    if (dir === 'rtl') expect(trust).not.toMatch(/[A-Za-z]/);
    // The count of verifications on this device: {{count, number}} through the page's formatter.
    const logCount = (await verifier.locator('#log-count').textContent()) ?? '';
    expect(PERSIAN_DIGIT.test(logCount)).toBe(persianDigits);
    expect(/[0-9]/.test(logCount)).toBe(!persianDigits);
    expect(await naskhLoaded(verifier)).toBe(true); // the language list itself holds Arabic-script names
    expect(await overflow(verifier)).toBeLessThanOrEqual(0);
    await verifier.screenshot({ path: path.join(SCREENSHOTS, `verifier-${lang}-360.png`), fullPage: true });
  });

  test.each(NEW)('wallet page in %s (%s): words and note translated, fits the screen', async (lang, dir) => {
    const messages = WALLET[lang]!.translation;
    await choose(wallet, lang, dir);
    expect(await wallet.title()).toBe(messages.title);
    expect(await wallet.locator('h1').textContent()).toBe(messages.title);
    expect(await wallet.locator('#translation-note').isVisible()).toBe(true);
    expect(await wallet.locator('#translation-note').textContent()).toBe(messages.translationNote);
    expect(await naskhLoaded(wallet)).toBe(true);
    expect(await overflow(wallet)).toBeLessThanOrEqual(0);
    await wallet.screenshot({ path: path.join(SCREENSHOTS, `wallet-${lang}-360.png`), fullPage: true });
  });

  test('Dari dates are Afghan Solar Hijri months in Persian digits (fa-AF), not Iranian Persian ones', async () => {
    await choose(verifier, 'prs', 'rtl');
    const [afghan, iranian] = await verifier.evaluate(() => ['fa-AF', 'fa-IR'].map((l) => new Intl.DateTimeFormat(l, { month: 'long' }).format(new Date())));
    const trust = await verifier.locator('#trust-status').textContent();
    expect(trust).toContain(afghan);
    if (iranian!.length > 2) expect(trust).not.toContain(iranian);
    await choose(verifier, 'en', 'ltr');
    expect(await verifier.locator('#translation-note').isVisible()).toBe(false);
  });
});

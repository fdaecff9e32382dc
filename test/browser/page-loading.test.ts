// Each page shows that it is loading from its first paint, from the HTML alone: before its code has
// run (the code is held back on the wire here, a slow link without a clock), in the language the
// browser asks for (Arabic right to left), and says what is wrong when scripts are off. Once the
// code marks the page usable, the loading state is gone and the page is there.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import express from 'express';
import type { Browser, Page } from 'playwright-core';
import { createVerifierWebRouter } from '@lp/verifier/web';
import { createWalletWebRouter } from '@lp/wallet/web';
import { launchChromium, SCREENSHOTS } from './lib/browser-helpers.ts';
import { listen } from '../lib/listen.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// Copied from packages/web-kit/src/node/render-loading-state.ts on purpose: the test reads what a
// reader sees, not the table the server draws from.
const ARABIC_LOADING = 'جارٍ التحميل…';
const FRENCH_NEEDS_SCRIPT = 'Cette page a besoin de JavaScript.';

/** What the reader sees of the loading state and the page, read from the live document. */
function look(page: Page) {
  return page.evaluate(() => {
    const loading = document.getElementById('lp-loading');
    const shown = (el: Element | null) => el !== null && getComputedStyle(el).display !== 'none' && (el as HTMLElement).getClientRects().length > 0;
    const bar = getComputedStyle(document.body, '::before');
    return {
      html: [document.documentElement.lang, document.documentElement.dir],
      loading: shown(loading),
      words: loading?.querySelector('.lp-loading-word')?.textContent ?? null,
      wordsShown: shown(loading?.querySelector('.lp-loading-word') ?? null),
      spinner: shown(loading?.querySelector('.lp-loading-mark') ?? null),
      direction: loading ? getComputedStyle(loading).direction : null,
      bar: bar.content === 'none' ? null : `${bar.animationName} ${bar.animationDirection}`,
      main: shown(document.querySelector('main')),
      // setupI18n fills the language list: empty while the page's code has not run.
      languageOptions: document.querySelectorAll('#lang option').length,
      ready: document.body.dataset.ready ?? null,
    };
  });
}

/** Holds the responses of `url` back on the wire until the returned function is called. */
async function holdBack(page: Page, url: RegExp): Promise<() => void> {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route(url, async (route) => { await held; await route.continue(); });
  return release;
}

describe('the loading state of the pages', () => {
  let stop: () => Promise<void>;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    const app = express();
    app.use(createVerifierWebRouter({ anchors: [] }));
    app.use(createWalletWebRouter({ anchors: [] }));
    ({ url, stop } = await listen(app, 'localhost'));
    browser = await launchChromium();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await stop();
  });

  it.each(['verify', 'wallet'])('/%s in Arabic: drawn right to left before the code runs, gone once the page is usable', async (name) => {
    const context = await browser.newContext({ locale: 'ar', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    try {
      const release = await holdBack(page, /\/app\.js(\?|$)/);
      // Not 'domcontentloaded': the held module script delays that event.
      await page.goto(`${url}/${name}`, { waitUntil: 'commit' });
      await page.waitForSelector('#lp-loading');
      expect(await look(page)).toEqual({
        html: ['ar', 'rtl'], loading: true, words: ARABIC_LOADING, wordsShown: true, spinner: true, direction: 'rtl',
        bar: 'lp-loading reverse', main: false, languageOptions: 0, ready: null,
      });
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-ar-loading-360.png`) });
      // What a screen reader meets while waiting: no serious or critical axe violation.
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
        return (await axe.run(document, { resultTypes: ['violations'] })).violations;
      });
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
      release();
      await page.waitForSelector('body[data-ready=true]');
      expect(await look(page)).toMatchObject({ html: ['ar', 'rtl'], loading: false, bar: null, main: true, ready: 'true' });
      expect((await look(page)).languageOptions).toBeGreaterThan(1);
    } finally {
      await context.close();
    }
  }, 120_000);

  it.each(['verify', 'wallet'])('/%s: drawn while its styles are still on the wire; its code waits for them, so the page never shows unstyled', async (name) => {
    const context = await browser.newContext({ locale: 'en' });
    const page = await context.newPage();
    try {
      const release = await holdBack(page, /\/app\.css(\?|$)/);
      const code = page.waitForResponse(/\/app\.js(\?|$)/);
      await page.goto(`${url}/${name}`, { waitUntil: 'commit' });
      await page.waitForSelector('#lp-loading');
      // The code has arrived, and still has not run: the styles before it are missing.
      await (await code).finished();
      await page.waitForTimeout(500);
      expect(await look(page)).toMatchObject({ loading: true, words: 'Loading…', spinner: true, bar: 'lp-loading normal', main: false, languageOptions: 0, ready: null });
      release();
      await page.waitForSelector('body[data-ready=true]');
      expect(await look(page)).toMatchObject({ loading: false, bar: null, main: true, ready: 'true' });
      // The page's own styles apply (#1a4fa0, the main button's colour in both pages).
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('button.primary')!).backgroundColor)).toBe('rgb(26, 79, 160)');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('with scripts off, the page says in the reader\'s language that it needs JavaScript, and does not spin', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${url}/verify`, { waitUntil: 'load' });
      expect(await page.locator('#lp-loading').isVisible()).toBe(true);
      expect((await page.locator('#lp-loading').innerText()).trim()).toBe(FRENCH_NEEDS_SCRIPT);
      expect(await page.locator('.lp-loading-mark').isVisible()).toBe(false);
      expect(await page.locator('main').isVisible()).toBe(false);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a browser in a language the pages do not have: the spinner and English, left to right', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    try {
      const release = await holdBack(page, /\/app\.js(\?|$)/);
      await page.goto(`${url}/wallet`, { waitUntil: 'commit' });
      await page.waitForSelector('#lp-loading');
      expect(await look(page)).toMatchObject({ html: ['en', 'ltr'], loading: true, words: 'Loading…', spinner: true, direction: 'ltr', bar: 'lp-loading normal', main: false });
      release();
      await page.waitForSelector('body[data-ready=true]');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a link that names the language (?lang=fr) wins over the browser\'s: the loading state and then the page are in it', async () => {
    const context = await browser.newContext({ locale: 'ar' });
    const page = await context.newPage();
    try {
      const release = await holdBack(page, /\/app\.js(\?|$)/);
      await page.goto(`${url}/verify?lang=fr`, { waitUntil: 'commit' });
      await page.waitForSelector('#lp-loading');
      expect(await look(page)).toMatchObject({ html: ['fr', 'ltr'], loading: true, words: 'Chargement…', direction: 'ltr', ready: null });
      release();
      await page.waitForSelector('body[data-ready=true]');
      expect(await look(page)).toMatchObject({ html: ['fr', 'ltr'], loading: false, main: true });
      expect(await page.inputValue('#lang')).toBe('fr');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('when the code cannot be had, the page is shown as it is rather than a spinner for ever', async () => {
    const context = await browser.newContext({ locale: 'en' });
    const page = await context.newPage();
    try {
      await page.route(/\/app\.js(\?|$)/, (route) => route.abort());
      await page.goto(`${url}/verify`, { waitUntil: 'commit' });
      await page.waitForSelector('main');
      expect(await look(page)).toMatchObject({ loading: false, bar: null, main: true, ready: null });
    } finally {
      await context.close();
    }
  }, 60_000);
});

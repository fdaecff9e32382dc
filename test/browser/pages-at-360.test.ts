// Both pages as the people who use them see them: a 360×740 phone screen in real headless
// Chromium against the real server (fresh DEMO). Stale verdicts, the learner's identity, the
// reason in the verdict card, pick-up codes in the wallet (typed, scanned, opened as a link),
// the layout, the manifests, "up to date" while the server is gone, and an axe-core pass over
// both pages in every language, with a screenshot per page and language in test/out/screenshots.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { encodePng, renderQrPng } from '@lp/qr/node';
import { LANGUAGES } from '@lp/web-kit';
import { decodeAllQr, pdfPageCount, pdfText, rasterise } from '../../issuer/test/certificate-helpers.ts';
import { chooseLanguage, demoFiles, launchChromium, pasteAndVerify, ROOT, SCREENSHOTS, startServerProcess, type ServerProcess } from './lib/browser-helpers.ts';

const VIEWPORT = { width: 360, height: 740 };
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
const WALLET_PASS = 'my-own-wallet-passphrase';

let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let verifier: Page;
let wallet: Page;
let blankPng: string;

interface AxeViolation { id: string; impact: string | null; nodes: { target: string[] }[] }

/** axe-core in the page; the violations a screen-reader or keyboard user would hit hardest. */
async function seriousViolations(p: Page): Promise<string[]> {
  if (!(await p.evaluate(() => 'axe' in globalThis))) await p.addScriptTag({ path: AXE });
  const violations = await p.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Nothing on the page is wider than the screen (no sideways scrolling at 360 px). */
async function overflow(p: Page): Promise<number> {
  return p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

function pickupCodeOf(learner: string): string {
  // PICKUP.txt holds the issuer's link `<base>/pickup/<code>`.
  const url = fs.readFileSync(path.join(server.dataDir, 'demo', learner, 'PICKUP.txt'), 'utf8').trim();
  return url.slice(url.lastIndexOf('/') + 1);
}

async function walletMessage(p: Page): Promise<{ text: string; code: string | null; error: boolean }> {
  return p.evaluate(() => {
    const m = document.getElementById('message')!;
    return { text: m.textContent ?? '', code: m.dataset.code ?? null, error: m.classList.contains('error') };
  });
}

beforeAll(async () => {
  server = await startServerProcess();
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'en-GB', viewport: VIEWPORT, deviceScaleFactor: 1 });
  verifier = await context.newPage();
  await verifier.goto(`${server.url}/verify`);
  await verifier.waitForSelector('body[data-ready=true]');
  wallet = await context.newPage();
  await wallet.goto(`${server.url}/wallet`);
  await wallet.waitForSelector('body[data-ready=true]');
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  blankPng = path.join(server.dataDir, 'no-qr.png');
  fs.writeFileSync(blankPng, encodePng({ data: new Uint8ClampedArray(240 * 240 * 4).fill(255), width: 240, height: 240 }));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('verifier page at 360×740', () => {
  test('shows the name as written, in Latin letters and the date of birth, and asks to compare with an identity document', async () => {
    await pasteAndVerify(verifier, fs.readFileSync(demoFiles(server.dataDir).seal, 'utf8'));
    expect(await verifier.getAttribute('body', 'data-verdict')).toBe('VALID');
    expect(await verifier.locator('#learner').textContent()).toBe('أمينة حداد');
    expect(await verifier.locator('#learner-latin').textContent()).toBe('Amina Haddad');
    expect(await verifier.locator('#learner-latin').isVisible()).toBe(true);
    expect(await verifier.locator('#learner-birth').textContent()).toBe('March 14, 2010 (2010-03-14)');
    expect(await verifier.locator('.identity .compare').textContent()).toBe('Compare with an identity document before you accept this record.');
    // Prominent: right under the verdict card, before issuer, results and checks.
    const order = await verifier.evaluate(() => ['verdict', 'learner-birth', 'issuer', 'achievements', 'checks'].map((id) => document.getElementById(id)!.getBoundingClientRect().top));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const card = (await verifier.locator('#verdict').boundingBox())!;
    const identity = (await verifier.locator('.identity').boundingBox())!;
    expect(identity.y - (card.y + card.height)).toBeLessThan(40);
    // The full record gives the same identity.
    await pasteAndVerify(verifier, fs.readFileSync(demoFiles(server.dataDir).record, 'utf8'));
    expect(await verifier.locator('#learner-latin').textContent()).toBe('Amina Haddad');
    expect(await verifier.locator('#learner-birth').textContent()).toContain('2010-03-14');
  });

  test('a photo without a readable QR clears the previous VALID and shows its own state', async () => {
    await pasteAndVerify(verifier, fs.readFileSync(demoFiles(server.dataDir).seal, 'utf8'));
    expect(await verifier.locator('#result').isVisible()).toBe(true);
    await verifier.setInputFiles('#photo', blankPng);
    await verifier.waitForSelector('body[data-read=failed]');
    expect(await verifier.locator('#result').isVisible()).toBe(false);
    expect(await verifier.getAttribute('body', 'data-verdict')).toBeNull();
    expect(await verifier.locator('#read-failed').isVisible()).toBe(true);
    const failed = (await verifier.locator('#read-failed').boundingBox())!;
    expect(failed.y).toBeGreaterThanOrEqual(0);
    expect(failed.y + failed.height).toBeLessThanOrEqual(VIEWPORT.height);
    expect(await verifier.locator('#read-failed').textContent()).toContain('No QR code found in this image.');
    expect(await verifier.locator('#announce').textContent()).toBe('Nothing verified. No QR code found in this image. Try a sharper photo.');
    expect(await verifier.locator('body').textContent()).not.toContain('أمينة حداد');
    await verifier.screenshot({ path: path.join(SCREENSHOTS, 'verifier-360-no-qr.png') });
    // The next good read replaces the failure state.
    await pasteAndVerify(verifier, fs.readFileSync(demoFiles(server.dataDir).seal, 'utf8'));
    expect(await verifier.locator('#read-failed').isVisible()).toBe(false);
  });

  test('an INVALID card says why in the card, and the live region announces verdict and reason', async () => {
    const seal = fs.readFileSync(demoFiles(server.dataDir).seal, 'utf8').trim();
    const i = Math.floor(seal.length / 2);
    await pasteAndVerify(verifier, seal.slice(0, i) + (seal[i] === 'A' ? 'B' : 'A') + seal.slice(i + 1));
    expect(await verifier.getAttribute('body', 'data-verdict')).toBe('INVALID');
    const reason = await verifier.locator('#verdict #verdict-reason').textContent();
    const first = await verifier.evaluate(() => (globalThis as unknown as { __lp: { result: { checks: { status: string; code: string }[] } } }).__lp.result.checks.find((c) => c.status === 'fail')!.code);
    const en = JSON.parse(fs.readFileSync(path.join(ROOT, 'verifier/web/locales/en.json'), 'utf8')) as { code: Record<string, string> };
    expect(reason).toBe(en.code[first]);
    expect(await verifier.locator(`#checks li[data-code="${first}"]`).textContent()).toContain(reason);
    // On screen without scrolling, inside the card.
    const card = (await verifier.locator('#verdict').boundingBox())!;
    expect(card.y).toBeGreaterThanOrEqual(0);
    expect(card.y + card.height).toBeLessThanOrEqual(VIEWPORT.height);
    const r = (await verifier.locator('#verdict-reason').boundingBox())!;
    expect(r.y).toBeGreaterThanOrEqual(card.y);
    expect(r.y + r.height).toBeLessThanOrEqual(card.y + card.height);
    expect(await verifier.getAttribute('#announce', 'aria-live')).toBe('polite');
    expect(await verifier.locator('#announce').textContent()).toBe(`INVALID. Do not accept this record: at least one check failed. ${reason}`);
    // Never by colour alone: a word and a mark.
    expect(await verifier.locator('#verdict-word').textContent()).toBe('INVALID');
    expect(await verifier.locator('#verdict-icon').textContent()).toBe('✗');
    await verifier.screenshot({ path: path.join(SCREENSHOTS, 'verifier-360-invalid.png') });
  });

  test('is installable: a web app manifest with icons', async () => {
    const href = await verifier.getAttribute('link[rel=manifest]', 'href');
    const res = await fetch(new URL(href!, server.url));
    expect(res.headers.get('content-type')).toContain('application/manifest+json');
    const manifest = (await res.json()) as { start_url: string; icons: { src: string; sizes: string }[] };
    expect(manifest.start_url).toBe('/verify');
    for (const icon of manifest.icons) {
      const png = new Uint8Array(await (await fetch(new URL(icon.src, server.url))).arrayBuffer());
      expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    }
  });

  test.each(LANGUAGES.map((l) => l.code))('%s: no serious axe violation, no sideways scrolling, screenshot', async (lang) => {
    await chooseLanguage(verifier, lang);
    await pasteAndVerify(verifier, fs.readFileSync(demoFiles(server.dataDir).seal, 'utf8'));
    await verifier.waitForFunction(() => document.getElementById('verdict-word')!.textContent !== '');
    expect(await seriousViolations(verifier)).toEqual([]);
    expect(await overflow(verifier)).toBeLessThanOrEqual(0);
    await verifier.screenshot({ path: path.join(SCREENSHOTS, `verifier-360-${lang}.png`), fullPage: true });
    await chooseLanguage(verifier, 'en');
  });
});

describe('wallet page at 360×740', () => {
  test('create and restore fit the screen; the Restore button is reachable; no DEMO passphrase is offered', async () => {
    await wallet.waitForSelector('body[data-view=create]');
    for (const { code } of LANGUAGES) {
      await chooseLanguage(wallet, code);
      expect(await overflow(wallet)).toBeLessThanOrEqual(0);
      expect(await seriousViolations(wallet)).toEqual([]);
      const restore = wallet.locator('#restore-form button[type=submit]');
      await restore.scrollIntoViewIfNeeded();
      const b = (await restore.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(VIEWPORT.width);
      // Nothing covers it: the element under its centre is the button itself.
      expect(await wallet.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('#restore-form button[type=submit]') != null, [b.x + b.width / 2, b.y + b.height / 2])).toBe(true);
      expect(await wallet.locator('body').textContent()).not.toContain('demo-passphrase-DEMO');
      await wallet.screenshot({ path: path.join(SCREENSHOTS, `wallet-create-360-${code}.png`), fullPage: true });
    }
    await chooseLanguage(wallet, 'en');
    await wallet.fill('#create-pass', WALLET_PASS);
    await wallet.fill('#create-pass2', WALLET_PASS);
    await wallet.click('#create-form button[type=submit]');
    await wallet.waitForSelector('body[data-view=wallet]', { timeout: 60_000 });
  });

  test('a photo without a QR after a good import shows its own error, not the previous success', async () => {
    const files = demoFiles(server.dataDir);
    await wallet.setInputFiles('#import-file', [files.record, files.seal]);
    await wallet.waitForSelector('#list li.card .badge.VALID', { timeout: 30_000 });
    expect((await walletMessage(wallet)).text).toBe('1 record imported.');
    await wallet.setInputFiles('#import-file', blankPng);
    await wallet.waitForFunction(() => document.getElementById('message')!.dataset.code === 'NO_QR');
    expect(await walletMessage(wallet)).toEqual({ text: 'No QR code found in this image.', code: 'NO_QR', error: true });
  });

  test('a pick-up code typed from the certificate delivers every record; used again it is refused', async () => {
    const code = pickupCodeOf('oleksandr-kovalenko');
    const before = await wallet.locator('#list li.card').count();
    await wallet.fill('#pickup-code', code.toLowerCase().replace(/-/g, ' '));
    await wallet.click('#pickup-form button[type=submit]');
    await wallet.waitForFunction((n) => document.querySelectorAll('#list li.card').length === n, before + 2, { timeout: 30_000 });
    expect(await walletMessage(wallet)).toEqual({ text: '2 records imported.', code: null, error: false });
    expect(await wallet.locator('#list').textContent()).toContain('Олександр Коваленко');
    await wallet.fill('#pickup-code', code);
    await wallet.click('#pickup-form button[type=submit]');
    await wallet.waitForFunction(() => document.getElementById('message')!.dataset.code !== undefined);
    expect(await walletMessage(wallet)).toEqual({ text: 'This pick-up code was already used.', code: 'PICKUP_USED', error: true });
    expect(await wallet.locator('#list li.card').count()).toBe(before + 2);
  });

  test.each([
    ['too short', 'K7QX-9M2P'],
    ['not letters and digits', 'K7QX-9M2P-4HTW-AB12-CD3!'],
    ['a web address without a code', 'https://example.org/wallet'],
  ])('a typed code that is %s is refused with PICKUP_CODE_INVALID, nothing is fetched', async (_label, typed) => {
    const requests: string[] = [];
    const onRequest = (r: { url(): string }) => { if (r.url().includes('/pickup/')) requests.push(r.url()); };
    wallet.on('request', onRequest);
    await wallet.fill('#pickup-code', typed);
    await wallet.click('#pickup-form button[type=submit]');
    await wallet.waitForFunction(() => document.getElementById('message')!.dataset.code === 'PICKUP_CODE_INVALID');
    wallet.off('request', onRequest);
    expect((await walletMessage(wallet)).error).toBe(true);
    expect(requests).toEqual([]);
  });

  test("the DEMO certificate is one page with the session's year, the results' scale and a pick-up QR; a photo of that QR redeems the code", async () => {
    const pdf = new Uint8Array(fs.readFileSync(path.join(server.dataDir, 'demo', 'zahra-ahmadi', 'certificate.pdf')));
    expect(pdfPageCount(pdf)).toBe(1);
    const text = pdfText(pdf);
    expect(text).toContain(`DEMO session ${new Date().getUTCFullYear()}`);
    expect(text).toContain('Score (0–100)');
    const [page] = rasterise(pdf, 'demo-certificate-zahra');
    const link = (await decodeAllQr(page!)).filter((t) => !t.startsWith('LP1:'));
    const code = pickupCodeOf('zahra-ahmadi');
    expect(link).toEqual([`http://localhost:8080/wallet#pickup=${code}`]);
    // The photo the learner takes of that QR.
    const png = path.join(server.dataDir, 'pickup-qr.png');
    fs.writeFileSync(png, await renderQrPng(link[0]!, { scale: 6 }));
    const before = await wallet.locator('#list li.card').count();
    await wallet.setInputFiles('#import-file', png);
    await wallet.waitForFunction((n) => document.querySelectorAll('#list li.card').length === n, before + 1, { timeout: 30_000 });
    expect(await wallet.locator('#list').textContent()).toContain('زهرا احمدی');
    expect((await walletMessage(wallet)).text).toBe('1 record imported.');
  });

  test.each(LANGUAGES.map((l) => l.code))('%s: the open wallet has no serious axe violation, no sideways scrolling, screenshot', async (lang) => {
    await chooseLanguage(wallet, lang);
    expect(await seriousViolations(wallet)).toEqual([]);
    expect(await overflow(wallet)).toBeLessThanOrEqual(0);
    await wallet.screenshot({ path: path.join(SCREENSHOTS, `wallet-360-${lang}.png`), fullPage: true });
    await chooseLanguage(wallet, 'en');
  });

  test('the pick-up link opens the wallet with the code filled in, and it is redeemed once the wallet is open', async () => {
    const code = pickupCodeOf('amina-haddad');
    const p = await context.newPage();
    try {
      await p.goto(`${server.url}/wallet#pickup=${code}`);
      await p.waitForSelector('body[data-view=unlock]');
      expect(await p.locator('#pickup-pending').textContent()).toContain(code);
      // The code is not left in the address (a shared phone's history).
      expect(new URL(p.url()).hash).toBe('');
      await p.fill('#unlock-pass', WALLET_PASS);
      await p.click('#unlock-form button[type=submit]');
      await p.waitForSelector('body[data-view=wallet]', { timeout: 60_000 });
      expect(await p.locator('#pickup-pending').isVisible()).toBe(false);
      expect(await p.inputValue('#pickup-code')).toBe(code);
      const before = await p.locator('#list li.card').count();
      await p.click('#pickup-form button[type=submit]');
      await p.waitForFunction(() => /imported/.test(document.getElementById('message')!.textContent ?? ''), undefined, { timeout: 30_000 });
      // Amina's record was imported before: one new record (science), one merged (mathematics).
      expect(await p.locator('#list li.card').count()).toBe(before + 1);
    } finally {
      await p.close();
    }
  });
});

describe('verifier trust bundle', () => {
  test('"Update from server" with the server gone says offline, never "up to date"', async () => {
    await verifier.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await verifier.reload();
    await verifier.waitForSelector('body[data-ready=true]');
    await verifier.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await verifier.click('#trust-update');
    await verifier.waitForFunction(() => /up to date/.test(document.getElementById('trust-status')!.textContent ?? ''));
    await server.stop();
    await verifier.click('#trust-update');
    await verifier.waitForFunction(() => /Offline/.test(document.getElementById('trust-status')!.textContent ?? ''));
    expect(await verifier.locator('#trust-status').textContent()).not.toContain('up to date');
  });
});

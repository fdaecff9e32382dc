// The verifier and wallet pages in real headless Chromium show each result's award date: records
// awarded in 2012, 2019 and today, issued by the issuer API with a key made before the signing but
// long after 2012, verify VALID on the verifier page from their seal and from the full record, and
// import VALID into the wallet page, each with its own date.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildTrustBundle, signTrustBundle, zTrustFragment } from '@lp/trust';
import { ISSUE_FROM_CATALOGUE, post, startTestIssuer, type TestIssuer } from '../../issuer/test/issuer-helpers.ts';
import { party } from '../../packages/verify/test/lib/make-world.ts';
import { chooseLanguage, launchChromium, pasteAndVerify, SCREENSHOTS, startServerProcess, type ServerProcess } from './lib/browser-helpers.ts';

// The page verifies on the browser's own clock, so the issuer signs and the bundle is made "now".
const NOW = new Date();
const TODAY = NOW.toISOString().slice(0, 10);
const DATES = ['2012-06-30', '2019-06-30', TODAY];

let issuer: TestIssuer;
let server: ServerProcess;
let browser: Browser;
let page: Page;
let bundleDir: string;
const issued: { date: string; seal: string; record: Record<string, unknown> }[] = [];

beforeAll(async () => {
  issuer = await startTestIssuer();
  issuer.setNow(NOW);
  for (const date of DATES) {
    const res = await post(issuer, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, awardedDate: date, subject: { ...ISSUE_FROM_CATALOGUE.options.subject, candidateNumber: `C-${date}` } } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { seal: string; verifiableCredential: Record<string, unknown> };
    issued.push({ date, seal: body.seal, record: body.verifiableCredential });
  }
  const anchor = await party(1);
  const fragment = zTrustFragment.parse(await fetch(`${issuer.url}/trust/fragment`).then((r) => r.json()));
  const payload = buildTrustBundle({ fragments: [fragment], sequence: 1, issuedAt: NOW.toISOString(), expires: new Date(NOW.getTime() + 90 * 86400_000).toISOString(), anchorDid: anchor.did });
  bundleDir = fs.mkdtempSync(path.join(issuer.dir, 'bundle-'));
  fs.writeFileSync(path.join(bundleDir, 'bundle.json'), JSON.stringify(await signTrustBundle(payload, anchor.keyPair)));
  server = await startServerProcess({ LP_TRUST_BUNDLE: path.join(bundleDir, 'bundle.json'), LP_TRUST_ANCHORS: anchor.did, LP_DEMO: '0' });
  browser = await launchChromium();
  // West of Greenwich: a date at midnight UTC must still read as that day.
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'America/New_York', viewport: { width: 900, height: 1100 } });
  page = await context.newPage();
  await page.goto(`${server.url}/verify`);
  await page.waitForSelector('body[data-ready=true]');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await issuer?.stop();
});

describe('verifier page: award dates', () => {
  test('seals and records awarded in 2012, 2019 and today are VALID, each showing its own award date', async () => {
    for (const { date, seal, record } of issued) {
      for (const [form, text] of [['seal', seal], ['record', JSON.stringify(record)]] as const) {
        await pasteAndVerify(page, text);
        expect([date, form, await page.getAttribute('body', 'data-verdict')]).toEqual([date, form, 'VALID']);
        const awarded = page.locator('#achievements .ach-awarded time');
        expect([date, form, await awarded.getAttribute('datetime')]).toEqual([date, form, date]);
        const expected = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
        expect([date, form, await page.locator('#achievements .ach-awarded').textContent()]).toEqual([date, form, `Awarded ${expected}`]);
      }
    }
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await pasteAndVerify(page, issued[0]!.seal);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'verifier-awarded-2012.png'), fullPage: true });
  });

  test('in French the award date reads in French', async () => {
    await chooseLanguage(page, 'fr');
    await pasteAndVerify(page, issued[1]!.seal);
    expect(await page.locator('#achievements .ach-awarded').textContent()).toBe('Décerné le 30 juin 2019');
    await chooseLanguage(page, 'en');
  });
});

describe('wallet page: award dates', () => {
  test('the three seals import VALID, each card showing its award date', async () => {
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'America/New_York', viewport: { width: 800, height: 900 } });
    const w = await context.newPage();
    await w.goto(`${server.url}/wallet`);
    await w.waitForSelector('body[data-ready=true]');
    await w.fill('#create-pass', 'learner passphrase');
    await w.fill('#create-pass2', 'learner passphrase');
    await w.click('#create-form button[type=submit]');
    await w.waitForSelector('body[data-view=wallet]', { timeout: 60_000 });
    const files = issued.map(({ date, seal }) => {
      const file = path.join(bundleDir, `seal-${date}.txt`);
      fs.writeFileSync(file, seal);
      return file;
    });
    await w.setInputFiles('#import-file', files);
    await w.waitForFunction(() => document.querySelectorAll('#list li.card .badge.VALID').length === 3, undefined, { timeout: 60_000 });
    const shown = await w.locator('#list li.card .awarded time').evaluateAll((els) => els.map((e) => [e.getAttribute('datetime'), e.textContent]));
    const expected = DATES.map((d) => [d, new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`))]);
    expect([...shown].sort()).toEqual([...expected].sort());
    await w.screenshot({ path: path.join(SCREENSHOTS, 'wallet-awarded.png'), fullPage: true });
    await context.close();
  });
});

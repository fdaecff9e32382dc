// The wallet page speaks OpenID4VCI and OpenID4VP in real headless Chromium, its clock set. The
// page is served by one lp serve (port 0); the issuer app (real router, real SQLite) and the
// verifier (a second lp serve) listen on ports of their own, so every call the page makes to them
// crosses origins, as a school's or an NGO's would (CORS on both sides is part of what is tested).
// Receive: an offer made by the issuer's API, pasted, opened as a link to the page, read from a
// photo of its QR or filmed by the camera, lands in the wallet VALID and bound to the page's
// holder key; the same offer twice says OFFER_USED, a PIN offer asks for the PIN, a wrong PIN says
// TX_CODE_WRONG with the attempts left and the last one spends the offer, the issuer's description
// of the PIN is shown beside its field, a malformed link is OFFER_INVALID, an offer past its expiry
// (both clocks moved on) OFFER_EXPIRED. Answer: a request made by the verifier's API (opened as a link to the page) is
// shown (who asks, for what), the learner ticks one record of four, the verifier's verdict is
// VALID with exactly that record; a second answer says RESPONSE_ALREADY_RECEIVED. The request
// view reads right to left in Arabic, passes axe-core and fits a 360 px screen.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildTrustBundle, signTrustBundle, zTrustFragment } from '@lp/trust';
import { startServer, type RunningServer } from '../../cli/src/server.ts';
import { ISSUE_FROM_CATALOGUE, T0, post, startTestIssuer, type TestIssuer } from '../../issuer/test/issuer-helpers.ts';
import { party } from '../../packages/verify/test/lib/make-world.ts';
import { chooseLanguage, launchChromium, ROOT, SCREENSHOTS, y4mFromPng } from './lib/browser-helpers.ts';

const NOW = new Date(T0.getTime() + 3600_000);
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
const PASS = 'learner passphrase';

let dir: string;
let issuer: TestIssuer;
let pages: RunningServer;
let verifier: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let holder: string;
/** What the page showed last: its message and the code it carries. */
const message = async (p: Page = page) => ({ code: await p.getAttribute('#message', 'data-code'), text: (await p.textContent('#message')) ?? '' });

async function issue(pickup: boolean): Promise<{ id: string; offer?: string; walletUrl?: string }> {
  const res = await post(issuer, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, ...(pickup ? { pickup: true } : {}) } });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { id: string; credentialOffer?: { uri: string; walletUrl: string } };
  return { id: body.id, ...(body.credentialOffer ? { offer: body.credentialOffer.uri, walletUrl: body.credentialOffer.walletUrl } : {}) };
}

async function openLink(link: string, p: Page = page): Promise<void> {
  await p.fill('#openid-link', link);
  await p.click('#openid-form button[type=submit]');
}

/** axe-core over the OpenID section: the violations a screen-reader or keyboard user would hit hardest. */
async function seriousViolations(p: Page): Promise<string[]> {
  if (!(await p.evaluate(() => 'axe' in globalThis))) await p.addScriptTag({ path: AXE });
  const violations = await p.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: Element, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run(document.getElementById('openid')!, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** How far the page scrolls sideways on a 360 px phone screen (0: it fits). */
async function sidewaysAt360(p: Page): Promise<number> {
  const before = p.viewportSize()!;
  await p.setViewportSize({ width: 360, height: 740 });
  const over = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await p.setViewportSize(before);
  return over;
}

async function cards(p: Page = page): Promise<string[]> {
  return p.locator('#list li.card').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.id!));
}

/** Waits for the page to settle on a message other than the "working" ones. */
async function settled(p: Page = page): Promise<{ code: string | null; text: string }> {
  await p.waitForFunction(() => {
    const m = document.getElementById('message')!;
    return m.textContent !== '' && !m.textContent!.endsWith('…');
  }, undefined, { timeout: 60_000 });
  return message(p);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-wallet-openid-'));
  issuer = await startTestIssuer();
  issuer.setNow(NOW);
  // The status lists open with the first credential: the bundle must carry them.
  await issue(false);
  const anchor = await party(7);
  const fragment = zTrustFragment.parse(await fetch(`${issuer.url}/trust/fragment`).then((r) => r.json()));
  const payload = buildTrustBundle({ fragments: [fragment], sequence: 1, issuedAt: T0.toISOString(), expires: new Date(T0.getTime() + 90 * 86400_000).toISOString(), anchorDid: anchor.did });
  fs.writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(await signTrustBundle(payload, anchor.keyPair)));
  const env = (data: string) => ({ LP_TRUST_BUNDLE: path.join(dir, 'bundle.json'), LP_TRUST_ANCHORS: anchor.did, LP_DATA_DIR: path.join(dir, data), LP_DEMO: '0' });
  pages = await startServer({ port: 0, env: env('pages'), cwd: dir, log: () => {}, now: () => NOW });
  verifier = await startServer({ port: 0, env: env('verifier'), cwd: dir, log: () => {}, now: () => NOW });
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'en-GB', viewport: { width: 800, height: 900 } });
  page = await context.newPage();
  await page.clock.setFixedTime(NOW);
  await page.goto(`${pages.url}/wallet`);
  await page.waitForSelector('body[data-ready=true]');
  await page.fill('#create-pass', PASS);
  await page.fill('#create-pass2', PASS);
  await page.click('#create-form button[type=submit]');
  await page.waitForSelector('body[data-view=wallet]', { timeout: 60_000 });
  holder = (await page.textContent('#holder'))!;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await verifier?.stop();
  await pages?.stop();
  await issuer?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('wallet page: receive by an OpenID4VCI offer', () => {
  test('a pasted offer lands VALID, bound to the holder key; the same offer again is OFFER_USED and changes nothing', async () => {
    const { id, offer } = await issue(true);
    expect(new URL(pages.url).port).not.toBe(new URL(issuer.url).port);
    await openLink(offer!);
    await page.waitForSelector(`#list li.card[data-id="${id}"][data-checked=now] .badge.VALID`, { timeout: 60_000 });
    expect(await message()).toEqual({ code: null, text: '1 record imported.' });
    // The issuer bound the copy it delivered to the key that proved possession: the page's holder.
    const row = issuer.store.db.prepare('SELECT holder FROM oid4vci_offer_items WHERE credential_id = ?').get(id) as { holder: string };
    expect(row.holder).toBe(holder);

    await openLink(offer!);
    expect(await settled()).toEqual({ code: 'OFFER_USED', text: 'This offer was already used.' });
    expect(await cards()).toEqual([id]);
  }, 120_000);

  test('an offer with a PIN asks for it; a wrong PIN says how many attempts are left; the right one receives', async () => {
    const { id } = await issue(false);
    const made = await post(issuer, '/oid4vci/offers', { credentialIds: [id], txCode: true });
    const { uri, txCode } = (await made.json()) as { uri: string; txCode: string };
    await openLink(uri);
    await page.waitForSelector('#pin-form:not([hidden])');
    expect((await message()).code).toBe('TX_CODE_REQUIRED');
    // The field takes the PIN's shape from the offer: six digits, a digit keyboard.
    expect([await page.getAttribute('#pin', 'inputmode'), await page.getAttribute('#pin', 'maxlength')]).toEqual(['numeric', String(txCode.length)]);
    // Beside the field, the issuer's own words on where the PIN is (the offer's tx_code description).
    expect(await page.isVisible('#pin-hint')).toBe(true);
    expect([await page.textContent('#pin-hint span'), await page.textContent('#pin-description')]).toEqual(['The issuer says:', 'PIN sent to you with this offer']);
    await page.fill('#pin', txCode === '000000' ? '111111' : '000000');
    await page.click('#pin-form button[type=submit]');
    expect(await settled()).toEqual({ code: 'TX_CODE_WRONG', text: 'The PIN was refused. Attempts left: 2.' });
    expect(await page.isVisible('#pin-form')).toBe(true);
    expect(await cards()).toHaveLength(1);
    await page.fill('#pin', txCode);
    await page.click('#pin-form button[type=submit]');
    await page.waitForSelector(`#list li.card[data-id="${id}"] .badge.VALID`, { timeout: 60_000 });
    expect(await page.isVisible('#pin-form')).toBe(false);
    expect(await page.isVisible('#pin-hint')).toBe(false);
  }, 120_000);

  test('after the last wrong PIN the offer is spent: the page says so and asks for no more PINs', async () => {
    const { id } = await issue(false);
    const made = await post(issuer, '/oid4vci/offers', { credentialIds: [id], txCode: true });
    const { uri, txCode } = (await made.json()) as { uri: string; txCode: string };
    const wrong = txCode === '000000' ? '111111' : '000000';
    await openLink(uri);
    await page.waitForSelector('#pin-form:not([hidden])');
    for (const left of [2, 1]) {
      await page.fill('#pin', wrong);
      await page.click('#pin-form button[type=submit]');
      expect(await settled()).toEqual({ code: 'TX_CODE_WRONG', text: `The PIN was refused. Attempts left: ${left}.` });
    }
    await page.fill('#pin', wrong);
    await page.click('#pin-form button[type=submit]');
    expect(await settled()).toEqual({ code: 'TX_CODE_WRONG', text: 'The PIN was refused too many times: this offer can no longer be used. Ask the issuer for a new one.' });
    expect(await page.isVisible('#pin-form')).toBe(false);
    expect(await cards()).toHaveLength(2);
  }, 120_000);

  test('a malformed offer link is OFFER_INVALID, text that is no link too; nothing is kept', async () => {
    await openLink('openid-credential-offer://?credential_offer=%7B%22credential_issuer%22%3A');
    expect(await settled()).toEqual({ code: 'OFFER_INVALID', text: 'This is not a credential offer this wallet can read.' });
    await openLink('https://example.org/not-an-offer');
    expect((await settled()).code).toBe('OFFER_INVALID');
    expect(await cards()).toHaveLength(2);
  }, 60_000);

  test('an offer past its expiry is OFFER_EXPIRED (the issuer\'s and the page\'s clocks moved on); nothing is kept', async () => {
    const { id } = await issue(false);
    const made = await post(issuer, '/oid4vci/offers', { credentialIds: [id], ttlDays: 1 });
    const { uri, expiresAt } = (await made.json()) as { uri: string; expiresAt: string };
    const later = new Date(Date.parse(expiresAt) + 60_000);
    const before = await cards();
    issuer.setNow(later);
    await page.clock.setFixedTime(later);
    try {
      await openLink(uri);
      expect(await settled()).toEqual({ code: 'OFFER_EXPIRED', text: 'This offer has expired or is unknown to the issuer.' });
      expect(await cards()).toEqual(before);
    } finally {
      issuer.setNow(NOW);
      await page.clock.setFixedTime(NOW);
    }
  }, 60_000);

  test('a photo of the offer QR receives it; a link to the page carrying an offer waits for the wallet to open, then receives', async () => {
    const byPhoto = await issue(true);
    const res = await post(issuer, '/oid4vci/offers', { credentialIds: [byPhoto.id] });
    const { qrPng } = (await res.json()) as { qrPng: string };
    const png = path.join(dir, 'offer.png');
    fs.writeFileSync(png, Buffer.from(qrPng.split(',')[1]!, 'base64'));
    await page.setInputFiles('#import-file', png);
    await page.waitForSelector(`#list li.card[data-id="${byPhoto.id}"] .badge.VALID`, { timeout: 60_000 });

    const byLink = await issue(true);
    // The issuer's answer carries the page link with the same offer in its fragment; the page is
    // served here by another server than the issuer app, so its fragment is opened on this one.
    const fragment = new URL(byLink.walletUrl!).hash;
    expect(decodeURIComponent(fragment.slice('#offer='.length))).toBe(byLink.offer);
    const other = await context.newPage();
    try {
      await other.clock.setFixedTime(NOW);
      await other.goto(`${pages.url}/wallet${fragment}`);
      await other.waitForSelector('body[data-view=unlock]');
      // The fragment is taken off the address bar; the note says what will happen.
      expect(new URL(other.url()).hash).toBe('');
      expect(await other.textContent('#pickup-pending')).toContain('the offer you opened');
      await other.fill('#unlock-pass', PASS);
      await other.click('#unlock-form button[type=submit]');
      await other.waitForSelector('body[data-view=wallet]', { timeout: 60_000 });
      expect(await other.inputValue('#openid-link')).toBe(byLink.offer);
      await other.click('#openid-form button[type=submit]');
      await other.waitForSelector(`#list li.card[data-id="${byLink.id}"] .badge.VALID`, { timeout: 60_000 });
    } finally {
      await other.close();
    }
  }, 180_000);

  test('the camera reads an offer from the issuer\'s screen and receives it', async () => {
    const { id } = await issue(false);
    const res = await post(issuer, '/oid4vci/offers', { credentialIds: [id] });
    const { qrPng } = (await res.json()) as { qrPng: string };
    const video = y4mFromPng(new Uint8Array(Buffer.from(qrPng.split(',')[1]!, 'base64')), path.join(dir, 'offer.y4m'));
    const filming = await launchChromium(video);
    try {
      const ctx = await filming.newContext({ locale: 'en-GB' });
      await ctx.grantPermissions(['camera']);
      const p = await ctx.newPage();
      await p.clock.setFixedTime(NOW);
      await p.goto(`${pages.url}/wallet`);
      await p.waitForSelector('body[data-ready=true]');
      await p.fill('#create-pass', PASS);
      await p.fill('#create-pass2', PASS);
      await p.click('#create-form button[type=submit]');
      await p.waitForSelector('body[data-view=wallet]', { timeout: 60_000 });
      await p.click('#scan-start');
      await p.waitForSelector(`#list li.card[data-id="${id}"] .badge.VALID`, { timeout: 60_000 });
      expect(await message(p)).toEqual({ code: null, text: '1 record imported.' });
    } finally {
      await filming.close();
    }
  }, 180_000);
});

describe('wallet page: answer an OpenID4VP request', () => {
  test('shows who asks and for what; shares only the ticked record; the verifier says VALID with exactly it; a second answer is RESPONSE_ALREADY_RECEIVED', async () => {
    const made = await fetch(`${verifier.url}/oid4vp/requests`, { method: 'POST' });
    const request = (await made.json()) as { id: string; uri: string; clientId: string };
    // The request arrives as a link to the page (the other tab wrote the vault: the page loads it
    // afresh); it waits for the wallet to open, then is shown.
    await page.goto('about:blank');
    await page.goto(`${pages.url}/wallet#request=${encodeURIComponent(request.uri)}`);
    await page.waitForSelector('body[data-view=unlock]');
    expect(await page.textContent('#pickup-pending')).toContain('the request you opened');
    await page.fill('#unlock-pass', PASS);
    await page.click('#unlock-form button[type=submit]');
    await page.waitForSelector('body[data-view=wallet]', { timeout: 60_000 });
    const held = await cards();
    expect(held).toHaveLength(4);
    expect(await page.inputValue('#openid-link')).toBe(request.uri);
    await page.click('#openid-form button[type=submit]');
    await page.waitForSelector('#vp-view:not([hidden])');
    const verifierHost = new URL(verifier.url).host;
    expect(await page.textContent('#vp-who')).toBe(`Asked by ${verifierHost} (verifier ${request.clientId}).`);
    expect(await page.textContent('#vp-what')).toContain('a result or certificate (Open Badges 3.0) or a transcript (CLR 2.0)');
    const boxes = page.locator('#vp-list input[type=checkbox]');
    expect((await boxes.evaluateAll((b) => b.map((x) => (x as HTMLInputElement).value))).sort()).toEqual([...held].sort());
    // Nothing is chosen for the learner, and nothing can be sent before a choice.
    expect(await boxes.evaluateAll((b) => b.filter((x) => (x as HTMLInputElement).checked).length)).toBe(0);
    expect(await page.isDisabled('#vp-send')).toBe(true);
    const chosen = held[1]!;
    await page.check(`#vp-list input[value="${chosen}"]`);
    expect(await page.isDisabled('#vp-send')).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await sidewaysAt360(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'wallet-openid-request-en.png'), fullPage: true });

    // In Arabic the request reads right to left, in Arabic words.
    await chooseLanguage(page, 'ar');
    expect(await page.textContent('#vp-what')).toContain('كشف درجات');
    expect(await page.evaluate(() => getComputedStyle(document.getElementById('vp-who')!).direction)).toBe('rtl');
    expect(await page.isChecked(`#vp-list input[value="${chosen}"]`)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await sidewaysAt360(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'wallet-openid-request-ar.png'), fullPage: true });
    await chooseLanguage(page, 'en');

    await page.click('#vp-send');
    expect(await settled()).toEqual({ code: null, text: `Sent to ${verifierHost}. The school's verifier says: VALID.` });
    expect(await page.getAttribute('body', 'data-shared')).toBe('VALID');
    expect(await page.isVisible('#vp-view')).toBe(false);

    const result = (await (await fetch(`${verifier.url}/oid4vp/requests/${request.id}`)).json()) as {
      status: string; verdict: string; presentations: { holder: string; credentials: { verdict: string; credential: { id: string; credentialSubject: { id: string } } }[] }[];
    };
    expect(result.status).toBe('answered');
    expect(result.verdict).toBe('VALID');
    expect(result.presentations).toHaveLength(1);
    expect(result.presentations[0]!.holder).toBe(holder);
    expect(result.presentations[0]!.credentials.map((c) => [c.credential.id, c.verdict, c.credential.credentialSubject.id])).toEqual([[chosen, 'VALID', holder]]);

    // The same link opened again while the page is open: only the fragment changes.
    await page.evaluate((uri) => { location.hash = `#request=${encodeURIComponent(uri)}`; }, request.uri);
    await page.waitForFunction((uri) => (document.getElementById('openid-link') as HTMLInputElement).value === uri && location.hash === '', request.uri);
    await page.click('#openid-form button[type=submit]');
    await page.waitForSelector('#vp-view:not([hidden])');
    await page.check(`#vp-list input[value="${held[0]!}"]`);
    await page.click('#vp-send');
    expect(await settled()).toEqual({ code: 'RESPONSE_ALREADY_RECEIVED', text: 'This request was already answered: ask the school for a new one.' });
    // The first answer stands.
    const after = (await (await fetch(`${verifier.url}/oid4vp/requests/${request.id}`)).json()) as typeof result;
    expect(after.presentations[0]!.credentials.map((c) => c.credential.id)).toEqual([chosen]);
  }, 180_000);

  test('a malformed request link is PRESENTATION_REQUEST_INVALID', async () => {
    await openLink('openid4vp://?client_id=x');
    expect((await settled()).code).toBe('PRESENTATION_REQUEST_INVALID');
    expect(await page.isVisible('#vp-view')).toBe(false);
  }, 60_000);
});

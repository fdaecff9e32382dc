// "Request from a wallet" on the verifier page, in real headless Chromium against the real server
// (in this process, port 0, its clock set by the test). The page makes an OpenID4VP request; the
// QR is read back from the page's pixels and equals the link shown; our wallet (the wallet
// package's answerPresentationRequest, as `lp wallet respond` runs it) answers with two of its
// three records; the page shows the verdict, each record's checks, and adds them to the Learner
// summary. A presentation signed for another request shows INVALID with its code; a request left
// unanswered past its 5 minutes shows as expired; a hidden page stops asking and resumes when seen.
// Offline, the action says it needs the server.
// In Arabic the section reads right to left without sideways scrolling at 360 px and with no
// serious axe violation.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createDocumentLoader } from '@lp/contexts';
import { decodeQrFromFile } from '@lp/qr/node';
import { buildTrustBundle, signTrustBundle, verifyTrustBundle, zTrustFragment } from '@lp/trust';
import { ISSUE_FROM_CATALOGUE, post, startTestIssuer, tempDir, type TestIssuer } from '../../issuer/test/issuer-helpers.ts';
import { party } from '../../packages/verify/test/lib/make-world.ts';
import { startServer, type RunningServer } from '../../cli/src/server.ts';
import { createHolderKey, importCredential, memoryStorage, Vault } from '../../wallet/src/index.ts';
import { answerPresentationRequest } from '../../wallet/src/oid4vc/answer-presentation-request.ts';
import { chooseLanguage, launchChromium, ROOT, SCREENSHOTS } from './lib/browser-helpers.ts';

const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

const work = tempDir('lp-oid4vp-page-');
const documentLoader = createDocumentLoader();
let exams: TestIssuer;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let vault: Vault;
let ids: string[] = [];
/** The server's clock: the test moves it past a request's lifetime. */
let clock = new Date();

interface Hooks { state: string; uri?: string; verdict?: string; presentationCodes?: string[]; records?: { verdict: string; checks: { code: string }[] }[] }
const hooks = (): Promise<Hooks> => page.evaluate(() => (globalThis as { __lp?: { walletRequest?: Hooks } }).__lp!.walletRequest!);

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  clock = new Date();
  exams = await startTestIssuer();
  exams.setNow(clock);
  const holder = await createHolderKey();
  vault = await Vault.create(memoryStorage(), { profile: 'amal', passphrase: 'amal pass', holder, now: clock });
  // Issued before the bundle is built, so the bundle's status snapshot holds their lists.
  const issued: string[] = [];
  for (const n of [1, 2, 3]) {
    const res = await post(exams, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, subject: { ...ISSUE_FROM_CATALOGUE.options.subject, id: holder.did, candidateNumber: `OID-${n}` } } });
    issued.push(JSON.stringify(((await res.json()) as { verifiableCredential: object }).verifiableCredential));
  }
  const anchor = await party(11);
  const fragment = zTrustFragment.parse(await fetch(`${exams.url}/trust/fragment`).then((r) => r.json()));
  const payload = buildTrustBundle({ fragments: [fragment], sequence: 1, issuedAt: clock.toISOString(), expires: new Date(clock.getTime() + 30 * 86400_000).toISOString(), anchorDid: anchor.did });
  const bundleText = JSON.stringify(await signTrustBundle(payload, anchor.keyPair));
  fs.writeFileSync(path.join(work.dir, 'bundle.json'), bundleText);
  const verified = await verifyTrustBundle(bundleText, { anchors: [anchor.did], now: clock });
  if (!verified.ok) throw new Error(verified.code);
  for (const fullRecord of issued) await importCredential(vault, { fullRecord, source: 'file' }, { bundle: verified, now: clock });
  ids = vault.credentials.map((c) => c.id);

  server = await startServer({
    port: 0, cwd: work.dir, log: () => {}, now: () => clock,
    env: { LP_DATA_DIR: path.join(work.dir, 'data'), LP_TRUST_BUNDLE: path.join(work.dir, 'bundle.json'), LP_TRUST_ANCHORS: anchor.did, LP_DEMO: '0' },
  });
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'en-GB', viewport: { width: 900, height: 1400 } });
  page = await context.newPage();
  await page.goto(`${server.url}/verify`);
  await page.waitForSelector('body[data-ready=true]');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await exams?.stop();
  work.cleanup();
});

async function makeRequest(): Promise<string> {
  await page.click('#oid4vp-start');
  await page.waitForSelector('body[data-oid4vp=pending] #oid4vp-qr');
  return (await hooks()).uri!;
}

describe('Request from a wallet (OpenID4VP) on the verifier page', () => {
  test('QR equals the link; the wallet sends two of three records; the verdict, each record and the Learner summary', async () => {
    expect(await page.locator('#oid4vp-start').textContent()).toBe('Request from a wallet (needs the server)');
    const uri = await makeRequest();
    const fromPixels = await decodeQrFromFile(new Uint8Array(await page.locator('#oid4vp-qr').screenshot()));
    expect(fromPixels.text).toBe(uri);
    expect(await page.locator('#oid4vp-link').textContent()).toBe(uri);
    expect(await page.locator('#oid4vp-lifetime').textContent()).toMatch(/^The wallet can answer until .+ \(a request lives 5 minutes\)\.$/);
    expect(await page.locator('#oid4vp-status').textContent()).toBe('Waiting for the wallet…');

    const chosen = ids.slice(0, 2);
    const out = await answerPresentationRequest(vault, uri, { ids: chosen, documentLoader, now: clock });
    expect([out.status, (out.body as { verdict: string }).verdict]).toEqual([200, 'VALID']);
    await page.waitForSelector('body[data-oid4vp=answered]');
    const h = await hooks();
    expect(h.verdict).toBe('VALID');
    expect(h.presentationCodes).toEqual(['PRESENTATION_SIGNATURE_VALID', 'PRESENTATION_HOLDER_BOUND']);
    expect(h.records!.map((r) => r.verdict)).toEqual(['VALID', 'VALID']);
    expect(await page.locator('#oid4vp-status').textContent()).toBe('Records sent by the wallet: 2');
    expect(await page.locator('#oid4vp-view > .verdict .verdict-word').textContent()).toBe('VALID');
    expect(await page.locator('.oid4vp-record').count()).toBe(2);
    expect(await page.locator('.oid4vp-record').first().locator('.checks li').count()).toBeGreaterThan(3);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'verifier-oid4vp-answered.png'), fullPage: true });

    // Another language: the records are verified again, their achievement names in that language.
    await chooseLanguage(page, 'ar');
    await page.waitForFunction(() => document.querySelector('.oid4vp-record .achievements li')?.textContent?.includes('الرياضيات') === true);
    expect(await page.locator('#oid4vp-status').textContent()).toBe('السجلات التي أرسلتها المحفظة: 2');
    await chooseLanguage(page, 'en');
    await page.waitForFunction(() => document.querySelector('.oid4vp-record .achievements li')?.textContent?.startsWith('Basic Education Certificate') === true);

    // "Show in full" renders the record as a pasted one is rendered.
    await page.locator('.oid4vp-record .oid4vp-show').first().click();
    await page.waitForSelector('body[data-verdict=VALID]');
    // Both records go into the Learner summary.
    await page.click('#oid4vp-add-summary');
    await page.waitForSelector('body[data-summary-items="2"]');
  });

  test('a presentation signed for another request: INVALID with PRESENTATION_CHALLENGE_MISMATCH', async () => {
    const shown = await makeRequest();
    const shownId = new URL(new URLSearchParams(new URL(shown).search).get('response_uri')!).pathname.split('/').pop()!;
    const other = await (await fetch(`${server.url}/oid4vp/requests`, { method: 'POST' })).json() as { id: string; uri: string };
    // Signed for the other request's nonce and audience, posted to the request the page shows.
    const redirect: typeof fetch = (input, init) => fetch(String(input instanceof Request ? input.url : input).replace(other.id, shownId), init);
    const out = await answerPresentationRequest(vault, other.uri, { ids: [ids[0]!], documentLoader, now: clock, fetch: redirect });
    expect(out.status).toBe(422);
    await page.waitForSelector('body[data-oid4vp=answered]');
    const h = await hooks();
    expect(h.verdict).toBe('INVALID');
    expect(h.presentationCodes).toEqual(['PRESENTATION_CHALLENGE_MISMATCH']);
    const reason = await page.locator('#oid4vp-view > .verdict .verdict-reason').textContent();
    expect(reason).toContain('PRESENTATION_CHALLENGE_MISMATCH');
    expect(await page.locator('#oid4vp-view > .checks li[data-code=PRESENTATION_CHALLENGE_MISMATCH]').count()).toBe(1);
  });

  test('a request left unanswered past its 5 minutes shows as expired, and the wallet is told REQUEST_EXPIRED', async () => {
    const uri = await makeRequest();
    clock = new Date(clock.getTime() + 301_000);
    await page.waitForSelector('body[data-oid4vp=expired]');
    expect(await page.locator('#oid4vp-status').textContent()).toMatch(/^This request expired at .+ without an answer\. Make a new one\. REQUEST_EXPIRED$/);
    expect(await page.locator('#oid4vp-qr').count()).toBe(0);
    const late = await answerPresentationRequest(vault, uri, { ids: [ids[0]!], documentLoader, now: clock }).catch((e: unknown) => e as Error);
    expect((late as Error).message).toContain('REQUEST_EXPIRED');
  });

  test('hidden, the page stops asking and says so; seen again, it asks at once and shows the answer', async () => {
    const uri = await makeRequest();
    const setHidden = (hidden: boolean) => page.evaluate((h) => {
      Object.defineProperty(document, 'hidden', { value: h, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
    await setHidden(true);
    await page.waitForSelector('body[data-oid4vp=paused]');
    expect(await page.locator('#oid4vp-status').textContent()).toBe('Paused while this page is hidden; it goes on when you come back.');
    const out = await answerPresentationRequest(vault, uri, { ids: [ids[2]!], documentLoader, now: clock });
    expect(out.status).toBe(200);
    expect(await page.getAttribute('body', 'data-oid4vp')).toBe('paused');
    await setHidden(false);
    await page.waitForSelector('body[data-oid4vp=answered]');
    expect((await hooks()).verdict).toBe('VALID');
  });

  test('offline, the action says it needs the server, before and after a click', async () => {
    const offline = await context.newPage();
    await offline.goto(`${server.url}/verify`);
    await offline.waitForSelector('body[data-ready=true]');
    await context.setOffline(true);
    try {
      await offline.waitForSelector('#oid4vp-offline:not([hidden])');
      expect(await offline.locator('#oid4vp-offline').textContent()).toBe('You are offline: a request from a wallet needs the server.');
      await offline.click('#oid4vp-start');
      await offline.waitForFunction(() => document.getElementById('oid4vp-status')!.textContent !== '' && document.body.dataset.oid4vp !== 'making');
      expect(await offline.locator('#oid4vp-status').textContent()).toBe('No connection to the server: a request from a wallet needs it. Everything else on this page works offline.');
    } finally {
      await context.setOffline(false);
      await offline.close();
    }
  });

  test('in Arabic the request reads right to left, within 360 px, with no serious axe violation', async () => {
    const ar = await (await browser.newContext({ locale: 'ar', viewport: { width: 360, height: 740 } })).newPage();
    await ar.goto(`${server.url}/verify`);
    await ar.waitForSelector('body[data-ready=true]');
    await chooseLanguage(ar, 'ar');
    await ar.click('#oid4vp-start');
    await ar.waitForSelector('body[data-oid4vp=pending] #oid4vp-qr');
    expect(await ar.locator('#oid4vp-h').textContent()).toBe('طلب من محفظة');
    expect(await ar.locator('#oid4vp-status').textContent()).toBe('في انتظار المحفظة…');
    expect(await ar.locator('#oid4vp-link').getAttribute('dir')).toBe('ltr');
    expect(await ar.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await ar.addScriptTag({ path: AXE });
    const serious = await ar.evaluate(async () => {
      const axe = (globalThis as any).axe;
      return ((await axe.run(document.getElementById('wallet-request'), { resultTypes: ['violations'] })).violations as { id: string; impact: string }[])
        .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(serious).toEqual([]);
    await ar.locator('#wallet-request').screenshot({ path: path.join(SCREENSHOTS, 'verifier-oid4vp-ar-360.png') });
    await ar.context().close();
  });
});

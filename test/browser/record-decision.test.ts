// The verifier page's "Record a decision" form in real headless Chromium against the real server
// (in this process, port 0), which mounts the school's issuer (made with kind school, its key
// unlocked by LP_PASSPHRASE) and serves a trust bundle listing a Syrian examination body. The
// school verifies a record and a tampered copy, adds both as evidence (the INVALID one shown and
// labelled, never counted), fills the decision, and the page posts it to
// POST /recognition/statements: issued with a pick-up code. A decision without an assessor and a
// wrong API key come back with their codes, said in words. In Arabic and Pashto the form reads
// right to left, with no serious axe violation and no sideways scrolling at 360 px.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildTrustBundle, signTrustBundle, zTrustFragment } from '@lp/trust';
import { createApiKey, initIssuer, openIssuerStore } from '../../issuer/src/index.ts';
import { ISSUE_FROM_CATALOGUE, T0, post, startTestIssuer, tempDir, type TestIssuer } from '../../issuer/test/issuer-helpers.ts';
import { party } from '../../packages/verify/test/lib/make-world.ts';
import { startServer, type RunningServer } from '../../cli/src/server.ts';
import { chooseLanguage, launchChromium, pasteAndVerify, ROOT, SCREENSHOTS } from './lib/browser-helpers.ts';

const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
let exams: TestIssuer;
let server: RunningServer;
let browser: Browser;
let page: Page;
let apiKey: string;
let record: Record<string, any>;
let anchor: Awaited<ReturnType<typeof party>>;
const work = tempDir('lp-decision-page-');

beforeAll(async () => {
  exams = await startTestIssuer({ init: { names: { en: 'Ministry of Education – Examinations' }, country: 'SY' } });
  exams.setNow(new Date());
  const res = await post(exams, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, subject: { name: 'سامي ناصر', nameLatin: 'Sami Nasser' }, awardedDate: '2025-06-20' } });
  record = ((await res.json()) as { verifiableCredential: Record<string, any> }).verifiableCredential;
  anchor = await party(9);
  const fragment = zTrustFragment.parse(await fetch(`${exams.url}/trust/fragment`).then((r) => r.json()));
  const now = new Date();
  const payload = buildTrustBundle({ fragments: [fragment], sequence: 1, issuedAt: now.toISOString(), expires: new Date(now.getTime() + 30 * 86400_000).toISOString(), anchorDid: anchor.did });
  fs.writeFileSync(path.join(work.dir, 'bundle.json'), JSON.stringify(await signTrustBundle(payload, anchor.keyPair)));

  // The school: an issuer of kind school in Jordan, with an API key for its admissions office.
  const schoolDir = path.join(work.dir, 'school');
  const store = await openIssuerStore(schoolDir, { create: true });
  await initIssuer(store, { names: { en: 'Al-Nour Basic School' }, country: 'JO', kind: 'school', passphrase: 'school pass', now, actor: 'cli' });
  apiKey = (await createApiKey(store, { label: 'admissions', now, random: (n) => crypto.getRandomValues(new Uint8Array(n)), actor: 'cli' })).key;
  await store.close();

  server = await startServer({
    port: 0, cwd: work.dir, log: () => {},
    env: { LP_DATA_DIR: schoolDir, LP_PASSPHRASE: 'school pass', LP_TRUST_BUNDLE: path.join(work.dir, 'bundle.json'), LP_TRUST_ANCHORS: anchor.did, LP_DEMO: '0' },
  });
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 900, height: 1400 } })).newPage();
  await page.goto(`${server.url}/verify`);
  await page.waitForSelector('body[data-ready=true]');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await exams?.stop();
  work.cleanup();
});

async function submitAndWait(): Promise<string> {
  await page.evaluate(() => { document.getElementById('decision-status')!.textContent = ''; });
  await page.click('#decision-submit');
  await page.waitForFunction(() => !['', 'Issuing…'].includes(document.getElementById('decision-status')!.textContent ?? ''));
  return (await page.locator('#decision-status').textContent())!;
}

describe('Record a decision', () => {
  test('verified records become evidence (INVALID shown and labelled); the decision is issued with a pick-up code', async () => {
    await pasteAndVerify(page, JSON.stringify(record));
    expect(await page.getAttribute('body', 'data-verdict')).toBe('VALID');
    await page.click('#decision-add');
    const tampered = structuredClone(record);
    tampered.credentialSubject.result[0].value = '590';
    await pasteAndVerify(page, JSON.stringify(tampered));
    expect(await page.getAttribute('body', 'data-verdict')).toBe('INVALID');
    await page.click('#decision-add');
    const items = page.locator('#decision-evidence li');
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toContain('VALID · national examination body');
    expect(await items.nth(1).textContent()).toContain('INVALID: listed as seen, never counted as completed · national examination body');
    expect(await items.nth(1).getAttribute('class')).toBe('evidence-invalid');
    // The learner's name came from the record.
    expect(await page.inputValue('#decision-name')).toBe('سامي ناصر');

    await page.fill('#decision-country', 'jo');
    await page.fill('#decision-grade', '7');
    await page.fill('#decision-support', 'Mathematics, Science');
    await page.fill('#decision-language', 'Arabic');
    await page.check('#decision-interview');
    await page.fill('#decision-tests', 'Mathematics = 11/20');
    await page.fill('#decision-assessor1', 'Rana Khalil');
    await page.fill('#decision-role1', 'Head of admissions');
    await page.fill('#decision-key', apiKey);
    const said = await submitAndWait();
    const answer = (await page.evaluate(() => (globalThis as any).__lp.decision.lastAnswer)) as { id: string; pickup: { code: string }; verifiableCredential: any; warnings: { code: string }[] };
    expect(said).toBe(`Issued. Give the learner this pick-up code: ${answer.pickup.code}`);
    expect(answer.warnings.map((w) => w.code)).toEqual(['EVIDENCE_NOT_VALID']);
    const vc = answer.verifiableCredential;
    expect(vc.name).toBe('Recognition statement: placement in Grade 7, Jordan');
    expect(vc.credentialSubject.result.map((r: { value: string }) => r.value)).toEqual(['7', 'Mathematics', 'Science', 'Arabic']);
    expect(vc.evidence.filter((e: { genre: string }) => e.genre === 'Credential').map((e: { id: string; description: string }) => [e.id, e.description.split(';')[1]!.trim()]))
      .toEqual([[record.id, 'verdict when considered: VALID'], [record.id, 'verdict when considered: INVALID']]);
    // The learner collects it once with the code.
    const picked = await fetch(`${server.url}/pickup/${answer.pickup.code}`);
    expect(picked.status).toBe(200);
  });

  test('the statement just issued is added to the Learner summary at once and shows as a placement, labelled assessment-based', async () => {
    // A newer bundle listing the school too (its key and its status list as of now), loaded from a file.
    const fragments = await Promise.all([exams.url, server.url].map(async (u) => zTrustFragment.parse(await fetch(`${u}/trust/fragment`).then((r) => r.json()))));
    const now = new Date();
    const payload = buildTrustBundle({ fragments, sequence: 2, issuedAt: now.toISOString(), expires: new Date(now.getTime() + 30 * 86400_000).toISOString(), anchorDid: anchor.did });
    fs.writeFileSync(path.join(work.dir, 'bundle-2.json'), JSON.stringify(await signTrustBundle(payload, anchor.keyPair)));
    await page.setInputFiles('#trust-file', path.join(work.dir, 'bundle-2.json'));
    await page.waitForFunction(() => /Bundle no\. 2 /.test(document.getElementById('trust-status')!.textContent!));
    await page.click('#decision-add-to-summary');
    await page.waitForSelector('body[data-summary-items="1"]');
    const item = page.locator('#summary-view li.summary-item');
    await expect(item.getAttribute('data-verdict')).resolves.toBe('VALID');
    await expect(item.getAttribute('data-evidence')).resolves.toBe('assessment-based');
    await expect(item.getAttribute('data-counted')).resolves.toBe('false');
    const text = (await item.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Assessment-based recognition');
    expect(text).toMatch(/Placed in Grade 7 in Jordan on .+, valid until .+/);
    expect(text).toContain('A placement decision: an assessment, not a completed grade');
    const placements = (await page.evaluate(() => (globalThis as any).__lp.summary.summary.placements)) as { grade: number; country: { iso2: string } }[];
    expect(placements.map((p) => [p.grade, p.country.iso2])).toEqual([[7, 'JO']]);
    // Added once: the button is spent.
    expect(await page.isDisabled('#decision-add-to-summary')).toBe(true);
  });

  test('a decision without an assessor, and a wrong API key: not issued, the reason in words with its code', async () => {
    await page.fill('#decision-assessor1', '');
    expect(await submitAndWait()).toBe('Not issued: name the assessor. ASSESSOR_MISSING');
    await page.fill('#decision-assessor1', 'Rana Khalil');
    await page.fill('#decision-key', 'lpk_not-a-key');
    expect(await submitAndWait()).toBe('Not issued: the API key is missing or not valid. UNAUTHORIZED');
  });

  test.each(['ar', 'ps'])('%s: the form reads right to left, no serious axe violation, no sideways scrolling at 360 px', async (lang) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await chooseLanguage(page, lang);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.locator('#decision-h').textContent()).toBe(lang === 'ar' ? 'تسجيل قرار' : 'پرېکړه ثبت کړئ');
    // The status of the last attempt is said again in the new language.
    expect(await page.locator('#decision-status').textContent()).toBe(lang === 'ar'
      ? 'لم يصدر: مفتاح API ناقص أو غير صالح. UNAUTHORIZED'
      : 'صادر نه شو: د API کیلي نشته یا ناسمه ده. UNAUTHORIZED');
    if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as any).axe;
      return ((await axe.run(document.getElementById('decision'), { resultTypes: ['violations'] })).violations as { id: string; impact: string }[])
        .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(violations).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator('#decision').screenshot({ path: path.join(SCREENSHOTS, `verifier-decision-${lang}-360.png`) });
  });
});

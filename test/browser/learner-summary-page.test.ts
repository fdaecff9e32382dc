// The verifier page's "Learner summary" in real headless Chromium on a 360 px phone screen, the
// page's clock set: records added three ways (the record just verified, a file, a pasted
// presentation) → one timeline with the evidence label and verdict colour on each item, the
// highest level completed, the gaps, and the advisory placement with its reasons, computed in the
// page (no request leaves it). Every language: translated, right to left where it should be, no
// serious axe-core violation.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { LANGUAGES, RTL } from '@lp/web-kit';
import { issueNonFormal, NOW, type NonFormalWorld } from '../lib/issue-non-formal.ts';
import { chooseLanguage, launchChromium, ROOT, SCREENSHOTS, startServerProcess, type ServerProcess } from './lib/browser-helpers.ts';

const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

interface SummaryHook { summary?: { summary?: { items: { counted: boolean; notCounted?: string }[] }; suggestion?: { placement: unknown }; error?: string } }

let world: NonFormalWorld;
let work: string;
let server: ServerProcess;
let browser: Browser;
let page: Page;
const requests: string[] = [];

async function summaryItems(n: number): Promise<void> {
  await page.waitForSelector(`body[data-summary-items="${n}"]`);
}

async function seriousViolations(p: Page): Promise<string[]> {
  if (!(await p.evaluate(() => 'axe' in globalThis))) await p.addScriptTag({ path: AXE });
  const violations = await p.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: Element, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run(document.getElementById('summary')!, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

beforeAll(async () => {
  world = await issueNonFormal();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-summary-page-'));
  work = dir;
  fs.writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(world.bundleJws));
  fs.writeFileSync(path.join(dir, 'grade5.json'), JSON.stringify(world.issued[1]!.full));
  fs.writeFileSync(path.join(dir, 'aep.seal.txt'), `${world.issued[0]!.seal}\n`);
  // The pages get the NGO's bundle from the server; the pages' clock is set to when it is current.
  server = await startServerProcess({ LP_DEMO: '0', LP_TRUST_ANCHORS: world.anchor.did, LP_TRUST_BUNDLE: path.join(dir, 'bundle.json') });
  browser = await launchChromium();
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 } });
  page = await context.newPage();
  await page.clock.setFixedTime(NOW);
  await page.goto(`${server.url}/verify`);
  await page.waitForSelector('body[data-ready=true]');
  await page.waitForFunction(() => /Bundle no\. 1 /.test(document.getElementById('trust-status')!.textContent!));
  // Offline "after the first visit": once the service worker holds the page's chunks (the summary's
  // code among them, loaded when first used) and controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  page.on('request', (r) => { if (r.method() !== 'GET') requests.push(`${r.method()} ${r.url()}`); });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('learner summary view', () => {
  test('three records added three ways → one timeline, highest level, gaps, the advisory suggestion; the school decides', async () => {
    // The page was loaded once; from here on the school has no network.
    await page.context().setOffline(true);
    // 1. The record the page just verified (a seal scanned or pasted above).
    await page.evaluate(() => { (document.querySelector('details.paste') as HTMLDetailsElement).open = true; });
    await page.fill('#paste-text', world.issued[0]!.seal);
    await page.click('#paste-verify');
    await page.waitForSelector('body[data-verdict=VALID]');
    // The result card shows what the seal carries and the catalogue says.
    const card = (await page.locator('#achievements').innerText()).replace(/\s+/g, ' ');
    expect(card).toContain('Stands for Grades 3–4 (South Sudan)');
    expect(card).toContain('Notional learning hours: 900');
    expect(card).toContain('Numeracy: Developing');
    await page.click('#summary-add-shown');
    await summaryItems(1);
    // 2. A file: the Grade 5 record left after 5 of 9 months.
    await page.setInputFiles('#summary-files', path.join(work, 'grade5.json'));
    await summaryItems(2);
    // 3. A presentation holding a tampered copy of the AEP record: shown, labelled, never counted.
    const tampered = structuredClone(world.issued[0]!.full) as { credentialSubject: { result: { value?: string }[] } };
    tampered.credentialSubject.result[2]!.value = 'Achieved';
    const vp = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [tampered] };
    await page.evaluate(() => { (document.querySelector('#summary details.paste') as HTMLDetailsElement).open = true; });
    await page.fill('#summary-paste', JSON.stringify(vp));
    await page.click('#summary-paste-add');
    await summaryItems(3);

    const items = page.locator('#summary-view li.summary-item');
    await expect(items.count()).resolves.toBe(3);
    const facts = await items.evaluateAll((lis) => lis.map((li) => [(li as HTMLElement).dataset.verdict, (li as HTMLElement).dataset.evidence, (li as HTMLElement).dataset.counted, getComputedStyle(li).borderInlineStartColor]));
    // Oldest first: the Grade 5 record (March 2024), then the AEP record and its tampered copy (November 2024).
    expect(facts.map((f) => f.slice(0, 3))).toEqual([
      ['VALID', 'ngo-programme', 'false'],
      ['VALID', 'ngo-programme', 'true'],
      ['INVALID', 'ngo-programme', 'false'],
    ]);
    // Each verdict keeps its colour (styles.css --valid, --invalid).
    expect(facts.map((f) => f[3])).toEqual(['rgb(10, 107, 45)', 'rgb(10, 107, 45)', 'rgb(176, 0, 32)']);
    const text = (await page.locator('#summary-view').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Non-formal / accelerated programme (NGO)');
    expect(text).toContain('Months of the grade completed: 5 of 9 — the grade is not completed');
    expect(text).toContain('Not counted: the grade was left part-way');
    expect(text).toContain('Not counted: the verdict is not VALID');
    expect(text).toContain('Stands for Grades 3–4 (South Sudan)');
    expect(text).toContain('Notional learning hours: 900');
    expect(text).toContain('Literacy (English): Achieved');
    expect(text).toContain('Grade 4 in South Sudan (ISCED 1), Non-formal / accelerated programme (NGO)');
    expect(text).toContain('Months since the last record: 1');
    // The Grade 5 record is another child's (Lual, not Nyandeng): said before the timeline, with its code.
    const warning = page.locator('#summary-view .summary-warning[role=alert]');
    await expect(warning.getAttribute('data-code')).resolves.toBe('LEARNERS_DIFFER');
    expect((await warning.innerText()).replace(/\s+/g, ' ')).toBe(
      'The records name different learners (name, date of birth). Remove those that are not this learner’s before deciding. LEARNERS_DIFFER '
      + 'Lual Garang · Mar 2, 2012 · Records 1 Nyandeng Deng · Aug 14, 2011 · Records 2, 3',
    );
    expect(await page.evaluate(() => document.querySelector('#summary-view .summary-warning')!.compareDocumentPosition(document.querySelector('#summary-view .summary-timeline')!) & Node.DOCUMENT_POSITION_FOLLOWING)).toBeTruthy();
    expect(text).toContain('Choose the host country and enter the date of birth to see a suggestion.');

    await page.selectOption('#summary-host', 'UG');
    await page.fill('#summary-birth', '2011-08-14');
    await page.waitForSelector('#summary-view .summary-outcome');
    expect(await page.locator('#summary-view .summary-outcome').innerText()).toBe('Grade 5 in Uganda, an accelerated education programme may suit');
    const reasons = await page.locator('#summary-view .summary-reasons li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.key));
    expect(reasons).toEqual(expect.arrayContaining(['recognition.reason.condensedGrades', 'recognition.reason.partialGrade', 'recognition.reason.competencies', 'recognition.reason.notCounted', 'recognition.reason.overAge']));
    expect(await page.locator('#summary-view .summary-reasons').innerText()).toContain('Accelerated Education Programme – Level 2 stands for Grades 3 to 4 in South Sudan (an accelerated education programme)');
    expect(await page.locator('#summary-view .summary-advice').innerText()).toBe('Advice only: the school confirms, changes or rejects this placement.');
    // Computed in the page, offline: adding, verifying and suggesting sent nothing to any server.
    expect(requests).toEqual([]);
    await page.context().setOffline(false);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator('#summary').screenshot({ path: path.join(SCREENSHOTS, 'verifier-summary-en-360.png') });
  }, 120_000);

  test('a birth date in the future → its code, no suggestion', async () => {
    await page.fill('#summary-birth', '2030-01-01');
    await page.waitForSelector('#summary-view .summary-error');
    expect(await page.locator('#summary-view .summary-error').innerText()).toContain('BIRTH_DATE_IN_FUTURE');
    const hook = await page.evaluate(() => (globalThis as unknown as { __lp: SummaryHook }).__lp.summary);
    expect(hook?.error).toBe('BIRTH_DATE_IN_FUTURE');
    expect(hook?.suggestion).toBeUndefined();
    await page.fill('#summary-birth', '2011-08-14');
    await page.waitForSelector('#summary-view .summary-outcome');
  });

  test.each(LANGUAGES.map((l) => l.code))('%s: translated, in its direction, no serious axe violation', async (lang) => {
    await chooseLanguage(page, lang);
    const dir = RTL.has(lang) ? 'rtl' : 'ltr';
    await page.waitForFunction((d) => document.documentElement.dir === d, dir);
    await page.waitForFunction((l) => document.getElementById('summary-view')!.dataset.lang === l, lang);
    const text = await page.locator('#summary').innerText();
    // No message key left untranslated, and every reason in the page's language.
    expect(text).not.toMatch(/\b(summary|recognition)\.[a-zA-Z]/);
    // The warning about two learners, in the page's language with the code kept.
    expect(await page.locator('#summary-view .summary-warning').innerText()).toContain('LEARNERS_DIFFER');
    if (lang !== 'en') expect(text).not.toContain('The records name different learners');
    expect(await page.locator('#summary-view .summary-reasons li').count()).toBeGreaterThan(3);
    if (lang !== 'en') expect(text).not.toContain('the school confirms, changes or rejects');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    if (lang === 'ar') await page.locator('#summary').screenshot({ path: path.join(SCREENSHOTS, 'verifier-summary-ar-360.png') });
  });
});

describe('wallet page', () => {
  test('the card shows national grades, hours and competency levels', async () => {
    const wallet = await page.context().newPage();
    await wallet.clock.setFixedTime(NOW);
    await wallet.goto(`${server.url}/wallet`);
    await wallet.waitForSelector('body[data-ready=true]');
    await wallet.fill('#create-pass', 'correct horse battery staple');
    await wallet.fill('#create-pass2', 'correct horse battery staple');
    await wallet.click('#create-form button[type=submit]');
    await wallet.waitForSelector('body[data-view=wallet]', { timeout: 60_000 });
    await wallet.setInputFiles('#import-file', path.join(work, 'aep.seal.txt'));
    await wallet.waitForSelector('#list li.card .badge.VALID', { timeout: 30_000 });
    // The language chosen last on the verifier page (the pages share it): back to English.
    await chooseLanguage(wallet, 'en');
    const card = (await wallet.locator('#list li.card').innerText()).replace(/\s+/g, ' ');
    expect(card).toContain('Stands for Grades 3–4 (South Sudan)');
    expect(card).toContain('Notional learning hours: 900');
    expect(card).toContain('Literacy (English): Achieved');
    await wallet.close();
  }, 120_000);
});

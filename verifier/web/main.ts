// The verifier page: scan (camera or photo) → verify IN THE BROWSER with the same packages as the
// CLI (@lp/verify, @lp/trust) → show the verdict, the checks translated by code, and the display.
// Nothing is sent to a server; the trust bundle is kept on the device.
import { acceptBundle, verifyTrustBundle, type VerifiedTrustBundle } from '@lp/trust';
import { SEAL_PREFIX_TEXT, verifySeal, type VerificationResult, type VerifyContext } from '@lp/verify';
import { applyDocumentLanguage, currentIntlLocales, currentLanguage, fetchMessages, hasMessage, isolate, registerServiceWorker, renderSentence, saveDownload, setupI18n, t, takeEarlyFetch } from '@lp/web-kit';
import type { CameraScanner } from '@lp/web-kit/scan';
import type { EvidenceInput } from '@lp/recognition';
import { toCsv } from './lib/to-csv.ts';
import { renderCheckItems } from './lib/render-checks.ts';
import { summaryCountNode } from './lib/render-summary-count.ts';
import { countryName } from './lib/country-name.ts';
import type { SummaryOutcome } from './lib/render-learner-summary.ts';
import type { setupDecisionForm } from './record-decision.ts';
import type { setupWalletRequest } from './request-from-wallet.ts';
// English only in the code (the fallback for a missing key); another language is fetched when shown.
import en from './locales/en.json' with { type: 'json' };

interface PageConfig { anchors: string[]; bundleUrl: string | null; demoIssuer: string | null }
interface LogEntry { time: string; verdict: string; learner: string; achievement: string; issuer: string }

/** Set by the service worker on an answer from its cache (packages/web-kit service-worker.template.js). */
const FROM_CACHE_HEADER = 'x-lp-from-cache';
const KEYS = { bundle: 'lp.verifier.bundle', anchors: 'lp.verifier.anchors', log: 'lp.verifier.log', lang: 'lp.lang', demo: 'lp.verifier.demoIssuer' };
/** The learner summary holds what the school added, in memory only: one learner at a time, gone on reload. */
const summaryInputs: EvidenceInput[] = [];
let summaryResults: VerificationResult[] = [];
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

let config: PageConfig = { anchors: [], bundleUrl: null, demoIssuer: null };
let bundle: VerifiedTrustBundle | undefined;
let lastInput: string | undefined;
let lastResult: VerificationResult | undefined;
let scanner: CameraScanner | undefined;
let trustMessage: { key: string; opts?: Record<string, unknown> } | undefined;
/** The message of the last attempt that verified nothing (no QR in the photo, camera error). */
let readFailure: string | undefined;
let decisionForm: ReturnType<typeof setupDecisionForm> | undefined;
let walletRequest: ReturnType<typeof setupWalletRequest> | undefined;

// Test and bench hooks: plain data, read by playwright.
const hooks = { cameraReadyAt: 0, qrSeenAt: 0, verdictAt: 0, result: undefined as VerificationResult | undefined, summary: undefined as SummaryOutcome | undefined };
(globalThis as { __lp?: typeof hooks }).__lp = hooks;

/** import() once: the first use fetches the chunk (the service worker keeps it), later uses share it. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= load().catch((err: unknown) => { p = undefined; throw err; }));
}
// What the page loads only when used, each its own chunk: the QR decoders for a photo or the
// camera, full records (JSON-LD, Data Integrity, vc+jwt), the learner summary (@lp/recognition and
// its school-system data) and the decision form. A seal typed, pasted or scanned needs none but the
// decoders, so the first load on a slow link carries only what shows the page and verifies a seal.
const loadScan = once(async () => {
  const m = await import('@lp/web-kit/scan');
  m.configureZxing({ locateFile: () => new URL('/verify/zxing_reader.wasm', location.href).href });
  return m;
});
const loadRecords = once(() => import('./lib/verify-full-record.ts'));
const loadSummary = once(() => Promise.all([import('@lp/recognition'), import('./lib/render-learner-summary.ts')]).then(([recognition, view]) => ({ ...recognition, ...view })));
const loadDecision = once(() => import('./record-decision.ts'));
// An OpenID4VP request to a wallet: only when the school asks for one (it needs the server anyway).
const loadWalletRequest = once(() => import('./request-from-wallet.ts'));

/** verifyAny's choice made here: a seal is verified by the code already loaded, anything else by the full-record chunk. */
async function verifyInput(input: string | object, ctx: VerifyContext): Promise<VerificationResult> {
  const trimmed = typeof input === 'string' ? input.replace(/^\uFEFF/, '').trim() : '';
  if (trimmed.startsWith(SEAL_PREFIX_TEXT)) return verifySeal(trimmed, ctx);
  return (await loadRecords()).verifyAny(input, ctx);
}

function anchors(): string[] {
  try {
    const saved = JSON.parse(localStorage.getItem(KEYS.anchors) ?? 'null') as unknown;
    if (Array.isArray(saved) && saved.every((a) => typeof a === 'string') && saved.length > 0) return saved as string[];
  } catch { /* fall through: re-pin from the config */ }
  return [];
}

async function loadConfig(): Promise<void> {
  try {
    const res = await takeEarlyFetch('/verify/config.json', { cache: 'no-cache' });
    if (res.ok) config = (await res.json()) as PageConfig;
  } catch { /* offline: the service worker's copy, or none */ }
  // Pinned on first load (trust on first use, from the server this page came from); later
  // loads keep the pins, so a changed server config cannot swap the anchors silently.
  if (anchors().length === 0 && config.anchors.length > 0) localStorage.setItem(KEYS.anchors, JSON.stringify(config.anchors));
  if (config.demoIssuer) localStorage.setItem(KEYS.demo, config.demoIssuer);
  else config.demoIssuer = localStorage.getItem(KEYS.demo);
}

async function restoreBundle(): Promise<void> {
  const saved = localStorage.getItem(KEYS.bundle);
  if (!saved) return;
  const v = await verifyTrustBundle(saved, { anchors: anchors(), now: new Date() });
  if (v.ok) {
    const { ok: _ok, ...b } = v;
    bundle = b;
  }
}

async function offerBundle(text: string): Promise<void> {
  const r = await acceptBundle(bundle, text, { anchors: anchors(), now: new Date() });
  if (r.ok) {
    if (r.replaced) {
      bundle = r.bundle;
      localStorage.setItem(KEYS.bundle, JSON.stringify(r.bundle.jws));
      trustMessage = { key: 'trustUpdated' };
    } else trustMessage = { key: 'trustSame' };
  } else trustMessage = { key: 'trustRefused', opts: { code: r.code } };
}

/** `atStart`: the page's first look, which takes the request its HTML already started (takeEarlyFetch). */
async function updateFromServer(atStart = false): Promise<void> {
  if (!config.bundleUrl) return;
  try {
    // Offline, the service worker answers from its cache: that copy is the one already held, so
    // "up to date" would be a claim nobody checked. It marks such answers (FROM_CACHE_HEADER).
    if (!navigator.onLine) throw new Error('offline');
    const res = await (atStart ? takeEarlyFetch(config.bundleUrl, { cache: 'no-cache' }) : fetch(config.bundleUrl, { cache: 'no-cache' }));
    if (!res.ok || res.headers.get(FROM_CACHE_HEADER) !== null) throw new Error(String(res.status));
    await offerBundle(await res.text());
  } catch {
    trustMessage = { key: 'trustOffline' };
  }
  renderTrust();
}

function dateText(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(currentIntlLocales(), { dateStyle: 'long' }).format(d);
}

/** A calendar date (an award date, midnight UTC) read in UTC, so no time zone west of Greenwich shows the day before. */
function dayText(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(currentIntlLocales(), { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

function ageText(iso: string | undefined): string {
  if (!iso) return '';
  const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
  // A browser without relative-time words for the language (Chromium has none for Pashto) would
  // print them in another language inside the sentence: the date itself reads better there.
  const locales = currentIntlLocales();
  if (Intl.RelativeTimeFormat.supportedLocalesOf(locales[0]!).length === 0) return dateText(iso);
  const rtf = new Intl.RelativeTimeFormat(locales, { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [['day', 86400], ['hour', 3600], ['minute', 60]];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return rtf.format(-Math.round(seconds / size), unit);
  return rtf.format(-seconds, 'second');
}

function bundleListsDemo(): boolean {
  return !!config.demoIssuer && !!bundle?.bundle.issuers.some((i) => i.id === config.demoIssuer);
}

function renderTrust(): void {
  $('demo-banner').hidden = !bundleListsDemo();
  const status = $('trust-status');
  const parts: string[] = [];
  if (bundle) {
    const b = bundle.bundle;
    parts.push(t('trustLoaded', { sequence: b.sequence, issued: dateText(b.issuedAt), expires: dateText(b.expires), issuers: t('issuerCount', { count: b.issuers.length }) }));
  } else parts.push(t('trustNone'));
  if (trustMessage) parts.push(t(trustMessage.key, trustMessage.opts));
  // A refused bundle: the reason is its own sentence, translated by the stable code.
  const refusedCode = trustMessage?.opts?.code;
  if (typeof refusedCode === 'string' && hasMessage(`code.${refusedCode}`)) parts.push(t(`code.${refusedCode}`));
  status.textContent = parts.join(' ');
  const a = anchors();
  $('trust-anchors').textContent = a.length ? t('trustAnchors', { anchors: a.map((d) => `${d.slice(0, 16)}…${d.slice(-6)}`).join(', ') }) : '';
}

function span(text: string, lang?: string, dir?: string, cls?: string): HTMLElement {
  // Text from the credential is data: textContent only, isolated by <bdi>/dir so it cannot
  // reorder the sentence around it.
  return isolate(text, lang, dir, cls);
}

/** A translated sentence with one isolated value in it (the message decides where it goes). */
function sentence(cls: string, key: string, name: string, value: HTMLElement): HTMLElement {
  const div = document.createElement('div');
  div.className = cls;
  div.append(...renderSentence(key, { [name]: value }));
  return div;
}

/**
 * Every new attempt starts from a blank result: a photo without a readable QR must never leave
 * the previous learner's verdict on screen under a small notice.
 */
function beginAttempt(): void {
  $('result').hidden = true;
  // Emptied, not only hidden: nothing of the previous learner stays in the page.
  for (const id of ['verdict-word', 'verdict-explain', 'verdict-reason', 'learner', 'learner-latin', 'learner-birth', 'issuer', 'issued', 'achievements', 'checks', 'freshness']) $(id).replaceChildren();
  $('read-failed').hidden = true;
  readFailure = undefined;
  lastInput = undefined;
  lastResult = undefined;
  hooks.result = undefined;
  $<HTMLButtonElement>('summary-add-shown').disabled = true;
  delete document.body.dataset.verdict;
  delete document.body.dataset.read;
  $('announce').textContent = '';
}

/** An attempt that verified nothing has its own state, not the previous verdict. */
function showReadFailure(key: string): void {
  readFailure = key;
  status('');
  $('result').hidden = true;
  $('read-failed').hidden = false;
  $('read-failed-text').textContent = t(key);
  $('announce').textContent = `${t('readFailedHeading')}. ${t(key)}`;
  document.body.dataset.read = 'failed';
  $('read-failed').scrollIntoView({ block: 'nearest' });
}

/** Why the verdict is not VALID, in one sentence: the first failing (else unchecked) check's. */
function reasonOf(r: VerificationResult): string {
  if (r.verdict === 'VALID') return '';
  const c = r.checks.find((x) => x.status === 'fail') ?? r.checks.find((x) => x.status === 'unknown');
  if (!c) return '';
  return hasMessage(`code.${c.code}`) ? t(`code.${c.code}`) : t(`checkStatus.${c.status}`, { check: t(`checkName.${c.id}`) });
}

/** A date of birth as the reader's language writes it, with the ISO form a document may print. */
function birthDateNodes(ymd: string): (string | Node)[] {
  const d = new Date(`${ymd}T00:00:00Z`);
  const iso = span(ymd, undefined, 'ltr', 'iso-date');
  if (Number.isNaN(d.getTime())) return [iso];
  // UTC: a calendar date, not an instant; a local time zone west of Greenwich would print the day before.
  return [new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'long', timeZone: 'UTC' }).format(d), ' (', iso, ')'];
}

function renderResult(r: VerificationResult): void {
  $('read-failed').hidden = true;
  $('result').hidden = false;
  const v = r.verdict;
  const box = $('verdict');
  box.className = `verdict ${v.toLowerCase()}`;
  $('verdict-icon').textContent = v === 'VALID' ? '✓' : v === 'INVALID' ? '✗' : '?';
  $('verdict-word').textContent = t(`verdict.${v}`);
  $('verdict-explain').textContent = t(`verdictExplain.${v}`);
  const reason = reasonOf(r);
  $('verdict-reason').textContent = reason;
  $('verdict-reason').hidden = reason === '';
  $('announce').textContent = [`${t(`verdict.${v}`)}.`, t(`verdictExplain.${v}`), reason].filter((x) => x !== '').join(' ');
  document.body.dataset.verdict = v;

  const d = r.display;
  const learner = $('learner');
  learner.replaceChildren();
  if (d?.learner.name) learner.append(span(d.learner.name, undefined, 'auto', 'learner-name'));
  // Warnings about the name (a word mixing scripts, invisible characters) do not change the
  // verdict, but the person checking must compare the name with an identity document.
  for (const w of d?.learner.warnings ?? []) {
    const el = sentence('learner-warning', `code.${w.code}`, 'words', span(w.items.join(', '), undefined, 'auto'));
    el.dataset.code = w.code;
    learner.append(el);
  }
  const latin = d?.learner.nameLatin;
  $('learner-latin').replaceChildren(...(latin ? [span(latin, undefined, 'ltr', 'learner-name')] : []));
  $('learner-latin').hidden = $('learner-latin-label').hidden = !latin;
  const birth = d?.learner.birthDate;
  $('learner-birth').replaceChildren(...(birth ? birthDateNodes(birth) : []));
  $('learner-birth').classList.toggle('learner-birth', !!birth);
  $('learner-birth').hidden = $('learner-birth-label').hidden = !birth;
  const issuer = $('issuer');
  issuer.replaceChildren();
  if (d?.issuer) {
    // The name comes from the trust bundle only (display.issuer.name), never from the credential.
    if (d.issuer.name) issuer.append(span(d.issuer.name.text, d.issuer.name.lang, d.issuer.name.dir));
    else issuer.textContent = t('issuerNotListed', { id: d.issuer.id });
  }
  // Issued = when the issuer's key signed; validFrom may be the award date, years earlier.
  $('issued').textContent = dateText(d?.signedAt ?? d?.issuedAt);

  const list = $('achievements');
  list.replaceChildren();
  for (const a of d?.achievements ?? []) {
    const li = document.createElement('li');
    const name = a.name ?? a.original;
    if (name) {
      const n = document.createElement('div');
      n.className = 'ach-name';
      n.append(span(name.text, name.lang, name.dir));
      li.append(n);
    }
    if (a.original && a.name && a.original.text !== a.name.text) {
      li.append(sentence('ach-original', 'original', 'text', span(a.original.text, a.original.lang, a.original.dir)));
    }
    const value = a.result ?? a.resultStatus;
    if (value !== undefined) {
      const res = document.createElement('div');
      res.className = 'ach-result';
      const scale = a.resultScale;
      res.textContent = scale?.valueMin !== undefined && scale.valueMax !== undefined
        ? t('resultOutOf', { value, min: scale.valueMin, max: scale.valueMax })
        : t('result', { value });
      li.append(res);
    }
    if (a.awardedAt) {
      // The award date of this result: a 2012 result digitised today must not read as awarded today.
      const awarded = document.createElement('div');
      awarded.className = 'ach-awarded';
      const time = document.createElement('time');
      time.dateTime = a.awardedAt.slice(0, 10);
      time.textContent = dayText(a.awardedAt);
      awarded.append(...renderSentence('awardedOn', { date: time }));
      li.append(awarded);
    }
    // Non-formal and interrupted learning (README "Non-formal and interrupted learning").
    const line = (cls: string, text: string) => { const div = document.createElement('div'); div.className = cls; div.textContent = text; li.append(div); };
    if (a.nationalGrades) line('ach-grades', t('summary.nationalGrades', { from: a.nationalGrades.from, to: a.nationalGrades.to, country: countryName(a.nationalGrades.country, a.nationalGrades.country) }));
    if (a.partial) line('ach-partial', a.partial.monthsInGrade !== undefined ? t('summary.partial', { months: a.partial.monthsCompleted, of: a.partial.monthsInGrade }) : t('summary.partialMonths', { months: a.partial.monthsCompleted }));
    if (a.partialTerms) line('ach-partial', a.partialTerms.termsInGrade !== undefined ? t('summary.partialTerms', { terms: a.partialTerms.termsCompleted, of: a.partialTerms.termsInGrade }) : t('summary.partialTermsOnly', { terms: a.partialTerms.termsCompleted }));
    if (a.notionalHours !== undefined) line('ach-hours', t('summary.hours', { hours: a.notionalHours }));
    for (const c of a.competencies ?? []) {
      const div = document.createElement('div');
      div.className = 'ach-competency';
      div.append(span(c.name?.text ?? '?', c.name?.lang, c.name?.dir), ': ', span(c.level));
      li.append(div);
    }
    list.append(li);
  }
  if (!d || d.achievements.length === 0) {
    const li = document.createElement('li');
    li.textContent = t('noAchievements');
    list.append(li);
  }

  // Translated by the stable code; an unknown code leaves the check's status line alone.
  $('checks').replaceChildren(...renderCheckItems(r.checks, (code) => (hasMessage(`code.${code}`) ? t(`code.${code}`) : '')));
  const bundleAge = d?.bundle ? ageText(d.bundle.issuedAt) : '';
  $('freshness').textContent = d?.bundle
    ? d.statusAsOf ? t('freshness', { bundleAge, statusAge: ageText(d.statusAsOf) }) : t('freshnessNoStatus', { bundleAge })
    : '';
}

function readLog(): LogEntry[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEYS.log) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as LogEntry[]) : [];
  } catch {
    return [];
  }
}

function renderLog(): void {
  $('log-count').textContent = t('logCount', { count: readLog().length });
}

function addLog(r: VerificationResult): void {
  const d = r.display;
  const entry: LogEntry = {
    time: new Date().toISOString(),
    verdict: r.verdict,
    learner: d?.learner.name ?? '',
    achievement: (d?.achievements ?? []).map((a) => a.code ?? a.name?.text ?? '').join('; '),
    issuer: d?.issuer?.name?.text ?? d?.issuer?.id ?? '',
  };
  localStorage.setItem(KEYS.log, JSON.stringify([...readLog(), entry].slice(-5000)));
  renderLog();
}

let verifications = 0;
async function verifyText(input: string, log = true): Promise<void> {
  lastInput = input;
  const generation = ++verifications;
  const lang = currentLanguage();
  const r = await verifyInput(input, { bundle, now: new Date(), lang });
  if (log) addLog(r);
  // A later verification began meanwhile (another input, or this one again in a newly chosen
  // language): its result is the one to show, whichever finishes first.
  if (generation !== verifications) return;
  lastResult = r;
  hooks.result = r;
  renderResult(r);
  $('result').dataset.lang = lang;
  $<HTMLButtonElement>('summary-add-shown').disabled = false;
  hooks.verdictAt = performance.now();
  // A new verdict is what the reader came for: on a phone it would open below the fold.
  if (log) $('verdict').scrollIntoView({ block: 'nearest' });
}

function status(text: string): void {
  $('scan-status').textContent = text;
}

async function camera(): Promise<CameraScanner> {
  const { CameraScanner } = await loadScan();
  scanner ??= new CameraScanner({ video: $<HTMLVideoElement>('video'), canvas: $<HTMLCanvasElement>('frame'), startButton: $('camera-start'), stopButton: $('camera-stop') });
  return scanner;
}

async function startCamera(): Promise<void> {
  beginAttempt();
  const outcome = await (await camera()).scan(() => {
    hooks.cameraReadyAt = performance.now();
    status(t('scanning'));
  });
  if (outcome.kind === 'camera-error') { showReadFailure('cameraError'); return; }
  if (outcome.kind !== 'text') { status(''); return; }
  hooks.qrSeenAt = performance.now();
  status('');
  await verifyText(outcome.text);
}

async function handleFile(file: File): Promise<void> {
  beginAttempt();
  status(t('reading'));
  if (file.type.startsWith('image/')) {
    const [bitmap, { decodeFrame }] = await Promise.all([createImageBitmap(file).catch(() => undefined), loadScan()]);
    if (!bitmap) { showReadFailure('noQr'); return; }
    const text = await decodeFrame($<HTMLCanvasElement>('frame'), bitmap, bitmap.width, bitmap.height);
    if (text === undefined) { showReadFailure('noQr'); return; }
    status('');
    await verifyText(text);
  } else {
    status('');
    await verifyText(await file.text());
  }
}

function exportLog(): void {
  const rows = readLog().map((e) => [e.time, e.verdict, e.learner, e.achievement, e.issuer]);
  const header = ['time', 'verdict', 'learner', 'achievement', 'issuer'].map((k) => t(`csv.${k}`));
  const blob = new Blob(['\uFEFF' + toCsv([header, ...rows])], { type: 'text/csv;charset=utf-8' });
  saveDownload(blob, `verifications-${new Date().toISOString().slice(0, 10)}.csv`);
}

/** Verifies what was added (again: names depend on the language, the bundle may be newer) and renders the view. */
async function refreshSummary(): Promise<void> {
  const ctx = { bundle, now: new Date(), lang: currentLanguage() };
  summaryResults = await Promise.all(summaryInputs.map((input) => verifyInput(input, ctx)));
  await renderSummaryView();
}

/**
 * The summary's code comes when the school first reaches it (scrolls to it, touches it): until
 * then its view and its list of host countries are empty. Once here, it follows the language.
 */
let summaryOpened: Promise<void> | undefined;
function openSummary(): Promise<void> {
  return (summaryOpened ??= loadSummary().then(async ({ fillHostOptions }) => {
    fillHostOptions($<HTMLSelectElement>('summary-host'));
    await refreshSummary();
  }, (err: unknown) => { summaryOpened = undefined; throw err; }));
}

/** The decision form's code comes with the first touch of the form (see main). */
let decisionOpened: Promise<void> | undefined;
function openDecision(): Promise<void> {
  return (decisionOpened ??= loadDecision().then(({ setupDecisionForm }) => {
    decisionForm = setupDecisionForm({
      current: () => (lastInput !== undefined && lastResult ? { input: lastInput, result: lastResult } : undefined),
      addToSummary: (text) => void addToSummary([text]),
    });
    (hooks as Record<string, unknown>).decision = decisionForm.hooks;
  }, (err: unknown) => { decisionOpened = undefined; throw err; }));
}

/** "Request from a wallet": the request, its QR and the records the wallet sent, verified here like pasted ones. */
async function requestFromWallet(): Promise<void> {
  try {
    const { setupWalletRequest } = await loadWalletRequest();
    walletRequest ??= setupWalletRequest({
      verify: (record) => verifyInput(record, { bundle, now: new Date(), lang: currentLanguage() }),
      show: (text) => { beginAttempt(); void verifyText(text); },
      addToSummary: (texts) => void addToSummary(texts),
    });
    (hooks as Record<string, unknown>).walletRequest = walletRequest.hooks;
  } catch {
    // Offline before the chunk was ever fetched: the request needs the server in any case.
    $('oid4vp-status').textContent = t('verify.oid4vp.needsServer');
    return;
  }
  await walletRequest.start();
}

async function renderSummaryView(): Promise<void> {
  const { renderLearnerSummary } = await loadSummary();
  hooks.summary = renderLearnerSummary($('summary-view'), {
    results: summaryResults, bundle, host: $<HTMLSelectElement>('summary-host').value, birthDate: $<HTMLInputElement>('summary-birth').value, now: new Date(),
  });
  document.body.dataset.summaryItems = String(summaryResults.length);
  $('summary-view').dataset.lang = currentLanguage();
}

/** Text a school pasted or a file held: a presentation or a credential as JSON, else seal lines or a vc+jwt. */
function evidenceOf(text: string, { splitEvidence, RecognitionError }: Awaited<ReturnType<typeof loadSummary>>): EvidenceInput[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      return splitEvidence(JSON.parse(trimmed) as unknown);
    } catch (err) {
      if (err instanceof RecognitionError) throw err;
    }
  }
  return splitEvidence(trimmed);
}

async function addToSummary(texts: string[]): Promise<void> {
  $('summary-status').textContent = '';
  await openSummary();
  const recognition = await loadSummary();
  const { RecognitionError } = recognition;
  try {
    const inputs = texts.flatMap((text) => evidenceOf(text, recognition));
    summaryInputs.push(...inputs);
  } catch (err) {
    if (!(err instanceof RecognitionError)) throw err;
    $('summary-status').textContent = `${t(`summary.error.${err.code}`)} (${err.code})`;
  }
  await refreshSummary();
  $('summary-view').scrollIntoView({ block: 'nearest' });
}

async function summaryFiles(files: FileList): Promise<void> {
  const texts: string[] = [];
  for (const file of [...files]) {
    if (file.type.startsWith('image/')) {
      const { decodeFrame } = await loadScan();
      const bitmap = await createImageBitmap(file).catch(() => undefined);
      const text = bitmap ? await decodeFrame($<HTMLCanvasElement>('frame'), bitmap, bitmap.width, bitmap.height) : undefined;
      if (text === undefined) { $('summary-status').textContent = `${t('noQr')} (${file.name})`; continue; }
      texts.push(text);
    } else texts.push(await file.text());
  }
  await addToSummary(texts);
}

function applyLanguage(): void {
  applyDocumentLanguage($<HTMLSelectElement>('lang'));
  if (summaryOpened) void loadSummary().then(({ fillHostOptions }) => { fillHostOptions($<HTMLSelectElement>('summary-host')); return refreshSummary(); });
  else {
    // Until the summary's code comes, its empty state: the same height, so its arrival moves nothing.
    $('summary-view').replaceChildren(summaryCountNode(0));
    const none = new Option(t('summary.hostNone'), '');
    $<HTMLSelectElement>('summary-host').replaceChildren(none);
  }
  renderTrust();
  renderLog();
  decisionForm?.render();
  void walletRequest?.relabel();
  // The display (achievement names) depends on the language: verify again, without logging.
  if (lastInput !== undefined) void verifyText(lastInput, false);
  else if (readFailure !== undefined) showReadFailure(readFailure);
}

async function main(): Promise<void> {
  await setupI18n({ resources: { en: { translation: en } }, loadMessages: fetchMessages('/verify'), storageKey: KEYS.lang, select: $<HTMLSelectElement>('lang'), onChange: applyLanguage });
  applyLanguage();
  $('camera-start').addEventListener('click', () => void startCamera());
  $('camera-stop').addEventListener('click', () => scanner?.stop());
  $<HTMLInputElement>('photo').addEventListener('change', (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (f) void handleFile(f);
    (e.target as HTMLInputElement).value = '';
  });
  $('paste-verify').addEventListener('click', () => {
    beginAttempt();
    void verifyText(($('paste-text') as HTMLTextAreaElement).value);
  });
  const decision = $('decision');
  // The first touch of the decision form brings its code; a click or submit that came before it
  // is held and replayed once the form's own handlers are there.
  for (const type of ['focusin', 'pointerdown']) decision.addEventListener(type, () => void openDecision().catch(() => undefined), { capture: true });
  decision.addEventListener('click', (e) => {
    const button = (e.target as Element).closest('button');
    if (decisionForm || !button) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    void openDecision().then(() => button.click());
  }, { capture: true });
  decision.addEventListener('submit', (e) => {
    if (decisionForm) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    void openDecision().then(() => (e.target as HTMLFormElement).requestSubmit());
  }, { capture: true });
  $('oid4vp-start').addEventListener('click', () => void requestFromWallet());
  const onlineNote = () => { $('oid4vp-offline').hidden = navigator.onLine; };
  addEventListener('online', onlineNote);
  addEventListener('offline', onlineNote);
  onlineNote();
  $('trust-update').addEventListener('click', () => void updateFromServer());
  $<HTMLInputElement>('trust-file').addEventListener('change', async (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (f) { await offerBundle(await f.text()); renderTrust(); }
  });
  $('log-export').addEventListener('click', exportLog);
  $('summary-add-shown').addEventListener('click', () => { if (lastInput !== undefined) void addToSummary([lastInput]); });
  $<HTMLInputElement>('summary-files').addEventListener('change', (e) => {
    const files = (e.target as HTMLInputElement).files;
    if (files && files.length > 0) void summaryFiles(files);
    (e.target as HTMLInputElement).value = '';
  });
  $('summary-paste-add').addEventListener('click', () => {
    const box = $<HTMLTextAreaElement>('summary-paste');
    const text = box.value;
    box.value = '';
    if (text.trim() !== '') void addToSummary([text]);
  });
  $('summary-clear').addEventListener('click', () => { summaryInputs.length = 0; void refreshSummary(); });
  $('summary-host').addEventListener('change', () => void renderSummaryView());
  $('summary-birth').addEventListener('change', () => void renderSummaryView());
  $('summary-birth').addEventListener('input', () => void renderSummaryView());
  for (const type of ['focusin', 'pointerdown']) $('summary').addEventListener(type, () => void openSummary().catch(() => undefined), { capture: true });
  $('log-clear').addEventListener('click', () => {
    if (confirm(t('logClearConfirm'))) { localStorage.removeItem(KEYS.log); renderLog(); }
  });

  await loadConfig();
  await restoreBundle();
  renderTrust();
  await updateFromServer(true);
  registerServiceWorker('/verify');
  // The moment the page became usable, on the page's own clock (bench/pages.bench.ts reads it).
  performance.mark('lp-ready');
  document.body.dataset.ready = 'true';
  // The summary shows its host countries and hint once a reader scrolls to it.
  if ('IntersectionObserver' in window) {
    const seen = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      seen.disconnect();
      void openSummary().catch(() => undefined);
    });
    seen.observe($('summary'));
  }
}

void main();

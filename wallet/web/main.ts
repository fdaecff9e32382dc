// The learner's wallet page: a vault per profile in IndexedDB (wallet/src/core: Argon2id +
// AES-256-GCM), imports verified in the browser (@lp/verify via importCredential), seals shown as
// a large high-contrast QR for a verifier's camera, backups as .lpw files. Offline after the
// first visit (service worker); installable (manifest).
import { pickText } from '@lp/model';
import { acceptBundle, verifyTrustBundle, type VerifiedTrustBundle } from '@lp/trust';
import { indexedDbStorage, listProfiles, parsePickupCode, WalletError, type StoredCredential, type Vault } from '../src/core/index.ts';
import { applyDocumentLanguage, currentIntlLocales, currentLanguage, fetchMessages, hasMessage, isolate, registerServiceWorker, renderSentence, saveDownload, setupI18n, t, takeEarlyFetch } from '@lp/web-kit';
import type { CameraScanner } from '@lp/web-kit/scan';
import type { PresentationRequest } from '../src/oid4vc/read-presentation-request.ts';
// English only in the code (the fallback for a missing key); another language is fetched when shown.
import en from './locales/en.json' with { type: 'json' };

interface PageConfig { anchors: string[]; bundleUrl: string | null; demoIssuer: string | null }

const KEYS = { bundle: 'lp.wallet.bundle', anchors: 'lp.wallet.anchors', lang: 'lp.lang' };
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const storage = indexedDbStorage();

let config: PageConfig = { anchors: [], bundleUrl: null, demoIssuer: null };
/** A code from the certificate's pick-up QR (`/wallet#pickup=CODE`), waiting for the wallet to open. */
let pendingPickup: string | undefined;
/** An offer or request link that opened the page (`/wallet#offer=…`, `#request=…`), waiting for the wallet to open. */
let pendingLink: string | undefined;
/** The offer whose PIN the page is asking for. */
let offerAwaitingPin: string | undefined;
/** The presentation request shown, until the learner shares or cancels. */
let shownRequest: { uri: string; request: PresentationRequest } | undefined;
let bundle: VerifiedTrustBundle | undefined;
let vault: Vault | undefined;
// Kept in memory only while the wallet is open: the backup is sealed with it.
let passphrase: string | undefined;
let scanner: CameraScanner | undefined;
let lastMessage: { key: string; opts?: Record<string, unknown>; error?: boolean; code?: string } | undefined;

/** import() once: the first use fetches the chunk (the service worker keeps it), later uses share it. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= load().catch((err: unknown) => { p = undefined; throw err; }));
}
// What the page loads only when used, each its own chunk: the QR decoders (a photo, the camera),
// the QR encoder (showing a seal), and the vault with verification (Argon2id, full records with
// JSON-LD): a first visit shows the page and its forms without them.
const loadScan = once(async () => {
  const m = await import('@lp/web-kit/scan');
  m.configureZxing({ locateFile: () => new URL('/wallet/zxing_reader.wasm', location.href).href });
  return m;
});
const loadQr = once(() => import('@lp/qr'));
const loadCore = once(() => import('./lib/open-vault.ts'));
// OpenID4VCI/VP (the @openid4vc libraries): only when an offer or a request first arrives.
const loadOpenid = once(() => import('./lib/openid.ts'));

function anchors(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEYS.anchors) ?? 'null') as unknown;
    if (Array.isArray(v) && v.length > 0 && v.every((a) => typeof a === 'string')) return v as string[];
  } catch { /* re-pin below */ }
  return [];
}

async function loadTrust(): Promise<void> {
  try {
    const res = await takeEarlyFetch('/wallet/config.json', { cache: 'no-cache' });
    if (res.ok) config = (await res.json()) as PageConfig;
  } catch { /* offline */ }
  // Pinned on first load from the server the page came from; later loads keep the pins.
  if (anchors().length === 0 && config.anchors.length > 0) localStorage.setItem(KEYS.anchors, JSON.stringify(config.anchors));
  const saved = localStorage.getItem(KEYS.bundle);
  if (saved) {
    const v = await verifyTrustBundle(saved, { anchors: anchors(), now: new Date() });
    if (v.ok) { const { ok: _ok, ...b } = v; bundle = b; }
  }
  if (config.bundleUrl) {
    try {
      const res = await takeEarlyFetch(config.bundleUrl, { cache: 'no-cache' }); // once, at start: the HTML's request
      if (res.ok) {
        const r = await acceptBundle(bundle, await res.text(), { anchors: anchors(), now: new Date() });
        if (r.ok && r.replaced) { bundle = r.bundle; localStorage.setItem(KEYS.bundle, JSON.stringify(r.bundle.jws)); }
      }
    } catch { /* offline: the saved bundle */ }
  }
}

function say(key: string, opts?: Record<string, unknown>, error = false, code?: string): void {
  lastMessage = { key, ...(opts ? { opts } : {}), error, ...(code !== undefined ? { code } : {}) };
  const m = $('message');
  m.textContent = t(key, opts);
  m.className = error ? 'message error' : 'message';
  // The stable code of a failure, for tests and support ("what does the screen say?").
  if (code !== undefined) m.dataset.code = code;
  else delete m.dataset.code;
}

function errorText(err: unknown): void {
  const code = err instanceof WalletError ? err.code : undefined;
  // Each stable code has its own message; anything else (a bug, a browser failure) is "unreadable".
  if (code === 'WRONG_PASSPHRASE') say('wrongPass', undefined, true, code);
  else if (code !== undefined && hasMessage(`walletError.${code}`)) say(`walletError.${code}`, undefined, true, code);
  else say('unreadable', undefined, true);
  console.warn(err);
}

/** Every new attempt clears the outcome of the previous one before it starts. */
function beginAttempt(): void {
  lastMessage = undefined;
  const m = $('message');
  m.textContent = '';
  m.className = 'message';
  delete m.dataset.code;
}

async function showView(): Promise<void> {
  const profiles = await listProfiles(storage).catch(() => []);
  $('unlock-view').hidden = vault !== undefined || profiles.length === 0;
  $('create-view').hidden = vault !== undefined || profiles.length > 0;
  $('wallet-view').hidden = vault === undefined;
  const select = $<HTMLSelectElement>('unlock-profile');
  select.replaceChildren(...profiles.map((p) => { const o = document.createElement('option'); o.value = o.textContent = p.profile; return o; }));
  if (vault) renderWallet();
  renderPendingPickup();
  document.body.dataset.view = vault ? 'wallet' : profiles.length ? 'unlock' : 'create';
}

function line(cls: string, key: string, opts: Record<string, string>): HTMLElement {
  // Interpolated values come from credentials: isolate each so it cannot reorder the sentence.
  const div = document.createElement('div');
  div.className = cls;
  div.append(...renderSentence(key, Object.fromEntries(Object.entries(opts).map(([k, v]) => [k, isolate(v)]))));
  return div;
}

function plain(cls: string, text: string): HTMLElement {
  const div = document.createElement('div');
  div.className = cls;
  div.textContent = text;
  return div;
}

/** A country's name in the page's language (CLDR through Intl). */
function regionName(iso2: string): string {
  try {
    return new Intl.DisplayNames(currentIntlLocales(), { type: 'region' }).of(iso2) ?? iso2;
  } catch {
    return iso2;
  }
}

/** "Awarded <date>" under a result, the date in the page's language, as a <time>. */
function awardedLine(li: HTMLElement, iso: string): void {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return;
  const time = document.createElement('time');
  time.dateTime = iso.slice(0, 10);
  time.textContent = new Intl.DateTimeFormat(currentIntlLocales(), { dateStyle: 'long', timeZone: 'UTC' }).format(d);
  const div = document.createElement('div');
  div.className = 'meta awarded';
  div.append(...renderSentence('awardedOn', { date: time }));
  li.append(div);
}

/** An achievement without a result: just its name, isolated (no sentence to translate). */
function achievementOnly(name: string): HTMLElement {
  const div = document.createElement('div');
  div.className = 'ach';
  div.append(isolate(name));
  return div;
}

function renderWallet(): void {
  if (!vault) return;
  const holder = document.createElement('code');
  holder.id = 'holder';
  holder.dir = 'ltr';
  holder.textContent = vault.holderDid;
  $('holder-line').replaceChildren(...renderSentence('holderLine', { did: holder }));
  const creds = vault.credentials;
  $('count').textContent = t('count', { count: creds.length });
  const list = $('list');
  list.replaceChildren();
  for (const c of creds) list.append(card(c));
  void reverifyCards(creds);
  const demo = !!config.demoIssuer && creds.some((c) => c.summary.issuer === config.demoIssuer);
  $('demo-banner').hidden = !(demo || (config.demoIssuer && bundle?.bundle.issuers.some((i) => i.id === config.demoIssuer)));
}

let renderGeneration = 0;

/**
 * Each card's verdict checked again, now, against the freshest bundle held (the page fetched it on
 * load): a revocation learnt since the import shows, as `lp wallet list` says. Until then the card
 * shows the verdict from the import; `data-checked` marks the card once it is current.
 */
async function reverifyCards(creds: readonly StoredCredential[]): Promise<void> {
  const generation = ++renderGeneration;
  for (const c of creds) {
    let verdict;
    try {
      const { reverifyCredential } = await loadCore();
      verdict = (await reverifyCredential(c, { bundle, now: new Date(), lang: currentLanguage() })).verdict;
    } catch {
      verdict = 'UNKNOWN' as const;
    }
    if (generation !== renderGeneration) return;
    const li = [...$('list').querySelectorAll<HTMLElement>('li.card')].find((x) => x.dataset.id === c.id);
    const badge = li?.querySelector<HTMLElement>('.badge');
    if (!li || !badge) continue;
    setBadge(badge, verdict);
    li.dataset.checked = 'now';
  }
}

function setBadge(badge: HTMLElement, v: StoredCredential['verification']['verdict']): void {
  badge.className = `badge ${v}`;
  badge.textContent = t(`verdict.${v}`);
}

function card(c: StoredCredential): HTMLElement {
  const li = document.createElement('li');
  li.className = 'card';
  li.dataset.id = c.id;
  const badge = document.createElement('span');
  setBadge(badge, c.verification.verdict);
  li.append(badge);
  for (const a of c.summary.achievements) {
    const name = nameOf(a.code) ?? a.name ?? a.code ?? '';
    li.append(a.result !== undefined ? line('ach', 'resultLine', { name, result: a.result }) : achievementOnly(name));
    // A 2012 result received today must not read as awarded today; read in UTC (a calendar date).
    if (a.awardedAt) awardedLine(li, a.awardedAt);
    const g = a.nationalGrades;
    if (g) li.append(plain('meta ach-grades', t('learning.nationalGrades', { from: g.from, to: g.to, country: regionName(g.country) })));
    if (a.partial) li.append(plain('meta ach-partial', a.partial.monthsInGrade !== undefined ? t('learning.partial', { months: a.partial.monthsCompleted, of: a.partial.monthsInGrade }) : t('learning.partialMonths', { months: a.partial.monthsCompleted })));
    if (a.partialTerms) li.append(plain('meta ach-partial', a.partialTerms.termsInGrade !== undefined ? t('learning.partialTerms', { terms: a.partialTerms.termsCompleted, of: a.partialTerms.termsInGrade }) : t('learning.partialTermsOnly', { terms: a.partialTerms.termsCompleted })));
    if (a.notionalHours !== undefined) li.append(plain('meta ach-hours', t('learning.hours', { hours: a.notionalHours })));
    for (const k of a.competencies ?? []) li.append(line('meta ach-competency', 'resultLine', { name: k.name, result: k.level }));
  }
  if (c.summary.learner) li.append(line('meta', 'learnerLine', { name: c.summary.learner }));
  li.append(line('meta', 'issuerLine', { name: issuerName(c.summary.issuer) ?? c.summary.issuerName ?? c.summary.issuer }));
  const actions = document.createElement('div');
  actions.className = 'actions';
  const show = document.createElement('button');
  show.type = 'button';
  show.className = 'primary show-seal';
  show.textContent = t('showSeal');
  show.addEventListener('click', () => void showSeal(c));
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.textContent = t('remove');
  remove.addEventListener('click', async () => {
    if (vault && confirm(t('confirmRemove'))) { await vault.remove(c.id); renderWallet(); }
  });
  actions.append(show, remove);
  li.append(actions);
  return li;
}

/** Names in the chosen language come from the signed catalogue in the trust bundle. */
function nameOf(code: string | undefined): string | undefined {
  if (!code || !bundle) return undefined;
  for (const issuer of bundle.bundle.issuers) {
    const e = issuer.catalogue?.achievements.find((a) => a.code === code);
    if (e) return pickText(e.names, currentLanguage(), ['en'])?.text;
  }
  return undefined;
}

function issuerName(id: string): string | undefined {
  const i = bundle?.bundle.issuers.find((x) => x.id === id);
  return i ? i.names[currentLanguage()] ?? i.names.en ?? Object.values(i.names)[0] : undefined;
}

async function showSeal(c: StoredCredential): Promise<void> {
  if (!c.seal) { say('noSeal', undefined, true); return; }
  const { renderQrImage } = await loadQr();
  // White background, the largest whole-pixel module size that fits: what a camera reads best.
  const probe = renderQrImage(c.seal, { scale: 1, margin: 4 });
  const side = Math.min(window.innerWidth, window.innerHeight * 0.85);
  const scale = Math.max(1, Math.min(64, Math.floor((side * (window.devicePixelRatio || 1)) / probe.width)));
  const img = renderQrImage(c.seal, { scale, margin: 4 });
  const canvas = $<HTMLCanvasElement>('qr');
  canvas.width = img.width;
  canvas.height = img.height;
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(img.data), img.width, img.height), 0, 0);
  const cssSide = Math.floor(img.width / (window.devicePixelRatio || 1));
  canvas.style.inlineSize = `${cssSide}px`;
  canvas.style.blockSize = `${cssSide}px`;
  const name = c.summary.achievements.map((a) => nameOf(a.code) ?? a.name ?? a.code ?? '').join(', ');
  $('qr-caption').textContent = t('qrCaption', { name });
  $('qr-overlay').hidden = false;
  document.body.dataset.seal = 'shown';
}

/**
 * Redeems a pick-up code at the server this page came from (`lp serve` mounts the issuer beside
 * the wallet page) and keeps every credential it delivers. A code works once: it is redeemed only
 * here, after the wallet is open, so nothing it delivers can be lost.
 */
async function redeemPickup(code: string): Promise<void> {
  if (!vault) return;
  say('pickupWorking');
  let items;
  const { receivePickup } = await loadCore();
  try {
    items = await receivePickup(new URL(`/pickup/${encodeURIComponent(code)}`, location.href).href);
  } catch (err) {
    errorText(err);
    return;
  }
  pendingPickup = undefined;
  await keepDelivered(vault, items, 'PICKUP_REFUSED');
  $<HTMLInputElement>('pickup-code').value = '';
}

/**
 * Keeps what a pick-up or an offer delivered, each credential verified with the page's bundle
 * first (importCredential), then says how many were kept and how many refused.
 */
async function keepDelivered(
  open: Vault,
  items: Parameters<Awaited<ReturnType<typeof loadCore>>['importCredential']>[1][],
  refusedCode: 'PICKUP_REFUSED' | 'OFFER_REFUSED',
): Promise<void> {
  const { importCredential } = await loadCore();
  const ids = new Set<string>();
  let refused = 0;
  for (const item of items) {
    try {
      const r = await importCredential(open, item, { bundle, now: new Date(), lang: currentLanguage() });
      if (r.outcome === 'refused') refused++;
      else ids.add(r.credential.id);
    } catch {
      refused++;
    }
  }
  renderWallet();
  if (refused > 0) say('pickupPartly', { count: ids.size, refused }, true, refusedCode);
  else say('imported', { count: ids.size });
}

/** Imports one text; returns the credential id it was stored under, or undefined (refused). */
async function importText(text: string, source: StoredCredential['source']): Promise<string | undefined> {
  if (!vault) return undefined;
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  const input = trimmed.startsWith('LP1:') ? { seal: trimmed, source } : { fullRecord: text, source };
  const { importCredential } = await loadCore();
  const r = await importCredential(vault, input, { bundle, now: new Date(), lang: currentLanguage() });
  if (r.outcome === 'refused') {
    say('refused', { code: r.result.checks.find((c) => c.status === 'fail')?.code ?? 'INVALID' }, true);
    return undefined;
  }
  return r.credential.id;
}

async function importFiles(files: FileList): Promise<void> {
  if (!vault) return;
  beginAttempt();
  say('working');
  let count = 0;
  // A record and its seal are one credential: count distinct ids.
  const ids = new Set<string>();
  const add = (id: string | undefined) => { if (id !== undefined) ids.add(id); };
  try {
    const { restoreBackup, Vault } = await loadCore();
    // Full records first, so that a seal picked with its record merges into the same entry.
    const sorted = [...files].sort((a, b) => Number(a.type.startsWith('image/')) - Number(b.type.startsWith('image/')) || a.name.localeCompare(b.name));
    for (const f of sorted) {
      const bytes = new Uint8Array(await f.arrayBuffer());
      if (bytes[0] === 0x4c && bytes[1] === 0x50 && bytes[2] === 0x57) {
        const pass = prompt(t('passphrase')) ?? '';
        const r = await restoreBackup(storage, bytes, { passphrase: pass, vaultPassphrase: passphrase!, profile: vault.profile, now: new Date() });
        vault = await Vault.unlock(storage, vault.profile, passphrase!);
        count += r.added;
      } else if (f.type.startsWith('image/')) {
        const { decodeFrame } = await loadScan();
        const bitmap = await createImageBitmap(f);
        const text = await decodeFrame($<HTMLCanvasElement>('frame'), bitmap, bitmap.width, bitmap.height);
        if (text === undefined) { say('noQr', undefined, true, 'NO_QR'); continue; }
        // A photo of an offer's or a request's QR: as if its link were pasted.
        const link = openIdLinkOf(text);
        if (link !== undefined) { await openLink(link); return; }
        // The certificate's pick-up QR: a photo of it redeems the code.
        const code = text.startsWith('LP1:') ? undefined : parsePickupCode(text);
        if (code !== undefined) { await redeemPickup(code); return; }
        add(await importText(text, 'seal'));
      } else {
        add(await importText(new TextDecoder().decode(bytes), 'file'));
      }
    }
    count += ids.size;
    if (count > 0 || !lastMessage?.error) say('imported', { count });
  } catch (err) {
    errorText(err);
  }
  renderWallet();
}

async function camera(): Promise<CameraScanner> {
  const { CameraScanner } = await loadScan();
  scanner ??= new CameraScanner({ video: $<HTMLVideoElement>('video'), canvas: $<HTMLCanvasElement>('frame'), startButton: $('scan-start'), stopButton: $('scan-stop') });
  return scanner;
}

async function scan(): Promise<void> {
  beginAttempt();
  const outcome = await (await camera()).scan(() => {
    say('scanning');
  });
  if (outcome.kind === 'camera-error') { say('cameraError', undefined, true, 'CAMERA_ERROR'); return; }
  if (outcome.kind !== 'text') { beginAttempt(); return; }
  const link = openIdLinkOf(outcome.text);
  if (link !== undefined) { await openLink(link); return; }
  const code = outcome.text.startsWith('LP1:') ? undefined : parsePickupCode(outcome.text);
  if (code !== undefined) { await redeemPickup(code); return; }
  if ((await importText(outcome.text, 'seal')) !== undefined) say('imported', { count: 1 });
  renderWallet();
}

const OFFER_SCHEME = 'openid-credential-offer://';
const REQUEST_SCHEME = 'openid4vp://';
// Called through a wrapper: a browser refuses window.fetch called as another object's method.
const fetchFn = (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init);

/**
 * The OpenID4VCI offer or OpenID4VP request a text holds: the link itself (what an issuer's or a
 * school's QR holds), or a link to this page carrying it in its fragment (`/wallet#offer=…`,
 * `#request=…`, like the pick-up QR's `#pickup=`), which never reaches a server's logs.
 */
function openIdLinkOf(text: string): string | undefined {
  const s = text.trim();
  if (s.startsWith(OFFER_SCHEME) || s.startsWith(REQUEST_SCHEME)) return s;
  const m = /^https?:\/\/[^#\s]*#(offer|request)=(\S+)$/i.exec(s);
  if (!m) return undefined;
  let inner: string;
  try { inner = decodeURIComponent(m[2]!); } catch { return undefined; }
  return inner.startsWith(m[1]!.toLowerCase() === 'offer' ? OFFER_SCHEME : REQUEST_SCHEME) ? inner : undefined;
}

function resetOpenid(): void {
  offerAwaitingPin = undefined;
  shownRequest = undefined;
  $('pin-form').hidden = true;
  $<HTMLInputElement>('pin').value = '';
  $('pin').removeAttribute('maxlength');
  $('pin-hint').hidden = true;
  $('pin-description').textContent = '';
  $('vp-view').hidden = true;
  $('vp-list').replaceChildren();
}

/** A pasted, scanned or opened link: an offer is received, a request is shown for the learner to choose. */
async function openLink(text: string): Promise<void> {
  if (!vault) return;
  resetOpenid();
  pendingLink = undefined;
  renderPendingPickup();
  const link = openIdLinkOf(text);
  $<HTMLInputElement>('openid-link').value = text.trim();
  if (link?.startsWith(OFFER_SCHEME)) await receiveOffer(link);
  else if (link?.startsWith(REQUEST_SCHEME)) await showRequest(link);
  else say('oid4vci.notALink', undefined, true, 'OFFER_INVALID');
}

/**
 * Runs the wallet side of the offer (metadata, token, nonce, proof of possession with this
 * profile's holder key, so the credentials name it as their subject) and keeps each credential
 * only once it verified against the held trust bundle, as a pick-up does. An offer with a PIN
 * stops at the PIN form; a wrong PIN says how many attempts the issuer still allows.
 */
async function receiveOffer(uri: string, pin?: string): Promise<void> {
  if (!vault) return;
  say('oid4vci.working');
  let items;
  try {
    const { receiveCredentialOffer } = await loadOpenid();
    items = await receiveCredentialOffer(uri, { holder: { did: vault.holderDid, seed: vault.holderSeed }, ...(pin !== undefined ? { txCode: pin } : {}), fetch: fetchFn, now: new Date() });
  } catch (err) {
    if (err instanceof WalletError && (err.code === 'TX_CODE_REQUIRED' || err.code === 'TX_CODE_WRONG')) {
      const left = err.details.attemptsLeft;
      if (left === 0) { resetOpenid(); say('oid4vci.pinLocked', undefined, true, err.code); return; }
      offerAwaitingPin = uri;
      $('pin-form').hidden = false;
      const field = $<HTMLInputElement>('pin');
      field.value = '';
      // The keyboard and length the offer states (a phone shows digits for a numeric PIN).
      const shape = err.details.txCode;
      if (shape) {
        field.inputMode = shape.inputMode === 'text' ? 'text' : 'numeric';
        if (shape.length !== undefined) field.maxLength = shape.length;
        else field.removeAttribute('maxlength');
        // The issuer's words on where the PIN is, in its language: shown as text, never as markup.
        $('pin-description').textContent = shape.description ?? '';
        $('pin-hint').hidden = shape.description === undefined;
      }
      $('pin').focus();
      if (err.code === 'TX_CODE_REQUIRED') say('oid4vci.pinNeeded', undefined, false, err.code);
      else if (left !== undefined) say('oid4vci.pinWrong', { attempts: left }, true, err.code);
      else errorText(err);
      return;
    }
    errorText(err);
    return;
  }
  resetOpenid();
  await keepDelivered(vault, items, 'OFFER_REFUSED');
  $<HTMLInputElement>('openid-link').value = '';
}

/** Shows who asks and for what, with the held records that fit, none chosen: nothing is sent yet. */
async function showRequest(uri: string): Promise<void> {
  if (!vault) return;
  say('working');
  try {
    const { readPresentationRequest } = await loadOpenid();
    shownRequest = { uri, request: await readPresentationRequest(vault, uri, { fetch: fetchFn }) };
  } catch (err) {
    errorText(err);
    return;
  }
  beginAttempt();
  renderRequest();
  $('vp-view').scrollIntoView({ block: 'nearest' });
}

/** A credential type in the page's words (the two kinds our issuers sign), else as named. */
function typeName(type: string): string {
  return hasMessage(`oid4vp.type.${type}`) ? t(`oid4vp.type.${type}`) : type;
}

function chosenIds(): string[] {
  return [...document.querySelectorAll<HTMLInputElement>('#vp-list input[type=checkbox]:checked')].map((i) => i.value);
}

function renderRequest(): void {
  if (!shownRequest || !vault) { $('vp-view').hidden = true; return; }
  const { request } = shownRequest;
  const chosen = new Set(chosenIds());
  let host = request.responseUri;
  try { host = new URL(request.responseUri).host; } catch { /* shown as given */ }
  const hostEl = document.createElement('strong');
  hostEl.dir = 'ltr';
  hostEl.textContent = host;
  const idEl = document.createElement('code');
  idEl.dir = 'ltr';
  idEl.textContent = request.clientId;
  $('vp-who').replaceChildren(...renderSentence('oid4vp.who', { host: hostEl, clientId: idEl }));
  // Each set of types a credential must hold, the sets joined by the language's "or".
  const kinds = request.answered.typeValues.map((set) => set.map(typeName).join(' + '));
  const list = new Intl.ListFormat(currentIntlLocales(), { type: 'disjunction' }).format(kinds.length > 0 ? kinds : [t('oid4vp.anyRecord')]);
  const format = document.createElement('code');
  format.dir = 'ltr';
  format.textContent = request.answered.format;
  $('vp-what').replaceChildren(...renderSentence('oid4vp.what', { kinds: isolate(list), format }));
  const items = request.candidates.map((id) => {
    const c = vault!.find(id);
    const li = document.createElement('li');
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = id;
    box.checked = chosen.has(id);
    const text = document.createElement('span');
    // The result beside each name: two copies of one subject differ by it, not by their title.
    const names = c ? c.summary.achievements.map((a) => {
      const name = nameOf(a.code) ?? a.name ?? a.code ?? '';
      return a.result !== undefined ? t('resultLine', { name, result: a.result }) : name;
    }).join(', ') : id;
    const issuer = c ? issuerName(c.summary.issuer) ?? c.summary.issuerName ?? c.summary.issuer : '';
    text.append(...renderSentence('oid4vp.choice', { name: isolate(names), issuer: isolate(issuer) }));
    label.append(box, text);
    li.append(label);
    return li;
  });
  $('vp-list').replaceChildren(...items);
  $('vp-choices').hidden = items.length === 0;
  $('vp-none').hidden = items.length > 0;
  $<HTMLButtonElement>('vp-send').disabled = chosenIds().length === 0;
  $('vp-view').hidden = false;
}

/**
 * Signs one presentation of the chosen records with the holder key, for the request's nonce
 * (challenge) and client id (domain), and posts it to the verifier (direct_post), as
 * `lp wallet respond` does. Nothing is sent unless the learner ticked at least one record.
 */
async function sharePresentation(): Promise<void> {
  if (!vault || !shownRequest) return;
  const ids = chosenIds();
  if (ids.length === 0) return;
  const { uri, request } = shownRequest;
  beginAttempt();
  say('oid4vp.sending');
  let host = request.responseUri;
  try { host = new URL(request.responseUri).host; } catch { /* shown as given */ }
  try {
    const { answerPresentationRequest, createDocumentLoader } = await loadOpenid();
    documentLoader ??= createDocumentLoader();
    const out = await answerPresentationRequest(vault, uri, { ids, documentLoader, now: new Date(), fetch: fetchFn });
    const verdict = (out.body as { verdict?: unknown } | null)?.verdict;
    const shown = typeof verdict === 'string' && hasMessage(`verdict.${verdict}`) ? t(`verdict.${verdict}`) : String(verdict ?? out.status);
    resetOpenid();
    $<HTMLInputElement>('openid-link').value = '';
    document.body.dataset.shared = typeof verdict === 'string' ? verdict : String(out.status);
    say('oid4vp.sent', { host, verdict: shown }, verdict !== 'VALID');
  } catch (err) {
    const remote = err instanceof WalletError ? err.details.remoteCode : undefined;
    if (remote === 'RESPONSE_ALREADY_RECEIVED') say('oid4vp.alreadyAnswered', undefined, true, remote);
    else if (remote !== undefined) say('oid4vp.refusedCode', { code: remote }, true, remote);
    else errorText(err);
  }
}
let documentLoader: ReturnType<typeof import('@lp/contexts').createDocumentLoader> | undefined;

function download(bytes: Uint8Array, name: string): void {
  saveDownload(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }), name);
}

function applyLanguage(): void {
  applyDocumentLanguage($<HTMLSelectElement>('lang'));
  $('demo-banner').textContent = t('demoBanner');
  renderPendingPickup();
  if (lastMessage) say(lastMessage.key, lastMessage.opts, lastMessage.error, lastMessage.code);
  renderWallet();
  renderRequest();
}

/** Before the wallet is open, a scanned pick-up link says what will happen once it is. */
function renderPendingPickup(): void {
  const note = $('pickup-pending');
  note.hidden = (pendingPickup === undefined && pendingLink === undefined) || vault !== undefined;
  if (pendingPickup !== undefined) note.textContent = t('pickupPending', { code: pendingPickup });
  else if (pendingLink !== undefined) note.textContent = t(pendingLink.startsWith(REQUEST_SCHEME) ? 'oid4vp.pending' : 'oid4vci.pending');
}

/** The pick-up QR opens `/wallet#pickup=CODE`; the fragment never reaches a server's logs. */
function takePickupFromLocation(): void {
  const link = location.hash.length > 1 ? openIdLinkOf(location.href) : undefined;
  if (link !== undefined) {
    pendingLink = link;
    $<HTMLInputElement>('openid-link').value = link;
    history.replaceState(null, '', location.pathname + location.search);
    return;
  }
  const code = location.hash.startsWith('#pickup=') ? parsePickupCode(location.href) : undefined;
  if (code === undefined) return;
  pendingPickup = code;
  $<HTMLInputElement>('pickup-code').value = code;
  history.replaceState(null, '', location.pathname + location.search);
}

async function main(): Promise<void> {
  await setupI18n({ resources: { en: { translation: en } }, loadMessages: fetchMessages('/wallet'), storageKey: KEYS.lang, select: $<HTMLSelectElement>('lang'), onChange: applyLanguage });
  takePickupFromLocation();
  // A link to the page opened while it is open (an installed app, the same tab) only changes the
  // fragment: taken the same way, filled in, waiting for the learner to go on.
  window.addEventListener('hashchange', () => { takePickupFromLocation(); renderPendingPickup(); });
  await loadTrust();
  $('demo-banner').hidden = !(config.demoIssuer && bundle?.bundle.issuers.some((i) => i.id === config.demoIssuer));
  applyLanguage();

  $('create-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const p1 = $<HTMLInputElement>('create-pass').value;
    if (p1 !== $<HTMLInputElement>('create-pass2').value) { say('passMismatch', undefined, true); return; }
    say('working');
    try {
      const { createHolderKey, Vault } = await loadCore();
      vault = await Vault.create(storage, { profile: $<HTMLInputElement>('create-profile').value, passphrase: p1, holder: await createHolderKey(), now: new Date() });
      passphrase = p1;
      say('created');
      await showView();
    } catch (err) { errorText(err); }
  });
  $('unlock-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    say('working');
    try {
      const p = $<HTMLInputElement>('unlock-pass').value;
      const { Vault } = await loadCore();
      vault = await Vault.unlock(storage, $<HTMLSelectElement>('unlock-profile').value, p);
      passphrase = p;
      $<HTMLInputElement>('unlock-pass').value = '';
      say('unlocked');
      await showView();
    } catch (err) { errorText(err); }
  });
  $('restore-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = $<HTMLInputElement>('restore-file').files?.[0];
    if (!f) return;
    say('working');
    try {
      const p = $<HTMLInputElement>('restore-pass').value;
      const { restoreBackup, Vault } = await loadCore();
      const r = await restoreBackup(storage, new Uint8Array(await f.arrayBuffer()), { passphrase: p, now: new Date() });
      vault = await Vault.unlock(storage, r.profile, p);
      passphrase = p;
      say('restored', { count: r.added });
      await showView();
    } catch (err) { errorText(err); }
  });
  $<HTMLInputElement>('import-file').addEventListener('change', (e) => {
    const files = (e.target as HTMLInputElement).files;
    if (files && files.length) void importFiles(files).then(() => { (e.target as HTMLInputElement).value = ''; });
  });
  $('scan-start').addEventListener('click', () => void scan());
  $('pickup-form').addEventListener('submit', (e) => {
    e.preventDefault();
    beginAttempt();
    const code = parsePickupCode($<HTMLInputElement>('pickup-code').value);
    if (code === undefined) { say('walletError.PICKUP_CODE_INVALID', undefined, true, 'PICKUP_CODE_INVALID'); return; }
    void redeemPickup(code);
  });
  $('scan-stop').addEventListener('click', () => scanner?.stop());
  $('export').addEventListener('click', async () => {
    if (!vault || !passphrase) return;
    say('working');
    const { exportBackup } = await loadCore();
    const bytes = await exportBackup(vault, passphrase, { now: new Date() });
    download(bytes, `${vault.profile}-${new Date().toISOString().slice(0, 10)}.lpw`);
    say('backupSaved');
  });
  $('openid-form').addEventListener('submit', (e) => {
    e.preventDefault();
    beginAttempt();
    void openLink($<HTMLInputElement>('openid-link').value);
  });
  $('pin-form').addEventListener('submit', (e) => {
    e.preventDefault();
    beginAttempt();
    const pin = $<HTMLInputElement>('pin').value.trim();
    if (offerAwaitingPin !== undefined && pin !== '') void receiveOffer(offerAwaitingPin, pin);
  });
  $('vp-list').addEventListener('change', () => {
    $<HTMLButtonElement>('vp-send').disabled = chosenIds().length === 0;
  });
  $('vp-send').addEventListener('click', () => void sharePresentation());
  $('vp-cancel').addEventListener('click', () => { resetOpenid(); beginAttempt(); });
  $('lock').addEventListener('click', () => { resetOpenid(); vault = undefined; passphrase = undefined; lastMessage = undefined; $('message').textContent = ''; void showView(); });
  $('qr-close').addEventListener('click', () => { $('qr-overlay').hidden = true; delete document.body.dataset.seal; });

  await showView();
  registerServiceWorker('/wallet');
  // The moment the page became usable, on the page's own clock (bench/pages.bench.ts reads it).
  performance.mark('lp-ready');
  document.body.dataset.ready = 'true';
}

void main();

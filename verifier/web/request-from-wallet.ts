// "Request from a wallet": an OpenID4VP request made through the server this page came from
// (POST /oid4vp/requests), shown as a QR and a link; the page asks the server for the answer
// (GET /oid4vp/requests/:id) until it comes, the request expires or the page is hidden. The
// records the wallet sent are verified again here, by the page's own pipeline and trust bundle,
// so they read exactly as a scanned or pasted record; the server adds what only it can know (the
// answer carried this request's nonce and audience, signed by the learner's key).
import { verdictOf, type Check } from '@lp/model';
import type { VerificationResult } from '@lp/verify';
import { hasMessage, isolate, t } from '@lp/web-kit';
import { z } from 'zod';
import { codeSpan, renderCheckItems } from './lib/render-checks.ts';

export interface WalletRequestOptions {
  /** The page's own verification of one record (the same as for a pasted record). */
  verify: (record: object) => Promise<VerificationResult>;
  /** Shows a record in the page's main result, as if pasted. */
  show: (text: string) => void;
  /** Adds records (JSON text) to the Learner summary. */
  addToSummary: (texts: string[]) => void;
  /** Between two questions to the server; default 2 s. */
  pollMs?: number;
}

/** Test hook: plain data, read by playwright. */
export interface WalletRequestHooks {
  state: State['kind'] | 'idle';
  uri?: string;
  expiresAt?: string;
  verdict?: string;
  presentationCodes?: string[];
  records?: VerificationResult[];
  polls: number;
}

const zMade = z.object({ id: z.string(), uri: z.string(), qrPng: z.string().startsWith('data:image/png;base64,'), expiresAt: z.string(), readKey: z.string() });
const zCheck = z.object({ id: z.string(), status: z.enum(['pass', 'fail', 'unknown', 'skipped']), code: z.string(), message: z.string() }).passthrough();
const zAnswer = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending'), expiresAt: z.string() }),
  z.object({ status: z.literal('checking'), expiresAt: z.string() }),
  z.object({ status: z.literal('expired'), expiresAt: z.string() }),
  z.object({
    status: z.literal('answered'), expiresAt: z.string(), verdict: z.string(), error: z.string().optional(),
    presentations: z.array(z.object({ checks: z.array(zCheck) }).passthrough()),
    records: z.array(z.record(z.string(), z.unknown())).default([]),
  }),
]);

type Made = z.infer<typeof zMade>;
type State =
  | { kind: 'making' }
  | { kind: 'failed'; key: string; code?: string }
  | { kind: 'pending' | 'paused' | 'checking'; made: Made }
  | { kind: 'expired'; made: Made }
  | { kind: 'answered'; made: Made; verdict: string; checks: Check[]; records: { text: string; result: VerificationResult }[]; error?: string };

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export function setupWalletRequest(opts: WalletRequestOptions): { start: () => Promise<void>; render: () => void; relabel: () => Promise<void>; hooks: WalletRequestHooks } {
  const pollMs = opts.pollMs ?? 2000;
  const hooks: WalletRequestHooks = { state: 'idle', polls: 0 };
  let state: State | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A request replaced by a newer one must not write its late answers over the new one.
  let generation = 0;

  const set = (s: State): void => {
    state = s;
    hooks.state = s.kind;
    if ('made' in s) { hooks.uri = s.made.uri; hooks.expiresAt = s.made.expiresAt; }
    if (s.kind === 'answered') {
      hooks.verdict = s.verdict;
      hooks.presentationCodes = s.checks.map((c) => c.code);
      hooks.records = s.records.map((r) => r.result);
    }
    render();
  };

  const stopPolling = (): void => { if (timer !== undefined) clearTimeout(timer); timer = undefined; };

  const schedule = (made: Made, gen: number): void => {
    stopPolling();
    // Hidden: no question until the school looks again (a phone in a pocket must not poll).
    if (document.hidden) { set({ kind: 'paused', made }); return; }
    timer = setTimeout(() => void poll(made, gen), pollMs);
  };

  async function poll(made: Made, gen: number): Promise<void> {
    timer = undefined;
    if (gen !== generation) return;
    hooks.polls++;
    let answer: z.infer<typeof zAnswer>;
    try {
      const res = await fetch(`/oid4vp/requests/${encodeURIComponent(made.id)}`, { cache: 'no-store', headers: { 'X-LP-Read-Key': made.readKey } });
      if (res.status === 404) { if (gen === generation) set({ kind: 'failed', key: 'verify.oid4vp.gone', code: 'REQUEST_NOT_FOUND' }); return; }
      if (!res.ok) throw new Error(String(res.status));
      answer = zAnswer.parse(await res.json());
    } catch {
      // Offline for a moment: ask again unless the request has run out meanwhile.
      if (gen !== generation) return;
      if (Date.parse(made.expiresAt) <= Date.now()) { set({ kind: 'expired', made }); return; }
      schedule(made, gen);
      return;
    }
    if (gen !== generation) return;
    if (answer.status === 'expired') { set({ kind: 'expired', made }); return; }
    if (answer.status === 'pending' || answer.status === 'checking') {
      if (state?.kind !== answer.status) set({ kind: answer.status, made });
      schedule(made, gen);
      return;
    }
    const records = await Promise.all(answer.records.map(async (r) => ({ text: JSON.stringify(r), result: await opts.verify(r) })));
    if (gen !== generation) return;
    const checks = answer.presentations.flatMap((p) => p.checks.filter((c) => c.id === 'presentation' && !c.code.startsWith('CREDENTIAL_'))) as Check[];
    // The verdict: the server's checks of the answer itself (nonce, audience, the holder's
    // signature and binding) and this page's verdict of each record; VALID only when every one
    // passed. An answer the server could not read (INVALID) or check (UNKNOWN) keeps its verdict.
    const verdict = answer.error !== undefined ? answer.verdict : verdictOf([...checks, ...records.map((r): Check => ({
      id: 'presentation', status: r.result.verdict === 'VALID' ? 'pass' : r.result.verdict === 'INVALID' ? 'fail' : 'unknown', code: `CREDENTIAL_${r.result.verdict}`, message: '',
    }))]);
    set({ kind: 'answered', made, verdict, checks, records, ...(answer.error ? { error: answer.error } : {}) });
  }

  async function start(): Promise<void> {
    const gen = ++generation;
    stopPolling();
    set({ kind: 'making' });
    let made: Made;
    try {
      const res = await fetch('/oid4vp/requests', { method: 'POST', cache: 'no-store' });
      if (!res.ok) {
        const code = await res.json().then((b: { code?: unknown }) => (typeof b.code === 'string' ? b.code : String(res.status)), () => String(res.status));
        if (gen === generation) set({ kind: 'failed', key: 'verify.oid4vp.failed', code });
        return;
      }
      made = zMade.parse(await res.json());
    } catch {
      if (gen === generation) set({ kind: 'failed', key: 'verify.oid4vp.needsServer' });
      return;
    }
    if (gen !== generation) return;
    set({ kind: 'pending', made });
    schedule(made, gen);
  }

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && state?.kind === 'paused') {
      const made = state.made;
      set({ kind: 'pending', made });
      void poll(made, generation);
    } else if (document.hidden && timer !== undefined && state && 'made' in state) {
      stopPolling();
      set({ kind: 'paused', made: state.made });
    }
  });

  function render(): void {
    const view = $('oid4vp-view');
    const status = $('oid4vp-status');
    view.replaceChildren();
    status.replaceChildren();
    document.body.dataset.oid4vp = state?.kind ?? 'idle';
    if (!state) return;
    const line = (key: string, params?: Record<string, unknown>) => { status.textContent = t(key, params); };
    switch (state.kind) {
      case 'making': line('verify.oid4vp.making'); return;
      case 'failed':
        line(state.key, state.code ? { code: state.code } : undefined);
        if (state.code) status.append(' ', codeSpan(state.code));
        return;
      default: break;
    }
    const made = state.made;
    const until = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { timeStyle: 'short' }).format(new Date(made.expiresAt));
    if (state.kind === 'pending' || state.kind === 'paused' || state.kind === 'checking') {
      const img = document.createElement('img');
      img.id = 'oid4vp-qr';
      img.className = 'oid4vp-qr';
      img.src = made.qrPng;
      img.alt = t('verify.oid4vp.qrAlt');
      const prompt = document.createElement('p');
      prompt.textContent = t('verify.oid4vp.scanPrompt');
      const linkLabel = document.createElement('p');
      linkLabel.className = 'small';
      linkLabel.textContent = t('verify.oid4vp.linkLabel');
      const link = document.createElement('a');
      link.id = 'oid4vp-link';
      link.className = 'oid4vp-link';
      link.href = made.uri;
      link.dir = 'ltr';
      link.textContent = made.uri;
      const copy = document.createElement('button');
      copy.type = 'button';
      copy.id = 'oid4vp-copy';
      copy.textContent = t('verify.oid4vp.copy');
      copy.addEventListener('click', () => {
        void navigator.clipboard?.writeText(made.uri).then(() => { copy.textContent = t('verify.oid4vp.copied'); }, () => selectText(link));
        if (!navigator.clipboard) selectText(link);
      });
      const life = document.createElement('p');
      life.className = 'small';
      life.id = 'oid4vp-lifetime';
      life.textContent = t('verify.oid4vp.lifetime', { time: until });
      view.append(prompt, img, linkLabel, link, copy, life);
      line(state.kind === 'pending' ? 'verify.oid4vp.waiting' : state.kind === 'paused' ? 'verify.oid4vp.paused' : 'verify.oid4vp.checking');
      return;
    }
    if (state.kind === 'expired') { line('verify.oid4vp.expired', { time: until }); status.append(' ', codeSpan('REQUEST_EXPIRED')); return; }
    if (state.kind !== 'answered') return;
    renderAnswer(view, state);
    line('verify.oid4vp.answered', { count: state.records.length });
  }

  function renderAnswer(view: HTMLElement, s: Extract<State, { kind: 'answered' }>): void {
    view.append(verdictBox(s.verdict, s.error ?? s.checks.find((c) => c.status === 'fail')?.code ?? s.records.map((r) => r.result.checks.find((c) => c.status === 'fail')?.code).find((c) => c !== undefined)));
    if (s.checks.length > 0 || s.error) {
      const h = document.createElement('h3');
      h.textContent = t('verify.oid4vp.answerChecks');
      view.append(h, checkList(s.error ? [{ id: 'presentation', status: s.verdict === 'INVALID' ? 'fail' : 'unknown', code: s.error, message: '' }] : s.checks));
    }
    s.records.forEach((r, i) => {
      const card = document.createElement('section');
      card.className = 'oid4vp-record';
      card.dataset.verdict = r.result.verdict;
      const h = document.createElement('h3');
      h.textContent = t('verify.oid4vp.record', { n: i + 1 });
      const d = r.result.display;
      const facts = document.createElement('dl');
      facts.className = 'facts';
      const fact = (label: string, value: Node | string) => { const dt = document.createElement('dt'); dt.textContent = label; const dd = document.createElement('dd'); dd.append(value); facts.append(dt, dd); };
      if (d?.learner.name) fact(t('nameAsWritten'), isolate(d.learner.name, undefined, 'auto', 'learner-name'));
      if (d?.issuer) fact(t('issuer'), d.issuer.name ? isolate(d.issuer.name.text, d.issuer.name.lang, d.issuer.name.dir) : t('issuerNotListed', { id: d.issuer.id }));
      const list = document.createElement('ul');
      list.className = 'achievements';
      for (const a of d?.achievements ?? []) {
        const name = a.name ?? a.original;
        const li = document.createElement('li');
        if (name) li.append(isolate(name.text, name.lang, name.dir));
        const value = a.result ?? a.resultStatus;
        if (value !== undefined) li.append(' — ', t('result', { value }));
        list.append(li);
      }
      const show = document.createElement('button');
      show.type = 'button';
      show.className = 'oid4vp-show';
      show.textContent = t('verify.oid4vp.show');
      show.addEventListener('click', () => opts.show(r.text));
      card.append(h, verdictBox(r.result.verdict, r.result.checks.find((c) => c.status === 'fail')?.code ?? r.result.checks.find((c) => c.status === 'unknown')?.code), facts, list, checkList(r.result.checks), show);
      view.append(card);
    });
    if (s.records.length > 0) {
      const add = document.createElement('button');
      add.type = 'button';
      add.id = 'oid4vp-add-summary';
      add.textContent = t('verify.oid4vp.addToSummary');
      add.addEventListener('click', () => { opts.addToSummary(s.records.map((r) => r.text)); add.disabled = true; });
      view.append(add);
    }
  }

  /** Achievement names depend on the language: the records are verified again, and shown in the new one. */
  async function relabel(): Promise<void> {
    const s = state;
    if (s?.kind !== 'answered' || s.records.length === 0) { render(); return; }
    const records = await Promise.all(s.records.map(async (r) => ({ text: r.text, result: await opts.verify(JSON.parse(r.text) as object) })));
    if (state === s) set({ ...s, records });
  }

  return { start, render, relabel, hooks };
}

/** The verdict in colour, word and icon, with the first failing (else unchecked) check's sentence, as the main result shows it. */
function verdictBox(verdict: string, code: string | undefined): HTMLElement {
  const box = document.createElement('div');
  box.className = `verdict ${verdict.toLowerCase()}`;
  box.dataset.verdict = verdict;
  const icon = document.createElement('span');
  icon.className = 'verdict-icon';
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = verdict === 'VALID' ? '✓' : verdict === 'INVALID' ? '✗' : '?';
  const text = document.createElement('div');
  const word = document.createElement('div');
  word.className = 'verdict-word';
  word.textContent = t(`verdict.${verdict}`);
  const explain = document.createElement('div');
  explain.className = 'verdict-explain';
  explain.textContent = t(`verdictExplain.${verdict}`);
  text.append(word, explain);
  if (verdict !== 'VALID' && code !== undefined) {
    const reason = document.createElement('div');
    reason.className = 'verdict-reason';
    reason.textContent = codeText(code);
    reason.append(' ', codeSpan(code));
    text.append(reason);
  }
  box.append(icon, text);
  return box;
}

/** A check's sentence: the pages' own for the code, else this request's, else none. */
function codeText(code: string): string {
  return hasMessage(`code.${code}`) ? t(`code.${code}`) : hasMessage(`verify.oid4vp.code.${code}`) ? t(`verify.oid4vp.code.${code}`) : '';
}

function checkList(checks: readonly Check[]): HTMLElement {
  const ul = document.createElement('ul');
  ul.className = 'checks';
  ul.append(...renderCheckItems(checks, codeText));
  return ul;
}

function selectText(el: HTMLElement): void {
  const range = document.createRange();
  range.selectNodeContents(el);
  const sel = getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
}

// "Record a decision": the school's placement decision, posted to its own issuer
// (POST /recognition/statements, API key) and issued to the learner as a recognition statement.
// Evidence is what this page verified: each record by id, digest, evidence label and verdict
// (@lp/recognition describeEvidence); a record that is not VALID is listed, labelled, never counted.
import { decodeSeal } from '@lp/formats';
import { describeEvidence, summariseLearning, type EvidenceDescription } from '@lp/recognition';
import type { VerificationResult } from '@lp/verify';
import { hasMessage, isolate, t } from '@lp/web-kit';

export interface DecisionFormOptions {
  /** The record on screen: what "Add the record shown as evidence" adds. */
  current: () => { input: string; result: VerificationResult } | undefined;
  /** Where the school's issuer answers; the page's own server by default. */
  issuerUrl?: string;
  /** Adds a record (its JSON text) to the Learner summary: the statement just issued, at once. */
  addToSummary?: (text: string) => void;
}

/** Test hook: plain data, read by playwright. */
export interface DecisionHooks { evidence: EvidenceDescription[]; lastAnswer: unknown }

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const val = (id: string) => $<HTMLInputElement>(id).value.trim();
const lines = (id: string) => $<HTMLTextAreaElement>(id).value.split('\n').map((l) => l.trim()).filter((l) => l !== '');

export function setupDecisionForm(opts: DecisionFormOptions): { render: () => void; hooks: DecisionHooks } {
  const hooks: DecisionHooks = { evidence: [], lastAnswer: undefined };
  // Kept as keys, not sentences: a change of language says the last answer again in the new one.
  let message: { key: string; opts?: Record<string, unknown>; reasonKey?: string; code?: string } | undefined;
  // The statement last issued: the school may add it to the Learner summary without the learner's wallet.
  let issued: string | undefined;

  const render = (): void => {
    const list = $('decision-evidence');
    list.replaceChildren();
    hooks.evidence.forEach((e, i) => {
      const li = document.createElement('li');
      li.dataset.verdict = e.verdict;
      li.className = `evidence-${e.verdict.toLowerCase()}`;
      const label = document.createElement('span');
      label.className = 'evidence-label';
      label.textContent = t(`decision.label.${e.label}`);
      const verdict = document.createElement('strong');
      verdict.textContent = e.verdict === 'VALID' ? t(`verdict.${e.verdict}`) : t('decision.evidenceNotValid', { verdict: t(`verdict.${e.verdict}`) });
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = t('decision.remove');
      remove.addEventListener('click', () => { hooks.evidence.splice(i, 1); render(); });
      li.append(verdict, ' · ', label, ' · ', isolate(e.name ?? e.id, undefined, 'auto'), ' ', remove);
      list.append(li);
    });
    $('decision-evidence-none').hidden = hooks.evidence.length > 0;
    const status = $('decision-status');
    status.replaceChildren();
    if (message) {
      status.textContent = t(message.key, { ...message.opts, ...(message.reasonKey ? { reason: t(message.reasonKey) } : {}) });
      if (message.code) {
        const code = document.createElement('span');
        code.className = 'check-code';
        code.dir = 'ltr';
        code.textContent = ` ${message.code}`;
        status.append(code);
      }
    }
    // Beside the status line, not in it: the line stays the sentence a screen reader announces.
    document.getElementById('decision-add-to-summary')?.remove();
    if (issued !== undefined && opts.addToSummary) {
      const add = document.createElement('button');
      add.type = 'button';
      add.id = 'decision-add-to-summary';
      add.textContent = t('decision.addToSummary');
      const text = issued;
      add.addEventListener('click', () => { opts.addToSummary!(text); add.disabled = true; });
      status.after(add);
    }
  };

  $('decision-add').addEventListener('click', () => {
    const shown = opts.current();
    if (!shown) return;
    const item = summariseLearning({ results: [shown.result], now: new Date() }).items[0];
    let sealId: string | undefined;
    if (/^\s*LP1:/.test(shown.input)) {
      try { sealId = decodeSeal(shown.input.trim()).claims.credentialId; } catch { /* no id: not added */ }
    }
    let input: unknown = shown.input;
    if (/^\s*\{/.test(shown.input)) {
      try { input = JSON.parse(shown.input); } catch { /* text as given */ }
    }
    const e = describeEvidence(input, shown.result, item, sealId);
    if (e && !hooks.evidence.some((x) => x.digest === e.digest)) hooks.evidence.push(e);
    // The learner's name as the record writes it, unless the school typed one already.
    const name = shown.result.display?.learner.name;
    if (name && val('decision-name') === '') $<HTMLInputElement>('decision-name').value = name;
    render();
  });

  $<HTMLFormElement>('decision-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void submit();
  });

  async function submit(): Promise<void> {
    const grade = val('decision-grade');
    const tests = lines('decision-tests').map((l) => {
      const i = l.indexOf('=');
      return i > 0 ? { subject: l.slice(0, i).trim(), result: l.slice(i + 1).trim() } : { subject: l, result: '' };
    });
    const assessors = [['decision-assessor1', 'decision-role1'], ['decision-assessor2', 'decision-role2']]
      .filter(([n]) => val(n!) !== '')
      .map(([n, r]) => ({ name: val(n!), ...(val(r!) !== '' ? { role: val(r!) } : {}) }));
    const subjects = val('decision-support').split(/[,،]/).map((s) => s.trim()).filter((s) => s !== '');
    const decision = {
      learner: { name: val('decision-name'), ...(val('decision-birth') !== '' ? { dateOfBirth: val('decision-birth') } : {}) },
      placement: {
        country: val('decision-country').toUpperCase(),
        ...(grade !== '' ? { grade: Number(grade) } : {}),
        ...(val('decision-programme') !== '' ? { programme: val('decision-programme') } : {}),
      },
      ...(subjects.length || val('decision-language') !== '' ? { support: { ...(subjects.length ? { subjects } : {}), ...(val('decision-language') !== '' ? { languageOfInstruction: val('decision-language') } : {}) } } : {}),
      evidence: {
        ...(hooks.evidence.length ? { credentials: hooks.evidence } : {}),
        ...(lines('decision-documents').length ? { documents: lines('decision-documents').map((name) => ({ name })) } : {}),
        ...($<HTMLInputElement>('decision-interview').checked ? { interview: { ...(val('decision-interview-date') !== '' ? { date: val('decision-interview-date') } : {}) } } : {}),
        ...(tests.length ? { placementTests: tests } : {}),
      },
      assessors,
      ...(val('decision-valid-until') !== '' ? { validUntil: val('decision-valid-until') } : {}),
    };
    message = { key: 'decision.issuing' };
    issued = undefined;
    render();
    try {
      const res = await fetch(`${opts.issuerUrl ?? ''}/recognition/statements`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${val('decision-key')}` },
        body: JSON.stringify(decision),
      });
      const body = (await res.json().catch(() => ({}))) as { code?: string; pickup?: { code: string }; assessmentOnly?: boolean; verifiableCredential?: unknown };
      hooks.lastAnswer = body;
      if (res.status === 201 && body.verifiableCredential) issued = JSON.stringify(body.verifiableCredential);
      if (res.status === 201 && body.pickup) {
        message = { key: body.assessmentOnly ? 'decision.issuedAssessmentOnly' : 'decision.issued', opts: { code: body.pickup.code } };
      } else {
        const code = body.code ?? `HTTP_${res.status}`;
        message = { key: 'decision.failed', reasonKey: hasMessage(`decision.error.${code}`) ? `decision.error.${code}` : 'decision.error.OTHER', code };
      }
    } catch {
      message = { key: 'decision.failed', reasonKey: 'decision.error.NETWORK', code: 'NETWORK' };
    }
    render();
  }

  render();
  return { render, hooks };
}

// The "Learner summary" view: several verification results of one learner as one timeline (each
// item with its evidence label and verdict colour), the highest level completed, the gaps, and the
// advisory placement with its reasons — computed in the page by @lp/recognition, the same pure
// functions the CLI and POST /recognition/summary use, so it works offline. The school decides.
import {
  catalogueLookupFromBundle, listEducationSystems, RecognitionError, suggestPlacement, summariseLearning,
  type LearnerSummary, type Message, type PlacementSuggestion, type TimelineItem,
} from '@lp/recognition';
import { iscedFieldLabel } from '@lp/model';
import type { VerifiedTrustBundle } from '@lp/trust';
import type { VerificationResult } from '@lp/verify';
import { currentIntlLocales, hasMessage, isolate, t } from '@lp/web-kit';
import { countryName } from './country-name.ts';
import { summaryCountNode } from './render-summary-count.ts';

export interface SummaryView {
  results: readonly VerificationResult[];
  bundle: VerifiedTrustBundle | undefined;
  /** ISO 3166-1 alpha-2, or '' when none is chosen. */
  host: string;
  /** YYYY-MM-DD, or ''. */
  birthDate: string;
  now: Date;
}

/** What the render produced, for the test hooks: plain data. */
export interface SummaryOutcome {
  summary: LearnerSummary | undefined;
  suggestion: PlacementSuggestion | undefined;
  error: string | undefined;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};


const SYSTEM_BY_NAME = new Map(listEducationSystems().map((s) => [s.name, s.iso2]));

function monthYearText(english: string): string {
  // The recognition package writes months as English "June 2023"; the page writes them in its language.
  const m = /^([A-Z][a-z]+) (\d{4})$/.exec(english);
  const month = m ? ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'].indexOf(m[1]!) : -1;
  if (!m || month < 0) return english;
  return new Intl.DateTimeFormat(currentIntlLocales(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[2]), month, 1)));
}

/** A recognition message in the page's language: its key translated, country and month names localised. */
export function messageText(msg: Message): string {
  const p: Record<string, unknown> = { ...msg.params };
  if (typeof p.country === 'string') {
    const iso2 = SYSTEM_BY_NAME.get(p.country);
    if (iso2) p.country = countryName(iso2, p.country);
  }
  if (typeof p.level === 'number' && 'levelName' in p) p.levelName = t(`summary.levelName.${p.level}`);
  for (const k of ['date', 'from', 'to']) if (typeof p[k] === 'string') p[k] = monthYearText(p[k] as string);
  // Subjects come as ISCED-F codes beside their English words: each named in the page's language,
  // a field the locales do not name yet by its English label rather than not at all.
  if (typeof p.fields === 'string' && p.fields !== '') {
    p.subjects = p.fields.split(',').map((code) => (hasMessage(`recognition.field.${code}`) ? t(`recognition.field.${code}`) : (iscedFieldLabel(code) ?? code).toLowerCase())).join(t('summary.listSeparator'));
  }
  return t(msg.key, p);
}

function dayText(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(currentIntlLocales(), { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** The host countries the suggestion covers: every complete system of the dataset, by name in the reader's language. */
export function fillHostOptions(select: HTMLSelectElement): void {
  const chosen = select.value;
  const options = listEducationSystems().filter((s) => s.complete)
    .map((s) => ({ iso2: s.iso2, name: countryName(s.iso2, s.name) }))
    .sort((a, b) => a.name.localeCompare(b.name, currentIntlLocales()));
  const none = el('option', undefined, t('summary.hostNone'));
  none.value = '';
  select.replaceChildren(none, ...options.map((o) => {
    const opt = el('option', undefined, o.name);
    opt.value = o.iso2;
    return opt;
  }));
  select.value = chosen;
}

function itemNode(it: TimelineItem): HTMLElement {
  const li = el('li', `summary-item ${it.verdict ? it.verdict.toLowerCase() : 'self-declared'}`);
  li.dataset.verdict = it.verdict ?? 'SELF-DECLARED';
  li.dataset.evidence = it.evidence;
  li.dataset.counted = String(it.counted);
  const head = el('div', 'summary-item-head');
  head.append(
    el('span', 'summary-verdict', it.verdict ? t(`verdict.${it.verdict}`) : t('summary.evidence.self-declared')),
    el('span', 'evidence-label', t(`summary.evidence.${it.evidence}`)),
  );
  if (it.date) {
    const time = el('time', 'summary-date', dayText(it.date));
    time.dateTime = it.date.slice(0, 10);
    head.append(time);
  }
  li.append(head);
  const name = it.achievement.name ?? it.achievement.code;
  if (name) {
    const n = el('div', 'ach-name');
    n.append(isolate(name));
    li.append(n);
  }
  const where = [it.country ? countryName(it.country.iso2, it.country.name) : undefined].filter(Boolean) as string[];
  const line = el('div', 'summary-where');
  if (where.length) line.append(where.join(''), ' · ');
  if (it.issuer.name) line.append(isolate(it.issuer.name));
  else if (it.issuer.id) line.append(isolate(it.issuer.id, undefined, 'ltr'));
  li.append(line);
  if (it.position) li.append(el('div', 'summary-grade', t('summary.grade', { grade: it.position.grade, level: it.position.level })));
  if (it.result) {
    const s = it.result.scale;
    li.append(el('div', 'ach-result', s?.min !== undefined && s.max !== undefined ? t('resultOutOf', { value: it.result.value, min: s.min, max: s.max }) : t('result', { value: it.result.value })));
  }
  if (it.nationalGrades) {
    const g = it.nationalGrades;
    li.append(el('div', 'summary-grades', t('summary.nationalGrades', { from: g.from, to: g.to, country: countryName(g.country, g.country) })));
  }
  if (it.partial) {
    const p = it.partial;
    li.append(el('div', 'summary-partial', p.monthsInGrade !== undefined ? t('summary.partial', { months: p.monthsCompleted, of: p.monthsInGrade }) : t('summary.partialMonths', { months: p.monthsCompleted })));
  }
  if (it.partialTerms) {
    const p = it.partialTerms;
    li.append(el('div', 'summary-partial', p.termsInGrade !== undefined ? t('summary.partialTerms', { terms: p.termsCompleted, of: p.termsInGrade }) : t('summary.partialTermsOnly', { terms: p.termsCompleted })));
  }
  if (it.placement) {
    // A school's decision read back as such: where, when, until when; never a completed grade.
    const p = it.placement;
    const params = { grade: p.grade, programme: p.programme ?? '', country: p.country ? countryName(p.country.iso2, p.country.name) : '', date: dayText(p.date), validUntil: dayText(p.validUntil) };
    li.append(el('div', 'summary-placement', t(p.grade !== undefined ? 'summary.placement' : 'summary.placementProgramme', params)));
    if (p.assessmentOnly) li.append(el('div', 'summary-assessment-only', t('summary.placementAssessmentOnly')));
  }
  if (it.notionalHours !== undefined) li.append(el('div', 'summary-hours', t('summary.hours', { hours: it.notionalHours })));
  for (const c of it.competencies ?? []) {
    const d = el('div', 'summary-competency');
    d.append(isolate(c.name ?? '?'), ': ', isolate(c.level));
    li.append(d);
  }
  li.append(el('div', it.counted ? 'summary-counted' : 'summary-not-counted', it.counted ? t('summary.counted') : t(`summary.notCounted.${it.notCounted ?? 'EVIDENCE_NOT_VALID'}`)));
  return li;
}

/**
 * Renders the view into `root` (its children are replaced). Bad input from the school (a birth
 * date in the future, a host without secondary levels) is shown with its code, never thrown.
 */
export function renderLearnerSummary(root: HTMLElement, view: SummaryView): SummaryOutcome {
  root.replaceChildren();
  const outcome: SummaryOutcome = { summary: undefined, suggestion: undefined, error: undefined };
  root.append(summaryCountNode(view.results.length));
  if (view.results.length === 0) return outcome;
  const summary = summariseLearning({ results: view.results, now: view.now, catalogue: catalogueLookupFromBundle(view.bundle?.bundle) });
  outcome.summary = summary;

  // Records of another child change a placement: said first, in words and with the code, never silent.
  for (const w of summary.warnings) {
    const box = el('div', 'summary-warning');
    box.setAttribute('role', 'alert');
    box.dataset.code = w.code;
    const p = el('p', undefined, t('summary.learnersDiffer.text', { differ: w.differ.map((d) => t(`summary.learnersDiffer.${d}`)).join(t('summary.listSeparator')) }));
    const code = el('span', 'check-code', ` ${w.code}`);
    code.dir = 'ltr';
    p.append(code);
    const list = el('ul', 'summary-learners');
    for (const l of w.learners) {
      const li = el('li');
      li.append(isolate(l.name ?? l.nameLatin ?? '?'));
      if (l.nameLatin && l.name && l.nameLatin !== l.name) li.append(' (', isolate(l.nameLatin), ')');
      if (l.birthDate) li.append(' · ', dayText(l.birthDate));
      li.append(' · ', t('summary.learnersDiffer.items', { items: l.items.map((i) => i + 1).join(t('summary.listSeparator')) }));
      list.append(li);
    }
    box.append(p, list);
    root.append(box);
  }

  root.append(el('h3', undefined, t('summary.timeline')));
  const list = el('ol', 'summary-timeline');
  list.append(...summary.items.map(itemNode));
  root.append(list);

  root.append(el('h3', undefined, t('summary.highest')));
  const h = summary.highestCompleted;
  root.append(el('p', 'summary-highest', h
    ? t('summary.highestValue', { grade: h.grade, level: h.level, country: countryName(h.country.iso2, h.country.name), evidence: t(`summary.evidence.${h.evidence}`) })
    : t('summary.highestNone')));

  root.append(el('h3', undefined, t('summary.gaps')));
  const gaps = el('ul', 'summary-gaps');
  if (summary.gaps.monthsSinceLastRecord !== undefined) gaps.append(el('li', undefined, t('summary.sinceLast', { months: summary.gaps.monthsSinceLastRecord })));
  for (const g of summary.gaps.between) {
    const li = el('li', g.interruption ? 'summary-interruption' : undefined, t('summary.between', { months: g.months, from: dayText(summary.items[g.from]?.date), to: dayText(summary.items[g.to]?.date) }));
    gaps.append(li);
  }
  if (gaps.childElementCount === 0) gaps.append(el('li', undefined, t('summary.noGaps')));
  root.append(gaps);

  const box = el('section', 'summary-suggestion');
  box.setAttribute('aria-labelledby', 'summary-suggestion-h');
  const h3 = el('h3', undefined, t('summary.suggestion'));
  h3.id = 'summary-suggestion-h';
  box.append(h3);
  if (!view.host || !view.birthDate) {
    box.append(el('p', 'summary-needs', t('summary.suggestionNeeds')));
  } else {
    try {
      const s = suggestPlacement({ summary, birthDate: view.birthDate, host: view.host, now: view.now });
      outcome.suggestion = s;
      const out = el('p', 'summary-outcome');
      out.append(el('strong', undefined, [messageText(s.outcome), ...s.supportMessages.map(messageText)].join(t('summary.listSeparator'))));
      box.append(out, el('h4', undefined, t('summary.reasons')));
      const reasons = el('ul', 'summary-reasons');
      reasons.append(...s.reasons.map((r) => {
        const li = el('li', undefined, messageText(r));
        li.dataset.key = r.key;
        return li;
      }));
      box.append(reasons);
    } catch (err) {
      if (!(err instanceof RecognitionError)) throw err;
      outcome.error = err.code;
      const p = el('p', 'summary-error', hasMessage(`summary.error.${err.code}`) ? t(`summary.error.${err.code}`) : t('summary.error.other'));
      const code = el('span', 'check-code', ` ${err.code}`);
      code.dir = 'ltr';
      p.append(code);
      box.append(p);
    }
  }
  // Always shown beside a suggestion: it is advice, the school decides.
  box.append(el('p', 'summary-advice', t('recognition.advice')));
  root.append(box);
  return outcome;
}

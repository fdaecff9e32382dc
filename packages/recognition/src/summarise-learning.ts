import { iscedFieldLabel, type Verdict } from '@lp/model';
import type { TrustIssuerKind } from '@lp/trust';
import type { DisplayAchievement, VerificationResult } from '@lp/verify';
import { RecognitionError } from './errors.ts';
import { compareLearners, type LearnerIdentity, type LearnerWarning } from './lib/compare-learners.ts';
import { monthsBetween, parseDay } from './lib/dates.ts';
import { locateGrade, rankOf, type GradePosition } from './lib/locate-grade.ts';
import { loadEducationSystems, type EducationSystems } from './load-education-systems.ts';
import { DEFAULT_PLACEMENT_POLICY } from './parse-placement-policy.ts';
import type { CatalogueLookup } from './catalogue-lookup-from-bundle.ts';
import type { PlacementPolicy } from './z-placement-policy.ts';
import type { EducationSystem } from './z-education-system.ts';
import { zSelfDeclaredItem, type SelfDeclaredItem } from './z-self-declared-item.ts';

/** What kind of evidence an item is, from the trust bundle's issuer kind (never from the credential). */
export type EvidenceLabel =
  | 'national-examination-body'
  | 'accredited-school'
  | 'ngo-programme'
  | 'assessment-based'
  | 'self-declared'
  | 'issuer-not-listed';

/** Why an item is shown but not counted as completed learning. */
export type NotCountedCode =
  | 'EVIDENCE_NOT_VALID'
  | 'RESULT_NOT_PASSED'
  | 'LEVEL_UNKNOWN'
  | 'COUNTRY_UNKNOWN'
  | 'SELF_DECLARED_NOT_COUNTED'
  /** A recognition statement: a school's placement decision, never a completed grade. */
  | 'PLACEMENT_NOT_COMPLETION'
  /** A grade left part-way (months completed below the grade's length): shown, never counted as completed. */
  | 'PARTIAL_COMPLETION';

/**
 * The catalogue codes recognition statements are issued under (@lp/issuer
 * issueRecognitionStatement): the QR seal carries the code, a full record also its `humanCode`.
 */
export const STATEMENT_CODES: Record<string, { assessmentOnly: boolean }> = {
  'RECOGNITION-PLACEMENT': { assessmentOnly: false },
  'RECOGNITION-PLACEMENT-ASSESSMENT-ONLY': { assessmentOnly: true },
};

/** A school's placement decision shown in the summary: where, when, until when, on what basis. */
export interface PlacementStatement {
  country: { iso2: string; iso3: string; name: string } | undefined;
  grade: number | undefined;
  programme: string | undefined;
  /** The decision date and the end of the statement's validity (ISO 8601). */
  date: string | undefined;
  validUntil: string | undefined;
  expired: boolean;
  /** No paper survived: interview and placement tests only. */
  assessmentOnly: boolean;
  /** Subjects needing support and support in the language of instruction (full record only). */
  support: { subjects: string[]; languageOfInstruction: string | undefined };
  /** E.g. "placed in Grade 7 in Jordan on 2026-12-06, valid until 2031-12-06". */
  text: string;
}

const LABEL_OF_KIND: Record<TrustIssuerKind, EvidenceLabel> = {
  'national-examination-body': 'national-examination-body',
  school: 'accredited-school',
  'ngo-programme': 'ngo-programme',
  'recognition-body': 'assessment-based',
  // A university's or a ministry's own records are formal learning from an accredited provider or
  // the national authority: the closest labels a school reads.
  university: 'accredited-school',
  ministry: 'national-examination-body',
};

export interface TimelineResult {
  value: string;
  scale: { min?: string; max?: string; required?: string; allowed?: string[] } | undefined;
  /** The result as a share of its own scale, 0–1 (ordered scales: OB 3.0 allowedValues run low to high). */
  share: number | undefined;
}

export interface TimelineItem {
  source: 'credential' | 'self-declared';
  /** The credential's verdict; undefined for a self-declared item. */
  verdict: Verdict | undefined;
  evidence: EvidenceLabel;
  country: { iso2: string; iso3: string; name: string } | undefined;
  issuer: { id: string | undefined; name: string | undefined };
  achievement: { code: string | undefined; name: string | undefined };
  isced: { levelCode: string | undefined; field: string | undefined; fieldLabel: string | undefined };
  /** Place in the origin system (grade, ISCED level, year within it). */
  position: GradePosition | undefined;
  result: TimelineResult | undefined;
  /** Award date (or completion date typed in), ISO 8601. */
  date: string | undefined;
  counted: boolean;
  notCounted?: NotCountedCode;
  /** Present when the item is a recognition statement (labelled assessment-based, never counted as completed). */
  placement?: PlacementStatement;
  /** A grade left part-way: months completed of the grade's length. */
  partial?: { monthsCompleted: number; monthsInGrade: number | undefined };
  /** A grade left part-way, counted in terms: terms completed of the grade's terms. */
  partialTerms?: { termsCompleted: number; termsInGrade: number | undefined };
  /** The national grades an accelerated (or any) programme level stands for, as its catalogue states. */
  nationalGrades?: { country: string; from: number; to: number };
  /** Competency results without a grade, each on its own rubric levels. */
  competencies?: { name: string | undefined; level: string; levels: string[] | undefined }[];
  notionalHours?: number;
  /** Who the credential names (name, Latin name, birth date); absent for a self-declared item. */
  learner?: LearnerIdentity;
}

export interface HighestCompleted extends GradePosition {
  item: number;
  country: { iso2: string; iso3: string; name: string };
  date: string | undefined;
  evidence: EvidenceLabel;
}

export interface LearnerSummary {
  now: string;
  /** Oldest first; undated items last. */
  items: TimelineItem[];
  highestCompleted: HighestCompleted | undefined;
  gaps: {
    between: { from: number; to: number; months: number; interruption: boolean }[];
    lastRecord: string | undefined;
    monthsSinceLastRecord: number | undefined;
  };
  /** Items not counted for a reason the school should see (not VALID, not passed, unknown); placements aside. */
  notCounted: number;
  /** Recognition statements whose verdict is VALID: the placements other schools decided, newest first. */
  placements: (PlacementStatement & { item: number })[];
  /** LEARNERS_DIFFER when the records name different learners (name or birth date): shown, never silent. */
  warnings: LearnerWarning[];
}

export interface SummariseLearningInput {
  /** Results of the verification pipeline (@lp/verify), one per credential. */
  results: readonly VerificationResult[];
  selfDeclared?: readonly SelfDeclaredItem[];
  now: Date;
  policy?: PlacementPolicy;
  catalogue?: CatalogueLookup;
  systems?: EducationSystems;
}

/**
 * One timeline of a learner's records: country, issuer, ISCED level and field, result on its own
 * scale and as a share, the evidence label; the highest level completed; the gaps between
 * records and since the last one. A record whose verdict is not VALID is shown and labelled but
 * never counted. Pure: `now` is given.
 *
 * @example const summary = summariseLearning({ results, now: new Date(), catalogue: catalogueLookupFromBundle(bundle.bundle) });
 */
export function summariseLearning(input: SummariseLearningInput): LearnerSummary {
  const policy = input.policy ?? DEFAULT_PLACEMENT_POLICY;
  const systems = input.systems ?? loadEducationSystems();
  const items: TimelineItem[] = [];
  for (const r of input.results) items.push(...credentialItems(r, systems, input.catalogue, input.now));
  (input.selfDeclared ?? []).forEach((raw, i) => items.push(selfDeclaredItem(raw, i, systems, policy, input.now)));

  items.sort((a, b) => (a.date ?? '9999') < (b.date ?? '9999') ? -1 : (a.date ?? '9999') > (b.date ?? '9999') ? 1 : 0);

  let highest: HighestCompleted | undefined;
  items.forEach((it, i) => {
    if (!it.counted || !it.position || !it.country) return;
    const better = !highest
      || rankOf(it.position) > rankOf(highest)
      // Same place: a verified record beats a declaration, a later one an earlier one.
      || (rankOf(it.position) === rankOf(highest) && (highest.evidence === 'self-declared' || it.evidence !== 'self-declared'));
    if (better) highest = { ...it.position, item: i, country: it.country, date: it.date, evidence: it.evidence };
  });

  // A grade left part-way is schooling up to its date: it ends the time in school, though it
  // completes nothing.
  const dated = items.map((it, i) => ({ it, i })).filter(({ it }) => (it.counted || it.notCounted === 'PARTIAL_COMPLETION') && it.date !== undefined);
  const between: LearnerSummary['gaps']['between'] = [];
  for (let k = 1; k < dated.length; k++) {
    const a = dated[k - 1]!, b = dated[k]!;
    if (a.it.date === b.it.date) continue;
    const months = monthsBetween(new Date(a.it.date!), new Date(b.it.date!));
    between.push({ from: a.i, to: b.i, months, interruption: months > policy.interruptionMonthsBetweenRecords });
  }
  const last = dated.at(-1)?.it.date;
  return {
    now: input.now.toISOString(),
    items,
    highestCompleted: highest,
    gaps: { between, lastRecord: last, monthsSinceLastRecord: last ? monthsBetween(new Date(last), input.now) : undefined },
    // A valid placement statement is not counted as completed learning, but nor is it a record
    // the school should look at again: it is reported under `placements`.
    notCounted: items.filter((i) => !i.counted && i.notCounted !== 'PLACEMENT_NOT_COMPLETION').length,
    placements: items.flatMap((it, i) => (it.placement && it.verdict === 'VALID' ? [{ ...it.placement, item: i }] : [])).reverse(),
    warnings: learnersOf(items),
  };
}

function learnersOf(items: readonly TimelineItem[]): LearnerWarning[] {
  const w = compareLearners(items.map((it) => it.learner));
  return w ? [w] : [];
}

function learnerOf(d: VerificationResult['display']): LearnerIdentity | undefined {
  const l = d?.learner;
  if (!l) return undefined;
  return {
    ...(l.name !== undefined ? { name: l.name } : {}),
    ...(l.nameLatin !== undefined ? { nameLatin: l.nameLatin } : {}),
    ...(l.birthDate !== undefined ? { birthDate: l.birthDate } : {}),
  };
}

function credentialItems(r: VerificationResult, systems: EducationSystems, catalogue: CatalogueLookup | undefined, now: Date): TimelineItem[] {
  const d = r.display;
  const issuer = d?.issuer;
  const kindLabel: EvidenceLabel = issuer?.kind ? LABEL_OF_KIND[issuer.kind] : 'issuer-not-listed';
  const system = issuer?.country ? systems.get(issuer.country) : undefined;
  const country = system ? { iso2: system.iso2, iso3: system.iso3, name: system.name } : undefined;
  const own = recordFacts(r.credential);
  const achievements = d?.achievements.length ? d.achievements : [undefined];
  const learner = learnerOf(d);
  return achievements.map((a, idx): TimelineItem => (learner ? { ...oneItem(a, idx), learner } : oneItem(a, idx)));
  function oneItem(a: DisplayAchievement | undefined, idx: number): TimelineItem {
    const statementCode = [a?.code, idx === 0 ? own.humanCode : undefined].find((c) => c !== undefined && STATEMENT_CODES[c] !== undefined);
    // A statement is labelled by what it is, an assessment, whoever signed it (a school, a
    // recognition office, a ministry); an issuer the bundle does not list stays unlisted.
    const evidence: EvidenceLabel = statementCode !== undefined && issuer?.kind ? 'assessment-based' : kindLabel;
    const field = (a?.code && issuer ? catalogue?.(issuer.id, a.code)?.iscedField : undefined) ?? (idx === 0 ? own.field : undefined);
    if (statementCode !== undefined) return statementItem(r, a, idx, statementCode, evidence, country, system, own, now);
    // The national grades the issuer's catalogue states (an accelerated level: the last of its
    // condensed grades is the one completed) come before a grade or level read from the record.
    const ng = a?.nationalGrades;
    const gradeSystem = ng ? systems.get(ng.country) : system;
    const position = ng && gradeSystem?.complete ? locateGrade(gradeSystem, { grade: ng.to })
      : system?.complete ? locateGrade(system, { grade: idx === 0 ? own.grade : undefined, levelCode: a?.levelCode }) : undefined;
    const partial = (a?.partial && (a.partial.monthsInGrade === undefined || a.partial.monthsCompleted < a.partial.monthsInGrade))
      || (a?.partialTerms && (a.partialTerms.termsInGrade === undefined || a.partialTerms.termsCompleted < a.partialTerms.termsInGrade));
    const result = a ? resultOf(a) : undefined;
    const item: TimelineItem = {
      source: 'credential',
      verdict: r.verdict,
      evidence,
      country,
      issuer: { id: issuer?.id, name: issuer?.name?.text },
      achievement: { code: a?.code, name: a?.name?.text ?? a?.original?.text },
      isced: { levelCode: a?.levelCode, field, fieldLabel: field ? iscedFieldLabel(field) : undefined },
      position,
      result,
      date: a?.awardedAt ?? d?.issuedAt,
      counted: false,
      ...(a?.partial ? { partial: { ...a.partial } } : {}),
      ...(a?.partialTerms ? { partialTerms: { ...a.partialTerms } } : {}),
      ...(ng ? { nationalGrades: { ...ng } } : {}),
      ...(a?.competencies?.length ? { competencies: a.competencies.map((c) => ({ name: c.name?.text, level: c.level, levels: c.levels })) } : {}),
      ...(a?.notionalHours !== undefined ? { notionalHours: a.notionalHours } : {}),
    };
    const notCounted: NotCountedCode | undefined = r.verdict !== 'VALID' ? 'EVIDENCE_NOT_VALID'
      : !country || !system?.complete ? 'COUNTRY_UNKNOWN'
      : partial ? 'PARTIAL_COMPLETION'
      : !position ? 'LEVEL_UNKNOWN'
      : a && !passed(a) ? 'RESULT_NOT_PASSED'
      : undefined;
    if (notCounted) item.notCounted = notCounted;
    else item.counted = true;
    return item;
  }
}

function selfDeclaredItem(raw: SelfDeclaredItem, index: number, systems: EducationSystems, policy: PlacementPolicy, now: Date): TimelineItem {
  const parsed = zSelfDeclaredItem.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RecognitionError('INPUT_INVALID', `self-declared item ${index + 1}: ${issue?.message} at ${issue?.path.join('.') || '$'}`, `selfDeclared[${index}]`);
  }
  const s = parsed.data;
  const system = systems.get(s.country.toUpperCase());
  if (!system) throw new RecognitionError('COUNTRY_UNKNOWN', `self-declared item ${index + 1}: no school system for country "${s.country}"`, `selfDeclared[${index}].country`);
  if (!system.complete) throw new RecognitionError('COUNTRY_INCOMPLETE', `self-declared item ${index + 1}: the dataset has no secondary levels for ${system.name}`, `selfDeclared[${index}].country`);
  const day = s.date === undefined ? undefined : parseDay(s.date);
  if (s.date !== undefined && (!day || day > now)) throw new RecognitionError('INPUT_INVALID', `self-declared item ${index + 1}: date ${s.date} is not a real date up to today`, `selfDeclared[${index}].date`);
  const position = locateGrade(system, { grade: s.grade, levelCode: s.iscedLevel });
  if (!position) throw new RecognitionError('INPUT_INVALID', `self-declared item ${index + 1}: Grade ${s.grade} does not exist in ${system.name}`, `selfDeclared[${index}].grade`);
  const item: TimelineItem = {
    source: 'self-declared',
    verdict: undefined,
    evidence: 'self-declared',
    country: { iso2: system.iso2, iso3: system.iso3, name: system.name },
    issuer: { id: undefined, name: s.school },
    achievement: { code: undefined, name: s.achievement },
    isced: { levelCode: s.iscedLevel ?? String(position.level), field: s.iscedField, fieldLabel: s.iscedField ? iscedFieldLabel(s.iscedField) : undefined },
    position,
    result: undefined,
    date: day?.toISOString(),
    counted: policy.countSelfDeclared,
  };
  if (!policy.countSelfDeclared) item.notCounted = 'SELF_DECLARED_NOT_COUNTED';
  return item;
}

/** What the full record says beyond the display: the national grade and ISCED-F alignment. */
interface RecordFacts { grade?: number; field?: string; humanCode?: string; results?: { value: string; resultDescription?: string }[] }

function recordFacts(credential: Record<string, unknown> | undefined): RecordFacts {
  const subject = credential?.credentialSubject as { achievement?: Record<string, unknown>; result?: unknown } | undefined;
  const a = subject?.achievement;
  if (!a || typeof a !== 'object') return {};
  const out: RecordFacts = {};
  if (typeof a.humanCode === 'string') out.humanCode = a.humanCode;
  if (Array.isArray(subject?.result)) {
    out.results = (subject.result as { value?: unknown; resultDescription?: unknown }[])
      .filter((x) => typeof x?.value === 'string')
      .map((x) => ({ value: x.value as string, ...(typeof x.resultDescription === 'string' ? { resultDescription: x.resultDescription } : {}) }));
  }
  const g = a.nationalGradeLevel;
  if ((typeof g === 'string' && /^\d{1,2}$/.test(g)) || (typeof g === 'number' && Number.isInteger(g))) out.grade = Number(g);
  const alignments = Array.isArray(a.alignment) ? (a.alignment as { targetFramework?: unknown; targetCode?: unknown }[]) : [];
  const f = alignments.find((x) => x?.targetFramework === 'ISCED-F 2013' && typeof x.targetCode === 'string');
  if (f) out.field = f.targetCode as string;
  return out;
}

/**
 * A recognition statement as a timeline item: the placement it records, labelled assessment-based,
 * never counted as a completed grade (PLACEMENT_NOT_COMPLETION), and not counted at all when its
 * verdict is not VALID. Its date is the decision date; its validity ends at `validUntil`.
 */
function statementItem(
  r: VerificationResult, a: DisplayAchievement | undefined, idx: number, code: string, evidence: EvidenceLabel,
  country: TimelineItem['country'], system: EducationSystem | undefined, own: RecordFacts, now: Date,
): TimelineItem {
  const d = r.display;
  // The placement is the first result (the one a seal carries); a full record also names the
  // subjects needing support and the language support by their result descriptions.
  const first = a?.result;
  const grade = first !== undefined && /^\d{1,2}$/.test(first) ? Number(first) : undefined;
  const results = idx === 0 ? own.results ?? [] : [];
  const of = (key: string) => results.filter((x) => x.resultDescription?.endsWith(`/results/${key}`)).map((x) => x.value);
  const programme = grade === undefined ? first : of('placement').find((v) => v !== first);
  const date = a?.awardedAt ?? d?.issuedAt;
  const validUntil = d?.expiresAt;
  const placed = grade !== undefined ? `Grade ${grade}${programme !== undefined ? ` (${programme})` : ''}` : programme ?? 'an unnamed placement';
  const placement: PlacementStatement = {
    country, grade, programme, date, validUntil,
    expired: validUntil !== undefined && new Date(validUntil) < now,
    assessmentOnly: STATEMENT_CODES[code]!.assessmentOnly,
    support: { subjects: of('learning-support'), languageOfInstruction: of('language-support')[0] },
    text: `placed in ${placed}${country ? ` in ${country.name}` : ''}${date ? ` on ${date.slice(0, 10)}` : ''}${validUntil ? `, valid until ${validUntil.slice(0, 10)}` : ''}`,
  };
  const position = grade !== undefined && system?.complete ? locateGrade(system, { grade }) : undefined;
  return {
    source: 'credential',
    verdict: r.verdict,
    evidence,
    country,
    issuer: { id: d?.issuer?.id, name: d?.issuer?.name?.text },
    achievement: { code: a?.code ?? code, name: a?.name?.text ?? a?.original?.text },
    isced: { levelCode: a?.levelCode ?? (position ? String(position.level) : undefined), field: undefined, fieldLabel: undefined },
    position,
    result: first !== undefined ? { value: first, scale: undefined, share: undefined } : undefined,
    date,
    counted: false,
    notCounted: r.verdict !== 'VALID' ? 'EVIDENCE_NOT_VALID' : 'PLACEMENT_NOT_COMPLETION',
    placement,
  };
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function resultOf(a: DisplayAchievement): TimelineResult | undefined {
  if (a.result === undefined) return undefined;
  const s = a.resultScale;
  const scale = s ? {
    ...(s.valueMin !== undefined ? { min: s.valueMin } : {}),
    ...(s.valueMax !== undefined ? { max: s.valueMax } : {}),
    ...(s.requiredValue !== undefined ? { required: s.requiredValue } : {}),
    ...(s.allowedValues !== undefined ? { allowed: s.allowedValues } : {}),
  } : undefined;
  let share: number | undefined;
  if (s?.allowedValues && s.allowedValues.length > 1) {
    const i = s.allowedValues.indexOf(a.result);
    if (i >= 0) share = round2(i / (s.allowedValues.length - 1));
  } else if (s?.valueMin !== undefined && s.valueMax !== undefined && DECIMAL.test(a.result) && DECIMAL.test(s.valueMin) && DECIMAL.test(s.valueMax)) {
    const [v, min, max] = [Number(a.result), Number(s.valueMin), Number(s.valueMax)];
    if (max > min) share = round2(Math.min(1, Math.max(0, (v - min) / (max - min))));
  }
  return { value: a.result, scale: scale && Object.keys(scale).length ? scale : undefined, share };
}

const NOT_DONE = new Set(['Failed', 'Withdrew', 'InProgress', 'Enrolled', 'OnHold']);

/** Completed, and at or above the scale's required value when both are known. */
function passed(a: DisplayAchievement): boolean {
  if (a.resultStatus && NOT_DONE.has(a.resultStatus)) return false;
  const s = a.resultScale;
  if (!s || s.requiredValue === undefined || a.result === undefined || a.result === a.resultStatus) return true;
  if (s.allowedValues) {
    const i = s.allowedValues.indexOf(a.result), req = s.allowedValues.indexOf(s.requiredValue);
    return i < 0 || req < 0 || i >= req;
  }
  if (DECIMAL.test(a.result) && DECIMAL.test(s.requiredValue)) return Number(a.result) >= Number(s.requiredValue);
  return true;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

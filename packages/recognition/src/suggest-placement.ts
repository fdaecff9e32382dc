import { RecognitionError } from './errors.ts';
import { formatMessage, type Message } from './format-message.ts';
import { ageOn, monthYear, parseDay } from './lib/dates.ts';
import { findEducationSystem } from './find-education-system.ts';
import { loadEducationSystems, type EducationSystems } from './load-education-systems.ts';
import { DEFAULT_PLACEMENT_POLICY } from './parse-placement-policy.ts';
import type { LearnerSummary } from './summarise-learning.ts';
import type { PlacementPolicy } from './z-placement-policy.ts';
import type { EducationSystem } from './z-education-system.ts';

export type Placement =
  | { kind: 'grade'; grade: number; iscedLevel: 1 | 2 | 3 }
  | { kind: 'early-childhood' }
  | { kind: 'beyond-school' };

/** Advice for the school, never a decision: `decidedBy` is always the school. */
export interface PlacementSuggestion {
  advisory: true;
  decidedBy: 'school';
  host: { iso2: string; iso3: string; name: string };
  placement: Placement;
  /** What the learning points to in the host system (within `learningRange`, nearest the age grade). */
  learningGrade: number | undefined;
  /** Host grades the highest completed learning supports: by level completed and by years of schooling. */
  learningRange: { from: number; to: number } | undefined;
  /** The usual grade for the learner's age at the start of the host's school year. */
  ageGrade: number | undefined;
  age: number;
  ageAtSchoolYearStart: number;
  schoolYearStart: string;
  monthsOutOfSchool: number | undefined;
  basis: 'verified-record' | 'self-declared' | 'age-only';
  support: {
    catchUp: boolean;
    subjects: { field: string; label: string }[];
    acceleratedProgramme: boolean;
    placementTest: boolean;
  };
  reasons: Message[];
  outcome: Message;
  supportMessages: Message[];
  /** The reasons and the outcome in one English sentence. */
  sentence: string;
  advice: Message;
}

export interface SuggestPlacementInput {
  summary: LearnerSummary;
  /** YYYY-MM-DD. */
  birthDate: string;
  /** ISO 3166-1 alpha-2 or alpha-3 code of the host country. */
  host: string;
  now: Date;
  policy?: PlacementPolicy;
  systems?: EducationSystems;
}

const LEVEL_NAMES = { 0: 'early childhood education', 1: 'primary', 2: 'lower secondary', 3: 'upper secondary' } as const;

/**
 * Suggests a grade in the host system from the learner summary, the learner's age and the
 * policy. The highest learning completed supports a range of host grades — by level (a completed
 * ISCED level opens the next level's first grade) and by years of schooling — and the usual grade
 * for the learner's age at the start of the host's school year picks within it. Over-age learners are kept
 * at their learning grade with an accelerated programme, or moved nearer their age with catch-up
 * support, as the policy says. Always advisory: the school confirms, changes or rejects.
 *
 * @example const s = suggestPlacement({ summary, birthDate: '2011-05-02', host: 'JO', now });
 */
export function suggestPlacement(input: SuggestPlacementInput): PlacementSuggestion {
  const policy = input.policy ?? DEFAULT_PLACEMENT_POLICY;
  const systems = input.systems ?? loadEducationSystems();
  const host = findEducationSystem(input.host, systems);
  const birth = /^\d{4}-\d\d-\d\d$/.test(input.birthDate) ? parseDay(input.birthDate) : undefined;
  if (!birth) throw new RecognitionError('BIRTH_DATE_INVALID', `birth date "${input.birthDate}" is not a real date (YYYY-MM-DD)`);
  if (birth > input.now) throw new RecognitionError('BIRTH_DATE_IN_FUTURE', `birth date ${input.birthDate} is after today`);

  const yearStart = schoolYearStart(host, policy, input.now);
  const age = ageOn(birth, input.now);
  const ageAtStart = ageOn(birth, yearStart);
  const last = host.levels[2]!.lastGrade;
  const rawAgeGrade = ageAtStart - host.levels[0]!.entranceAge + 1;
  const ageGrade = rawAgeGrade < 1 ? undefined : Math.min(rawAgeGrade, last);
  const hostName = host.name;
  const { summary } = input;
  const highest = summary.highestCompleted;
  const monthsOut = summary.gaps.monthsSinceLastRecord;

  const reasons: Message[] = [];
  if (highest) {
    const dated = highest.date !== undefined;
    const params = {
      grade: highest.grade, country: highest.country.name, level: highest.level, years: highest.levelYears,
      year: highest.yearInLevel, levelName: LEVEL_NAMES[highest.level], ...(dated ? { date: monthYear(new Date(highest.date!)) } : {}),
    };
    const key = highest.levelCompleted
      ? (dated ? 'recognition.reason.completedLevel' : 'recognition.reason.completedLevelUndated')
      : (dated ? 'recognition.reason.completedGrade' : 'recognition.reason.completedGradeUndated');
    reasons.push(formatMessage(key, params));
    if (highest.evidence === 'self-declared') reasons.push(formatMessage('recognition.reason.selfDeclared'));
    const ng = summary.items[highest.item]?.nationalGrades;
    if (ng && ng.from < ng.to) {
      reasons.push(formatMessage('recognition.reason.condensedGrades', {
        name: summary.items[highest.item]!.achievement.name ?? summary.items[highest.item]!.achievement.code ?? '', from: ng.from, to: ng.to, country: highest.country.name,
      }));
    }
  } else reasons.push(formatMessage('recognition.reason.noEvidence'));
  for (const it of summary.items) {
    if (it.notCounted !== 'PARTIAL_COMPLETION' || !it.position || !it.country) continue;
    if (it.partial) {
      const params = { grade: it.position.grade, country: it.country.name, count: it.partial.monthsCompleted };
      reasons.push(it.partial.monthsInGrade !== undefined
        ? formatMessage('recognition.reason.partialGrade', { ...params, of: it.partial.monthsInGrade })
        : formatMessage('recognition.reason.partialGradeMonths', params));
    }
    if (it.partialTerms) {
      const params = { grade: it.position.grade, country: it.country.name, count: it.partialTerms.termsCompleted };
      reasons.push(it.partialTerms.termsInGrade !== undefined
        ? formatMessage('recognition.reason.partialGradeTermsOf', { ...params, of: it.partialTerms.termsInGrade })
        : formatMessage('recognition.reason.partialGradeTerms', params));
    }
  }
  for (const it of summary.items) {
    if (!it.competencies?.length || it.verdict !== 'VALID') continue;
    reasons.push(formatMessage('recognition.reason.competencies', {
      name: it.achievement.name ?? it.achievement.code ?? '',
      list: it.competencies.map((c) => `${c.name ?? '?'}: ${c.level}`).join(', '),
    }));
  }
  if (monthsOut !== undefined) {
    reasons.push(formatMessage(monthsOut >= policy.catchUpAfterMonthsOutOfSchool ? 'recognition.reason.monthsOutOfSchool' : 'recognition.reason.monthsSinceRecord', { count: monthsOut }));
  }
  for (const g of summary.gaps.between.filter((b) => b.interruption)) {
    reasons.push(formatMessage('recognition.reason.interruption', { count: g.months, from: monthYear(new Date(summary.items[g.from]!.date!)), to: monthYear(new Date(summary.items[g.to]!.date!)) }));
  }
  if (summary.notCounted > 0) reasons.push(formatMessage('recognition.reason.notCounted', { count: summary.notCounted }));
  // A school's earlier placement decision is what the next school most wants to read; it is an
  // assessment, so it informs the suggestion without counting as learning completed.
  for (const p of summary.placements) {
    if (p.expired || !p.country || !p.date || !p.validUntil) continue;
    const placement = p.grade !== undefined ? `Grade ${p.grade}${p.programme !== undefined ? ` (${p.programme})` : ''}` : p.programme ?? '';
    reasons.push(formatMessage('recognition.reason.placedBefore', { placement, country: p.country.name, date: p.date.slice(0, 10), until: p.validUntil.slice(0, 10) }));
  }
  reasons.push(formatMessage('recognition.reason.age', { age }));

  // The grades the learning leads to in the host system: by level (a completed ISCED level opens
  // the next level's first grade; years within a level carry over inside it) and by years of
  // schooling (the grade after as many years). Where the two differ — a six-year primary meeting a
  // four-year one — the age decides within that range.
  let range: { from: number; to: number } | undefined;
  let beyondSchool = false;
  if (highest) {
    if (highest.level === 0) range = { from: 1, to: 1 };
    else if (highest.levelCompleted && highest.level === 3) beyondSchool = true;
    else {
      const hostLevel = host.levels[highest.level - 1]!;
      const byLevel = highest.levelCompleted ? hostLevel.lastGrade + 1 : Math.min(hostLevel.firstGrade + highest.yearInLevel, hostLevel.lastGrade + 1);
      const byYears = highest.grade + 1;
      if (byLevel > last && byYears > last) beyondSchool = true;
      else range = { from: Math.min(byLevel, byYears, last), to: Math.min(Math.max(byLevel, byYears), last) };
    }
  }
  const learningGrade = range === undefined ? undefined
    : ageGrade === undefined ? range.from
    : Math.min(Math.max(ageGrade, range.from), range.to);
  if (range && range.from !== range.to) reasons.push(formatMessage('recognition.reason.learningRange', { from: range.from, to: range.to, country: hostName }));

  let placement: Placement;
  let acceleratedProgramme = false;
  let catchUp = monthsOut !== undefined && monthsOut >= policy.catchUpAfterMonthsOutOfSchool;
  if (beyondSchool) {
    reasons.push(formatMessage('recognition.reason.secondaryComplete'));
    placement = { kind: 'beyond-school' };
  } else if (learningGrade === undefined) {
    if (ageGrade === undefined) {
      reasons.push(formatMessage('recognition.reason.tooYoung', { country: hostName, entranceAge: host.levels[0]!.entranceAge }));
      placement = { kind: 'early-childhood' };
    } else {
      reasons.push(formatMessage('recognition.reason.ageGrade', { grade: ageGrade, age: ageAtStart, country: hostName }));
      placement = gradePlacement(host, ageGrade);
    }
  } else {
    let grade = learningGrade;
    const below = ageGrade === undefined ? 0 : ageGrade - learningGrade;
    if (below > policy.maxYearsBelowAgeGrade) {
      reasons.push(formatMessage('recognition.reason.ageGrade', { grade: ageGrade!, age: ageAtStart, country: hostName }));
      if (policy.overAge === 'nearer-age') {
        grade = ageGrade! - policy.maxYearsBelowAgeGrade;
        catchUp = true;
        if (grade - learningGrade > 0) reasons.push(formatMessage('recognition.reason.overAge', { count: ageGrade! - grade, grade, country: hostName }));
      } else {
        acceleratedProgramme = true;
        reasons.push(formatMessage('recognition.reason.overAge', { count: below, grade, country: hostName }));
      }
    } else if (-below > policy.maxYearsAboveAgeGrade) {
      reasons.push(formatMessage('recognition.reason.youngerThanUsual', { count: -below, grade, country: hostName }));
    }
    placement = gradePlacement(host, grade);
  }

  const subjects = supportSubjects(summary, policy);
  if (subjects.length > 0) catchUp = true;
  const basis = !highest ? 'age-only' : highest.evidence === 'self-declared' ? 'self-declared' : 'verified-record';
  const placementTest = basis !== 'verified-record';
  const outcome = placement.kind === 'grade' ? formatMessage('recognition.outcome.grade', { grade: placement.grade, country: hostName })
    : placement.kind === 'early-childhood' ? formatMessage('recognition.outcome.earlyChildhood', { country: hostName })
    : formatMessage('recognition.outcome.beyondSchool', { country: hostName });
  const supportMessages: Message[] = [];
  if (catchUp && placement.kind === 'grade') {
    supportMessages.push(subjects.length > 0
      ? // The ISCED-F codes beside the English words, so that a page names the subjects in its language.
      formatMessage('recognition.support.catchUpIn', { subjects: subjects.map((s) => s.label.toLowerCase()).join(', '), fields: subjects.map((s) => s.field).join(',') })
      : formatMessage('recognition.support.catchUp'));
  }
  if (acceleratedProgramme) supportMessages.push(formatMessage('recognition.support.acceleratedProgramme'));
  if (placementTest) supportMessages.push(formatMessage('recognition.support.placementTest'));
  const sentence = `${reasons.map((r) => r.text).join('; ')} → ${[outcome.text, ...supportMessages.map((m) => m.text)].join(', ')}`;
  return {
    advisory: true,
    decidedBy: 'school',
    host: { iso2: host.iso2, iso3: host.iso3, name: host.name },
    placement,
    learningGrade,
    learningRange: range,
    ageGrade,
    age,
    ageAtSchoolYearStart: ageAtStart,
    schoolYearStart: yearStart.toISOString().slice(0, 10),
    monthsOutOfSchool: monthsOut,
    basis,
    support: { catchUp: catchUp && placement.kind === 'grade', subjects, acceleratedProgramme, placementTest },
    reasons,
    outcome,
    supportMessages,
    sentence,
    advice: formatMessage('recognition.advice'),
  };
}

function gradePlacement(host: EducationSystem, grade: number): Placement {
  const level = host.levels.find((l) => grade >= l.firstGrade && grade <= l.lastGrade)!;
  return { kind: 'grade', grade, iscedLevel: level.level as 1 | 2 | 3 };
}

/**
 * The start of the school year the learner joins: the current one, or the coming one when it
 * starts within the policy's months. The month is the policy's correction for the country, else
 * the dataset's, else the policy's default (the dataset leaves 30 countries empty).
 */
function schoolYearStart(host: EducationSystem, policy: PlacementPolicy, now: Date): Date {
  const month = policy.countries[host.iso2]?.schoolYearStartMonth ?? policy.countries[host.iso3]?.schoolYearStartMonth
    ?? host.schoolYearStartMonth ?? policy.schoolYearStartMonthWhenUnknown;
  const thisYear = new Date(Date.UTC(now.getUTCFullYear(), month - 1, 1));
  const current = thisYear <= now ? thisYear : new Date(Date.UTC(now.getUTCFullYear() - 1, month - 1, 1));
  const coming = new Date(Date.UTC(current.getUTCFullYear() + 1, month - 1, 1));
  const horizon = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + policy.placeForComingYearWithinMonths, now.getUTCDate()));
  return coming <= horizon ? coming : current;
}

/** Fields whose latest counted result sits below the policy's share of its scale. */
function supportSubjects(summary: LearnerSummary, policy: PlacementPolicy): { field: string; label: string }[] {
  const latest = new Map<string, { share: number; label: string }>();
  for (const it of summary.items) {
    if (!it.counted || !it.isced.field || it.result?.share === undefined) continue;
    latest.set(it.isced.field, { share: it.result.share, label: it.isced.fieldLabel ?? it.isced.field });
  }
  return [...latest].filter(([, v]) => v.share < policy.supportBelowShareOfScale).map(([field, v]) => ({ field, label: v.label }));
}

// Learner stories across the dataset's countries: each a summary of verification results (and
// what the school typed in) and the suggestion with its reasons, as a school would read them.
import { describe, expect, it } from '@jest/globals';
import { parsePlacementPolicy, suggestPlacement, summariseLearning, type SelfDeclaredItem } from '../src/index.ts';
import type { VerificationResult } from '@lp/verify';
import { catalogue, result } from './lib/make-result.ts';

function story(results: VerificationResult[], opts: { now: string; birthDate: string; host: string; selfDeclared?: SelfDeclaredItem[]; policy?: string }) {
  const now = new Date(opts.now);
  const policy = opts.policy ? parsePlacementPolicy(opts.policy) : undefined;
  const summary = summariseLearning({ results, now, catalogue, ...(opts.selfDeclared ? { selfDeclared: opts.selfDeclared } : {}), ...(policy ? { policy } : {}) });
  const suggestion = suggestPlacement({ summary, birthDate: opts.birthDate, host: opts.host, now, ...(policy ? { policy } : {}) });
  return { summary, suggestion };
}

describe('learner stories', () => {
  it('a Syrian Grade 6 leaver, 18 months out of school, age 13 → Grade 7 in Jordan with catch-up support in mathematics', () => {
    const { summary, suggestion } = story([
      result({ country: 'SY', code: 'SY-PRIM-MATH', name: 'Primary Certificate – Mathematics', levelCode: '1', field: '0541', awardedAt: '2023-06-20', value: '45', min: '0', max: '100', required: '40' }),
      result({ country: 'SY', code: 'SY-PRIM-ARAB', name: 'Primary Certificate – Arabic', levelCode: '1', field: '0232', awardedAt: '2023-06-20', value: '78', min: '0', max: '100', required: '40' }),
    ], { now: '2024-12-20T10:00:00Z', birthDate: '2011-05-02', host: 'JO' });
    expect(summary.items.map((i) => [i.country?.iso3, i.evidence, i.isced.levelCode, i.isced.fieldLabel, i.result?.share, i.counted])).toEqual([
      ['SYR', 'national-examination-body', '1', 'Mathematics', 0.45, true],
      ['SYR', 'national-examination-body', '1', 'Literature and linguistics', 0.78, true],
    ]);
    expect(summary.highestCompleted).toMatchObject({ grade: 6, level: 1, levelCompleted: true, levelYears: 6 });
    expect(summary.gaps.monthsSinceLastRecord).toBe(18);
    expect(suggestion).toMatchObject({
      advisory: true, decidedBy: 'school', placement: { kind: 'grade', grade: 7, iscedLevel: 2 }, ageGrade: 8, learningGrade: 7, age: 13,
      basis: 'verified-record', support: { catchUp: true, subjects: [{ field: '0541', label: 'Mathematics' }], acceleratedProgramme: false, placementTest: false },
    });
    expect(suggestion.sentence).toBe('completed Grade 6 in Syrian Arab Republic (ISCED 1, 6 years of primary) in June 2023; 18 months out of school; age 13 → Grade 7 in Jordan, with catch-up support in mathematics');
    expect(suggestion.reasons[0]).toEqual({ key: 'recognition.reason.completedLevel', params: { grade: 6, country: 'Syrian Arab Republic', level: 1, years: 6, year: 6, levelName: 'primary', date: 'June 2023' }, text: 'completed Grade 6 in Syrian Arab Republic (ISCED 1, 6 years of primary) in June 2023' });
    expect(suggestion.advice.text).toBe('Advice only: the school confirms, changes or rejects this placement.');
  });

  const afghanGirl = () => [result({ country: 'AF', kind: 'school', code: 'AF-G6', name: 'Grade 6 school report', levelCode: '1', grade: '6', awardedAt: '2022-03-15', status: 'Completed' })];

  it('an Afghan girl out of school three years, age 15 → Grade 7 in Iran, over-age: an accelerated education programme', () => {
    const { summary, suggestion } = story(afghanGirl(), { now: '2025-03-20T09:00:00Z', birthDate: '2009-08-10', host: 'IR' });
    expect(summary.items[0]).toMatchObject({ evidence: 'accredited-school', position: { grade: 6, level: 1, levelCompleted: true }, counted: true });
    expect(suggestion).toMatchObject({ placement: { kind: 'grade', grade: 7 }, ageGrade: 10, monthsOutOfSchool: 36, support: { catchUp: true, acceleratedProgramme: true } });
    expect(suggestion.sentence).toBe('completed Grade 6 in Afghanistan (ISCED 1, 6 years of primary) in March 2022; 36 months out of school; age 15; Grade 10 is the usual grade for age 15 in Iran, Islamic Republic of; 3 years older than usual for Grade 7 in Iran, Islamic Republic of → Grade 7 in Iran, Islamic Republic of, with catch-up support, an accelerated education programme may suit');
  });

  it('the same girl in Pakistan, days before its school year starts: a six-year primary meets a five-year one, so Grades 6 to 7 match; the age picks 7', () => {
    const { suggestion } = story(afghanGirl(), { now: '2025-03-20T09:00:00Z', birthDate: '2009-08-10', host: 'PK' });
    expect(suggestion).toMatchObject({ learningRange: { from: 6, to: 7 }, learningGrade: 7, ageGrade: 11, placement: { grade: 7 }, ageAtSchoolYearStart: 15, schoolYearStart: '2025-04-01' });
    expect(suggestion.reasons.map((r) => r.key)).toContain('recognition.reason.learningRange');
  });

  it('a ministry that places over-age learners nearer their age: Grade 8 in Iran with catch-up support', () => {
    const { suggestion } = story(afghanGirl(), { now: '2025-03-20T09:00:00Z', birthDate: '2009-08-10', host: 'IRN', policy: '{"overAge": "nearer-age"}' });
    expect(suggestion).toMatchObject({ placement: { grade: 8 }, support: { catchUp: true, acceleratedProgramme: false } });
    expect(suggestion.sentence).toContain('2 years older than usual for Grade 8 in Iran, Islamic Republic of → Grade 8 in Iran, Islamic Republic of, with catch-up support');
  });

  it('a Ukrainian Grade 9 pupil in Poland → Grade 9 (first year of upper secondary), no support needed', () => {
    const { summary, suggestion } = story([
      result({ country: 'UA', kind: 'school', code: 'UA-BASIC-MATH', levelCode: '244', field: '0541', awardedAt: '2024-06-10', value: '10', min: '1', max: '12', required: '4' }),
    ], { now: '2024-09-15T08:00:00Z', birthDate: '2009-03-01', host: 'PL' });
    expect(summary.items[0]!.result).toEqual({ value: '10', scale: { min: '1', max: '12', required: '4' }, share: 0.82 });
    expect(suggestion).toMatchObject({ placement: { kind: 'grade', grade: 9, iscedLevel: 3 }, learningRange: { from: 9, to: 10 }, ageGrade: 9, support: { catchUp: false, subjects: [] } });
    expect(suggestion.sentence).toBe('completed Grade 9 in Ukraine (ISCED 2, 5 years of lower secondary) in June 2024; last record 3 months ago; age 15; this learning matches Grade 9 to 10 in Poland (by level completed and by years of schooling) → Grade 9 in Poland');
  });

  it('a South Sudanese AEP learner (Level 2 = Grades 3–4) in Uganda → Grade 5, over-age: an accelerated programme', () => {
    const { summary, suggestion } = story([
      result({ country: 'SS', kind: 'ngo-programme', code: 'AEP-L2', name: 'Accelerated Education Programme Level 2', grade: '4', levelCode: '1', awardedAt: '2024-11-30', status: 'Completed' }),
    ], { now: '2025-02-10T08:00:00Z', birthDate: '2012-01-15', host: 'UG' });
    expect(summary.items[0]).toMatchObject({ evidence: 'ngo-programme', position: { grade: 4, level: 1, yearInLevel: 4, levelYears: 6, levelCompleted: false } });
    expect(suggestion.sentence).toBe('completed Grade 4 in South Sudan (ISCED 1, year 4 of 6 of primary) in November 2024; last record 2 months ago; age 13; Grade 8 is the usual grade for age 13 in Uganda; 3 years older than usual for Grade 5 in Uganda → Grade 5 in Uganda, an accelerated education programme may suit');
  });

  it('an assessment-only Rohingya learner in Bangladesh → Grade 6, labelled assessment-based', () => {
    const { summary, suggestion } = story([
      result({ country: 'BD', kind: 'recognition-body', code: 'RPL-PRIMARY', name: 'Assessment of primary learning', levelCode: '1', awardedAt: '2025-02-01', status: 'Completed' }),
    ], { now: '2025-03-01T08:00:00Z', birthDate: '2013-04-01', host: 'BD' });
    expect(summary.items[0]!.evidence).toBe('assessment-based');
    expect(suggestion).toMatchObject({ placement: { grade: 6 }, ageGrade: 6, basis: 'verified-record' });
    expect(suggestion.sentence).toBe('completed Grade 5 in Bangladesh (ISCED 1, 5 years of primary) in February 2025; last record 1 month ago; age 11 → Grade 6 in Bangladesh');
  });

  it('a Sudanese learner in Chad with a revoked record: shown and labelled, never counted', () => {
    const { summary, suggestion } = story([
      result({ country: 'SD', code: 'SD-PRIM', levelCode: '1', awardedAt: '2022-06-15', status: 'Completed' }),
      result({ verdict: 'INVALID', country: 'SD', code: 'SD-BASIC', levelCode: '244', awardedAt: '2024-03-01', status: 'Completed' }),
    ], { now: '2024-11-20T08:00:00Z', birthDate: '2011-01-10', host: 'TD' });
    expect(summary.items[1]).toMatchObject({ verdict: 'INVALID', evidence: 'national-examination-body', counted: false, notCounted: 'EVIDENCE_NOT_VALID', position: { grade: 9 } });
    expect(summary.highestCompleted).toMatchObject({ grade: 6, item: 0 });
    expect(suggestion.sentence).toBe('completed Grade 6 in Sudan (ISCED 1, 6 years of primary) in June 2022; 29 months out of school; 1 record shown but not counted (verdict not VALID or result not passed); age 13 → Grade 7 in Chad, with catch-up support');
  });

  it('a Syrian Grade 6 leaver in Germany: a four-year primary, so Grades 5 to 7 match; the age picks 7', () => {
    const { suggestion } = story([
      result({ country: 'SY', kind: 'school', code: 'SY-G6', grade: '6', levelCode: '1', awardedAt: '2024-06-15', status: 'Completed' }),
    ], { now: '2024-10-01T08:00:00Z', birthDate: '2012-03-01', host: 'DE' });
    expect(suggestion).toMatchObject({ learningRange: { from: 5, to: 7 }, placement: { grade: 7, iscedLevel: 2 }, schoolYearStart: '2024-09-01' });
  });

  it('a Venezuelan Grade 8 pupil in Colombia (school year from February) → Grade 9 with catch-up support', () => {
    const { suggestion } = story([
      result({ country: 'VE', kind: 'school', code: 'VE-G8', grade: '8', levelCode: '2', field: '0541', awardedAt: '2024-07-15', value: '12', min: '1', max: '20', required: '10' }),
    ], { now: '2025-02-10T08:00:00Z', birthDate: '2010-05-20', host: 'CO' });
    expect(suggestion.sentence).toBe('completed Grade 8 in Venezuela, Bolivarian Republic of (ISCED 2, year 2 of 3 of lower secondary) in July 2024; 6 months out of school; age 14; this learning matches Grade 8 to 9 in Colombia (by level completed and by years of schooling) → Grade 9 in Colombia, with catch-up support');
  });

  it('a Somali child with no papers in Kenya: what the school typed in counts, labelled self-declared, with a placement test', () => {
    const { summary, suggestion } = story([], {
      now: '2025-01-15T08:00:00Z', birthDate: '2012-09-01', host: 'KE', selfDeclared: [{ country: 'SO', grade: 5, date: '2023-06', school: 'Hodan primary school' }],
    });
    expect(summary.items[0]).toMatchObject({ source: 'self-declared', evidence: 'self-declared', verdict: undefined, counted: true, issuer: { name: 'Hodan primary school' } });
    expect(suggestion).toMatchObject({ basis: 'self-declared', placement: { grade: 7 }, learningRange: { from: 6, to: 8 }, support: { placementTest: true, catchUp: true } });
    expect(suggestion.sentence).toBe('completed Grade 5 in Somalia (ISCED 2, year 1 of 4 of lower secondary) in June 2023; this rests on what the learner declared (self-declared), not on a verified record; 19 months out of school; age 12; this learning matches Grade 6 to 8 in Kenya (by level completed and by years of schooling) → Grade 7 in Kenya, with catch-up support, confirm with a placement test');
  });

  it('an Iraqi learner in Türkiye with three years between records and a weak mathematics result', () => {
    const { summary, suggestion } = story([
      result({ country: 'IQ', kind: 'school', code: 'IQ-G3', grade: '3', levelCode: '1', awardedAt: '2019-06-10', status: 'Completed' }),
      result({ country: 'IQ', kind: 'school', code: 'IQ-G5-MATH', grade: '5', levelCode: '1', field: '0541', awardedAt: '2022-06-10', value: '35', min: '0', max: '100', required: '30' }),
    ], { now: '2024-10-01T08:00:00Z', birthDate: '2011-02-01', host: 'TR' });
    expect(summary.gaps.between).toEqual([{ from: 0, to: 1, months: 36, interruption: true }]);
    expect(suggestion.sentence).toBe('completed Grade 5 in Iraq (ISCED 1, year 5 of 6 of primary) in June 2022; 27 months out of school; 36 months between records in June 2019 and June 2022; age 13; this learning matches Grade 5 to 6 in Türkiye (by level completed and by years of schooling) → Grade 6 in Türkiye, with catch-up support in mathematics');
  });

  it('a Lebanese secondary school leaver: school placement does not apply', () => {
    const { suggestion } = story([
      result({ country: 'LB', code: 'LB-BACC', levelCode: '344', awardedAt: '2024-07-01', status: 'Completed' }),
    ], { now: '2024-10-01T08:00:00Z', birthDate: '2006-02-01', host: 'DE' });
    expect(suggestion.placement).toEqual({ kind: 'beyond-school' });
    expect(suggestion.outcome.text).toBe('further or higher education in Germany (refer to its recognition office)');
  });

  it('a failed examination is shown but not counted; with nothing counted the placement is by age, with a placement test', () => {
    const { summary, suggestion } = story([
      result({ country: 'MM', code: 'MM-G9', levelCode: '244', awardedAt: '2024-03-01', value: '20', min: '0', max: '100', required: '40' }),
    ], { now: '2024-09-01T08:00:00Z', birthDate: '2009-01-01', host: 'TH' });
    expect(summary.items[0]).toMatchObject({ counted: false, notCounted: 'RESULT_NOT_PASSED' });
    expect(suggestion).toMatchObject({ basis: 'age-only', placement: { grade: 10 }, support: { placementTest: true } });
    expect(suggestion.reasons.map((r) => r.key)).toEqual(['recognition.reason.noEvidence', 'recognition.reason.notCounted', 'recognition.reason.age', 'recognition.reason.ageGrade']);
  });

  it('a four-year-old with no records → early childhood education', () => {
    const { suggestion } = story([], { now: '2024-10-01T08:00:00Z', birthDate: '2020-05-01', host: 'JO' });
    expect(suggestion.placement).toEqual({ kind: 'early-childhood' });
  });

  it('a ministry corrects the school-year month the dataset lacks', () => {
    const base = { now: '2024-08-20T08:00:00Z', birthDate: '2012-08-10', host: 'JO' };
    // Default September: arriving in late August, the learner joins the coming year.
    expect(story([], base).suggestion.schoolYearStart).toBe('2024-09-01');
    expect(story([], { ...base, policy: '{"countries": {"JO": {"schoolYearStartMonth": 8}}}' }).suggestion.schoolYearStart).toBe('2024-08-01');
    expect(story([], { ...base, now: '2024-06-20T08:00:00Z' }).suggestion.schoolYearStart).toBe('2023-09-01');
    expect(story([], { ...base, now: '2024-06-20T08:00:00Z', policy: '{"placeForComingYearWithinMonths": 3}' }).suggestion.schoolYearStart).toBe('2024-09-01');
  });
});

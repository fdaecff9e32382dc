// Non-formal and interrupted learning in the summary and the suggestion, as pure functions over
// what the verification display gives: an accelerated level placed by the grades it stands for,
// a grade left part-way (shown, never counted, ending the time in school), competency levels
// without a grade listed among the reasons.
import { describe, expect, it } from '@jest/globals';
import { suggestPlacement, summariseLearning } from '../src/index.ts';
import { catalogue, result } from './lib/make-result.ts';

describe('non-formal and interrupted learning', () => {
  it('AEP Level 2 (= Grades 3–4 of South Sudan, from the catalogue) in Uganda → Grade 4 completed; over-age: an accelerated programme', () => {
    const now = new Date('2025-01-20T10:00:00Z');
    const summary = summariseLearning({ now, catalogue, results: [
      result({ country: 'SS', kind: 'ngo-programme', code: 'AEP-L2', name: 'AEP Level 2', levelCode: '1', awardedAt: '2024-11-30', status: 'Completed', nationalGrades: { country: 'SS', from: 3, to: 4 }, notionalHours: 900 }),
    ] });
    expect(summary.items[0]).toMatchObject({ counted: true, evidence: 'ngo-programme', position: { grade: 4, level: 1, yearInLevel: 4 }, notionalHours: 900 });
    const s = suggestPlacement({ summary, birthDate: '2011-09-01', host: 'UG', now });
    expect(s.reasons.map((r) => r.text)).toContain('AEP Level 2 stands for Grades 3 to 4 in South Sudan (an accelerated education programme)');
    expect(s.placement).toEqual({ kind: 'grade', grade: 5, iscedLevel: 1 });
    expect(s.support.acceleratedProgramme).toBe(true);
  });

  it('a regular grade stated by national grades (SY:4) beats the ISCED level alone', () => {
    const summary = summariseLearning({ now: new Date('2024-12-01T00:00:00Z'), catalogue, results: [
      result({ country: 'SY', code: 'SY-G4', levelCode: '1', awardedAt: '2022-06-15', status: 'Completed', nationalGrades: { country: 'SY', from: 4, to: 4 } }),
    ] });
    expect(summary.highestCompleted).toMatchObject({ grade: 4, levelCompleted: false });
  });

  it('a Syrian learner: Grade 4 completed, then 4 of 9 months of Grade 5 → Grade 4 is the highest; out of school since the partial year', () => {
    const now = new Date('2024-12-20T10:00:00Z');
    const summary = summariseLearning({ now, catalogue, results: [
      result({ country: 'SY', code: 'SY-G4', levelCode: '1', awardedAt: '2022-06-15', status: 'Completed', nationalGrades: { country: 'SY', from: 4, to: 4 } }),
      result({ country: 'SY', code: 'SY-G5', levelCode: '1', awardedAt: '2023-01-31', status: 'Withdrew', nationalGrades: { country: 'SY', from: 5, to: 5 }, partial: { monthsCompleted: 4, monthsInGrade: 9 } }),
    ] });
    expect(summary.items.map((i) => [i.achievement.code, i.counted, i.notCounted])).toEqual([['SY-G4', true, undefined], ['SY-G5', false, 'PARTIAL_COMPLETION']]);
    expect(summary.highestCompleted).toMatchObject({ grade: 4 });
    expect(summary.gaps.monthsSinceLastRecord).toBe(22);
    const s = suggestPlacement({ summary, birthDate: '2013-02-10', host: 'JO', now });
    expect(s.reasons.map((r) => r.key)).toEqual(expect.arrayContaining(['recognition.reason.completedGrade', 'recognition.reason.partialGrade', 'recognition.reason.monthsOutOfSchool']));
    expect(s.reasons.map((r) => r.text)).toContain('started Grade 5 in Syrian Arab Republic: 4 of 9 months completed, so the grade is not completed');
    expect(s.support.catchUp).toBe(true);
  });

  it('a full year (9 of 9 months) is not partial: it counts', () => {
    const summary = summariseLearning({ now: new Date('2024-12-20T10:00:00Z'), catalogue, results: [
      result({ country: 'SY', code: 'SY-G5', levelCode: '1', awardedAt: '2023-06-30', status: 'Completed', nationalGrades: { country: 'SY', from: 5, to: 5 }, partial: { monthsCompleted: 9, monthsInGrade: 9 } }),
    ] });
    expect(summary.items[0]).toMatchObject({ counted: true });
    expect(summary.highestCompleted).toMatchObject({ grade: 5 });
  });

  it('a grade counted in terms: 2 of 3 terms of Grade 5 → not counted, Grade 4 stays the highest, the reason says so', () => {
    const now = new Date('2024-12-20T10:00:00Z');
    const summary = summariseLearning({ now, catalogue, results: [
      result({ country: 'SY', code: 'SY-G4', levelCode: '1', awardedAt: '2022-06-15', status: 'Completed', nationalGrades: { country: 'SY', from: 4, to: 4 } }),
      result({ country: 'SY', code: 'SY-G5', levelCode: '1', awardedAt: '2023-03-31', status: 'Withdrew', nationalGrades: { country: 'SY', from: 5, to: 5 }, partialTerms: { termsCompleted: 2, termsInGrade: 3 } }),
    ] });
    expect(summary.items[1]).toMatchObject({ counted: false, notCounted: 'PARTIAL_COMPLETION', partialTerms: { termsCompleted: 2, termsInGrade: 3 } });
    expect(summary.highestCompleted).toMatchObject({ grade: 4 });
    const s = suggestPlacement({ summary, birthDate: '2013-02-10', host: 'JO', now });
    expect(s.reasons.map((r) => r.key)).toContain('recognition.reason.partialGradeTermsOf');
    expect(s.reasons.map((r) => r.text)).toContain('started Grade 5 in Syrian Arab Republic: 2 of 3 terms completed, so the grade is not completed');
  });

  it('terms without the grade\'s number of terms: the count alone; all terms of the grade (3 of 3) count as completed', () => {
    const now = new Date('2024-12-20T10:00:00Z');
    const alone = summariseLearning({ now, catalogue, results: [
      result({ country: 'SY', code: 'SY-G5', levelCode: '1', awardedAt: '2023-03-31', status: 'Withdrew', nationalGrades: { country: 'SY', from: 5, to: 5 }, partialTerms: { termsCompleted: 1, termsInGrade: undefined } }),
    ] });
    expect(alone.items[0]).toMatchObject({ counted: false, notCounted: 'PARTIAL_COMPLETION' });
    const s = suggestPlacement({ summary: alone, birthDate: '2013-02-10', host: 'JO', now });
    expect(s.reasons.map((r) => r.text)).toContain('started Grade 5 in Syrian Arab Republic: 1 term completed, so the grade is not completed');
    const full = summariseLearning({ now, catalogue, results: [
      result({ country: 'SY', code: 'SY-G5', levelCode: '1', awardedAt: '2023-06-30', status: 'Completed', nationalGrades: { country: 'SY', from: 5, to: 5 }, partialTerms: { termsCompleted: 3, termsInGrade: 3 } }),
    ] });
    expect(full.items[0]).toMatchObject({ counted: true });
    expect(full.highestCompleted).toMatchObject({ grade: 5 });
  });

  it('competency levels without a grade or grade equivalence: shown and listed among the reasons, never counted as a grade', () => {
    const now = new Date('2025-03-01T00:00:00Z');
    const summary = summariseLearning({ now, catalogue, results: [
      result({ country: 'BD', kind: 'ngo-programme', code: 'LC-L1', name: 'Learning Competency Framework Level 1', awardedAt: '2024-12-15', status: 'Completed', competencies: [{ name: 'Burmese literacy', level: 'Achieved', levels: ['Beginning', 'Developing', 'Achieved'] }, { name: 'Numeracy', level: 'Developing' }] }),
    ] });
    expect(summary.items[0]).toMatchObject({ counted: false, notCounted: 'LEVEL_UNKNOWN', competencies: [{ name: 'Burmese literacy', level: 'Achieved' }, { name: 'Numeracy', level: 'Developing' }] });
    const s = suggestPlacement({ summary, birthDate: '2014-04-01', host: 'BD', now });
    expect(s.reasons.map((r) => r.text)).toContain('competencies in Learning Competency Framework Level 1: Burmese literacy: Achieved, Numeracy: Developing');
    expect(s.basis).toBe('age-only');
    expect(s.support.placementTest).toBe(true);
  });

  it('a record whose verdict is not VALID: its competencies are not offered as reasons', () => {
    const now = new Date('2025-03-01T00:00:00Z');
    const summary = summariseLearning({ now, catalogue, results: [
      result({ verdict: 'INVALID', country: 'SS', kind: 'ngo-programme', code: 'AEP-L2', awardedAt: '2024-11-30', status: 'Completed', nationalGrades: { country: 'SS', from: 3, to: 4 }, competencies: [{ name: 'Numeracy', level: 'Achieved' }] }),
    ] });
    expect(summary.items[0]).toMatchObject({ counted: false, notCounted: 'EVIDENCE_NOT_VALID' });
    const s = suggestPlacement({ summary, birthDate: '2012-01-01', host: 'UG', now });
    expect(s.reasons.map((r) => r.key)).not.toContain('recognition.reason.competencies');
    expect(s.reasons.map((r) => r.key)).not.toContain('recognition.reason.condensedGrades');
  });
});

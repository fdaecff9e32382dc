// Records added to one summary that name different learners: a LEARNERS_DIFFER warning naming
// each learner with their items, never silent; the same learner spelt differently is one learner.
import { describe, expect, it } from '@jest/globals';
import { summariseLearning } from '../src/index.ts';
import { result } from './lib/make-result.ts';

const NOW = new Date('2025-01-15T08:00:00Z');
const g5 = (learner: { name?: string; nameLatin?: string; birthDate?: string }) =>
  result({ country: 'SY', code: 'SY-G5', levelCode: '1', awardedAt: '2022-06-30', status: 'Completed', learner });
const g6 = (learner: { name?: string; nameLatin?: string; birthDate?: string }) =>
  result({ country: 'SY', code: 'SY-G6', levelCode: '1', awardedAt: '2023-06-30', status: 'Completed', learner });

describe('records naming different learners', () => {
  it('one learner spelt across borders (script, Latin form, case, accents, a seal without birth date) → no warning', () => {
    const s = summariseLearning({
      results: [
        g5({ name: 'أمينة الحسن', nameLatin: 'Amina Al-Hassan', birthDate: '2011-05-02' }),
        g6({ name: 'AMINA AL HASSAN' }),
        g6({ name: 'Amína al-Hassan', birthDate: '2011-05-02T00:00:00Z' }),
      ],
      now: NOW,
    });
    expect(s.warnings).toEqual([]);
  });

  it('another name → LEARNERS_DIFFER on the name, each learner with their items', () => {
    const s = summariseLearning({ results: [g5({ name: 'Amina Hassan', birthDate: '2011-05-02' }), g6({ name: 'Omar Hassan', birthDate: '2011-05-02' })], now: NOW });
    expect(s.warnings).toEqual([{
      code: 'LEARNERS_DIFFER',
      differ: ['name'],
      learners: [{ name: 'Amina Hassan', birthDate: '2011-05-02', items: [0] }, { name: 'Omar Hassan', birthDate: '2011-05-02', items: [1] }],
    }]);
    // Shown, not hidden: both records stay in the timeline and count as they would.
    expect(s.items.map((i) => i.counted)).toEqual([true, true]);
  });

  it('the same name with another birth date → LEARNERS_DIFFER on the birth date', () => {
    const s = summariseLearning({ results: [g5({ name: 'Amina Hassan', birthDate: '2011-05-02' }), g6({ name: 'Amina Hassan', birthDate: '2012-05-02' })], now: NOW });
    expect(s.warnings.map((w) => [w.code, w.differ])).toEqual([['LEARNERS_DIFFER', ['birthDate']]]);
  });

  it('both differ → both named', () => {
    const s = summariseLearning({ results: [g5({ name: 'Amina Hassan', birthDate: '2011-05-02' }), g6({ name: 'Layla Nour', birthDate: '2013-01-01' })], now: NOW });
    expect(s.warnings[0]!.differ).toEqual(['name', 'birthDate']);
  });

  it('a self-declared item names nobody and never raises the warning', () => {
    const s = summariseLearning({
      results: [g5({ name: 'Amina Hassan' })],
      selfDeclared: [{ country: 'SY', grade: 4, date: '2021-06-30', school: 'Aleppo school' }],
      now: NOW,
    });
    expect(s.warnings).toEqual([]);
  });
});

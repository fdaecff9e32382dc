// Every complete country of the dataset as origin and as host: a completed primary level in the
// origin is placed in the host's lower secondary range, and the suggestion is well formed.
import { describe, expect, it } from '@jest/globals';
import { listEducationSystems, suggestPlacement, summariseLearning } from '../src/index.ts';
import { result } from './lib/make-result.ts';

const NOW = new Date('2025-06-15T08:00:00Z');

describe('all countries as origin and host', () => {
  const systems = listEducationSystems().filter((s) => s.complete);

  it(`${systems.length} origins × ${systems.length} hosts`, () => {
    expect(systems.length).toBe(221);
    let checked = 0;
    const problems: string[] = [];
    for (const origin of systems) {
      const primary = origin.levels[0]!;
      const summary = summariseLearning({ results: [result({ country: origin.iso2, code: `${origin.iso3}-PRIM`, levelCode: '1', awardedAt: '2025-01-10', status: 'Completed' })], now: NOW });
      expect(summary.highestCompleted).toMatchObject({ grade: primary.lastGrade, level: 1, levelCompleted: true, country: { iso3: origin.iso3 } });
      for (const host of systems) {
        // A learner who finished primary at the origin's usual age, a year and a half ago.
        const birthYear = 2025 - 1 - (primary.entranceAge + primary.years);
        const s = suggestPlacement({ summary, birthDate: `${birthYear}-01-01`, host: host.iso3, now: NOW });
        const lower = host.levels[1]!;
        const from = Math.min(lower.firstGrade, primary.years + 1), to = Math.max(lower.firstGrade, primary.years + 1);
        // Plain comparisons, one expect at the end: 48,841 jest matchers would take most of a minute.
        const grade = s.placement.kind === 'grade' ? s.placement.grade : -1;
        const ok = s.advisory === true && s.decidedBy === 'school'
          && s.learningRange?.from === from && s.learningRange.to === to
          && grade >= from && grade <= to
          && s.sentence.startsWith(`completed Grade ${primary.lastGrade} in ${origin.name} (ISCED 1, ${primary.years} years of primary)`)
          && s.sentence.includes(`→ Grade ${grade} in ${host.name}`);
        if (!ok) problems.push(`${origin.iso3} → ${host.iso3}: ${JSON.stringify({ range: s.learningRange, placement: s.placement, sentence: s.sentence })}`);
        checked++;
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBe(221 * 221);
  });
});

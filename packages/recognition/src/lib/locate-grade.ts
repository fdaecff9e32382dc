import type { EducationSystem } from '../z-education-system.ts';

/** Where a record sits in its country's school structure. */
export interface GradePosition {
  /** The national grade completed (continuous numbering from Grade 1 of primary; 0 = before primary). */
  grade: number;
  /** ISCED 2011 level of that grade (0 early childhood, 1 primary, 2 lower, 3 upper secondary). */
  level: 0 | 1 | 2 | 3;
  /** Year within the level (1-based) and the level's length in that country. */
  yearInLevel: number;
  levelYears: number;
  levelCompleted: boolean;
}

/**
 * A record's place in the origin system, from its national grade when the record states one,
 * else from its ISCED 2011 level: a level (`1`, `2`) or an ISCED-P code whose third digit is 3 or 4
 * (`244`) completes that level; third digit 1 or 2 (insufficient / partial completion) counts as
 * attainment of the level below, as ISCED-A does; levels 4 and above complete upper secondary.
 */
export function locateGrade(system: EducationSystem, facts: { grade?: number | undefined; levelCode?: string | undefined }): GradePosition | undefined {
  const { levels } = system;
  if (facts.grade !== undefined) {
    if (facts.grade === 0) return { grade: 0, level: 0, yearInLevel: 1, levelYears: 1, levelCompleted: true };
    const l = levels.find((x) => facts.grade! >= x.firstGrade && facts.grade! <= x.lastGrade);
    if (!l) return undefined;
    return { grade: facts.grade, level: l.level, yearInLevel: facts.grade - l.firstGrade + 1, levelYears: l.years, levelCompleted: facts.grade === l.lastGrade };
  }
  const code = facts.levelCode;
  if (!code) return undefined;
  if (code.startsWith('0')) return { grade: 0, level: 0, yearInLevel: 1, levelYears: 1, levelCompleted: true };
  const digit = Number(code[0]);
  const partial = code.length === 3 && (code[2] === '1' || code[2] === '2');
  const completedLevel = Math.min(3, partial ? digit - 1 : digit);
  if (completedLevel === 0) return { grade: 0, level: 0, yearInLevel: 1, levelYears: 1, levelCompleted: true };
  const l = levels[completedLevel - 1];
  if (!l) return undefined;
  return { grade: l.lastGrade, level: l.level, yearInLevel: l.years, levelYears: l.years, levelCompleted: true };
}

/** Orders positions across countries: by level, then the share of the level done. */
export function rankOf(p: GradePosition): number {
  return p.level + p.yearInLevel / p.levelYears;
}

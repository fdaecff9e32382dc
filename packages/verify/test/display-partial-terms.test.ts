// A grade left part-way counted in terms (seal claim 8.9): the display gives terms completed of the
// grade's terms, the number of terms from the catalogue first, else from the record's own scale.
import { describe, expect, test } from '@jest/globals';
import type { CatalogueEntry } from '@lp/trust';
import { buildDisplay, type AchievementFacts } from '../src/lib/build-display.ts';
import type { VerifyContext } from '../src/types.ts';

const ENTRY = {
  code: 'SY-P5', achievementType: 'Certificate', names: { en: 'Primary Grade 5' },
  resultDescriptions: [
    { id: 'status', resultType: 'Status', name: 'Grade status' },
    { id: 'terms-completed', resultType: 'Result', name: 'Terms of Grade 5 completed', valueMin: '0', valueMax: '3' },
  ],
} as unknown as CatalogueEntry;

function displayOf(a: AchievementFacts) {
  const ctx = { now: new Date('2026-01-01T00:00:00Z'), lang: 'en' } as VerifyContext;
  return buildDisplay({ issuerId: undefined, learnerName: undefined, achievements: [a], issuedAt: undefined, statusAsOf: undefined }, ctx).achievements[0]!;
}

describe('terms completed in the display', () => {
  test('catalogue entry with three terms: 2 of 3', () => {
    expect(displayOf({ code: 'SY-P5', entry: ENTRY, status: 'Withdrew', termsCompleted: 2 }).partialTerms).toEqual({ termsCompleted: 2, termsInGrade: 3 });
  });
  test('no catalogue entry: the record\'s own scale, else the count alone', () => {
    expect(displayOf({ code: undefined, entry: undefined, status: 'Withdrew', termsCompleted: 1, ownTermsInGrade: 2 }).partialTerms).toEqual({ termsCompleted: 1, termsInGrade: 2 });
    expect(displayOf({ code: undefined, entry: undefined, status: 'Withdrew', termsCompleted: 1 }).partialTerms).toEqual({ termsCompleted: 1, termsInGrade: undefined });
  });
  test('no terms: no partialTerms, and months stay apart', () => {
    const d = displayOf({ code: 'SY-P5', entry: ENTRY, status: 'Withdrew', monthsCompleted: 4 });
    expect(d.partialTerms).toBeUndefined();
    expect(d.partial).toEqual({ monthsCompleted: 4, monthsInGrade: undefined });
  });
});

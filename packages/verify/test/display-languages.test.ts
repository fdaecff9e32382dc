// Which name a page or the CLI shows for a reader's language: Dari and Persian readers get each
// other's names before English (one written standard); everyone else the requested one, then English.
import { describe, expect, test } from '@jest/globals';
import type { CatalogueEntry } from '@lp/trust';
import { buildDisplay } from '../src/lib/build-display.ts';
import type { VerifyContext } from '../src/types.ts';
import { CATALOGUE_ENTRY } from './lib/make-world.ts';

function nameFor(lang: string, names: Record<string, string>): string | undefined {
  const entry = { ...CATALOGUE_ENTRY, names } as unknown as CatalogueEntry;
  const ctx = { now: new Date('2026-01-01T00:00:00Z'), lang } as VerifyContext;
  const d = buildDisplay({ issuerId: undefined, learnerName: undefined, achievements: [{ code: 'BECE-MATH', entry }], issuedAt: undefined, statusAsOf: undefined }, ctx);
  return d.achievements[0]?.name?.text;
}

describe('achievement names by reader language', () => {
  test.each([
    ['prs', { fa: 'ریاضیات', en: 'Mathematics' }, 'ریاضیات'],
    ['prs', { 'fa-AF': 'ریاضی', en: 'Mathematics' }, 'ریاضی'],
    ['prs', { prs: 'ریاضی', fa: 'ریاضیات', en: 'Mathematics' }, 'ریاضی'],
    ['fa', { prs: 'ریاضی', en: 'Mathematics' }, 'ریاضی'],
    ['ps', { fa: 'ریاضیات', en: 'Mathematics' }, 'Mathematics'],
    ['ur', { ar: 'الرياضيات', en: 'Mathematics' }, 'Mathematics'],
    ['es', { es: 'Matemáticas', en: 'Mathematics' }, 'Matemáticas'],
  ])('%s reader, names %j → %s', (lang, names, expected) => {
    expect(nameFor(lang, names)).toBe(expected);
  });
});

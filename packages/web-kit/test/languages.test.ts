// The pages' language registry: which languages lay out right to left, which digits Intl writes
// for each (Dari through CLDR's fa-AF), and which are marked as not yet reviewed.
import { describe, expect, test } from '@jest/globals';
import { intlLocales, isReviewed, LANGUAGES, RTL } from '@lp/web-kit';

describe('LANGUAGES', () => {
  test('ten languages, each code once', () => {
    const codes = LANGUAGES.map((l) => l.code);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect([...codes].sort()).toEqual(['ar', 'en', 'es', 'fa', 'fr', 'prs', 'ps', 'tr', 'uk', 'ur']);
  });

  test.each([['ar', true], ['fa', true], ['prs', true], ['ps', true], ['ur', true], ['en', false], ['es', false], ['tr', false], ['uk', false]])('%s right to left: %s', (code, rtl) => {
    expect(RTL.has(code)).toBe(rtl);
  });

  test('only English (the source) counts as reviewed', () => {
    expect(LANGUAGES.filter((l) => isReviewed(l.code)).map((l) => l.code)).toEqual(['en']);
    expect(isReviewed('de')).toBe(false);
  });
});

describe('intlLocales', () => {
  // 1234 as each language's pages write it (Node has Pashto data; Chromium falls back to fa-AF,
  // which writes the same digits: test/browser/page-languages.test.ts).
  test.each([
    ['prs', ['fa-AF'], '۱٬۲۳۴'],
    ['fa', ['fa'], '۱٬۲۳۴'],
    ['ps', ['ps', 'fa-AF'], '۱٬۲۳۴'],
    ['ur', ['ur'], '1,234'],
    ['es', ['es'], '1234'],
    ['tr', ['tr'], '1.234'],
  ])('%s → %j, writes %s', (code, locales, digits) => {
    expect(intlLocales(code)).toEqual(locales);
    expect(new Intl.NumberFormat(intlLocales(code)).format(1234)).toBe(digits);
    expect(new Intl.NumberFormat(intlLocales(code).slice(-1)).format(1234)).toBe(digits);
  });

  test('Dari dates use the Afghan month names of the Solar Hijri calendar, Persian its Iranian ones', () => {
    const d = new Date('2026-07-01T12:00:00Z');
    expect(new Intl.DateTimeFormat(intlLocales('prs'), { dateStyle: 'long', timeZone: 'UTC' }).format(d)).toContain('سرطان');
    expect(new Intl.DateTimeFormat(intlLocales('fa'), { dateStyle: 'long', timeZone: 'UTC' }).format(d)).toContain('تیر');
  });
});

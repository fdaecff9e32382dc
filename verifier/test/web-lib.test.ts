// The verifier page's pure helpers: CSV export without formula injection, language choice.
import { describe, expect, test } from '@jest/globals';
import { detectLanguage } from '@lp/web-kit';
import { toCsv } from '../web/lib/to-csv.ts';

describe('toCsv', () => {
  test.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['أمينة حداد', 'أمينة حداد'],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
  ])('%j is written as %j', (cell, expected) => {
    expect(toCsv([[cell]])).toBe(`${expected}\r\n`);
  });
});

describe('detectLanguage', () => {
  test.each([
    [['ar-SY', 'en'], 'ar'],
    [['prs-AF'], 'prs'],
    [['fa-AF', 'fa'], 'prs'],
    [['fa-IR'], 'fa'],
    [['ur-PK'], 'ur'],
    [['ps'], 'ps'],
    [['es-419'], 'es'],
    [['tr-TR'], 'tr'],
    [['de-DE', 'uk-UA'], 'uk'],
    [['de'], 'en'],
    [[], 'en'],
  ])('%j → %s', (langs, expected) => {
    expect(detectLanguage(langs)).toBe(expected);
  });
});

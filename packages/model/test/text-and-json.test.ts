import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ModelError, directionOf, isLanguageTag, parseJsonText, pickText } from '../src/index.ts';
import { LANGUAGES_RTL_DATA } from '../src/data/languages-rtl.ts';
import { ISCED_2011_LEVELS_DATA } from '../src/data/isced-2011-levels.ts';
import { ISCED_F_2013_DATA } from '../src/data/isced-f-2013.ts';
import { OB3_CLR_ENUMS_DATA } from '../src/data/ob3-clr-enums.ts';

const displayName = [
  { '@value': 'امتحان الرياضيات', '@language': 'ar' },
  { '@value': 'Mathematics examination', '@language': 'en' },
  { '@value': 'Examen de mathématiques', '@language': 'fr' },
];

describe('pickText', () => {
  test('picks ar / en / fr with their direction', () => {
    expect(pickText(displayName, 'ar')).toEqual({ text: 'امتحان الرياضيات', lang: 'ar', dir: 'rtl' });
    expect(pickText(displayName, 'en')).toEqual({ text: 'Mathematics examination', lang: 'en', dir: 'ltr' });
    expect(pickText(displayName, 'fr')).toEqual({ text: 'Examen de mathématiques', lang: 'fr', dir: 'ltr' });
  });

  test('region tags match the language; fallback order; else the first value', () => {
    expect(pickText(displayName, 'ar-SY')?.lang).toBe('ar');
    expect(pickText(displayName, 'uk', ['fr', 'en'])?.lang).toBe('fr');
    expect(pickText(displayName, 'uk')?.lang).toBe('ar');
  });

  test('record form, Persian is rtl, explicit @direction wins, plain strings and empties', () => {
    expect(pickText({ fa: 'ریاضیات', en: 'Mathematics' }, 'fa')).toEqual({ text: 'ریاضیات', lang: 'fa', dir: 'rtl' });
    expect(pickText([{ '@value': 'x', '@language': 'en', '@direction': 'rtl' }], 'en')?.dir).toBe('rtl');
    expect(pickText('Mathematics', 'ar')).toEqual({ text: 'Mathematics', lang: undefined, dir: 'auto' });
    expect(pickText(undefined, 'ar')).toBeUndefined();
    expect(pickText([], 'ar')).toBeUndefined();
  });
});

describe('directionOf and isLanguageTag', () => {
  test.each([
    ['ar', 'rtl'], ['fa', 'rtl'], ['prs', 'rtl'], ['ps', 'rtl'], ['ckb', 'rtl'], ['he', 'rtl'],
    ['en', 'ltr'], ['uk', 'ltr'], ['ti', 'ltr'], ['ha-Arab', 'rtl'], ['rhg-Rohg', 'rtl'], ['ku-Latn', 'ltr'],
    ['AR-sy', 'rtl'], ['xyz', 'auto'],
  ])('%s is %s', (tag, dir) => expect(directionOf(tag)).toBe(dir));

  test.each(['ar', 'en-GB', 'zh-Hant-TW', 'sr-Latn-RS', 'prs', 'de-CH-1996', 'x-private', 'en-x-lp'])('%s is a tag', (t) =>
    expect(isLanguageTag(t)).toBe(true),
  );
  test.each(['', 'arabic language', 'e', 'en_GB', 'en--GB', '12', 'toolongprimary'])('%j is not a tag', (t) =>
    expect(isLanguageTag(t)).toBe(false),
  );
});

describe('parseJsonText', () => {
  const codeOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof ModelError ? e.code : 'not a ModelError';
    }
    return 'no error';
  };

  test('parses JSON', () => expect(parseJsonText('{"a":[1,"ب"]}')).toEqual({ a: [1, 'ب'] }));
  test('EMPTY_INPUT', () => {
    expect(codeOf(() => parseJsonText(''))).toBe('EMPTY_INPUT');
    expect(codeOf(() => parseJsonText(' \n\t'))).toBe('EMPTY_INPUT');
  });
  test('INVALID_JSON', () => {
    expect(codeOf(() => parseJsonText('{'))).toBe('INVALID_JSON');
    expect(codeOf(() => parseJsonText('{"a":1}}'))).toBe('INVALID_JSON');
  });
  test('INPUT_TOO_LARGE counts UTF-8 bytes and is checked before parsing', () => {
    expect(codeOf(() => parseJsonText('"' + 'a'.repeat(20) + '"', { maxBytes: 10 }))).toBe('INPUT_TOO_LARGE');
    // 4 Arabic letters are 8 bytes in UTF-8: over a 9-byte limit with the quotes, though only 6 code units.
    expect(codeOf(() => parseJsonText('"بببب"', { maxBytes: 9 }))).toBe('INPUT_TOO_LARGE');
    // Invalid JSON that is too large reports the size, so nothing was parsed.
    expect(codeOf(() => parseJsonText('{'.repeat(100), { maxBytes: 50 }))).toBe('INPUT_TOO_LARGE');
    expect(parseJsonText('"بببب"', { maxBytes: 10 })).toBe('بببب');
  });

  test('property: never throws anything but ModelError for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.json()), fc.integer({ min: 0, max: 200 }), (text, maxBytes) => {
        try {
          parseJsonText(text, { maxBytes });
        } catch (e) {
          if (!(e instanceof ModelError)) throw e;
          expect(['EMPTY_INPUT', 'INPUT_TOO_LARGE', 'INVALID_JSON']).toContain(e.code);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('data modules match their JSON copies', () => {
  const json = (name: string) =>
    JSON.parse(readFileSync(fileURLToPath(new URL(`../data/${name}.json`, import.meta.url)), 'utf8'));
  test.each([
    ['languages-rtl', LANGUAGES_RTL_DATA],
    ['isced-2011-levels', ISCED_2011_LEVELS_DATA],
    ['isced-f-2013', ISCED_F_2013_DATA],
    ['ob3-clr-enums', OB3_CLR_ENUMS_DATA],
  ])('%s', (name, data) => expect(data).toEqual(json(name)));
});

import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ModelError, directionOf, inspectPersonName, isLanguageTag, parseJsonBytes, parseJsonText, pickText } from '../src/index.ts';
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
          expect(['EMPTY_INPUT', 'INPUT_TOO_LARGE', 'INVALID_JSON', 'JSON_DUPLICATE_KEY']).toContain(e.code);
        }
      }),
      { numRuns: 300 },
    );
  });

  const pathOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof ModelError ? `${e.code} ${e.path}` : 'not a ModelError';
    }
    return 'no error';
  };
  test.each([
    ['{"a":1,"a":2}', '$.a'],
    ['{"a":1,"\\u0061":2}', '$.a'],
    ['{"issuer":"x","credentialSubject":{"name":"A","id":"d","name":"B"}}', '$.credentialSubject.name'],
    ['[{"a":1},{"b":[{"c":1,"c":1}]}]', '$[1].b[0].c'],
    ['{"x":{"@context":1,"@context":2}}', "$.x['@context']"],
    ['{"a":{"k":1},"b":{"k":1},"a":0}', '$.a'],
  ])('JSON_DUPLICATE_KEY with the path: %s', (text, path) => {
    expect(pathOf(() => parseJsonText(text))).toBe(`JSON_DUPLICATE_KEY ${path}`);
  });
  test.each([
    '{"a":{"k":1},"b":{"k":1}}',
    '{"a":"\\"a\\":1,","b":["a","a"],"c":{"a":"a"}}',
    '{"a\\"":1,"a":2}',
    '[{"a":1},{"a":1}]',
  ])('the same key in different objects, or inside strings, is fine: %s', (text) => {
    expect(parseJsonText(text)).toEqual(JSON.parse(text));
  });
  test('property: findDuplicateKey never flags JSON.stringify output', () => {
    fc.assert(fc.property(fc.json(), (text) => {
      expect(parseJsonText(text)).toEqual(JSON.parse(text));
    }), { numRuns: 300 });
  });
});

describe('inspectPersonName', () => {
  test.each([
    ['Amina Haddad'], ['ليلى أحمد / Layla Ahmad'], ['Мирослава Коваль'], ['Zoë Ó Ceallaigh-Brennan'], ['山田 はなこ'], ['김민준'],
    ['Ελένη Παπαδοπούλου'], ['محمد‌رضا'.replace('\u200c', ' ')], ['Jos\u0065\u0301'],
  ])('a plain name: %s', (name) => {
    expect(inspectPersonName(name)).toEqual({ invisible: [], mixedScriptWords: [] });
  });
  test.each([
    ['\u202Eanima', 'U+202E'], ['Amina\u202C', 'U+202C'], ['Ami\u2066na\u2069', 'U+2066'], ['Am\u200Bina', 'U+200B'],
    ['Am\u200Cina', 'U+200C'], ['Am\u200Dina', 'U+200D'], ['Am\u2060ina', 'U+2060'], ['\uFEFFAmina', 'U+FEFF'],
  ])('invisible characters are listed: %j', (name, codePoint) => {
    expect(inspectPersonName(name).invisible[0]?.codePoint).toBe(codePoint);
  });
  test('a word mixing Latin and Cyrillic ("Аmina" with a Cyrillic А) is flagged, per word', () => {
    expect(inspectPersonName('\u0410mina Haddad').mixedScriptWords).toEqual([{ word: '\u0410mina', scripts: ['Cyrillic', 'Latin'] }]);
    expect(inspectPersonName('Amina \u0425addad').mixedScriptWords).toHaveLength(1);
    expect(inspectPersonName('Layla لیلا').mixedScriptWords).toEqual([]);
  });
});

describe('parseJsonBytes', () => {
  const codeOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof ModelError ? e.code : 'not a ModelError';
    }
    return 'no error';
  };
  const utf8 = (s: string) => new TextEncoder().encode(s);
  test('decodes strict UTF-8 and drops a BOM', () => {
    expect(parseJsonBytes(utf8('{"name":"ليلى"}'))).toEqual({ name: 'ليلى' });
    expect(parseJsonBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{"a":1}')]))).toEqual({ a: 1 });
  });
  test.each([
    ['a lone continuation byte', [0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0x80, 0x22, 0x7d]],
    ['a truncated sequence', [0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xd9, 0x22, 0x7d]],
    ['an overlong encoding of "/"', [0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]],
    ['a UTF-16 surrogate encoded as UTF-8', [0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]],
    ['Windows-1256 Arabic', [0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xe1, 0xc7, 0x22, 0x7d]],
  ])('ENCODING_INVALID: %s', (_label, bytes) => {
    expect(codeOf(() => parseJsonBytes(new Uint8Array(bytes)))).toBe('ENCODING_INVALID');
  });
  test('the message names the first bad byte', () => {
    expect(() => parseJsonBytes(new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0x80, 0x22, 0x7d]))).toThrow('at byte 6');
  });
  test('INPUT_TOO_LARGE before decoding, and duplicate keys as in parseJsonText', () => {
    expect(codeOf(() => parseJsonBytes(new Uint8Array(20).fill(0x80), { maxBytes: 10 }))).toBe('INPUT_TOO_LARGE');
    expect(codeOf(() => parseJsonBytes(utf8('{"a":1,"a":1}')))).toBe('JSON_DUPLICATE_KEY');
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

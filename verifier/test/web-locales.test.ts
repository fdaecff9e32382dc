// Every language of the verifier page translates every message English has (all check codes),
// with the same placeholders and the plural forms the language needs (CLDR).
import { describe, expect, test } from '@jest/globals';
import { checkLocale, LANGUAGES, type MessageTree } from '@lp/web-kit';
import { loadResources } from '../web/lib/resources.ts';

const resources = loadResources() as Record<string, { translation: MessageTree }>;
// Words French shares with English.
const SAME_IN: Record<string, string[]> = { fr: ['checkName.parse', 'checkName.signature', 'csv.verdict'] };

describe('verifier page message files', () => {
  test('one file per page language', () => {
    expect(Object.keys(resources).sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
  });
  test.each(LANGUAGES.filter((l) => l.code !== 'en').map((l) => l.code))('%s is complete', (lang) => {
    expect(checkLocale(resources.en!.translation, resources[lang]!.translation, lang, SAME_IN[lang])).toEqual([]);
  });
});

// Every language of the wallet page translates every message English has (all wallet error
// codes), with the same placeholders and the plural forms the language needs (CLDR).
import { describe, expect, test } from '@jest/globals';
import { checkLocale, LANGUAGES, type MessageTree } from '@lp/web-kit';
import { loadResources } from '../web/lib/resources.ts';

const resources = loadResources() as Record<string, { translation: MessageTree }>;
// "{{name}}: {{result}}" has no words to translate.
const SAME: string[] = ['resultLine'];

describe('wallet page message files', () => {
  test('one file per page language', () => {
    expect(Object.keys(resources).sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
  });
  test.each(LANGUAGES.filter((l) => l.code !== 'en').map((l) => l.code))('%s is complete', (lang) => {
    expect(checkLocale(resources.en!.translation, resources[lang]!.translation, lang, SAME)).toEqual([]);
  });
});

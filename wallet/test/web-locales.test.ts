// Every language of the wallet page translates every message English has (all wallet error
// codes), with the same placeholders and the plural forms the language needs (CLDR).
import { describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
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

test('every WalletErrorCode has a message (WRONG_PASSPHRASE has its own, wrongPass)', () => {
  const source = fs.readFileSync(new URL('../src/core/wallet-error.ts', import.meta.url), 'utf8');
  const union = /export type WalletErrorCode =([^;]+);/.exec(source)![1]!;
  const codes = [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]!).filter((c) => c !== 'WRONG_PASSPHRASE');
  expect(codes.length).toBeGreaterThan(10);
  const messages = (resources.en!.translation as { walletError: Record<string, string> }).walletError;
  expect(codes.filter((c) => messages[c] === undefined)).toEqual([]);
});

// Every language of the verifier page translates every message English has (all check codes),
// with the same placeholders and the plural forms the language needs (CLDR).
import { describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

// The codes the verification pipeline can put in a check, found where the checks are made
// (makeCheck(id, status, 'CODE'), fail('CODE'), { code: 'CODE' }), so a new code without a
// message fails here instead of showing as a bare code on the page.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCES = ['packages/verify/src', 'packages/formats/src', 'packages/trust/src', 'packages/model/src', 'verifier/src/presentations', 'verifier/src/status'];
const CODE = /(?:makeCheck\('[a-z_]+', '[a-z]+', |fail(?:Parse)?\(|code: )'([A-Z][A-Z0-9_]+)'/g;

function emittedCodes(): string[] {
  const codes = new Set<string>();
  for (const dir of SOURCES) {
    for (const file of fs.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      for (const m of fs.readFileSync(path.join(ROOT, dir, file), 'utf8').matchAll(CODE)) codes.add(m[1]!);
    }
  }
  return [...codes].sort();
}

test('every check code made in the pipeline has an English message (and so, above, every language)', () => {
  const codes = emittedCodes();
  expect(codes.length).toBeGreaterThan(50);
  const messages = (resources.en!.translation as { code: Record<string, string> }).code;
  expect(codes.filter((c) => messages[c] === undefined)).toEqual([]);
});

test('Dari is its own file, not Persian under another code: Afghan wording where it differs', () => {
  const flat = (tree: MessageTree, prefix = ''): [string, string][] =>
    Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : flat(v, `${prefix}${k}.`)));
  const fa = new Map(flat(resources.fa!.translation));
  const prs = flat(resources.prs!.translation);
  expect(prs.filter(([k, v]) => fa.get(k) !== v).length / prs.length).toBeGreaterThan(0.5);
  const m = resources.prs!.translation as { verifyButton: string; learner: string; cameraStart: string };
  expect([m.verifyButton, m.learner, m.cameraStart]).toEqual(['تصدیق', 'متعلم', 'اسکن با کمره']);
});

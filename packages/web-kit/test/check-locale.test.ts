// The locale checker the pages' tests use: each kind of gap in a message file is reported.
import { describe, expect, test } from '@jest/globals';
import { checkLocale } from '@lp/web-kit';

const en = {
  title: 'Verify',
  greet: 'Hello {{name}}',
  code: { A: 'Signature valid.' },
  count_zero: 'None.',
  count_one: '{{count}} record',
  count_other: '{{count}} records',
  sep: '{{a}}: {{b}}',
};

describe('checkLocale', () => {
  test('a complete French file passes', () => {
    const fr = { title: 'Vérifier', greet: 'Bonjour {{name}}', code: { A: 'Signature valide.' }, count_zero: 'Aucun.', count_one: '{{count}} relevé', count_many: '{{count}} relevés', count_other: '{{count}} relevés', sep: '{{a}} : {{b}}' };
    expect(checkLocale(en, fr, 'fr')).toEqual([]);
  });

  test('Ukrainian needs one, few, many and other; Arabic "one" may drop {{count}}', () => {
    const uk = { title: 'Перевірити', greet: 'Привіт, {{name}}', code: { A: 'Підпис дійсний.' }, count_zero: 'Немає.', count_one: '{{count}} документ', count_other: '{{count}} документа', sep: '{{a}}: {{b}}' };
    expect(checkLocale(en, uk, 'uk')).toEqual(['uk: count has plural forms {one, other, zero}, needs {few, many, one, other, zero}']);
    const ar = { title: 'تحقق', greet: 'مرحباً {{name}}', code: { A: 'التوقيع صالح.' }, count_zero: 'لا شيء.', count_one: 'سجل واحد', count_two: 'سجلان', count_few: '{{count}} سجلات', count_many: '{{count}} سجلاً', count_other: '{{count}} سجل', sep: '{{a}}: {{b}}' };
    expect(checkLocale(en, ar, 'ar')).toEqual([]);
  });

  test.each([
    ['missing key', { ...en, code: {} }, 'fa: missing code.A'],
    ['extra key', { ...en, code: { A: 'امضا معتبر است.', B: 'x' } }, 'fa: extra code.B'],
    ['renamed placeholder', { ...en, greet: 'سلام {{nom}}' }, 'fa: greet has placeholders {nom}, reference has {name}'],
    ['dropped placeholder', { ...en, greet: 'سلام' }, 'fa: greet has placeholders {}, reference has {name}'],
    ['left in English', { ...en }, 'fa: title is not translated'],
  ])('%s is reported', (_label, fa, problem) => {
    expect(checkLocale(en, fa, 'fa', ['greet', 'count', 'sep'])).toContain(problem);
  });
});

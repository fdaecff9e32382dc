import { describe, expect, test } from '@jest/globals';
import {
  AchievementCredentialSchema,
  AchievementSchema,
  CatalogueAchievementSchema,
  ModelError,
  achievementFromCatalogue,
  checkLpProfile,
  checkProfile,
  parseWithErrorHandling,
  validateResultAgainstScale,
} from '../src/index.ts';

const entryJson = {
  code: 'BECE-MATH',
  achievementType: 'Assessment',
  names: { ar: 'امتحان شهادة التعليم الأساسي – الرياضيات', en: 'Basic Education Certificate Examination – Mathematics' },
  descriptions: [{ '@value': 'National Grade 9 examination in Mathematics.', '@language': 'en' }],
  criteria: { en: 'Written examination (3 hours). Pass mark 240/600.' },
  iscedLevel: '244',
  iscedField: '0541',
  languageOfAssessment: 'ar',
  resultDescriptions: [
    { id: 'score', names: { en: 'Examination score (0–600)', ar: 'الدرجة' }, resultType: 'RawScore', valueMin: 0, valueMax: 600, requiredValue: '240' },
    { name: 'Grade', resultType: 'LetterGrade', allowedValues: ['A', 'B', 'C', 'D', 'F'], requiredValue: 'D' },
    { name: 'Examination status', resultType: 'Status' },
  ],
};

describe('CatalogueAchievement', () => {
  test('parses and normalizes scale numbers to strings', () => {
    const entry = parseWithErrorHandling(CatalogueAchievementSchema, entryJson, 'catalogue entry');
    expect(entry.resultDescriptions[0]).toMatchObject({ valueMin: '0', valueMax: '600', requiredValue: '240' });
  });

  test.each([
    ['unknown ISCED level', { iscedLevel: '2x' }, '$.iscedLevel'],
    ['unknown ISCED-F field', { iscedField: '0777' }, '$.iscedField'],
    ['bad achievementType', { achievementType: 'Exam' }, '$.achievementType'],
    ['empty names', { names: {} }, '$.names'],
    ['bad language tag in names', { names: { 'not a tag': 'x' } }, "$.names['not a tag']"],
    ['bad code', { code: 'has space' }, '$.code'],
    ['min > max', { resultDescriptions: [{ name: 'S', resultType: 'RawScore', valueMin: '10', valueMax: '1' }] }, '$.resultDescriptions[0].valueMin'],
    ['required outside', { resultDescriptions: [{ name: 'S', resultType: 'RawScore', valueMin: '0', valueMax: '10', requiredValue: '11' }] }, '$.resultDescriptions[0].requiredValue'],
    ['no name', { resultDescriptions: [{ resultType: 'RawScore' }] }, '$.resultDescriptions[0].names'],
    ['unknown property', { colour: 'red' }, '$'],
  ])('rejects %s', (_l, patch, path) => {
    try {
      parseWithErrorHandling(CatalogueAchievementSchema, { ...entryJson, ...patch }, 'catalogue entry');
      throw new Error('expected a ModelError');
    } catch (e) {
      expect(e).toBeInstanceOf(ModelError);
      expect((e as ModelError).code).toBe('SCHEMA_VIOLATION');
      expect((e as ModelError).path).toBe(path);
    }
  });
});

describe('achievementFromCatalogue', () => {
  const entry = CatalogueAchievementSchema.parse(entryJson);
  const achievement = achievementFromCatalogue(entry, { baseUrl: 'https://exams.moe.example/' });

  test('output passes the OB 3.0 Achievement schema', () => {
    expect(AchievementSchema.safeParse(achievement).success).toBe(true);
  });

  test('ids, names, alignments and result descriptions', () => {
    const id = 'https://exams.moe.example/achievements/BECE-MATH';
    expect(achievement).toMatchObject({
      id,
      type: ['Achievement'],
      achievementType: 'Assessment',
      name: entryJson.names.ar,
      inLanguage: 'ar',
      humanCode: 'BECE-MATH',
      criteria: { narrative: 'Written examination (3 hours). Pass mark 240/600.' },
      description: 'National Grade 9 examination in Mathematics.',
      alignment: [
        { targetFramework: 'ISCED 2011', targetCode: '244', targetUrl: 'https://learning-passport.example/vocab/isced-2011/244' },
        { targetFramework: 'ISCED-F 2013', targetCode: '0541', targetName: 'Mathematics', targetUrl: 'http://data.europa.eu/snb/isced-f/0541' },
      ],
    });
    expect(achievement.resultDescription.map((r) => r.id)).toEqual([`${id}/results/score`, `${id}/results/1`, `${id}/results/2`]);
    expect(achievement.resultDescription[0]).toMatchObject({ name: 'الدرجة', valueMin: '0', valueMax: '600', requiredValue: '240' });
    expect(achievement.resultDescription[1]).toMatchObject({ allowedValue: ['A', 'B', 'C', 'D', 'F'] });
  });

  test('only OB 3.0 terms: the other languages stay in the catalogue, the language of assessment is inLanguage', () => {
    const terms = (o: object): string[] => Object.keys(o);
    expect(terms(achievement).filter((k) => !AchievementSchema.keyof().options.includes(k as never))).toEqual([]);
    for (const rd of achievement.resultDescription) expect(rd).not.toHaveProperty('displayName');
    expect(achievement).not.toHaveProperty('displayName');
    expect(achievement).not.toHaveProperty('languageOfAssessment');
    // Names in English first, assessed in Arabic: the name is the Arabic one, stated as inLanguage.
    const enFirst = CatalogueAchievementSchema.parse({ ...entryJson, names: { en: entryJson.names.en, ar: entryJson.names.ar } });
    expect(achievementFromCatalogue(enFirst, { baseUrl: 'https://x.example' })).toMatchObject({ name: entryJson.names.ar, inLanguage: 'ar' });
    // Assessed in a language the catalogue has no name in: inLanguage names the language of `name`.
    const frAssessed = CatalogueAchievementSchema.parse({ ...entryJson, names: { en: entryJson.names.en }, languageOfAssessment: 'fr' });
    expect(achievementFromCatalogue(frAssessed, { baseUrl: 'https://x.example' })).toMatchObject({ name: entryJson.names.en, inLanguage: 'en' });
  });

  test('lang option picks the English name', () => {
    expect(achievementFromCatalogue(entry, { baseUrl: 'https://x.example', lang: 'en' }).name).toBe(entryJson.names.en);
  });

  test('a credential built from it passes the profile with no warnings', () => {
    const vc = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: 'urn:uuid:00000000-0000-4000-8000-000000000001',
      type: ['VerifiableCredential', 'AchievementCredential'],
      name: achievement.name,
      issuer: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', type: ['Profile'], name: 'Test exams board' },
      validFrom: '2024-07-20T00:00:00Z',
      credentialSubject: {
        type: ['AchievementSubject'],
        identifier: [{ type: 'IdentityObject', identityType: 'ext:name', hashed: false, identityHash: 'Layla Ahmad' }],
        achievement,
        result: [
          { type: ['Result'], resultDescription: achievement.resultDescription[0]!.id, value: '452' },
          { type: ['Result'], resultDescription: achievement.resultDescription[1]!.id, value: 'B' },
          { type: ['Result'], resultDescription: achievement.resultDescription[2]!.id, status: 'Completed' },
        ],
      },
    };
    expect(AchievementCredentialSchema.safeParse(vc).success).toBe(true);
    expect(checkProfile(vc)).toMatchObject({ status: 'pass', details: { warnings: [] } });
    vc.credentialSubject.result[1]!.value = 'E';
    expect(checkLpProfile(vc)).toEqual([
      expect.objectContaining({ code: 'RESULT_OUT_OF_SCALE', path: '$.credentialSubject.result[1].value' }),
    ]);
  });
});

describe('validateResultAgainstScale', () => {
  const numeric = { valueMin: '0', valueMax: '600' };
  test.each([
    ['0', undefined], ['600', undefined], ['452', undefined], ['452.5', undefined], [452, undefined],
    ['601', 'RESULT_OUT_OF_SCALE'], ['-1', 'RESULT_OUT_OF_SCALE'], ['abc', 'RESULT_OUT_OF_SCALE'], ['', 'RESULT_OUT_OF_SCALE'],
    ['1e3', 'RESULT_OUT_OF_SCALE'], [undefined, 'RESULT_OUT_OF_SCALE'],
  ])('0..600 with %j → %s', (value, code) => expect(validateResultAgainstScale(numeric, value)?.code).toBe(code));

  test('allowed values, one-sided bounds, no scale', () => {
    expect(validateResultAgainstScale({ allowedValues: ['A', 'B'] }, 'A')).toBeUndefined();
    expect(validateResultAgainstScale({ allowedValue: ['A', 'B'] }, 'C', '$.x')).toMatchObject({ code: 'RESULT_OUT_OF_SCALE', path: '$.x' });
    expect(validateResultAgainstScale({ valueMin: 1 }, '0')?.code).toBe('RESULT_OUT_OF_SCALE');
    expect(validateResultAgainstScale({ valueMax: '4.0' }, '3.7')).toBeUndefined();
    expect(validateResultAgainstScale({}, 'anything')).toBeUndefined();
  });
});

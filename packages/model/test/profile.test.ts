import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  AchievementCredentialSchema,
  ClrCredentialSchema,
  ModelError,
  VerifiableCredentialSchema,
  VerifiablePresentationSchema,
  checkLpProfile,
  checkProfile,
  detectCredentialKind,
  parseWithErrorHandling,
} from '../src/index.ts';

const fixture = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../../test/fixtures/${name}`, import.meta.url)), 'utf8'));
const grade9 = () => fixture('example-achievement-credential-grade9-math.json');
const clr = () => fixture('example-clr-credential-grade9-transcript.json');

/** What another Open Badges issuer sends: no ISCED, no displayName, no scale, a did:key subject. */
const foreignBadge = () => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'http://example.edu/credentials/3732',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Teamwork Badge',
  issuer: { id: 'https://example.edu/issuers/565049', type: ['Profile'], name: 'Example University' },
  validFrom: '2010-01-01T00:00:00Z',
  credentialSubject: {
    id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://example.com/achievements/21st-century-skills/teamwork',
      type: ['Achievement'],
      criteria: { narrative: 'Team members are nominated for this badge by their peers.' },
      description: 'This badge recognizes the development of the capacity to collaborate within a group environment.',
      name: 'Teamwork',
    },
  },
});

function failPath(credential: unknown): string | undefined {
  const check = checkProfile(credential);
  expect(check.status).toBe('fail');
  expect(check.code).toBe('PROFILE_INVALID');
  return check.details?.path as string | undefined;
}

describe('the project fixtures', () => {
  test('grade 9 AchievementCredential passes OB 3.0 with no warnings', () => {
    const check = checkProfile(grade9());
    expect(check).toMatchObject({ id: 'profile', status: 'pass', code: 'PROFILE_VALID' });
    expect(check.details).toEqual({ kind: 'AchievementCredential', warnings: [] });
    expect(() => parseWithErrorHandling(AchievementCredentialSchema, grade9(), 'credential')).not.toThrow();
  });

  test('CLR transcript passes CLR 2.0 with no warnings, embedded credentials included', () => {
    const check = checkProfile(clr());
    expect(check.status).toBe('pass');
    expect(check.details).toEqual({ kind: 'ClrCredential', warnings: [] });
    const parsed = parseWithErrorHandling(ClrCredentialSchema, clr(), 'credential');
    expect(parsed.credentialSubject.verifiableCredential).toHaveLength(2);
  });

  test('unknown properties are kept (open world)', () => {
    const parsed = parseWithErrorHandling(AchievementCredentialSchema, grade9(), 'credential');
    expect((parsed as Record<string, unknown>).awardedDate).toBe('2024-07-15T00:00:00Z');
    expect((parsed.credentialSubject.achievement as Record<string, unknown>).examSession).toBe('2024-06 main session');
  });

  test('a signed copy (dummy proof) still passes', () => {
    const vc = grade9();
    vc.proof = {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      created: '2024-07-20T08:00:00Z',
      verificationMethod: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      proofPurpose: 'assertionMethod',
      proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKods5D2UAUL5n2Brbx',
    };
    expect(checkProfile(vc).status).toBe('pass');
  });
});

describe('base Open Badges rules', () => {
  test('a credential from another OB issuer without LP extras passes', () => {
    const check = checkProfile(foreignBadge());
    expect(check.status).toBe('pass');
    expect(check.details).toEqual({ kind: 'OpenBadgeCredential', warnings: [] });
  });

  const cases: [string, (vc: Record<string, any>) => void, string][] = [
    ['achievement.name', (vc) => delete vc.credentialSubject.achievement.name, '$.credentialSubject.achievement.name'],
    ['achievement.criteria', (vc) => delete vc.credentialSubject.achievement.criteria, '$.credentialSubject.achievement.criteria'],
    ['empty criteria', (vc) => (vc.credentialSubject.achievement.criteria = {}), '$.credentialSubject.achievement.criteria'],
    ['credentialSubject.achievement', (vc) => delete vc.credentialSubject.achievement, '$.credentialSubject.achievement'],
    ['issuer', (vc) => delete vc.issuer, '$.issuer'],
    ['issuer.id', (vc) => delete vc.issuer.id, '$.issuer.id'],
    ['issuer Profile type', (vc) => (vc.issuer.type = ['Organization']), '$.issuer.type'],
    ['credential name', (vc) => delete vc.name, '$.name'],
    ['validFrom', (vc) => delete vc.validFrom, '$.validFrom'],
    ['validFrom without zone', (vc) => (vc.validFrom = '2024-07-20T00:00:00'), '$.validFrom'],
    ['OB context', (vc) => (vc['@context'] = ['https://www.w3.org/ns/credentials/v2']), "$['@context']"],
    ['VC context first', (vc) => vc['@context'].reverse(), "$['@context']"],
    ['result status', (vc) => (vc.credentialSubject.result[1].status = 'Passed'), '$.credentialSubject.result[1].status'],
    ['resultType', (vc) => (vc.credentialSubject.achievement.resultDescription[0].resultType = 'Score'), '$.credentialSubject.achievement.resultDescription[0].resultType'],
    ['alignment targetUrl', (vc) => delete vc.credentialSubject.achievement.alignment[0].targetUrl, '$.credentialSubject.achievement.alignment[0].targetUrl'],
    ['identityType', (vc) => (vc.credentialSubject.identifier[0].identityType = 'passport'), '$.credentialSubject.identifier[0].identityType'],
    ['statusListIndex', (vc) => (vc.credentialStatus.statusListIndex = 94567), '$.credentialStatus.statusListIndex'],
    ['statusListIndex digits', (vc) => (vc.credentialStatus.statusListIndex = '-1'), '$.credentialStatus.statusListIndex'],
    ['statusListCredential', (vc) => delete vc.credentialStatus.statusListCredential, '$.credentialStatus.statusListCredential'],
  ];
  test.each(cases)('missing or wrong %s fails at its path', (_label, mutate, path) => {
    const vc = grade9();
    mutate(vc);
    expect(failPath(vc)).toBe(path);
  });

  test('subject needs an id or an identifier', () => {
    const vc = foreignBadge() as Record<string, any>;
    delete vc.credentialSubject.id;
    expect(failPath(vc)).toBe('$.credentialSubject');
  });

  test('achievementType and resultType accept ext: extensions', () => {
    const vc = grade9();
    vc.credentialSubject.achievement.achievementType = 'ext:SchoolReport';
    vc.credentialSubject.achievement.resultDescription[0].resultType = 'ext:Band';
    expect(checkProfile(vc).status).toBe('pass');
  });

  test('the SCHEMA_VIOLATION error names the JSON path and lists every issue', () => {
    const vc = grade9();
    delete vc.credentialSubject.achievement.name;
    delete vc.issuer.id;
    try {
      parseWithErrorHandling(AchievementCredentialSchema, vc, 'credential');
      throw new Error('expected a ModelError');
    } catch (e) {
      expect(e).toBeInstanceOf(ModelError);
      const err = e as ModelError;
      expect(err.code).toBe('SCHEMA_VIOLATION');
      expect(err.path).toBe('$.issuer.id');
      expect(err.message).toContain('$.issuer.id');
      expect(err.issues?.map((i) => i.path)).toEqual(['$.issuer.id', '$.credentialSubject.achievement.name']);
      expect(err.issues?.every((i) => typeof i.code === 'string' && i.code !== '')).toBe(true);
    }
  });
});

describe('VC Data Model 2.0 rules', () => {
  const minimal = () => ({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: 'VerifiableCredential',
    issuer: 'did:example:issuer',
    credentialSubject: { id: 'did:example:subject', claim: 1 },
  });

  test('a minimal VC passes as kind VerifiableCredential', () => {
    expect(checkProfile(minimal())).toMatchObject({ status: 'pass', details: { kind: 'VerifiableCredential' } });
  });

  test.each([
    ['[]', []],
    ['"string"', 'did:example:subject'],
    ['[ "string" ]', ['x']],
    ['null', null],
  ])('credentialSubject %s fails at $.credentialSubject', (_l, subject) => {
    expect(failPath({ ...minimal(), credentialSubject: subject })).toMatch(/^\$\.credentialSubject/);
  });

  test('credentialSubject [] and "string" fail on OB credentials too', () => {
    for (const subject of [[], 'learner']) expect(failPath({ ...grade9(), credentialSubject: subject })).toBe('$.credentialSubject');
  });

  test('a non-empty array of subjects passes', () => {
    expect(checkProfile({ ...minimal(), credentialSubject: [{ id: 'did:example:a' }, { name: 'b' }] }).status).toBe('pass');
  });

  test('issuer object needs an id; other type fails', () => {
    expect(failPath({ ...minimal(), issuer: { name: 'x' } })).toBe('$.issuer.id');
    expect(failPath({ ...minimal(), issuer: 42 })).toBe('$.issuer');
  });

  test('type must include VerifiableCredential; non-objects fail', () => {
    expect(failPath({ ...minimal(), type: ['Other'] })).toBe('$.type');
    expect(failPath('not a credential')).toBe('$');
    expect(failPath(null)).toBe('$');
  });

  test('an unknown credentialStatus type parses; a bad BitstringStatusListEntry does not', () => {
    expect(VerifiableCredentialSchema.safeParse({ ...minimal(), credentialStatus: { type: 'OtherStatus' } }).success).toBe(true);
    expect(
      VerifiableCredentialSchema.safeParse({ ...minimal(), credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } })
        .success,
    ).toBe(false);
  });

  test('VerifiablePresentation with holder, credentials and proof', () => {
    const vp = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      holder: 'did:example:holder',
      verifiableCredential: [grade9(), { '@context': ['https://www.w3.org/ns/credentials/v2'], id: 'data:application/vc+jwt,eyJ', type: 'EnvelopedVerifiableCredential' }],
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', challenge: 'c', domain: 'd', proofValue: 'z1' },
    };
    expect(VerifiablePresentationSchema.safeParse(vp).success).toBe(true);
    expect(VerifiablePresentationSchema.safeParse({ ...vp, type: ['VerifiableCredential'] }).success).toBe(false);
  });

  test('detectCredentialKind', () => {
    expect(detectCredentialKind(grade9())).toBe('AchievementCredential');
    expect(detectCredentialKind(clr())).toBe('ClrCredential');
    expect(detectCredentialKind(foreignBadge())).toBe('OpenBadgeCredential');
    expect(detectCredentialKind(minimal())).toBe('VerifiableCredential');
    expect(detectCredentialKind({ type: 'AchievementCredential' })).toBeUndefined();
    expect(detectCredentialKind([])).toBeUndefined();
  });
});

describe('CLR 2.0 rules', () => {
  test('verifiableCredential must be a non-empty array of AchievementCredentials', () => {
    const c = clr();
    c.credentialSubject.verifiableCredential = [];
    expect(failPath(c)).toBe('$.credentialSubject.verifiableCredential');
    const d = clr();
    delete d.credentialSubject.verifiableCredential[1].credentialSubject.achievement.criteria;
    expect(failPath(d)).toBe('$.credentialSubject.verifiableCredential[1].credentialSubject.achievement.criteria');
  });

  test('CLR context and association type are checked', () => {
    const c = clr();
    c['@context'].splice(1, 1);
    expect(failPath(c)).toBe("$['@context']");
    const d = clr();
    d.credentialSubject.association[0].associationType = 'childOf';
    expect(failPath(d)).toBe('$.credentialSubject.association[0].associationType');
  });
});

describe('Learning Passport extras are warnings only', () => {
  test('bad ISCED codes, scale, result, language and displayName give warnings, the check still passes', () => {
    const vc = grade9();
    const a = vc.credentialSubject.achievement;
    a.alignment[0].targetCode = '2x';
    a.alignment[1].targetCode = '0777';
    a.languageOfAssessment = 'arabic language';
    a.displayName.push({ '@value': 'again', '@language': 'en' });
    a.resultDescription[0].requiredValue = '700';
    vc.credentialSubject.result[0].value = '652';
    const check = checkProfile(vc);
    expect(check.status).toBe('pass');
    const warnings = check.details?.warnings as { code: string; path: string }[];
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ['ISCED_LEVEL_UNKNOWN', '$.credentialSubject.achievement.alignment[0].targetCode'],
      ['ISCED_FIELD_UNKNOWN', '$.credentialSubject.achievement.alignment[1].targetCode'],
      ['LANGUAGE_TAG_INVALID', '$.credentialSubject.achievement.languageOfAssessment'],
      ['DISPLAY_NAME_DUPLICATE_LANGUAGE', '$.credentialSubject.achievement.displayName[3]'],
      ['REQUIRED_VALUE_OUT_OF_SCALE', '$.credentialSubject.achievement.resultDescription[0].requiredValue'],
      ['RESULT_OUT_OF_SCALE', '$.credentialSubject.result[0].value'],
    ]);
  });

  test('records in standard fields and records signed with the old context both pass without warnings', () => {
    const old = fixture('issued-2026-lp-v1-context-grade9.json');
    expect(old['@context']).toContain('https://w3id.org/learning-passport/v1');
    expect(checkProfile(old)).toMatchObject({ status: 'pass', details: { warnings: [] } });
    const standard = structuredClone(old);
    standard['@context'] = standard['@context'].slice(0, 2);
    delete standard.credentialSubject.achievement.displayName;
    delete standard.credentialSubject.achievement.languageOfAssessment;
    for (const rd of standard.credentialSubject.achievement.resultDescription) delete rd.displayName;
    standard.credentialSubject.achievement.creditsAvailable = 4;
    standard.credentialSubject.creditsEarned = 4;
    expect(checkProfile(standard)).toMatchObject({ status: 'pass', details: { warnings: [] } });
  });

  test('standard fields the profile reads: term (the session, at most 64 characters on a seal), credits; old learning hours', () => {
    const vc = grade9();
    vc.credentialSubject.term = 'x'.repeat(65);
    vc.credentialSubject.creditsEarned = '4';
    vc.credentialSubject.achievement.creditsAvailable = -1;
    vc.credentialSubject.achievement.notionalLearningHours = Number.NaN;
    expect(checkLpProfile(vc).map((w) => [w.code, w.path])).toEqual([
      ['TERM_INVALID', '$.credentialSubject.term'],
      ['CREDITS_INVALID', '$.credentialSubject.creditsEarned'],
      ['CREDITS_INVALID', '$.credentialSubject.achievement.creditsAvailable'],
      ['CREDITS_INVALID', '$.credentialSubject.achievement.notionalLearningHours'],
    ]);
    vc.credentialSubject.term = ' ';
    expect(checkLpProfile(vc)[0]).toMatchObject({ code: 'TERM_INVALID' });
  });

  test('unknown result description reference and malformed displayName', () => {
    const vc = grade9();
    vc.credentialSubject.result[0].resultDescription = 'https://exams.moe.example/other';
    vc.credentialSubject.achievement.displayName = 'Mathematics';
    expect(checkLpProfile(vc).map((w) => w.code)).toEqual(['DISPLAY_NAME_INVALID', 'RESULT_DESCRIPTION_UNKNOWN']);
  });

  test('CLR walks its achievements and embedded credentials', () => {
    const c = clr();
    c.credentialSubject.achievement[0].alignment[0].targetCode = '77';
    c.credentialSubject.verifiableCredential[1].credentialSubject.result[0].value = 'A+';
    expect(checkLpProfile(c).map((w) => [w.code, w.path])).toEqual([
      ['ISCED_LEVEL_UNKNOWN', '$.credentialSubject.achievement[0].alignment[0].targetCode'],
      ['RESULT_OUT_OF_SCALE', '$.credentialSubject.verifiableCredential[1].credentialSubject.result[0].value'],
    ]);
  });

  test('never throws on junk', () => {
    for (const junk of [null, 1, 'x', [], {}, { credentialSubject: [null, 1, { achievement: 'x' }] }, { type: 'ClrCredential', credentialSubject: { verifiableCredential: 'x' } }]) {
      expect(Array.isArray(checkLpProfile(junk))).toBe(true);
      expect(['pass', 'fail']).toContain(checkProfile(junk).status);
    }
  });
});

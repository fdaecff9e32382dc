// A Syrian examination body signs a Grade 6 leaver's primary results; a school in Jordan runs
// `lp recognise` on the records, a seal photo, a presentation and a tampered copy, with the
// body's trust bundle: the summary counts what is VALID only, and the suggestion reads like a
// recognition officer's note. Every step is the real `lp` in its own process.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { lp, tempDir } from '../issuer/test/issuer-helpers.ts';

const PASS = 'syrian exam office passphrase';
const ANCHOR_PASS = 'regional anchor passphrase';
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number) => String(n).padStart(2, '0');

// The clock the school's commands are given: a minute after the records are signed.
const NOW = new Date(Date.now() + 60_000);
const day = Math.min(NOW.getUTCDate(), 28);
const awarded = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - 18, day));
const AWARDED = `${awarded.getUTCFullYear()}-${pad(awarded.getUTCMonth() + 1)}-${pad(day)}`;
// Jordan's school year starts in September (policy default: the dataset has no month for Jordan);
// from two months before, a learner joins the coming year (policy default).
const inTwoMonths = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() + 2, NOW.getUTCDate()));
const yearStart = inTwoMonths >= new Date(Date.UTC(NOW.getUTCFullYear(), 8, 1)) ? NOW.getUTCFullYear() : NOW.getUTCFullYear() - 1;
const BIRTH = `${yearStart - 13}-09-01`;
// 13 at the start of the school year joined; in July or August, before that start, still 12.
const AGE = NOW >= new Date(Date.UTC(yearStart, 8, 1)) ? 13 : 12;

const CATALOGUE = [
  {
    code: 'SY-PRIM-MATH', achievementType: 'Assessment', names: { ar: 'شهادة التعليم الابتدائي – الرياضيات', en: 'Primary Education Certificate – Mathematics' },
    iscedLevel: '1', iscedField: '0541', languageOfAssessment: 'ar',
    resultDescriptions: [{ id: 'score', name: 'Score (0–100)', resultType: 'RawScore', valueMin: 0, valueMax: 100, requiredValue: '40' }],
  },
  {
    code: 'SY-PRIM-ARAB', achievementType: 'Assessment', names: { ar: 'شهادة التعليم الابتدائي – اللغة العربية', en: 'Primary Education Certificate – Arabic' },
    iscedLevel: '1', iscedField: '0232', languageOfAssessment: 'ar',
    resultDescriptions: [{ id: 'score', name: 'Score (0–100)', resultType: 'RawScore', valueMin: 0, valueMax: 100, requiredValue: '40' }],
  },
];

describe('lp recognise end to end', () => {
  const tmp = tempDir('lp-recognise-');
  const file = (name: string, content: string | object) => fs.writeFileSync(path.join(tmp.dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  const issuer = (args: string[]) => lp(['issuer', ...args], { cwd: tmp.dir, env: { LP_DATA_DIR: 'issuer-data', LP_PASSPHRASE: PASS } });
  const school = (args: string[]) => lp(['recognise', ...args], { cwd: tmp.dir, env: { LP_DATA_DIR: 'school-data' } });
  let trust: string[] = [];

  beforeAll(async () => {
    expect((await issuer(['init', '--name', 'Ministry of Education – Examinations', '--name-ar', 'وزارة التربية – الامتحانات', '--country', 'SY', '--kind', 'national-examination-body'])).code).toBe(0);
    file('catalogue.json', CATALOGUE);
    expect((await issuer(['achievement', 'add', 'catalogue.json'])).code).toBe(0);
    file('results.csv', `candidate_number,name,name_latin,date_of_birth,achievement_code,result,awarded_date\nS-6,سامي ناصر,Sami Nasser,${BIRTH},SY-PRIM-MATH,45,${AWARDED}\nS-6,سامي ناصر,Sami Nasser,${BIRTH},SY-PRIM-ARAB,78,${AWARDED}\nS-9,ليلى ناصر,Layla Nasser,${yearStart - 12}-03-01,SY-PRIM-MATH,61,${AWARDED}\n`);
    const bulk = await issuer(['bulk', 'results.csv', '--session', 'primary', '--out', 'out', '--no-certificates']);
    expect(bulk.stderr).toBe('');
    expect(bulk.code).toBe(0);
    expect((await issuer(['export-trust', '--out', 'fragment.json'])).code).toBe(0);
    const anchor = await lp(['trust', 'init-anchor', '--out', 'anchor-key.json'], { cwd: tmp.dir, env: { LP_PASSPHRASE: ANCHOR_PASS } });
    expect(anchor.code).toBe(0);
    const anchorDid = anchor.stdout.trim().split('\n').at(-1)!;
    const built = await lp(['trust', 'build', '--anchor', 'anchor-key.json', '--add', 'fragment.json', '--sequence', '1', '--expires', '2099-01-01', '--out', 'bundle.json'], { cwd: tmp.dir, env: { LP_PASSPHRASE: ANCHOR_PASS } });
    expect(built.code).toBe(0);
    trust = ['--trust', 'bundle.json', '--anchor', anchorDid, '--now', NOW.toISOString()];
    // A copy whose Arabic result was raised after signing.
    const arabic = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'out', 'records', 'S-6_SY-PRIM-ARAB.json'), 'utf8')) as { credentialSubject: { result: { value?: string }[] } };
    arabic.credentialSubject.result.find((r) => r.value !== undefined)!.value = '98';
    file('tampered.json', arabic);
    const records = ['S-6_SY-PRIM-MATH.json', 'S-6_SY-PRIM-ARAB.json'].map((f) => JSON.parse(fs.readFileSync(path.join(tmp.dir, 'out', 'records', f), 'utf8')) as object);
    file('presentation.json', { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: records });
  });
  afterAll(() => tmp.cleanup());

  it('suggest: a record and a seal photo count, a tampered copy is shown INVALID and not counted; Grade 7 in Jordan with catch-up support in mathematics', async () => {
    const r = await school(['suggest', 'out/records/S-6_SY-PRIM-MATH.json', 'out/seals/S-6_SY-PRIM-ARAB.png', 'tampered.json', '--host', 'JO', '--birth-date', BIRTH, ...trust, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { records: { file: string; verdict: string; form: string }[]; summary: any; suggestion: any };
    expect(out.records.map((x) => [x.file, x.verdict, x.form])).toEqual([
      ['out/records/S-6_SY-PRIM-MATH.json', 'VALID', 'di'], ['out/seals/S-6_SY-PRIM-ARAB.png', 'VALID', 'seal'], ['tampered.json', 'INVALID', 'di'],
    ]);
    const items = out.summary.items as any[];
    expect(items.map((i) => [i.verdict, i.evidence, i.country.iso3, i.isced.levelCode, i.isced.fieldLabel, i.result.value, i.result.share, i.counted, i.notCounted])).toEqual([
      ['VALID', 'national-examination-body', 'SYR', '1', 'Mathematics', '45', 0.45, true, undefined],
      ['VALID', 'national-examination-body', 'SYR', '1', 'Literature and linguistics', '78', 0.78, true, undefined],
      ['INVALID', 'national-examination-body', 'SYR', '1', 'Literature and linguistics', '98', 0.98, false, 'EVIDENCE_NOT_VALID'],
    ]);
    expect(items[0].issuer.name).toBe('Ministry of Education – Examinations');
    expect(out.summary.highestCompleted).toMatchObject({ grade: 6, level: 1, levelCompleted: true });
    expect(out.summary.gaps.monthsSinceLastRecord).toBe(18);
    expect(out.suggestion).toMatchObject({ advisory: true, decidedBy: 'school', placement: { kind: 'grade', grade: 7, iscedLevel: 2 }, ageGrade: 8, age: AGE });
    expect(out.suggestion.sentence).toBe(
      `completed Grade 6 in Syrian Arab Republic (ISCED 1, 6 years of primary) in ${MONTHS[awarded.getUTCMonth()]} ${awarded.getUTCFullYear()}; 18 months out of school; `
      + `1 record shown but not counted (verdict not VALID or result not passed); age ${AGE} → Grade 7 in Jordan, with catch-up support in mathematics`,
    );
  });

  it('summary of a presentation, in words for the school', async () => {
    const r = await school(['summary', 'presentation.json', ...trust]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`1. ${AWARDED}  VALID         national examination body`);
    expect(r.stdout).toContain('Syrian Arab Republic · Ministry of Education – Examinations · Primary Education Certificate – Mathematics');
    expect(r.stdout).toContain('Grade 6 (ISCED 1, primary, level completed) · Mathematics · result 45 on 0–100 (45 %)');
    expect(r.stdout).toContain('Highest completed: Grade 6 in Syrian Arab Republic (ISCED 1, primary, level completed), national examination body');
    expect(r.stdout).toContain('Since the last record: 18 months');
  });

  it('records of two learners (another name, another birth date): a LEARNERS_DIFFER warning before the timeline, in words and in JSON', async () => {
    const words = await school(['summary', 'out/records/S-6_SY-PRIM-MATH.json', 'out/records/S-9_SY-PRIM-MATH.json', ...trust]);
    expect(words.code).toBe(0);
    expect(words.stdout).toContain('WARNING LEARNERS_DIFFER: the records name different learners (name and birth date differ)');
    expect(words.stdout).toContain(`  - سامي ناصر (Sami Nasser), born ${BIRTH} — record 1\n`);
    expect(words.stdout).toContain(`  - ليلى ناصر (Layla Nasser), born ${yearStart - 12}-03-01 — record 2\n`);
    expect(words.stdout.indexOf('LEARNERS_DIFFER')).toBeLessThan(words.stdout.indexOf(' 1. '));
    const json = await school(['summary', 'out/records/S-6_SY-PRIM-MATH.json', 'out/records/S-9_SY-PRIM-MATH.json', ...trust, '--json']);
    const out = JSON.parse(json.stdout) as { summary: { warnings: { code: string; differ: string[]; learners: { nameLatin: string; items: number[] }[] }[] } };
    expect(out.summary.warnings).toMatchObject([{ code: 'LEARNERS_DIFFER', differ: ['name', 'birthDate'], learners: [{ nameLatin: 'Sami Nasser', items: [0] }, { nameLatin: 'Layla Nasser', items: [1] }] }]);
    // One learner's records (the presentation) raise no warning.
    expect((await school(['summary', 'presentation.json', ...trust])).stdout).not.toContain('LEARNERS_DIFFER');
  });

  it('suggest in words, with a ministry policy file and what the school typed in', async () => {
    file('ministry-policy.json', { name: 'Host ministry (test)', supportBelowShareOfScale: 0.4 });
    file('typed-in.json', [{ country: 'SY', grade: 3, date: '2020-06', school: 'Al-Amal school' }]);
    const r = await school(['suggest', 'out/records/S-6_SY-PRIM-MATH.json', '--host', 'JO', '--birth-date', BIRTH, '--policy', 'ministry-policy.json', '--self-declared', 'typed-in.json', ...trust]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1. 2020-06-01  SELF-DECLARED self-declared');
    expect(r.stdout).toContain('Suggestion for Jordan: Grade 7 in Jordan, with catch-up support\n');
    expect(r.stdout).toContain(`  - completed Grade 6 in Syrian Arab Republic (ISCED 1, 6 years of primary) in ${MONTHS[awarded.getUTCMonth()]} ${awarded.getUTCFullYear()}\n`);
    expect(r.stdout).toContain('Advice only: the school confirms, changes or rejects this placement.');
  });

  it('without a trust bundle nothing is VALID, so nothing counts', async () => {
    const r = await school(['summary', 'out/records/S-6_SY-PRIM-MATH.json', '--now', NOW.toISOString(), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { records: { verdict: string }[]; summary: { items: { counted: boolean; evidence: string }[] } };
    expect(out.records[0]!.verdict).toBe('UNKNOWN');
    expect(out.summary.items[0]).toMatchObject({ counted: false, evidence: 'issuer-not-listed' });
  });

  it.each([
    ['an unknown host country', 'COUNTRY_UNKNOWN', ['--host', 'XX', '--birth-date', '2011-05-02']],
    ['a birth date in the future', 'BIRTH_DATE_IN_FUTURE', ['--host', 'JO', '--birth-date', '2099-01-01']],
    ['a policy file that does not parse', 'POLICY_NOT_JSON', ['--host', 'JO', '--birth-date', '2011-05-02', '--policy', 'broken-policy.json']],
    ['a policy with an unknown rule', 'POLICY_INVALID', ['--host', 'JO', '--birth-date', '2011-05-02', '--policy', 'odd-policy.json']],
    ['self-declared learning in an unknown country', 'COUNTRY_UNKNOWN', ['--host', 'JO', '--birth-date', '2011-05-02', '--self-declared', 'declared.json']],
  ])('%s → exit 2 with %s', async (_label, code, extra) => {
    file('broken-policy.json', '{"maxYearsBelowAgeGrade": 2,');
    file('odd-policy.json', { overAge: 'hold-back' });
    file('declared.json', [{ country: 'QQ', grade: 6 }]);
    const r = await school(['suggest', 'out/records/S-6_SY-PRIM-MATH.json', ...extra, ...trust]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`lp recognise: ${code}: `);
    expect(r.stdout).toBe('');
  });

  it('usage errors exit 2', async () => {
    expect((await school(['suggest', 'out/records/S-6_SY-PRIM-MATH.json', '--host', 'JO'])).code).toBe(2);
    expect((await school(['summary'])).code).toBe(2);
    expect((await school(['summary', 'missing.json'])).stderr).toContain('cannot read missing.json');
  });
});

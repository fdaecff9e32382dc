// Bad input for non-formal and interrupted learning, each with its code: catalogue entries
// (national grades the dataset does not have, negative hours, a months scale without the grade's
// length), results CSV cells (months or terms past the grade's length, unknown competencies or levels),
// and the issue API — where a refused request leaves every table as it was.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import { addAchievements, checkRowsAgainstCatalogue, IssuerError, parseCatalogueFile, readResultsCsv } from '../src/index.ts';
import { decodeSeal, sealQrVersion } from '@lp/formats';
import { dbFingerprint, post, startTestIssuer, T0, type TestIssuer } from './issuer-helpers.ts';

const CATALOGUE_CSV = fs.readFileSync(new URL('../../test/fixtures/non-formal/catalogue-aep-ss.csv', import.meta.url), 'utf8');
// A grade reported by term (three terms), beside the fixture's grade reported by month.
const TERMS_ROWS = 'SY-P5,Certificate,1,,SY:5,Primary Grade 5 (three terms),,Status,status,Grade status,,,,\nSY-P5,,,,,,,Result,terms-completed,Terms of Grade 5 completed,0,3,,\n';
const catalogue = parseCatalogueFile(CATALOGUE_CSV + TERMS_ROWS, 'csv');
const HEADER = 'code,achievementType,nationalGrades,notionalHours,name_en,resultType,resultId,valueMin,valueMax,allowedValues';

function catalogueError(csv: string): IssuerError {
  try {
    parseCatalogueFile(csv, 'csv');
  } catch (e) {
    if (e instanceof IssuerError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('catalogue entries', () => {
  it('reads national grades, notional hours, a months scale and competencies', () => {
    const aep = catalogue.find((e) => e.code === 'AEP-L2')!;
    expect(aep).toMatchObject({ nationalGrades: { country: 'SS', from: 3, to: 4 }, notionalHours: 900 });
    expect(aep.resultDescriptions.map((r) => [r.id, r.resultType])).toEqual([['status', 'Status'], ['literacy', 'RubricCriterionLevel'], ['numeracy', 'RubricCriterionLevel']]);
    expect(catalogue.find((e) => e.code === 'SS-P5')).toMatchObject({ nationalGrades: { country: 'SS', from: 5, to: 5 } });
  });

  it.each([
    ['a grade South Sudan does not have (it has 1–12)', 'SS:11-13', 'NATIONAL_GRADES_UNKNOWN'],
    ['a grade no school system has', 'SS:3-14', 'CATALOGUE_INVALID'],
    ['South Sudan\'s last grade (accepted)', 'SS:12-12', undefined],
    ['Uganda\'s Grades 12–13 (accepted: it has 13)', 'UG:12-13', undefined],
    ['a country outside the dataset', 'XX:3-4', 'NATIONAL_GRADES_UNKNOWN'],
    ['grades in the wrong order', 'SS:4-3', 'CATALOGUE_INVALID'],
    ['not COUNTRY:GRADES', 'Grades 3-4', 'CATALOGUE_INVALID'],
  ])('national grades: %s → its code', (_label, grades, code) => {
    const csv = `${HEADER}\nAEP-L2,Certificate,${grades},,AEP Level 2,Status,status,,,\n`;
    if (code === undefined) {
      expect(() => parseCatalogueFile(csv, 'csv')).not.toThrow();
      return;
    }
    expect(catalogueError(csv).code).toBe(code);
  });

  it('SS:13 names a grade South Sudan does not have → NATIONAL_GRADES_UNKNOWN at $[0].nationalGrades.to', () => {
    const e = catalogueError(`${HEADER}\nAEP-L2,Certificate,SS:12-13,,AEP Level 2,Status,status,,,\n`);
    expect([e.code, e.path]).toEqual(['NATIONAL_GRADES_UNKNOWN', '$[0].nationalGrades.to']);
  });

  it('negative notional hours → CATALOGUE_INVALID at $[0].notionalHours', () => {
    const e = catalogueError(`${HEADER}\nAEP-L2,Certificate,SS:3-4,-40,AEP Level 2,Status,status,,,\n`);
    expect([e.code, e.path]).toEqual(['CATALOGUE_INVALID', '$[0].notionalHours']);
    expect(catalogueError(`${HEADER}\nAEP-L2,Certificate,SS:3-4,many,AEP Level 2,Status,status,,,\n`).code).toBe('CATALOGUE_INVALID');
  });

  it('a months-completed scale without the grade\'s length, and a competency without levels → CATALOGUE_INVALID', () => {
    const months = catalogueError(`${HEADER}\nP5,Certificate,SS:5,,Grade 5,Result,months-completed,0,,\n`);
    expect([months.code, months.path]).toEqual(['CATALOGUE_INVALID', '$[0].resultDescriptions[0].valueMax']);
    const over = catalogueError(`${HEADER}\nP5,Certificate,SS:5,,Grade 5,Result,months-completed,0,14,\n`);
    expect(over.code).toBe('CATALOGUE_INVALID');
    const terms = catalogueError(`${HEADER}\nP5,Certificate,SY:5,,Grade 5,Result,terms-completed,0,,\n`);
    expect([terms.code, terms.path]).toEqual(['CATALOGUE_INVALID', '$[0].resultDescriptions[0].valueMax']);
    expect(catalogueError(`${HEADER}\nP5,Certificate,SY:5,,Grade 5,Result,terms-completed,0,5,\n`).code).toBe('CATALOGUE_INVALID');
    expect(catalogue.find((e) => e.code === 'SY-P5')!.resultDescriptions.map((r) => [r.id, r.valueMax])).toEqual([['status', undefined], ['terms-completed', '3']]);
    const rubric = catalogueError(`${HEADER}\nL1,Certificate,,,Literacy,RubricCriterionLevel,reading,,,\n`);
    expect([rubric.code, rubric.path]).toEqual(['CATALOGUE_INVALID', '$[0].resultDescriptions[0].allowedValues']);
  });
});

describe('results CSV cells', () => {
  const COLUMNS = 'candidate_number,name,name_latin,date_of_birth,achievement_code,result,months_completed,competencies,terms_completed';
  const check = (row: string) => {
    // Rows written before the terms column existed leave it empty.
    const withTerms = row.split(',').length === 8 ? `${row},` : row;
    const read = readResultsCsv(new TextEncoder().encode(`${COLUMNS}\n${withTerms}\n`), { now: T0 });
    const checked = checkRowsAgainstCatalogue(read.rows, catalogue, { achievement: 'achievement_code', result: 'result' });
    return { issues: [...read.issues, ...checked.issues], rows: checked.rows };
  };

  it('a good row gives months and competencies to the issuer', () => {
    expect(check('C1,Ayen,Ayen,2012-01-01,SS-P5,Withdrew,5,').rows[0]!.result).toEqual({ status: 'Withdrew', monthsCompleted: 5 });
    expect(check('C1,Ayen,Ayen,2012-01-01,SS-P5,64,9,').rows[0]!.result).toEqual({ value: '64', monthsCompleted: 9 });
    expect(check('C2,Deng,Deng,2011-01-01,AEP-L2,Completed,,literacy:Achieved|numeracy:Beginning').rows[0]!.result)
      .toEqual({ status: 'Completed', competencies: { literacy: 'Achieved', numeracy: 'Beginning' } });
    expect(check('C3,Rania,Rania,2013-02-10,SY-P5,Withdrew,,,2').rows[0]!.result).toEqual({ status: 'Withdrew', termsCompleted: 2 });
    expect(check('C3,Rania,Rania,2013-02-10,SY-P5,Completed,,,3').rows[0]!.result).toEqual({ status: 'Completed', termsCompleted: 3 });
  });

  it.each([
    ['months past the grade\'s length (9)', 'C1,Ayen,Ayen,2012-01-01,SS-P5,Withdrew,10,', 'MONTHS_OUT_OF_RANGE', 'months_completed'],
    ['months for an achievement that records none', 'C2,Deng,Deng,2011-01-01,AEP-L2,Completed,4,', 'MONTHS_OUT_OF_RANGE', 'months_completed'],
    ['months that are not a whole number', 'C1,Ayen,Ayen,2012-01-01,SS-P5,Withdrew,4.5,', 'CELL_INVALID', 'months_completed'],
    ['negative months', 'C1,Ayen,Ayen,2012-01-01,SS-P5,Withdrew,-1,', 'CELL_INVALID', 'months_completed'],
    ['terms past the grade\'s number of terms (3)', 'C3,Rania,Rania,2013-02-10,SY-P5,Withdrew,,,4', 'TERMS_OUT_OF_RANGE', 'terms_completed'],
    ['terms for an achievement that records none', 'C1,Ayen,Ayen,2012-01-01,SS-P5,Withdrew,,,2', 'TERMS_OUT_OF_RANGE', 'terms_completed'],
    ['terms that are not a whole number', 'C3,Rania,Rania,2013-02-10,SY-P5,Withdrew,,,1.5', 'CELL_INVALID', 'terms_completed'],
    ['negative terms', 'C3,Rania,Rania,2013-02-10,SY-P5,Withdrew,,,-1', 'CELL_INVALID', 'terms_completed'],
    ['terms above any grade\'s (4)', 'C3,Rania,Rania,2013-02-10,SY-P5,Withdrew,,,7', 'CELL_INVALID', 'terms_completed'],
    ['a competency the achievement does not list', 'C2,Deng,Deng,2011-01-01,AEP-L2,Completed,,science:Achieved', 'COMPETENCY_UNKNOWN', 'competencies'],
    ['a level the competency does not have', 'C2,Deng,Deng,2011-01-01,AEP-L2,Completed,,literacy:Excellent', 'COMPETENCY_UNKNOWN', 'competencies'],
    ['a competency cell that is not competency:level', 'C2,Deng,Deng,2011-01-01,AEP-L2,Completed,,literacy', 'CELL_INVALID', 'competencies'],
    ['a competency named twice', 'C2,Deng,Deng,2011-01-01,AEP-L2,Completed,,literacy:Achieved|literacy:Beginning', 'CELL_INVALID', 'competencies'],
    ['a status for a graded achievement without months', 'C1,Ayen,Ayen,2012-01-01,SS-P5,Withdrew,,', 'RESULT_OUT_OF_SCALE', 'result'],
  ])('%s → its code', (_label, row, code, column) => {
    const { issues, rows } = check(row);
    expect(rows).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ row: 2, code, column })]);
  });
});

describe('POST /credentials/issue', () => {
  let t: TestIssuer;
  beforeAll(async () => {
    t = await startTestIssuer();
    await addAchievements(t.store, catalogue, { now: T0, actor: 'cli' });
  }, 60_000);
  afterAll(async () => t?.stop());

  const issue = (result: unknown, achievement = 'SS-P5') => post(t, '/credentials/issue', {
    options: { achievement, subject: { name: 'Ayen Majok', dateOfBirth: '2012-01-01' }, result },
  });

  it.each([
    ['months past the grade\'s length', { status: 'Withdrew', monthsCompleted: 10 }, 'SS-P5', 'MONTHS_OUT_OF_RANGE'],
    ['months for an achievement that records none', { status: 'Completed', monthsCompleted: 3 }, 'AEP-L2', 'MONTHS_NOT_RECORDED'],
    ['terms past the grade\'s number of terms', { status: 'Withdrew', termsCompleted: 4 }, 'SY-P5', 'TERMS_OUT_OF_RANGE'],
    ['terms for an achievement that records none', { status: 'Withdrew', termsCompleted: 2 }, 'SS-P5', 'TERMS_NOT_RECORDED'],
    ['an unknown competency', { status: 'Completed', competencies: { science: 'Achieved' } }, 'AEP-L2', 'COMPETENCY_UNKNOWN'],
    ['an unknown level', { status: 'Completed', competencies: { literacy: 'Excellent' } }, 'AEP-L2', 'COMPETENCY_UNKNOWN'],
  ])('%s → 422 with its code; nothing stored changes', async (_label, result, achievement, code) => {
    const before = dbFingerprint(t.store.db);
    const res = await issue(result, achievement);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { code: string }).code).toBe(code);
    expect(dbFingerprint(t.store.db)).toBe(before);
  });

  it('POST /achievements with national grades the dataset does not have → 422 NATIONAL_GRADES_UNKNOWN; nothing stored changes', async () => {
    const before = dbFingerprint(t.store.db);
    const entry = { code: 'AEP-L4', achievementType: 'Certificate', names: { en: 'AEP Level 4' }, nationalGrades: { country: 'SS', from: 12, to: 13 }, resultDescriptions: [{ resultType: 'Status', name: 'Status' }] };
    const res = await post(t, '/achievements', [entry]);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { code: string }).code).toBe('NATIONAL_GRADES_UNKNOWN');
    const negative = await post(t, '/achievements', [{ ...entry, nationalGrades: { country: 'SS', from: 7, to: 8 }, notionalHours: -1 }]);
    expect(((await negative.json()) as { code: string }).code).toBe('CATALOGUE_INVALID');
    expect(dbFingerprint(t.store.db)).toBe(before);
  });

  it('2 of 3 terms: the record carries the Result on terms-completed and the seal claim 8.9, one QR version at most above the plain seal', async () => {
    const res = await issue({ status: 'Withdrew', termsCompleted: 2 }, 'SY-P5');
    expect(res.status).toBe(201);
    const body = (await res.json()) as { verifiableCredential: { credentialSubject: { result: { resultDescription?: string; value?: string; status?: string }[] } }; seal: string };
    const results = body.verifiableCredential.credentialSubject.result;
    expect(results).toContainEqual(expect.objectContaining({ value: '2', resultDescription: expect.stringMatching(/\/results\/terms-completed$/) }));
    const claims = decodeSeal(body.seal).claims;
    expect(claims.achievements[0]).toMatchObject({ code: 'SY-P5', status: 'Withdrew', termsCompleted: 2 });
    const plain = await issue({ status: 'Withdrew' }, 'SY-P5');
    const plainSeal = ((await plain.json()) as { seal: string }).seal;
    const sizes = { chars: body.seal.length, version: sealQrVersion(body.seal), plainChars: plainSeal.length, plainVersion: sealQrVersion(plainSeal) };
    if (process.env.LP_PRINT_SEAL_SIZES) process.stdout.write(`${JSON.stringify(sizes)}\n`);
    expect(sizes.version! <= 15 && sizes.version! - sizes.plainVersion! <= 1).toBe(true);
  });

  it('a good request issues the record and a seal with the competencies', async () => {
    const res = await issue({ status: 'Completed', competencies: { literacy: 'Achieved', numeracy: 'Developing' } }, 'AEP-L2');
    expect(res.status).toBe(201);
    const body = (await res.json()) as { verifiableCredential: { credentialSubject: { result: unknown[] } }; seal: string };
    expect(body.verifiableCredential.credentialSubject.result).toHaveLength(3);
    expect(body.seal).toMatch(/^LP1:/);
  });
});

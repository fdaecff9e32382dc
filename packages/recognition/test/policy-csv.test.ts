// The placement policy as a spreadsheet (key,value): the same keys and limits as the JSON file,
// each bad file with its code and the CSV line at fault.
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_PLACEMENT_POLICY, parsePlacementPolicy, parsePlacementPolicyCsv, RecognitionError } from '../src/index.ts';

function refused(text: string): RecognitionError {
  try {
    parsePlacementPolicyCsv(text);
  } catch (e) {
    if (e instanceof RecognitionError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('parsePlacementPolicyCsv', () => {
  it('reads the keys it changes over the defaults, as the JSON form does', () => {
    const csv = '\uFEFFkey,value\r\nname,"Ministry of Education and Sports, Uganda (test)"\r\nmaxYearsBelowAgeGrade,1\r\noverAge,nearer-age\r\ncountSelfDeclared,FALSE\r\nsupportBelowShareOfScale,0.4\r\n\r\ncountries.UG.schoolYearStartMonth,2\r\n';
    const policy = parsePlacementPolicyCsv(csv);
    expect(policy).toEqual(parsePlacementPolicy({
      name: 'Ministry of Education and Sports, Uganda (test)', maxYearsBelowAgeGrade: 1, overAge: 'nearer-age', countSelfDeclared: false,
      supportBelowShareOfScale: 0.4, countries: { UG: { schoolYearStartMonth: 2 } },
    }));
    expect(policy.catchUpAfterMonthsOutOfSchool).toBe(DEFAULT_PLACEMENT_POLICY.catchUpAfterMonthsOutOfSchool);
  });

  it.each([
    ['a JSON file given as CSV', '{"maxYearsBelowAgeGrade": 1}', 'POLICY_NOT_CSV', 'line 1'],
    ['an empty file', '', 'POLICY_NOT_CSV', 'line 1'],
    ['a quote never closed', 'key,value\nname,"Ministry\n', 'POLICY_NOT_CSV', undefined],
    ['a row with three cells', 'key,value\nmaxYearsBelowAgeGrade,1,2\n', 'POLICY_NOT_CSV', 'line 2'],
    ['an unknown key', 'key,value\nmaxYearsBelow,1\n', 'POLICY_INVALID', 'line 2'],
    ['a key set twice', 'key,value\nmaxYearsBelowAgeGrade,1\nmaxYearsBelowAgeGrade,2\n', 'POLICY_INVALID', 'line 3'],
    ['a number that is not one', 'key,value\noverAge,nearer-age\nmaxYearsBelowAgeGrade,two\n', 'POLICY_INVALID', 'line 3'],
    ['a number out of range', 'key,value\ncatchUpAfterMonthsOutOfSchool,-3\n', 'POLICY_INVALID', 'line 2'],
    ['an unknown rule', 'key,value\noverAge,hold-back\n', 'POLICY_INVALID', 'line 2'],
    ['a yes/no that is not true or false', 'key,value\ncountSelfDeclared,yes\n', 'POLICY_INVALID', 'line 2'],
    ['a school year month 13', 'key,value\ncountries.UG.schoolYearStartMonth,13\n', 'POLICY_INVALID', 'line 2'],
    ['a country override of another setting', 'key,value\ncountries.UG.maxYearsBelowAgeGrade,1\n', 'POLICY_INVALID', 'line 2'],
  ])('%s → %s', (_label, text, code, path) => {
    const e = refused(text);
    expect(e.code).toBe(code);
    if (path !== undefined) expect(e.path).toBe(path);
  });
});

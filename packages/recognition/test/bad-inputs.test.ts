// Every bad input the school or a ministry can give, with its stable code; a record that is not
// VALID is not an error but is shown, labelled and never counted.
import { describe, expect, it } from '@jest/globals';
import { parsePlacementPolicy, RecognitionError, suggestPlacement, summariseLearning, type RecognitionErrorCode, type SelfDeclaredItem } from '../src/index.ts';
import { result } from './lib/make-result.ts';

const NOW = new Date('2025-01-15T08:00:00Z');
const empty = summariseLearning({ results: [], now: NOW });

function codeOf(f: () => unknown): RecognitionErrorCode | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RecognitionError);
    return (e as RecognitionError).code;
  }
  return undefined;
}

describe('bad inputs', () => {
  it.each([
    ['an unknown host country', 'COUNTRY_UNKNOWN', { host: 'XX' }],
    ['a host that is not a code', 'COUNTRY_UNKNOWN', { host: 'Jordan' }],
    ['a host without secondary levels in the dataset', 'COUNTRY_INCOMPLETE', { host: 'GU' }],
    ['a birth date in the future', 'BIRTH_DATE_IN_FUTURE', { birthDate: '2025-01-16' }],
    ['a birth date that is not a day', 'BIRTH_DATE_INVALID', { birthDate: '2011-02-30' }],
    ['a birth date in another format', 'BIRTH_DATE_INVALID', { birthDate: '02/05/2011' }],
  ] as const)('%s → %s', (_label, code, change) => {
    expect(codeOf(() => suggestPlacement({ summary: empty, birthDate: '2011-05-02', host: 'JO', now: NOW, ...change }))).toBe(code);
  });

  it.each([
    ['text that is not JSON', '{"maxYearsBelowAgeGrade": 2', 'POLICY_NOT_JSON', undefined],
    ['a number out of range', '{"maxYearsBelowAgeGrade": -1}', 'POLICY_INVALID', '$.maxYearsBelowAgeGrade'],
    ['a wrong type', '{"countSelfDeclared": "yes"}', 'POLICY_INVALID', '$.countSelfDeclared'],
    ['an unknown key', '{"maxYearsBelowAge": 1}', 'POLICY_INVALID', '$'],
    ['an unknown over-age rule', '{"overAge": "hold-back"}', 'POLICY_INVALID', '$.overAge'],
    ['a bad country key', '{"countries": {"Jordan": {"schoolYearStartMonth": 9}}}', 'POLICY_INVALID', '$.countries.Jordan'],
    ['a month 13', '{"countries": {"JO": {"schoolYearStartMonth": 13}}}', 'POLICY_INVALID', '$.countries.JO.schoolYearStartMonth'],
    ['an array', '[]', 'POLICY_INVALID', '$'],
  ] as const)('a policy file with %s → %s', (_label, text, code, path) => {
    let err: RecognitionError | undefined;
    try {
      parsePlacementPolicy(text);
    } catch (e) {
      err = e as RecognitionError;
    }
    expect(err).toBeInstanceOf(RecognitionError);
    expect(err!.code).toBe(code);
    if (path) expect(err!.path).toBe(path);
  });

  it.each([
    ['an unknown country', 'COUNTRY_UNKNOWN', { country: 'ZZ', grade: 5 }],
    ['a country without secondary levels', 'COUNTRY_INCOMPLETE', { country: 'FK', grade: 5 }],
    ['neither grade nor level', 'INPUT_INVALID', { country: 'SY' }],
    ['a grade the country does not have', 'INPUT_INVALID', { country: 'SY', grade: 14 }],
    ['a date after today', 'INPUT_INVALID', { country: 'SY', grade: 5, date: '2025-03' }],
    ['an unknown key', 'INPUT_INVALID', { country: 'SY', grade: 5, verified: true }],
    ['a level that is not ISCED', 'INPUT_INVALID', { country: 'SY', iscedLevel: '7x' }],
  ] as const)('a self-declared item with %s → %s', (_label, code, item) => {
    expect(codeOf(() => summariseLearning({ results: [], selfDeclared: [item as unknown as SelfDeclaredItem], now: NOW }))).toBe(code);
  });

  it.each(['INVALID', 'UNKNOWN'] as const)('a credential whose verdict is %s is shown and labelled but never counted as completed', (verdict) => {
    const summary = summariseLearning({
      results: [result({ verdict, country: 'SY', code: 'SY-BASIC', levelCode: '244', awardedAt: '2024-06-01', status: 'Completed' })],
      now: NOW,
    });
    expect(summary.items).toHaveLength(1);
    expect(summary.items[0]).toMatchObject({ verdict, evidence: 'national-examination-body', counted: false, notCounted: 'EVIDENCE_NOT_VALID', country: { iso3: 'SYR' } });
    expect(summary.highestCompleted).toBeUndefined();
    expect(summary.gaps.monthsSinceLastRecord).toBeUndefined();
    const s = suggestPlacement({ summary, birthDate: '2009-03-01', host: 'JO', now: NOW });
    expect(s.basis).toBe('age-only');
    expect(s.support.placementTest).toBe(true);
  });

  it('a record from an issuer the bundle does not list is labelled so and not counted', () => {
    const r = result({ verdict: 'UNKNOWN', country: 'SY', code: 'X', levelCode: '1' });
    r.display!.issuer = { id: 'did:key:z6Mkunknown', name: undefined, country: undefined, kind: undefined, listed: false };
    const summary = summariseLearning({ results: [r], now: NOW });
    expect(summary.items[0]).toMatchObject({ evidence: 'issuer-not-listed', counted: false, notCounted: 'EVIDENCE_NOT_VALID' });
  });

  it('self-declared items do not count when the policy says so', () => {
    const policy = parsePlacementPolicy('{"countSelfDeclared": false}');
    const summary = summariseLearning({ results: [], selfDeclared: [{ country: 'SY', grade: 6 }], now: NOW, policy });
    expect(summary.items[0]).toMatchObject({ evidence: 'self-declared', counted: false, notCounted: 'SELF_DECLARED_NOT_COUNTED' });
  });
});

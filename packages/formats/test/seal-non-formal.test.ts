// Seal claims 8.7 (months completed of a grade), 8.8 (competency levels) and 8.9 (terms completed): what they carry,
// and each malformed form refused with SEAL_CLAIMS_INVALID and the claim path (CLAIMS.md).
import { describe, expect, it } from '@jest/globals';
import { parseWireSealClaims, SealError } from '../src/index.ts';
import { toWireSealClaims } from '../src/seal/z-seal-claims.ts';

const base = (achievement: Record<string, unknown>) => ({
  '1': 'urn:example:1', '2': 'did:key:z6MkExample', '3': '#k', '4': 1_700_000_000, '6': 'Ayen Majok', '10': 0, '8': [achievement],
});

function refused(input: unknown): SealError {
  try {
    parseWireSealClaims(input);
  } catch (e) {
    if (e instanceof SealError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('claims 8.7, 8.8 and 8.9', () => {
  it('read back as monthsCompleted and competencies', () => {
    const claims = parseWireSealClaims(base({ '1': 'SS-P5', '3': 6, '7': 5, '8': [[1, 'Achieved'], [2, 'Developing']] }));
    expect(claims.achievements[0]).toEqual({ code: 'SS-P5', status: 'Withdrew', monthsCompleted: 5, competencies: [{ index: 1, level: 'Achieved' }, { index: 2, level: 'Developing' }] });
  });

  it('claim 8.9 reads back as termsCompleted and survives a round trip beside 8.7', () => {
    const claims = parseWireSealClaims(base({ '1': 'SY-G5', '3': 6, '9': 2 }));
    expect(claims.achievements[0]).toEqual({ code: 'SY-G5', status: 'Withdrew', termsCompleted: 2 });
    const wire = toWireSealClaims(claims);
    const entry = (wire.get(8) as Map<number, unknown>[])[0]!;
    expect(entry.get(9)).toBe(2);
    expect(parseWireSealClaims(Object.fromEntries([...wire].map(([k, v]) => [String(k), k === 8 ? (v as Map<number, unknown>[]).map((e) => Object.fromEntries([...e].map(([ek, ev]) => [String(ek), ev]))) : v]))).achievements[0]).toEqual({ code: 'SY-G5', status: 'Withdrew', termsCompleted: 2 });
  });

  it.each([
    ['terms above 4', { '1': 'SY-G5', '9': 5 }, '8.0.9'],
    ['negative terms', { '1': 'SY-G5', '9': -1 }, '8.0.9'],
    ['terms as text', { '1': 'SY-G5', '9': '2' }, '8.0.9'],
    ['terms not whole', { '1': 'SY-G5', '9': 1.5 }, '8.0.9'],
    ['months above 12', { '1': 'SS-P5', '7': 13 }, '8.0.7'],
    ['negative months', { '1': 'SS-P5', '7': -1 }, '8.0.7'],
    ['months as text', { '1': 'SS-P5', '7': '5' }, '8.0.7'],
    ['competencies without a catalogue code', { '4': 'https://ngo.example/a', '5': { en: 'AEP' }, '8': [[1, 'Achieved']] }, '8.0.8'],
    ['an empty competency list', { '1': 'AEP-L2', '8': [] }, '8.0.8'],
    ['a competency index past 63', { '1': 'AEP-L2', '8': [[64, 'Achieved']] }, '8.0.8.0.0'],
    ['a competency level longer than 40 characters', { '1': 'AEP-L2', '8': [[1, 'A'.repeat(41)]] }, '8.0.8.0.1'],
    ['a competency that is not a pair', { '1': 'AEP-L2', '8': [[1]] }, '8.0.8.0'],
  ])('%s → SEAL_CLAIMS_INVALID with its claim path', (_label, achievement, path) => {
    const e = refused(base(achievement));
    expect(e.code).toBe('SEAL_CLAIMS_INVALID');
    expect(e.path).toBe(path);
  });
});

// Seal claims 8.7 (months completed of a grade) and 8.8 (competency levels): what they carry,
// and each malformed form refused with SEAL_CLAIMS_INVALID and the claim path (CLAIMS.md).
import { describe, expect, it } from '@jest/globals';
import { parseWireSealClaims, SealError } from '../src/index.ts';

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

describe('claims 8.7 and 8.8', () => {
  it('read back as monthsCompleted and competencies', () => {
    const claims = parseWireSealClaims(base({ '1': 'SS-P5', '3': 6, '7': 5, '8': [[1, 'Achieved'], [2, 'Developing']] }));
    expect(claims.achievements[0]).toEqual({ code: 'SS-P5', status: 'Withdrew', monthsCompleted: 5, competencies: [{ index: 1, level: 'Achieved' }, { index: 2, level: 'Developing' }] });
  });

  it.each([
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

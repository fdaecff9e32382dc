import { describe, expect, it } from '@jest/globals';
import { checkAwardedDate } from '../src/domain/check-awarded-date.ts';
import { IssuerError } from '../src/errors.ts';

const NOW = new Date('2026-06-20T11:00:00Z');

describe('checkAwardedDate', () => {
  it.each(['1950-01-01', '2012-06-30', '2024-02-29', '2026-06-20'])('%s → midnight UTC of that day', (d) => {
    expect(checkAwardedDate(d, NOW)).toBe(`${d}T00:00:00Z`);
  });

  it('"today" is the date somewhere on Earth: UTC+14 is already on 2026-06-21 at 11:00 UTC, never on the 22nd', () => {
    expect(checkAwardedDate('2026-06-21', NOW)).toBe('2026-06-21T00:00:00Z');
    expect(() => checkAwardedDate('2026-06-22', NOW)).toThrow(expect.objectContaining({ code: 'DATE_IN_FUTURE', status: 422 }));
    expect(() => checkAwardedDate('2026-06-21', new Date('2026-06-20T09:59:59Z'))).toThrow(expect.objectContaining({ code: 'DATE_IN_FUTURE' }));
  });

  it.each([
    ['2019-6-30'], ['30/06/2019'], ['2019-13-01'], ['2023-02-29'], ['1949-12-31'], ['0000-01-01'], [''], [' 2019-06-30'], [20190630], [null], [{}],
  ])('%p → CREDENTIAL_INVALID (422) at the path given', (value) => {
    let err: unknown;
    try {
      checkAwardedDate(value, NOW, '$.x');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IssuerError);
    expect(err).toMatchObject({ code: 'CREDENTIAL_INVALID', status: 422, path: '$.x' });
  });
});

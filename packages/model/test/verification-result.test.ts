import { describe, expect, test } from '@jest/globals';
import { verdictOf, exitCodeOf } from '../src/index.ts';

describe('verdictOf', () => {
  const pass = { id: 'signature', status: 'pass', code: 'SIGNATURE_VALID', message: '' } as const;
  test('all pass is VALID', () => expect(verdictOf([pass])).toBe('VALID'));
  test('any fail is INVALID', () =>
    expect(verdictOf([pass, { ...pass, id: 'status', status: 'fail', code: 'STATUS_REVOKED' }])).toBe('INVALID'));
  test('unknown without fail is UNKNOWN', () =>
    expect(verdictOf([pass, { ...pass, id: 'status', status: 'unknown', code: 'STATUS_STALE' }])).toBe('UNKNOWN'));
  test('nothing checked is UNKNOWN', () => expect(verdictOf([])).toBe('UNKNOWN'));
  test('exit codes', () => {
    expect(exitCodeOf('VALID')).toBe(0);
    expect(exitCodeOf('INVALID')).toBe(1);
    expect(exitCodeOf('UNKNOWN')).toBe(3);
  });
});

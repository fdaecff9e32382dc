// Recognition statements in the learner summary, as pure functions: a school's placement is shown
// as a placement, labelled assessment-based whoever signed it, never counted as completed (it
// neither raises the highest level nor closes a gap); one that is not VALID is not a placement;
// one past its validity says so; a seal (no full record) still gives grade and validity.
import { describe, expect, it } from '@jest/globals';
import type { VerificationResult } from '@lp/verify';
import { suggestPlacement, summariseLearning } from '../src/index.ts';
import { catalogue, result } from './lib/make-result.ts';

const NOW = new Date('2025-01-15T08:00:00Z');

function statement(opts: { verdict?: 'VALID' | 'INVALID' | 'UNKNOWN'; kind?: 'school' | 'recognition-body'; value: string; date: string; until: string; code?: string }): VerificationResult {
  const r = result({ verdict: opts.verdict ?? 'VALID', country: 'JO', kind: opts.kind ?? 'school', issuerName: 'Al-Nour Basic School', code: opts.code ?? 'RECOGNITION-PLACEMENT', value: opts.value, awardedAt: opts.date });
  return { ...r, display: { ...r.display!, expiresAt: new Date(opts.until).toISOString() } };
}

describe('placement statements in the summary', () => {
  const grade6 = result({ country: 'SY', code: 'SY-PRIM', levelCode: '1', awardedAt: '2023-06-30', value: '70', min: '0', max: '100', required: '40' });

  it('a school\'s statement (from a seal: code, grade, validity) is a placement, never a completed grade', () => {
    const s = summariseLearning({ results: [grade6, statement({ value: '7', date: '2024-09-01', until: '2029-09-01' })], now: NOW, catalogue });
    const item = s.items[1]!;
    expect(item).toMatchObject({ evidence: 'assessment-based', counted: false, notCounted: 'PLACEMENT_NOT_COMPLETION', position: { grade: 7, level: 2 } });
    expect(item.placement).toEqual({
      country: { iso2: 'JO', iso3: 'JOR', name: 'Jordan' }, grade: 7, programme: undefined, date: '2024-09-01T00:00:00.000Z', validUntil: '2029-09-01T00:00:00.000Z',
      expired: false, assessmentOnly: false, support: { subjects: [], languageOfInstruction: undefined },
      text: 'placed in Grade 7 in Jordan on 2024-09-01, valid until 2029-09-01',
    });
    expect(s.highestCompleted).toMatchObject({ grade: 6, country: { iso2: 'SY' } });
    // Counted records only: the months since the Grade 6 record, not since the statement.
    expect(s.gaps.monthsSinceLastRecord).toBe(18);
    expect(s.notCounted).toBe(0);
    expect(s.placements.map((p) => [p.item, p.text])).toEqual([[1, 'placed in Grade 7 in Jordan on 2024-09-01, valid until 2029-09-01']]);
    const suggestion = suggestPlacement({ summary: s, birthDate: '2011-05-02', host: 'JO', now: NOW });
    expect(suggestion.sentence).toContain('completed Grade 6 in Syrian Arab Republic');
    expect(suggestion.reasons.map((r) => r.text)).toContain('placed in Grade 7 in Jordan on 2024-09-01, valid until 2029-09-01 (assessment-based recognition, not a completed grade)');
  });

  it('an assessment-only statement by a recognition office, for a programme', () => {
    const s = summariseLearning({ results: [statement({ kind: 'recognition-body', code: 'RECOGNITION-PLACEMENT-ASSESSMENT-ONLY', value: 'AEP level 2', date: '2024-10-01', until: '2029-10-01' })], now: NOW });
    expect(s.items[0]!.placement).toMatchObject({ grade: undefined, programme: 'AEP level 2', assessmentOnly: true, text: 'placed in AEP level 2 in Jordan on 2024-10-01, valid until 2029-10-01' });
  });

  it('a statement that is not VALID is shown, labelled, not a placement; one past its validity says so', () => {
    const s = summariseLearning({
      results: [statement({ verdict: 'INVALID', value: '8', date: '2024-09-01', until: '2029-09-01' }), statement({ value: '5', date: '2018-09-01', until: '2023-09-01' })],
      now: NOW,
    });
    const [old, invalid] = s.items;
    expect(invalid).toMatchObject({ verdict: 'INVALID', evidence: 'assessment-based', counted: false, notCounted: 'EVIDENCE_NOT_VALID' });
    expect(old!.placement).toMatchObject({ grade: 5, expired: true });
    expect(s.placements.map((p) => p.grade)).toEqual([5]);
    expect(s.notCounted).toBe(1);
  });

  it('an issuer the bundle does not list stays "issuer not listed", statement or not', () => {
    const r = statement({ value: '7', date: '2024-09-01', until: '2029-09-01' });
    const unlisted: VerificationResult = { ...r, verdict: 'UNKNOWN', display: { ...r.display!, issuer: { id: 'did:key:z6Mk', name: undefined, country: undefined, kind: undefined, listed: false } } };
    expect(summariseLearning({ results: [unlisted], now: NOW }).items[0]).toMatchObject({ evidence: 'issuer-not-listed', notCounted: 'EVIDENCE_NOT_VALID' });
  });
});

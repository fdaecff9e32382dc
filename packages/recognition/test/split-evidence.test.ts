import { describe, expect, it } from '@jest/globals';
import { MAX_EVIDENCE_ITEMS, RecognitionError, splitEvidence } from '../src/index.ts';

describe('splitEvidence', () => {
  it('a presentation gives each credential; an enveloped one its vc+jwt', () => {
    const a = { type: ['VerifiableCredential', 'AchievementCredential'], id: 'urn:uuid:a' };
    const vp = { type: ['VerifiablePresentation'], verifiableCredential: [a, { type: 'EnvelopedVerifiableCredential', id: 'data:application/vc+jwt,eyJhbGciOiJFZERTQSJ9.e30.c2ln' }, 'eyJ.x.y'] };
    expect(splitEvidence(vp)).toEqual([a, 'eyJhbGciOiJFZERTQSJ9.e30.c2ln', 'eyJ.x.y']);
    expect(splitEvidence({ type: 'VerifiablePresentation', verifiableCredential: a })).toEqual([a]);
  });

  it('seals scanned one after another, one per line; any other text is one input', () => {
    expect(splitEvidence('LP1:AAA\r\n\nLP1:BBB\n')).toEqual(['LP1:AAA', 'LP1:BBB']);
    expect(splitEvidence('LP1:AAA\n')).toEqual(['LP1:AAA\n']);
    expect(splitEvidence('eyJ.x.y')).toEqual(['eyJ.x.y']);
  });

  it.each([
    ['a number', 42],
    ['an array', []],
    ['null', null],
    ['a presentation holding a number', { type: ['VerifiablePresentation'], verifiableCredential: [7] }],
    ['too many credentials', { type: ['VerifiablePresentation'], verifiableCredential: Array.from({ length: MAX_EVIDENCE_ITEMS + 1 }, () => 'eyJ.x.y') }],
  ])('%s → INPUT_INVALID', (_label, input) => {
    expect(() => splitEvidence(input)).toThrow(RecognitionError);
    try {
      splitEvidence(input);
    } catch (e) {
      expect((e as RecognitionError).code).toBe('INPUT_INVALID');
    }
  });
});

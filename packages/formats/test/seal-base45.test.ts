import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { BASE45_ALPHABET, decodeBase45, encodeBase45 } from '../src/seal/base45.ts';
import { SealError } from '../src/seal/seal-error.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

// RFC 9285 §4.3 and §4.4 examples.
const RFC_9285_EXAMPLES: [text: string, base45: string][] = [
  ['AB', 'BB8'],
  ['Hello!!', '%69 VD92EX0'],
  ['base-45', 'UJCLQE7W581'],
  ['ietf!', 'QED8WEX0'],
];

describe('base45 (RFC 9285)', () => {
  test.each(RFC_9285_EXAMPLES)('encodes %j as %j and back', (text, b45) => {
    expect(encodeBase45(utf8(text))).toBe(b45);
    expect(new TextDecoder().decode(decodeBase45(b45))).toBe(text);
  });

  test('the empty string', () => {
    expect(encodeBase45(new Uint8Array(0))).toBe('');
    expect(decodeBase45('')).toEqual(new Uint8Array(0));
  });

  test.each([
    ['GGW', 'triplet 65536 (RFC 9285 §6)'],
    [':::', 'triplet above 65535'],
    ['::', 'final pair above 255'],
    ['A', 'length 3k+1'],
    ['BB8A', 'length 3k+1'],
    ['bb8', 'lowercase'],
    ['BB!', 'character outside the alphabet'],
    ['BBé', 'non-ASCII'],
  ])('rejects %j (%s) with SEAL_BASE45', (text) => {
    expect(() => decodeBase45(text)).toThrow(expect.objectContaining({ code: 'SEAL_BASE45' }));
  });

  test('round trip for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase45(bytes);
        expect(text.length).toBe(Math.floor(bytes.length / 2) * 3 + (bytes.length % 2) * 2);
        expect([...text].every((c) => BASE45_ALPHABET.includes(c))).toBe(true);
        expect(decodeBase45(text)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  test('decoding any string either round-trips or throws SEAL_BASE45', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...BASE45_ALPHABET, 'a', '!', 'é'), maxLength: 40 }), (text) => {
        try {
          expect(encodeBase45(decodeBase45(text))).toBe(text);
        } catch (e) {
          expect(e).toBeInstanceOf(SealError);
          expect((e as SealError).code).toBe('SEAL_BASE45');
        }
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import QRCode from 'qrcode';
import { sealQrVersion } from '../src/index.ts';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

describe('sealQrVersion', () => {
  test('agrees with the version QRCode.create draws, at every error-correction level', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ALNUM), { minLength: 1, maxLength: 4400 }).map((a) => a.join('')),
        fc.constantFrom('L', 'M', 'Q', 'H'),
        (text, ecc) => {
          let drawn: number | undefined;
          try {
            drawn = QRCode.create([{ data: text, mode: 'alphanumeric' }], { errorCorrectionLevel: ecc }).version;
          } catch {
            drawn = undefined; // longer than version 40 holds
          }
          expect(sealQrVersion(text, ecc as 'L' | 'M' | 'Q' | 'H')).toBe(drawn);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('text outside the alphanumeric set has no alphanumeric version', () => {
    expect(sealQrVersion('LP1:abc')).toBeUndefined();
  });
});

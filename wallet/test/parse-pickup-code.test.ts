// What the wallet page accepts as a pick-up code: the certificate's QR, the issuer's link, or the
// code typed from paper; anything else is not a code (it may be a seal or a record).
import { describe, expect, test } from '@jest/globals';
import { parsePickupCode } from '../src/core/index.ts';

const CODE = 'K7QX-9M2P-4HTW-AB12-CD34';

describe('parsePickupCode', () => {
  test.each([
    ['the certificate QR', `http://localhost:8080/wallet#pickup=${CODE}`],
    ['the issuer link', `https://exams.example/pickup/${CODE}`],
    ['the issuer link with a trailing slash', `https://exams.example/pickup/${CODE}/`],
    ['typed in lowercase with spaces', ' k7qx 9m2p 4htw ab12 cd34 '],
    ['typed without dashes', CODE.replace(/-/g, '')],
  ])('%s → the code', (_label, text) => {
    expect(parsePickupCode(text)).toBe(CODE);
  });

  test('look-alike letters are read as the issuer reads them', () => {
    expect(parsePickupCode('K7QX-9M2P-4HTW-ABI2-CDOL')).toBe('K7QX-9M2P-4HTW-AB12-CD01');
  });

  test.each([
    ['a seal', 'LP1:6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDEXWK G2EP4J0B3KL6QM5/OVGA/MAT%ZSRQV$N13HBHMEQ4'],
    ['too short', 'K7QX-9M2P-4HTW'],
    ['too long', `${CODE}-ZZZZ`],
    ['punctuation', 'K7QX-9M2P-4HTW-AB12-CD3!'],
    ['a URL without a code', 'https://exams.example/wallet'],
    ['a URL with a bad code', 'https://exams.example/pickup/abc'],
    ['a broken escape in the URL', 'https://exams.example/pickup/%E0%A4%A'],
    ['a javascript: link', `javascript:alert(1)//${CODE}`],
    ['empty', ''],
    ['very long text', 'A'.repeat(5000)],
  ])('%s → undefined', (_label, text) => {
    expect(parsePickupCode(text)).toBeUndefined();
  });
});

import { beforeAll, describe, expect, it } from '@jest/globals';
import { CertificateError, renderCertificatePdf } from '../src/certificate/index.ts';
import type { CertificateInput } from '../src/certificate/index.ts';
import { decodeAllQr, fakeSealText, overlaps, pdfLines, pdfPageCount, pdfText, qrPng, rasterise } from './certificate-helpers.ts';

const SEALS = [fakeSealText(1), fakeSealText(2)];
const PICKUP_URL = 'https://exams.moe.example/wallet#pickup=K7QX-9M2P-4HTW';
let input: CertificateInput;

beforeAll(async () => {
  input = {
    issuer: { names: { ar: 'وزارة التربية — الجمهورية العربية السورية', en: 'Ministry of Education — Syrian Arab Republic' }, country: 'SY' },
    languages: ['ar', 'en'],
    learner: { nameAsWritten: 'ليلى أحمد', nameLatin: 'Layla Ahmad', dateOfBirth: '2008-03-14', candidateNumber: 'SY-2025-004512' },
    session: 'June 2025',
    achievements: [
      { code: 'MATH-12', names: { ar: 'الرياضيات', en: 'Mathematics' }, result: 'A', resultLabel: { ar: 'ممتاز', en: 'Excellent' }, sealPng: await qrPng(SEALS[0] as string) },
      { code: 'ARAB-12', names: { ar: 'اللغة العربية', en: 'Arabic language' }, result: '87/100', sealPng: await qrPng(SEALS[1] as string) },
    ],
    pickupCode: 'K7QX-9M2P-4HTW',
    pickupUrl: PICKUP_URL,
    issuedAt: '2025-07-01T09:00:00Z',
  };
});

describe('renderCertificatePdf', () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await renderCertificatePdf(input);
  });

  it('writes an A4 PDF', () => {
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(new TextDecoder('latin1').decode(pdf)).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
  });

  it('prints seals, and the pick-up QR, that decode back to their text from a 150 dpi raster', async () => {
    const pages = rasterise(pdf, 'certificate-ar-en');
    const decoded = (await Promise.all(pages.map((p) => decodeAllQr(p)))).flat();
    expect(decoded.filter((t) => t.startsWith('LP1:')).sort()).toEqual([...SEALS].sort());
    expect(decoded.filter((t) => !t.startsWith('LP1:'))).toEqual([PICKUP_URL]);
  });

  it('fits two results, their seals and the pick-up box on one page', () => {
    expect(pdfPageCount(pdf)).toBe(1);
  });

  it('prints the pick-up code on its own line, clear of its labels, with the short address of the wallet', () => {
    const lines = pdfLines(pdf);
    const code = lines.filter((l) => l.text.includes('K7QX-9M2P-4HTW'));
    expect(code.map((l) => l.text.trim())).toEqual(['K7QX-9M2P-4HTW']);
    const label = lines.find((l) => l.text.includes('Pick-up code'))!;
    expect(label).toBeDefined();
    for (const other of lines) if (other !== code[0]) expect({ line: other.text, overlaps: overlaps(code[0]!, other) }).toEqual({ line: other.text, overlaps: false });
    // Below its label, not beside it.
    expect(code[0]!.y).toBeGreaterThanOrEqual(label.y + label.h - 1);
    expect(lines.map((l) => l.text.trim())).toContain('exams.moe.example/wallet');
  });

  it('carries the names as extractable text, the Arabic in logical order', () => {
    const text = pdfText(pdf);
    expect(text).toContain('Layla Ahmad');
    // Each run carries a ToUnicode map; the text extractor (MuPDF) puts the right-to-left glyphs back in reading order.
    expect(text).toContain('ليلى أحمد');
    expect(text).toContain('شهادة نتائج');
    expect(text).toContain('Certificate of results');
    expect(text).toContain('K7QX-9M2P-4HTW');
    expect(text).toContain('Verify offline: scan the code with a Learning Passport verifier');
    expect(text).toContain('2025-07-01');
    // The result's scale or grade label, beside the result.
    expect(text).toContain('Excellent');
    expect(text).toContain('ممتاز');
    expect(text).not.toContain('DEMO');
  });

  it('prints each result\'s award date under its name, in the certificate\'s label languages; none when not given', async () => {
    const dated = await renderCertificatePdf({
      ...input,
      achievements: input.achievements.map((a, i) => ({ ...a, awardedDate: ['2012-06-30T00:00:00Z', '2019-06-30'][i] })),
    });
    rasterise(dated, 'certificate-awarded', 60);
    const text = pdfText(dated);
    expect(text).toContain('Awarded: 2012-06-30');
    expect(text).toContain('Awarded: 2019-06-30');
    expect(text).toContain('تاريخ المنح');
    expect(pdfText(pdf)).not.toContain('Awarded');
  });

  it('gives the pick-up code back as one word when its text is copied or extracted', async () => {
    // Six codes across the alphabet: letter spacing once split some codes into single letters.
    const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let n = 0; n < 6; n++) {
      const code = Array.from({ length: 5 }, (_, g) => Array.from({ length: 4 }, (_, c) => ALPHABET[(n * 7 + g * 11 + c * 5 + n * g * c) % 32]).join('')).join('-');
      const one = await renderCertificatePdf({ ...input, achievements: input.achievements.slice(0, 1), pickupCode: code, pickupUrl: `https://exams.moe.example/wallet#pickup=${code}` });
      expect(/[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}/.exec(pdfText(one))?.[0]).toBe(code);
    }
  });

  it('marks a demo certificate', async () => {
    const demo = await renderCertificatePdf({ ...input, demo: true });
    rasterise(demo, 'certificate-demo', 60);
    expect(pdfText(demo)).toContain('DEMO — NOT A REAL CERTIFICATE');
  });

  it('adds pages for many seals, Persian labels included', async () => {
    const many = await Promise.all(
      Array.from({ length: 7 }, async (_, i) => ({
        code: `SUBJ-${i + 1}`,
        names: { fa: `درس شمارهٔ ${i + 1}`, en: `Subject ${i + 1}` },
        result: `${70 + i}/100`,
        sealPng: await qrPng(fakeSealText(10 + i, 200)),
      })),
    );
    const fa = await renderCertificatePdf({
      ...input,
      issuer: { names: { fa: 'وزارت آموزش و پرورش', en: 'Ministry of Education' }, country: 'AF' },
      languages: ['fa', 'en'],
      learner: { nameAsWritten: 'زهرا رحیمی', nameLatin: 'Zahra Rahimi' },
      achievements: many,
    });
    expect(pdfPageCount(fa)).toBeGreaterThanOrEqual(2);
    const text = pdfText(fa);
    expect(text).toContain('گواهی نتایج');
    expect(text).toContain('زهرا رحیمی');
    const pages = rasterise(fa, 'certificate-fa-en');
    const perPage = await Promise.all(pages.map((p) => decodeAllQr(p)));
    // Every seal is printed once, and no page carries only the pick-up box: each has results.
    expect(perPage.flat().filter((t) => t.startsWith('LP1:')).sort()).toEqual(many.map((_, i) => fakeSealText(10 + i, 200)).sort());
    for (const found of perPage) expect(found.filter((t) => t.startsWith('LP1:')).length).toBeGreaterThanOrEqual(1);
    expect(perPage[perPage.length - 1]).toContain(PICKUP_URL);
  });
});

describe('renderCertificatePdf rejects bad input with a code', () => {
  const codeOf = async (bad: unknown): Promise<string> => {
    try {
      await renderCertificatePdf(bad as CertificateInput);
      return 'no error';
    } catch (e) {
      return e instanceof CertificateError ? e.code : `other: ${String(e)}`;
    }
  };
  const achievement = () => input.achievements[0] as CertificateInput['achievements'][number];

  it.each([
    ['not an object', () => 'x'],
    ['no achievements', () => ({ ...input, achievements: [] })],
    ['no languages', () => ({ ...input, languages: [] })],
    ['a seal that is not a PNG', () => ({ ...input, achievements: [{ ...achievement(), sealPng: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]) }] })],
    ['a control character in the name', () => ({ ...input, learner: { ...input.learner, nameLatin: 'Layla\u0007' } })],
    ['a bad issue date', () => ({ ...input, issuedAt: 'yesterday' })],
    ['a lowercase pick-up code', () => ({ ...input, pickupCode: 'abc-def' })],
    ['a pick-up link without a pick-up code', () => ({ ...input, pickupCode: undefined })],
    ['a pick-up link for another code', () => ({ ...input, pickupUrl: 'https://exams.moe.example/wallet#pickup=AAAA-BBBB' })],
    ['a pick-up link that is not http(s)', () => ({ ...input, pickupUrl: 'javascript:alert(1)//K7QX-9M2P-4HTW' })],
    ['a pick-up link with a space', () => ({ ...input, pickupUrl: 'https://exams.moe.example/wallet #pickup=K7QX-9M2P-4HTW' })],
  ])('%s → INVALID_INPUT', async (_label, make) => {
    expect(await codeOf(make())).toBe('INVALID_INPUT');
  });

  it('a PNG signature followed by junk → INVALID_SEAL_PNG', async () => {
    const junk = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 1, 2, 3]);
    expect(await codeOf({ ...input, achievements: [{ ...achievement(), sealPng: junk }] })).toBe('INVALID_SEAL_PNG');
  });
});

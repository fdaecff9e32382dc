// Certificates in the pages' ten languages: every label translated, every character of every label
// (and of Pashto, Urdu and Dari names) drawn by a real glyph of the embedded font the typesetter
// picks for it (never .notdef), and Urdu, Pashto and Dari certificates rendered, rasterised and
// their seals read back.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { LANGUAGES } from '@lp/web-kit';
import { CERTIFICATE_MESSAGES, isRtlLanguage, messagesFor, renderCertificatePdf } from '../src/certificate/index.ts';
import type { CertificateInput } from '../src/certificate/index.ts';
import { loadFonts } from '../src/certificate/lib/load-fonts.ts';
import { Typesetter } from '../src/certificate/lib/typesetter.ts';
import { decodeAllQr, fakeSealText, pdfText, qrPng, rasterise } from './certificate-helpers.ts';

// fontkit is what pdfkit shapes and embeds with; read the same font files with it.
interface Glyph { id: number }
interface FontkitFont { hasGlyphForCodePoint(cp: number): boolean; layout(text: string): { glyphs: Glyph[] } }
const fontkit = createRequire(import.meta.url)('fontkit') as { create(buffer: Buffer): FontkitFont };

const fonts = loadFonts();
const FACES: Record<string, FontkitFont> = {
  latin: fontkit.create(Buffer.from(fonts.latin)),
  latinBold: fontkit.create(Buffer.from(fonts.latinBold)),
  arabic: fontkit.create(Buffer.from(fonts.arabic)),
  arabicBold: fontkit.create(Buffer.from(fonts.arabicBold)),
};
const typesetter = new Typesetter(new PDFDocument({ autoFirstPage: false }), fonts);

/**
 * What the certificate would print as .notdef: characters the chosen face's cmap lacks, and runs
 * whose shaped glyphs (Arabic joining forms, ligatures) include glyph 0. The face is the one the
 * typesetter itself picks for each run.
 */
function missingGlyphs(text: string, bold: boolean): string[] {
  const missing: string[] = [];
  for (const run of typesetter.visualRuns(text, 'auto')) {
    const face = FACES[`${run.face}${bold ? 'Bold' : ''}`]!;
    for (const ch of run.text) {
      if (!face.hasGlyphForCodePoint(ch.codePointAt(0)!)) missing.push(`${ch} U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} (${run.face})`);
    }
    if (face.layout(run.text).glyphs.some((g) => g.id === 0)) missing.push(`.notdef shaping "${run.text}" (${run.face})`);
  }
  return missing;
}

// The letters Pashto and Urdu add to the Arabic alphabet, and Persian/Dari digits.
const PASHTO_LETTERS = 'ټ ډ ړ ږ ښ ګ ڼ ې ۍ ځ څ';
const URDU_LETTERS = 'ٹ ڈ ڑ ں ہ ے ۓ ھ ۔';
const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

describe('certificate labels', () => {
  it('exist for every language the pages offer', () => {
    expect(LANGUAGES.map((l) => l.code).filter((code) => CERTIFICATE_MESSAGES[code] === undefined)).toEqual([]);
  });

  // Words French shares with English.
  const SAME: Record<string, string[]> = { fr: ['code', 'session', 'page'] };
  it.each(Object.keys(CERTIFICATE_MESSAGES).filter((l) => l !== 'en'))('%s: every label translated', (lang) => {
    const en = CERTIFICATE_MESSAGES.en!;
    const mine = CERTIFICATE_MESSAGES[lang]!;
    const keys = Object.keys(en) as (keyof typeof en)[];
    expect(Object.keys(mine).sort()).toEqual([...keys].sort());
    expect(keys.filter((k) => mine[k] === en[k] && !(SAME[lang] ?? []).includes(k))).toEqual([]);
  });

  it.each(Object.keys(CERTIFICATE_MESSAGES))('%s: every character has a glyph in the embedded fonts, regular and bold', (lang) => {
    const texts = Object.values(CERTIFICATE_MESSAGES[lang]!);
    expect(texts.flatMap((t) => [...missingGlyphs(t, false), ...missingGlyphs(t, true)])).toEqual([]);
  });

  it.each([['Pashto', PASHTO_LETTERS], ['Urdu', URDU_LETTERS], ['Persian digits', PERSIAN_DIGITS]])('%s letters have glyphs (Noto Naskh Arabic)', (_label, letters) => {
    expect([...missingGlyphs(letters, false), ...missingGlyphs(letters, true)]).toEqual([]);
  });

  it('the check finds a script the fonts lack (Tigrinya, Ethiopic script)', () => {
    expect(missingGlyphs('ትግርኛ', false)).toEqual(expect.arrayContaining(['ት U+1275 (latin)']));
  });

  it('Dari: prs and fa-AF, with wording of its own; Pashto, Urdu and Dari right to left', () => {
    expect(messagesFor('fa-AF')).toBe(CERTIFICATE_MESSAGES.prs);
    expect(messagesFor('prs-AF')).toBe(CERTIFICATE_MESSAGES.prs);
    expect(messagesFor('fa-IR')).toBe(CERTIFICATE_MESSAGES.fa);
    expect(messagesFor('ur-PK')).toBe(CERTIFICATE_MESSAGES.ur);
    expect(CERTIFICATE_MESSAGES.prs!.subject).not.toBe(CERTIFICATE_MESSAGES.fa!.subject);
    expect(CERTIFICATE_MESSAGES.prs!.certificateOfResults).not.toBe(CERTIFICATE_MESSAGES.fa!.certificateOfResults);
    for (const l of ['ps', 'prs', 'ur', 'fa-AF']) expect(isRtlLanguage(l)).toBe(true);
    for (const l of ['es', 'tr']) expect(isRtlLanguage(l)).toBe(false);
  });
});

describe('certificates in Urdu, Pashto and Dari', () => {
  const seals = [fakeSealText(31), fakeSealText(32), fakeSealText(33)];
  const cases: [string, Omit<CertificateInput, 'achievements'>, [Record<string, string>, string][], string[]][] = [
    [
      'ur',
      {
        issuer: { names: { ur: 'وفاقی تعلیمی بورڈ', en: 'Federal Board of Education' }, country: 'PK' },
        languages: ['ur', 'en'],
        learner: { nameAsWritten: 'عائشہ بی بی', nameLatin: 'Ayesha Bibi', dateOfBirth: '2009-11-02', candidateNumber: 'PK-2026-118' },
        session: 'June 2026',
        pickupCode: 'T4KX-8M2P-QHTW',
        issuedAt: '2026-07-01T09:00:00Z',
      },
      [[{ ur: 'ریاضی', en: 'Mathematics' }, '81/100'], [{ ur: 'پڑھنے کی مہارت', en: 'Reading skills' }, 'A'], [{ ur: 'معاشرتی علوم', en: 'Social studies' }, '74/100']],
      ['نتائج کی سند', 'عائشہ بی بی', 'پڑھنے کی مہارت', 'رول نمبر', 'تصدیق کے لیے اسکین کریں'],
    ],
    [
      'ps',
      {
        issuer: { names: { ps: 'د پوهنې وزارت', en: 'Ministry of Education' }, country: 'AF' },
        languages: ['ps', 'en'],
        learner: { nameAsWritten: 'مېوند ځدراڼ', nameLatin: 'Maiwand Zadran', dateOfBirth: '2010-03-21' },
        session: 'June 2026',
        pickupCode: 'P7QX-9M2P-4HTW',
        issuedAt: '2026-07-01T09:00:00Z',
      },
      [[{ ps: 'پښتو ژبه', en: 'Pashto language' }, '88/100'], [{ ps: 'ټولنیز علوم', en: 'Social studies' }, '79/100'], [{ ps: 'ګرافیک ډیزاین', en: 'Graphic design' }, 'B']],
      ['د پایلو شهادتنامه', 'مېوند ځدراڼ', 'پښتو ژبه', 'ټولنیز علوم', 'د زېږېدو نېټه'],
    ],
    [
      'prs',
      {
        issuer: { names: { prs: 'وزارت معارف', en: 'Ministry of Education' }, country: 'AF' },
        languages: ['prs', 'en'],
        learner: { nameAsWritten: 'زهرا رحیمی', nameLatin: 'Zahra Rahimi', candidateNumber: 'AF-2026-0042' },
        session: 'June 2026',
        issuedAt: '2026-07-01T09:00:00Z',
      },
      [[{ prs: 'ریاضی', en: 'Mathematics' }, '90/100'], [{ prs: 'زبان دری', en: 'Dari language' }, '85/100'], [{ prs: 'علوم اجتماعی', en: 'Social studies' }, '77/100']],
      ['وزارت معارف', 'زهرا رحیمی', 'مضمون', 'نمبر کاندید', 'دور امتحان'],
    ],
  ];

  it.each(cases)('%s: labels and names have glyphs, print as extractable text, and the seals decode from a 150 dpi raster', async (lang, base, subjects, expected) => {
    const input: CertificateInput = {
      ...base,
      achievements: await Promise.all(subjects.map(async ([names, result], i) => ({ code: `${lang.toUpperCase()}-${i + 1}`, names, result, sealPng: await qrPng(seals[i]!) }))),
    };
    const everyText = [input.learner.nameAsWritten ?? '', ...Object.values(input.issuer.names), ...subjects.flatMap(([names]) => Object.values(names))];
    expect(everyText.flatMap((t) => [...missingGlyphs(t, false), ...missingGlyphs(t, true)])).toEqual([]);

    const pdf = await renderCertificatePdf(input);
    // Extracted text, as poppler puts right-to-left glyphs back in reading order (it splits words
    // at a zero-width non-joiner and reorders the lam-alef ligature, so the samples avoid both).
    const text = pdfText(pdf);
    for (const s of [...expected, 'Certificate of results', input.learner.nameLatin]) expect(text).toContain(s);
    const pages = rasterise(pdf, `certificate-${lang}-en`);
    const decoded = (await Promise.all(pages.map((p) => decodeAllQr(p)))).flat();
    expect(decoded.sort()).toEqual([...seals].sort());
  });
});

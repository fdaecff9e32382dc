import PDFDocument from 'pdfkit';
import { CertificateError } from './certificate-error.ts';
import { loadFonts } from './lib/load-fonts.ts';
import { Typesetter } from './lib/typesetter.ts';
import type { Align, Direction, TextStyle } from './lib/typesetter.ts';
import { isRtlLanguage, messagesFor } from './messages.ts';
import type { CertificateMessageKey } from './messages.ts';
import { CertificateInputSchema } from './z-certificate-input.ts';
import type { CertificateAchievement, CertificateInput, ParsedCertificateInput } from './z-certificate-input.ts';

const MM = 72 / 25.4;
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const X0 = 54;
const X1 = PAGE_W - 54;
const W = X1 - X0;
const TOP = 50;
// A seal is printed 42 mm wide (35 mm is the floor): a version-15 QR then has modules of
// ~0.5 mm, which phone cameras read from paper at arm's length.
const SEAL = 42 * MM;
const SEAL_PAD = 6;
const SEAL_GAP = 22;
const INK = '#14264a';
const ACCENT = '#8a6a1f';
const MUTED = '#5b6270';
const RULE = '#c9b98f';

/**
 * Renders a printable A4 certificate of results with one QR seal per achievement, laid out in the
 * issuer's languages (order = prominence; Arabic and Persian right to left), fonts embedded from
 * npm packages so that any machine renders the same document.
 *
 * @throws CertificateError INVALID_INPUT | INVALID_SEAL_PNG | FONT_MISSING
 * @example
 * const pdf = await renderCertificatePdf({ issuer, languages: ['ar', 'en'], learner, session,
 *   achievements: [{ code: 'MATH-12', names: { ar: 'الرياضيات', en: 'Mathematics' }, result: 'A', sealPng }],
 *   issuedAt: '2025-07-01' });
 */
export async function renderCertificatePdf(input: CertificateInput): Promise<Uint8Array> {
  const parsed = CertificateInputSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: `$.${i.path.join('.')}`, message: i.message }));
    const first = issues[0];
    throw new CertificateError('INVALID_INPUT', `certificate input: ${first?.message ?? 'invalid'} at ${first?.path ?? '$'}`, issues);
  }
  return new CertificateLayout(parsed.data).render();
}

class CertificateLayout {
  private readonly doc: PDFKit.PDFDocument;
  private readonly ts: Typesetter;
  private readonly labelLangs: string[];
  private readonly ltrLangs: string[];
  private readonly rtlLangs: string[];
  private readonly primaryRtl: boolean;
  private y = TOP;
  private bottom = PAGE_H - 110;

  constructor(private readonly input: ParsedCertificateInput) {
    const withMessages = input.languages.filter((l) => messagesFor(l) !== undefined);
    this.labelLangs = withMessages.length > 0 ? withMessages : ['en'];
    this.ltrLangs = this.labelLangs.filter((l) => !isRtlLanguage(l));
    this.rtlLangs = this.labelLangs.filter((l) => isRtlLanguage(l));
    this.primaryRtl = isRtlLanguage(input.languages[0] ?? 'en');
    const issuedAt = new Date(input.issuedAt);
    this.doc = new PDFDocument({
      size: 'A4',
      autoFirstPage: false,
      bufferPages: true,
      lang: input.languages[0],
      displayTitle: true,
      info: {
        Title: `${this.msg('en', 'certificateOfResults')} — ${input.learner.nameLatin}`,
        Author: this.issuerName(input.languages[0] ?? 'en'),
        Subject: `${input.session} (${input.issuer.country})`,
        Producer: 'Learning Passport',
        Creator: 'Learning Passport',
        // The document's date is the issue date, not the print run's (reprints keep it).
        CreationDate: Number.isNaN(issuedAt.getTime()) ? new Date(0) : issuedAt,
      },
    });
    this.ts = new Typesetter(this.doc, loadFonts());
    this.bottom = PAGE_H - 52 - this.footerHeight();
  }

  async render(): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    const done = new Promise<Uint8Array>((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      this.doc.on('error', reject);
    });
    this.newPage();
    this.header();
    this.title();
    this.details();
    this.achievementTable();
    this.seals();
    if (this.input.pickupCode) this.pickup(this.input.pickupCode);
    this.footers();
    this.doc.end();
    return done;
  }

  // ---- text helpers ----

  private msg(lang: string, key: CertificateMessageKey): string {
    return (messagesFor(lang) ?? messagesFor('en'))?.[key] ?? key;
  }

  private dir(lang: string): Direction {
    return isRtlLanguage(lang) ? 'rtl' : 'ltr';
  }

  private align(lang: string): Align {
    return isRtlLanguage(lang) ? 'right' : 'left';
  }

  private localized(names: Record<string, string>, lang: string): string | undefined {
    return names[lang] ?? names[lang.split('-')[0] ?? lang];
  }

  private issuerName(lang: string): string {
    return this.localized(this.input.issuer.names, lang) ?? Object.values(this.input.issuer.names)[0] ?? '';
  }

  /** Labels of the left-to-right languages joined, and of the right-to-left ones. */
  private labels(key: CertificateMessageKey): { ltr: string; rtl: string } {
    return {
      ltr: this.ltrLangs.map((l) => this.msg(l, key)).join(' / '),
      rtl: this.rtlLangs.map((l) => this.msg(l, key)).join(' / '),
    };
  }

  private rule(y: number, color = RULE, width = 0.8): void {
    this.doc.moveTo(X0, y).lineTo(X1, y).lineWidth(width).strokeColor(color).stroke();
  }

  // ---- pages ----

  private newPage(): void {
    this.doc.addPage({ size: 'A4', margin: 0 });
    const pageNo = this.doc.bufferedPageRange().count;
    this.frame();
    if (this.input.demo) this.demoMarks();
    this.y = TOP;
    if (this.input.demo) this.y += 26;
    if (pageNo > 1) this.continuationHeader();
  }

  private frame(): void {
    const d = this.doc;
    d.save();
    d.rect(22, 22, PAGE_W - 44, PAGE_H - 44).lineWidth(2.2).strokeColor(INK).stroke();
    d.rect(28, 28, PAGE_W - 56, PAGE_H - 56).lineWidth(0.6).strokeColor(ACCENT).stroke();
    d.restore();
  }

  /** A diagonal watermark under all content and a banner, so a demo can never pass for real. */
  private demoMarks(): void {
    const d = this.doc;
    const text = 'DEMO — NOT A REAL CERTIFICATE';
    d.save();
    d.rotate(-55, { origin: [PAGE_W / 2, PAGE_H / 2] });
    d.fillOpacity(0.13);
    d.font('latinBold').fontSize(46).fillColor('#c0392b');
    const w = d.widthOfString(text);
    d.text(text, PAGE_W / 2 - w / 2, PAGE_H / 2 - 23, { lineBreak: false });
    d.restore();
    d.save();
    d.rect(28, 28, PAGE_W - 56, 22).fill('#c0392b');
    d.restore();
    this.ts.line(text, X0, 30, W, 'center', { size: 11, bold: true, color: '#ffffff' }, 'ltr');
  }

  private continuationHeader(): void {
    const lang = this.input.languages[0] ?? 'en';
    const text = `${this.issuerName(lang)} — ${this.input.learner.nameAsWritten} — ${this.input.learner.nameLatin}`;
    this.ts.line(text, X0, this.y, W, 'center', { size: 10, color: MUTED }, this.dir(lang));
    this.y += 22;
    this.rule(this.y);
    this.y += 14;
  }

  private ensure(height: number): boolean {
    if (this.y + height <= this.bottom) return false;
    this.newPage();
    return true;
  }

  // ---- blocks ----

  private header(): void {
    const seen = new Set<string>();
    this.input.languages.forEach((lang, i) => {
      const name = this.localized(this.input.issuer.names, lang);
      if (!name || seen.has(name)) return;
      seen.add(name);
      const style: TextStyle = i === 0 ? { size: 17, bold: true, color: INK } : { size: 12.5, color: INK };
      this.ts.line(name, X0, this.y, W, 'center', style, this.dir(lang));
      this.y += this.ts.lineHeight(style) * (i === 0 ? 1 : 0.95);
    });
    this.y += 4;
    this.ornament(this.y);
    this.y += 14;
  }

  private ornament(y: number): void {
    const d = this.doc;
    const cx = PAGE_W / 2;
    d.moveTo(X0 + 40, y).lineTo(cx - 10, y).moveTo(cx + 10, y).lineTo(X1 - 40, y).lineWidth(0.8).strokeColor(RULE).stroke();
    d.save();
    d.moveTo(cx, y - 4).lineTo(cx + 5, y).lineTo(cx, y + 4).lineTo(cx - 5, y).closePath().fill(ACCENT);
    d.restore();
  }

  private title(): void {
    this.labelLangs.forEach((lang, i) => {
      const style: TextStyle = i === 0 ? { size: 24, bold: true, color: ACCENT } : { size: 15, color: ACCENT };
      this.ts.line(this.msg(lang, 'certificateOfResults'), X0, this.y, W, 'center', style, this.dir(lang));
      this.y += this.ts.lineHeight(style) * (i === 0 ? 1.0 : 0.95);
    });
    this.y += 4;
  }

  /** A row: left-to-right labels at the left, right-to-left labels at the right, the value between. */
  private labelledRow(key: CertificateMessageKey, drawValue: (x: number, top: number, width: number) => number): void {
    const { ltr, rtl } = this.labels(key);
    const labelW = 130;
    const top = this.y;
    const labelStyle: TextStyle = { size: 9.5, color: MUTED };
    const rtlLabelStyle: TextStyle = { size: 11, color: MUTED };
    const h = drawValue(X0 + labelW, top, W - 2 * labelW);
    const labelTop = top + Math.max(0, (h - this.ts.lineHeight(rtlLabelStyle)) / 2);
    if (ltr) this.ts.line(ltr, X0, labelTop + 1.5, labelW - 6, 'left', labelStyle, 'ltr');
    if (rtl) this.ts.line(rtl, X1 - labelW + 6, labelTop, labelW - 6, 'right', rtlLabelStyle, 'rtl');
    this.y = top + h + 6;
    this.doc.moveTo(X0, this.y - 3).lineTo(X1, this.y - 3).lineWidth(0.4).strokeColor('#e3dccb').stroke();
  }

  private details(): void {
    const { learner, session } = this.input;
    this.labelledRow('learner', (x, top, width) => {
      const written: TextStyle = { size: 20, bold: true, color: INK };
      const latin: TextStyle = { size: 15, bold: true, color: INK };
      this.ts.line(learner.nameAsWritten, x, top, width, 'center', written, 'auto');
      const h1 = this.ts.lineHeight(written);
      if (learner.nameLatin !== learner.nameAsWritten) {
        this.ts.line(learner.nameLatin, x, top + h1, width, 'center', latin, 'ltr');
        return h1 + this.ts.lineHeight(latin);
      }
      return h1;
    });
    const value: TextStyle = { size: 12, color: INK };
    const plain = (text: string) => (x: number, top: number, width: number) => {
      this.ts.line(text, x, top, width, 'center', value, 'auto');
      return this.ts.lineHeight(value);
    };
    if (learner.dateOfBirth) this.labelledRow('dateOfBirth', plain(learner.dateOfBirth.slice(0, 10)));
    if (learner.candidateNumber) this.labelledRow('candidateNumber', plain(learner.candidateNumber));
    this.labelledRow('session', plain(session));
    this.y += 8;
  }

  /** Column boxes of the results table, mirrored when the most prominent language is right to left. */
  private columns(): { code: [number, number]; subject: [number, number]; result: [number, number] } {
    const codeW = 78;
    const resultW = 120;
    if (this.primaryRtl) {
      return { result: [X0, resultW], subject: [X0 + resultW, W - codeW - resultW], code: [X1 - codeW, codeW] };
    }
    return { code: [X0, codeW], subject: [X0 + codeW, W - codeW - resultW], result: [X1 - resultW, resultW] };
  }

  private tableHeader(): void {
    const cols = this.columns();
    const style: TextStyle = { size: 8.5, bold: true, color: '#ffffff' };
    const rowH = this.labelLangs.length * this.ts.lineHeight(style) + 8;
    this.doc.save();
    this.doc.rect(X0, this.y, W, rowH).fill(INK);
    this.doc.restore();
    const cell = (key: CertificateMessageKey, [x, w]: [number, number], center: boolean) => {
      this.labelLangs.forEach((lang, i) => {
        const align: Align = center ? 'center' : this.primaryRtl ? 'right' : 'left';
        this.ts.line(this.msg(lang, key), x + 6, this.y + 4 + i * this.ts.lineHeight(style), w - 12, align, style, this.dir(lang));
      });
    };
    cell('code', cols.code, true);
    cell('subject', cols.subject, false);
    cell('result', cols.result, true);
    this.y += rowH;
  }

  private achievementTable(): void {
    this.ensure(80);
    this.tableHeader();
    const cols = this.columns();
    this.input.achievements.forEach((a, index) => {
      const nameLines = this.input.languages
        .map((lang) => ({ lang, text: this.localized(a.names, lang) }))
        .filter((n): n is { lang: string; text: string } => n.text !== undefined);
      if (nameLines.length === 0) nameLines.push({ lang: 'und', text: Object.values(a.names)[0] ?? a.code });
      const labelLines = this.input.languages
        .map((lang) => ({ lang, text: a.resultLabel ? this.localized(a.resultLabel, lang) : undefined }))
        .filter((n): n is { lang: string; text: string } => n.text !== undefined);
      const nameStyle = (i: number): TextStyle => (i === 0 ? { size: 11.5, bold: true, color: INK } : { size: 10, color: INK });
      const resultStyle: TextStyle = { size: 14, bold: true, color: INK };
      const labelStyle: TextStyle = { size: 8.5, color: MUTED };
      // The award date under the names, once for the left-to-right labels and once for the
      // right-to-left ones: a 2012 result digitised today must not read as awarded today.
      const awardedStyle: TextStyle = { size: 8.5, color: MUTED };
      const awarded = a.awardedDate?.slice(0, 10);
      const awardedLines = awarded === undefined ? [] : (() => {
        const { ltr, rtl } = this.labels('awarded');
        return [...(ltr ? [{ text: `${ltr}: ${awarded}`, dir: 'ltr' as Direction }] : []), ...(rtl ? [{ text: `${rtl}: ${awarded}`, dir: 'rtl' as Direction }] : [])];
      })();
      const namesH = nameLines.reduce((h, _, i) => h + this.ts.lineHeight(nameStyle(i)), 0) + awardedLines.length * this.ts.lineHeight(awardedStyle);
      const resultH = this.ts.lineHeight(resultStyle) + labelLines.length * this.ts.lineHeight(labelStyle);
      const rowH = Math.max(namesH, resultH, 24) + 10;
      if (this.ensure(rowH)) this.tableHeader();
      const top = this.y;
      if (index % 2 === 1) {
        this.doc.save();
        this.doc.rect(X0, top, W, rowH).fill('#f6f2e8');
        this.doc.restore();
      }
      const [cx, cw] = cols.code;
      this.ts.line(a.code, cx + 4, top + (rowH - this.ts.lineHeight({ size: 9.5 })) / 2, cw - 8, 'center', { size: 9.5, color: MUTED }, 'ltr');
      const [sx, sw] = cols.subject;
      let ny = top + (rowH - namesH) / 2;
      nameLines.forEach((n, i) => {
        const dir: Direction = n.lang === 'und' ? 'auto' : this.dir(n.lang);
        // One edge for every language in the cell (the prominent language's), so the names read as a unit.
        this.ts.line(n.text, sx + 8, ny, sw - 16, this.primaryRtl ? 'right' : 'left', nameStyle(i), dir);
        ny += this.ts.lineHeight(nameStyle(i));
      });
      for (const l of awardedLines) {
        this.ts.line(l.text, sx + 8, ny, sw - 16, this.primaryRtl ? 'right' : 'left', awardedStyle, l.dir);
        ny += this.ts.lineHeight(awardedStyle);
      }
      const [rx, rw] = cols.result;
      let ry = top + (rowH - resultH) / 2;
      this.ts.line(a.result, rx + 4, ry, rw - 8, 'center', resultStyle, 'auto');
      ry += this.ts.lineHeight(resultStyle);
      for (const l of labelLines) {
        this.ts.line(l.text, rx + 4, ry, rw - 8, 'center', labelStyle, this.dir(l.lang));
        ry += this.ts.lineHeight(labelStyle);
      }
      this.y = top + rowH;
      this.doc.moveTo(X0, this.y).lineTo(X1, this.y).lineWidth(0.4).strokeColor('#d8cfb8').stroke();
    });
    this.y += 12;
  }

  private pickup(code: string): void {
    const instr: TextStyle = { size: 8.5, color: MUTED };
    const innerW = W - 24;
    const heights = this.labelLangs.map((l) => this.ts.wrap(this.msg(l, 'pickupInstruction'), innerW, instr, this.dir(l)).length * this.ts.lineHeight(instr));
    // Tracking keeps look-alike characters apart when the code is typed from paper; it is spacing,
    // not inserted characters, so copying the code from the PDF gives the code itself.
    const codeStyle: TextStyle = { size: 16, bold: true, color: INK, tracking: 2.5 };
    const boxH = 14 + this.ts.lineHeight(codeStyle) + heights.reduce((a, b) => a + b, 0) + 8;
    this.ensure(boxH + 10);
    const top = this.y;
    this.doc.save();
    this.doc.roundedRect(X0, top, W, boxH, 6).lineWidth(1).dash(4, { space: 3 }).strokeColor(ACCENT).stroke();
    this.doc.undash();
    this.doc.restore();
    const { ltr, rtl } = this.labels('pickupCode');
    const labelW = 150;
    const rowTop = top + 8;
    const codeTop = rowTop;
    if (ltr) this.ts.line(ltr, X0 + 12, codeTop + 5, labelW, 'left', { size: 9.5, bold: true, color: ACCENT }, 'ltr');
    if (rtl) this.ts.line(rtl, X1 - 12 - labelW, codeTop + 3, labelW, 'right', { size: 11, bold: true, color: ACCENT }, 'rtl');
    this.ts.line(code, X0 + labelW, codeTop, W - 2 * labelW, 'center', codeStyle, 'ltr');
    let y = codeTop + this.ts.lineHeight(codeStyle) + 2;
    this.labelLangs.forEach((l, i) => {
      this.ts.paragraph(this.msg(l, 'pickupInstruction'), X0 + 12, y, innerW, this.align(l), instr, this.dir(l));
      y += heights[i] ?? 0;
    });
    this.y = top + boxH + 16;
  }

  private seals(): void {
    const captionStyle: TextStyle = { size: 9, bold: true, color: INK };
    const subStyle: TextStyle = { size: 8.5, color: MUTED };
    const cellW = SEAL + 2 * SEAL_PAD;
    const cellH = cellW + this.ts.lineHeight(captionStyle) + this.ts.lineHeight(subStyle) + 8;
    const perRow = Math.max(1, Math.floor((W + SEAL_GAP) / (cellW + SEAL_GAP)));
    const headingH = 22;
    const achievements = this.input.achievements;
    let i = 0;
    while (i < achievements.length) {
      const rowItems = achievements.slice(i, i + perRow);
      const needHeading = i === 0;
      if (this.ensure(cellH + (needHeading ? headingH : 0)) || needHeading) this.sealHeading();
      const rowW = rowItems.length * cellW + (rowItems.length - 1) * SEAL_GAP;
      const startX = X0 + (W - rowW) / 2;
      rowItems.forEach((a, k) => {
        // Right-to-left certificates fill each row of seals from the right, like the table.
        const slot = this.primaryRtl ? rowItems.length - 1 - k : k;
        this.seal(a, startX + slot * (cellW + SEAL_GAP), this.y, captionStyle, subStyle);
      });
      this.y += cellH + 10;
      i += perRow;
    }
  }

  private sealHeading(): void {
    const { ltr, rtl } = this.labels('scanToVerify');
    const text = [ltr, rtl].filter((t) => t !== '');
    this.ts.line(text.join('  ·  '), X0, this.y, W, 'center', { size: 10.5, bold: true, color: ACCENT }, this.primaryRtl ? 'rtl' : 'ltr');
    this.y += 22;
  }

  private seal(a: CertificateAchievement, x: number, top: number, captionStyle: TextStyle, subStyle: TextStyle): void {
    const d = this.doc;
    const cellW = SEAL + 2 * SEAL_PAD;
    // White ground and a frame outside the padding: the QR's own quiet zone stays clear of ink.
    d.save();
    d.rect(x, top, cellW, cellW).fill('#ffffff');
    d.rect(x - 0.5, top - 0.5, cellW + 1, cellW + 1).lineWidth(0.6).strokeColor(RULE).stroke();
    d.restore();
    try {
      d.image(Buffer.from(a.sealPng), x + SEAL_PAD, top + SEAL_PAD, { width: SEAL, height: SEAL });
    } catch (cause) {
      throw new CertificateError('INVALID_SEAL_PNG', `seal image of ${a.code} cannot be embedded: ${(cause as Error).message}`);
    }
    let y = top + cellW + 4;
    this.ts.line(a.code, x, y, cellW, 'center', captionStyle, 'ltr');
    y += this.ts.lineHeight(captionStyle);
    const lang = this.input.languages[0] ?? 'en';
    const name = this.localized(a.names, lang) ?? Object.values(a.names)[0] ?? '';
    this.ts.line(name, x, y, cellW, 'center', subStyle, this.dir(lang));
  }

  private footerHeight(): number {
    return 16 + this.labelLangs.length * 12 + 6;
  }

  /** Issue date, the offline-verification line in each language and page numbers, on every page. */
  private footers(): void {
    const range = this.doc.bufferedPageRange();
    const date = this.input.issuedAt.slice(0, 10);
    for (let p = range.start; p < range.start + range.count; p++) {
      this.doc.switchToPage(p);
      let y = PAGE_H - 44 - this.footerHeight();
      this.rule(y - 4, RULE, 0.6);
      const { ltr, rtl } = this.labels('issued');
      const style: TextStyle = { size: 8.5, color: INK };
      if (ltr) this.ts.line(`${ltr}: ${date}`, X0, y, W / 2, 'left', style, 'ltr');
      if (rtl) this.ts.line(`${rtl}: ${date}`, X0 + W / 2, y, W / 2, 'right', { ...style, size: 9.5 }, 'rtl');
      const pageText = `${p - range.start + 1} / ${range.count}`;
      this.ts.line(pageText, X0, y, W, 'center', { size: 8, color: MUTED }, 'ltr');
      y += 16;
      for (const lang of this.labelLangs) {
        this.ts.line(this.msg(lang, 'verifyOffline'), X0, y, W, 'center', { size: isRtlLanguage(lang) ? 8.5 : 7.5, color: MUTED }, this.dir(lang));
        y += 12;
      }
    }
  }
}

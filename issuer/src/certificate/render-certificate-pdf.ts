import PDFDocument from 'pdfkit';
import { renderQrPng } from '@lp/qr/node';
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
// Each seal is printed in its result's row, 36 mm wide (35 mm is the floor): a version-15 QR then
// has modules of ~0.42 mm, which phone cameras read from paper at arm's length, and a school sees
// which seal proves which result. Rows flow from page to page, so no page is left half empty.
const SEAL = 36 * MM;
const SEAL_PAD = 5;
// The pick-up QR holds a short link (QR version 3 to 5): 26 mm reads easily.
const PICKUP_QR = 26 * MM;
const INK = '#14264a';
const ACCENT = '#8a6a1f';
const MUTED = '#5b6270';
const RULE = '#c9b98f';

/**
 * Renders a printable A4 certificate of results with one QR seal per achievement, each in its
 * result's row, laid out in the issuer's languages (order = prominence; Arabic and Persian right
 * to left), fonts embedded from npm packages so that any machine renders the same document. With
 * a pick-up code, a box with the code, the wallet's short address and a QR of the link that
 * redeems it (`pickupUrl`), kept on the page of the last result.
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
  const url = parsed.data.pickupUrl;
  const pickupQr = url !== undefined ? await renderQrPng(url, { scale: 8, margin: 4 }) : undefined;
  return new CertificateLayout(parsed.data, pickupQr).render();
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

  constructor(private readonly input: ParsedCertificateInput, private readonly pickupQr: Uint8Array | undefined) {
    const withMessages = input.languages.filter((l) => messagesFor(l) !== undefined);
    this.labelLangs = withMessages.length > 0 ? withMessages : ['en'];
    this.ltrLangs = this.labelLangs.filter((l) => !isRtlLanguage(l));
    this.rtlLangs = this.labelLangs.filter((l) => isRtlLanguage(l));
    this.primaryRtl = isRtlLanguage(input.languages[0] ?? 'en');
    const issuedAt = new Date(input.issuedAt);
    this.doc = new PDFDocument({
      size: 'A4',
      autoFirstPage: false,
      // No default font: pdfkit would read and parse Helvetica's metrics for every document, and
      // every line is set in an embedded face (the Typesetter) anyway.
      font: '',
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
    const code = this.input.pickupCode;
    // The pick-up box never stands alone on a page: the last result row goes with it.
    this.achievementTable(code ? this.pickupLayout(code).height + 12 : 0);
    if (code) this.pickup(code);
    this.footers();
    this.doc.end();
    return done;
  }

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
      const style: TextStyle = i === 0 ? { size: 16, bold: true, color: INK } : { size: 11.5, color: INK };
      this.ts.line(name, X0, this.y, W, 'center', style, this.dir(lang));
      this.y += this.ts.lineHeight(style) * (i === 0 ? 1 : 0.95);
    });
    this.y += 3;
    this.ornament(this.y);
    this.y += 10;
  }

  private ornament(y: number): void {
    const d = this.doc;
    const cx = PAGE_W / 2;
    d.moveTo(X0 + 40, y).lineTo(cx - 10, y).moveTo(cx + 10, y).lineTo(X1 - 40, y).lineWidth(0.8).strokeColor(RULE).stroke();
    d.save();
    d.moveTo(cx, y - 4).lineTo(cx + 5, y).lineTo(cx, y + 4).lineTo(cx - 5, y).closePath().fill(ACCENT);
    d.restore();
  }


  /** The title in the most prominent language, then the others on one line (each keeps its direction). */
  private title(): void {
    const [first = 'en', ...others] = this.labelLangs;
    const main: TextStyle = { size: 22, bold: true, color: ACCENT };
    this.ts.line(this.msg(first, 'certificateOfResults'), X0, this.y, W, 'center', main, this.dir(first));
    this.y += this.ts.lineHeight(main);
    if (others.length > 0) {
      const sub: TextStyle = { size: 13, color: ACCENT };
      this.ts.line(others.map((l) => this.msg(l, 'certificateOfResults')).join('   ·   '), X0, this.y, W, 'center', sub, this.primaryRtl ? 'rtl' : 'ltr');
      this.y += this.ts.lineHeight(sub);
    }
    this.y += 2;
  }

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
      const written: TextStyle = { size: 19, bold: true, color: INK };
      const latin: TextStyle = { size: 14, bold: true, color: INK };
      this.ts.line(learner.nameAsWritten, x, top, width, 'center', written, 'auto');
      const h1 = this.ts.lineHeight(written);
      if (learner.nameLatin !== learner.nameAsWritten) {
        this.ts.line(learner.nameLatin, x, top + h1, width, 'center', latin, 'ltr');
        return h1 + this.ts.lineHeight(latin);
      }
      return h1;
    });
    // Date of birth, candidate number and session side by side: one row instead of three keeps
    // the results (and their seals) on the first page.
    const cells: [CertificateMessageKey, string][] = [];
    if (learner.dateOfBirth) cells.push(['dateOfBirth', learner.dateOfBirth.slice(0, 10)]);
    if (learner.candidateNumber) cells.push(['candidateNumber', learner.candidateNumber]);
    cells.push(['session', session]);
    const ltrStyle: TextStyle = { size: 8, color: MUTED };
    const rtlStyle: TextStyle = { size: 9, color: MUTED };
    const value: TextStyle = { size: 11.5, bold: true, color: INK };
    const cellW = W / cells.length;
    const top = this.y;
    let h = 0;
    cells.forEach(([key, text], i) => {
      const slot = this.primaryRtl ? cells.length - 1 - i : i;
      const x = X0 + slot * cellW;
      const { ltr, rtl } = this.labels(key);
      let y = top;
      // Both groups of labels on one line, each half of the cell (the script's own side).
      if (ltr && rtl) {
        const half = (cellW - 8) / 2;
        this.ts.line(ltr, this.primaryRtl ? x + 4 + half : x + 4, y + 1, half - 3, this.primaryRtl ? 'left' : 'right', ltrStyle, 'ltr');
        this.ts.line(rtl, this.primaryRtl ? x + 4 : x + 4 + half + 3, y, half - 3, this.primaryRtl ? 'right' : 'left', rtlStyle, 'rtl');
      } else if (ltr || rtl) {
        this.ts.line(ltr || rtl, x + 4, y, cellW - 8, 'center', ltr ? ltrStyle : rtlStyle, ltr ? 'ltr' : 'rtl');
      }
      y += this.ts.lineHeight(rtl ? rtlStyle : ltrStyle);
      this.ts.line(text, x + 4, y, cellW - 8, 'center', value, 'auto');
      y += this.ts.lineHeight(value);
      h = Math.max(h, y - top);
    });
    this.y = top + h + 4;
    this.rule(this.y, '#e3dccb', 0.4);
    this.y += 10;
  }

  /** Column boxes of the results table, mirrored when the most prominent language is right to left. */
  private columns(): { code: [number, number]; subject: [number, number]; result: [number, number]; seal: [number, number] } {
    const codeW = 66;
    const resultW = 92;
    const sealW = SEAL + 2 * SEAL_PAD + 8;
    const subjectW = W - codeW - resultW - sealW;
    if (this.primaryRtl) {
      return { seal: [X0, sealW], result: [X0 + sealW, resultW], subject: [X0 + sealW + resultW, subjectW], code: [X1 - codeW, codeW] };
    }
    return { code: [X0, codeW], subject: [X0 + codeW, subjectW], result: [X0 + codeW + subjectW, resultW], seal: [X1 - sealW, sealW] };
  }

  /** Column titles: the left-to-right languages on one line, the right-to-left ones on another. */
  private tableHeader(): void {
    const cols = this.columns();
    const style: TextStyle = { size: 8.5, bold: true, color: '#ffffff' };
    const groups = [this.ltrLangs, this.rtlLangs].filter((g) => g.length > 0);
    const rowH = groups.length * this.ts.lineHeight(style) + 8;
    this.doc.save();
    this.doc.rect(X0, this.y, W, rowH).fill(INK);
    this.doc.restore();
    const cell = (key: CertificateMessageKey, [x, w]: [number, number], center: boolean) => {
      groups.forEach((langs, i) => {
        const align: Align = center ? 'center' : this.primaryRtl ? 'right' : 'left';
        const dir = this.dir(langs[0] ?? 'en');
        this.ts.line(langs.map((l) => this.msg(l, key)).join(' / '), x + 6, this.y + 4 + i * this.ts.lineHeight(style), w - 12, align, style, dir);
      });
    };
    cell('code', cols.code, true);
    cell('subject', cols.subject, false);
    cell('result', cols.result, true);
    cell('scanToVerify', cols.seal, true);
    this.y += rowH;
  }

  /** One row per result: code, names in every language, result with its scale, and its seal. */
  private achievementTable(keepWithLast: number): void {
    this.ensure(80);
    this.tableHeader();
    const cols = this.columns();
    const nameStyle = (i: number): TextStyle => (i === 0 ? { size: 11, bold: true, color: INK } : { size: 9.5, color: INK });
    const resultStyle: TextStyle = { size: 15, bold: true, color: INK };
    const labelStyle: TextStyle = { size: 8, color: MUTED };
    const sealCell = SEAL + 2 * SEAL_PAD;
    const last = this.input.achievements.length - 1;
    this.input.achievements.forEach((a, index) => {
      const [sx, sw] = cols.subject;
      const [rx, rw] = cols.result;
      const names = this.input.languages
        .map((lang) => ({ lang, text: this.localized(a.names, lang) }))
        .filter((n): n is { lang: string; text: string } => n.text !== undefined);
      if (names.length === 0) names.push({ lang: 'und', text: Object.values(a.names)[0] ?? a.code });
      const nameLines = names.flatMap((n, i) => {
        const dir: Direction = n.lang === 'und' ? 'auto' : this.dir(n.lang);
        return this.ts.wrap(n.text, sw - 16, nameStyle(i), dir).map((text) => ({ text, dir, style: nameStyle(i) }));
      });
      const labelLines = this.input.languages
        .map((lang) => ({ lang, text: a.resultLabel ? this.localized(a.resultLabel, lang) : undefined }))
        .filter((n): n is { lang: string; text: string } => n.text !== undefined)
        .flatMap((n) => this.ts.wrap(n.text, rw - 8, labelStyle, this.dir(n.lang)).map((text) => ({ text, dir: this.dir(n.lang) })));
      // The award date under the names, once for the left-to-right labels and once for the
      // right-to-left ones: a 2012 result digitised today must not read as awarded today.
      const awardedStyle: TextStyle = { size: 8.5, color: MUTED };
      const awarded = a.awardedDate?.slice(0, 10);
      const awardedLines = awarded === undefined ? [] : (() => {
        const { ltr, rtl } = this.labels('awarded');
        return [...(ltr ? [{ text: `${ltr}: ${awarded}`, dir: 'ltr' as Direction }] : []), ...(rtl ? [{ text: `${rtl}: ${awarded}`, dir: 'rtl' as Direction }] : [])];
      })();
      const namesH = nameLines.reduce((h, l) => h + this.ts.lineHeight(l.style), 0) + awardedLines.length * this.ts.lineHeight(awardedStyle);
      const resultH = this.ts.lineHeight(resultStyle) + labelLines.length * this.ts.lineHeight(labelStyle);
      const rowH = Math.max(namesH, resultH, sealCell) + 6;
      if (this.ensure(rowH + (index === last ? keepWithLast : 0))) this.tableHeader();
      const top = this.y;
      if (index % 2 === 1) {
        this.doc.save();
        this.doc.rect(X0, top, W, rowH).fill('#f6f2e8');
        this.doc.restore();
      }
      const [cx, cw] = cols.code;
      this.ts.line(a.code, cx + 4, top + (rowH - this.ts.lineHeight({ size: 9.5 })) / 2, cw - 8, 'center', { size: 9.5, color: MUTED }, 'ltr');
      let ny = top + (rowH - namesH) / 2;
      for (const l of nameLines) {
        // One edge for every language in the cell (the prominent language's), so the names read as a unit.
        this.ts.line(l.text, sx + 8, ny, sw - 16, this.primaryRtl ? 'right' : 'left', l.style, l.dir);
        ny += this.ts.lineHeight(l.style);
      }
      for (const l of awardedLines) {
        this.ts.line(l.text, sx + 8, ny, sw - 16, this.primaryRtl ? 'right' : 'left', awardedStyle, l.dir);
        ny += this.ts.lineHeight(awardedStyle);
      }
      let ry = top + (rowH - resultH) / 2;
      this.ts.line(a.result, rx + 4, ry, rw - 8, 'center', resultStyle, 'auto');
      ry += this.ts.lineHeight(resultStyle);
      for (const l of labelLines) {
        this.ts.line(l.text, rx + 4, ry, rw - 8, 'center', labelStyle, l.dir);
        ry += this.ts.lineHeight(labelStyle);
      }
      const [qx, qw] = cols.seal;
      this.seal(a, qx + (qw - sealCell) / 2, top + (rowH - sealCell) / 2);
      this.y = top + rowH;
      this.doc.moveTo(X0, this.y).lineTo(X1, this.y).lineWidth(0.4).strokeColor('#d8cfb8').stroke();
    });
    this.y += 12;
  }

  private seal(a: CertificateAchievement, x: number, top: number): void {
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
  }

  /**
   * Where everything in the pick-up box goes: the labels on their own line, the code on its own
   * line below them (never beside a label it could run into), the wallet's short address, and
   * the instructions in each language; the QR of the link beside them.
   */
  private pickupLayout(code: string) {
    const qr = this.pickupQr !== undefined ? PICKUP_QR + 8 : 0;
    const textX = this.primaryRtl ? X0 + 12 : X0 + 12 + (qr > 0 ? qr + 12 : 0);
    const textW = W - 24 - (qr > 0 ? qr + 12 : 0);
    const labelLtr: TextStyle = { size: 9.5, bold: true, color: ACCENT };
    const labelRtl: TextStyle = { size: 11, bold: true, color: ACCENT };
    // No letter spacing: text extractors (pdftotext) read spaced letters as separate words in 10 of
    // 40 codes measured at 2 pt, and a code copied from the PDF must be the code itself. The dashes
    // between groups of four and the size keep it readable from paper.
    const codeStyle: TextStyle = { size: 17, bold: true, color: INK };
    const urlStyle: TextStyle = { size: 10.5, bold: true, color: INK };
    const instr: TextStyle = { size: 8, color: MUTED };
    const url = this.input.pickupUrl !== undefined ? shortUrl(this.input.pickupUrl) : undefined;
    const key: CertificateMessageKey = url !== undefined ? 'pickupInstructionUrl' : 'pickupInstruction';
    const paragraphs = this.labelLangs.map((l) => ({ lang: l, lines: this.ts.wrap(this.msg(l, key), textW, instr, this.dir(l)) }));
    const labelH = this.ts.lineHeight(labelRtl);
    const codeH = this.ts.lineHeight(codeStyle);
    const urlH = url !== undefined ? this.ts.lineHeight(urlStyle) : 0;
    const instrH = paragraphs.reduce((h, p) => h + p.lines.length * this.ts.lineHeight(instr), 0);
    const textH = labelH + codeH + urlH + 4 + instrH;
    const height = Math.max(textH, qr) + 16;
    return { code, qr, textX, textW, labelLtr, labelRtl, codeStyle, urlStyle, instr, url, paragraphs, labelH, codeH, urlH, height };
  }

  private pickup(code: string): void {
    const p = this.pickupLayout(code);
    this.ensure(p.height);
    const top = this.y;
    this.doc.save();
    this.doc.roundedRect(X0, top, W, p.height, 6).lineWidth(1).dash(4, { space: 3 }).strokeColor(ACCENT).stroke();
    this.doc.undash();
    this.doc.restore();
    if (this.pickupQr !== undefined) {
      const qx = this.primaryRtl ? X1 - 12 - p.qr : X0 + 12;
      const qy = top + (p.height - p.qr) / 2;
      this.doc.save();
      this.doc.rect(qx, qy, p.qr, p.qr).fill('#ffffff');
      this.doc.restore();
      this.doc.image(Buffer.from(this.pickupQr), qx + 4, qy + 4, { width: PICKUP_QR, height: PICKUP_QR });
    }
    let y = top + 8;
    const { ltr, rtl } = this.labels('pickupCode');
    // Two halves of one line: the left-to-right labels cannot run into the right-to-left ones.
    if (ltr) this.ts.line(ltr, p.textX, y + 1.5, p.textW * 0.6, 'left', p.labelLtr, 'ltr');
    if (rtl) this.ts.line(rtl, p.textX + p.textW * 0.6, y, p.textW * 0.4, 'right', p.labelRtl, 'rtl');
    y += p.labelH;
    this.ts.line(code, p.textX, y, p.textW, this.primaryRtl ? 'right' : 'left', p.codeStyle, 'ltr');
    y += p.codeH;
    if (p.url !== undefined) {
      this.ts.line(p.url, p.textX, y, p.textW, this.primaryRtl ? 'right' : 'left', p.urlStyle, 'ltr');
      y += p.urlH;
    }
    y += 4;
    for (const para of p.paragraphs) {
      for (const line of para.lines) {
        this.ts.line(line, p.textX, y, p.textW, this.align(para.lang), p.instr, this.dir(para.lang), false);
        y += this.ts.lineHeight(p.instr);
      }
    }
    this.y = top + p.height + 12;
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

/** What a reader types: the host and path of the link, without its scheme and the code in its fragment. */
function shortUrl(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}`.replace(/\/$/, '');
}

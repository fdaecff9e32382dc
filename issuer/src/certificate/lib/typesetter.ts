import { createRequire } from 'node:module';
import type { Bidi } from 'bidi-js';
import { attachFonts } from './attach-fonts.ts';
import type { FontName } from './attach-fonts.ts';
import type { CertificateFonts } from './load-fonts.ts';

// bidi-js is CommonJS whose typings declare an ES default export; requiring it gives the factory
// itself under Node ESM and under jest alike.
const bidi = (createRequire(import.meta.url)('bidi-js') as () => Bidi)();

export type Direction = 'ltr' | 'rtl' | 'auto';
export type Align = 'left' | 'center' | 'right';
export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
  /** Extra space after each character, in points (pdfkit `characterSpacing`). */
  tracking?: number;
}

type Face = 'latin' | 'arabic';

interface Run {
  text: string;
  level: number;
  face: Face;
}

// Arabic, Arabic Supplement, Arabic Extended-A and the presentation forms: Noto Naskh Arabic.
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
// Characters both faces carry: they follow their neighbour so a run is not split at every space.
const SHARED = /[\s0-9.:\u200B-\u200F]/;

// Labels, headings and column titles repeat on every certificate of a run, and a line is measured
// before it is drawn: its runs are worked out once. Bounded like the shaped runs (attach-fonts.ts).
const MAX_CACHED_LINES = 4000;
const visualRunCache = new Map<string, readonly Run[]>();

/**
 * Draws single lines of mixed-script text with pdfkit, which shapes (fontkit applies the Arabic
 * GSUB forms and reverses an Arabic run) but does no bidi: by default it also lays a line out word
 * by word from left to right, which prints 'ليلى أحمد' as 'أحمدليلى'. So each line is split here
 * into runs of one bidi level (UAX #9, via bidi-js) and one font, the runs are put in visual order
 * (UAX #9 rule L2), and each run is handed to fontkit whole (`features: []` makes pdfkit lay out
 * the run as one unit instead of word by word).
 */
export class Typesetter {
  constructor(readonly doc: PDFKit.PDFDocument, fonts: CertificateFonts) {
    attachFonts(doc, fonts);
  }

  /** Height a line of this style takes, including the tall Arabic ascenders and descenders. */
  lineHeight(style: TextStyle): number {
    return style.size * 1.55;
  }

  /** Distance from a line's top to its baseline. */
  ascent(style: TextStyle): number {
    return style.size * 1.05;
  }

  width(text: string, style: TextStyle, dir: Direction = 'auto'): number {
    return this.visualRuns(text, dir).reduce((sum, run) => sum + this.runWidth(run, style), 0);
  }

  /**
   * Draws one line inside [x, x + width] with its top at `top`. When `shrink` is set and the text is
   * too wide, the size is reduced (to at most 40 % smaller) rather than overflowing the box.
   */
  line(text: string, x: number, top: number, width: number, align: Align, style: TextStyle, dir: Direction = 'auto', shrink = true): void {
    const runs = this.visualRuns(text, dir);
    let size = style.size;
    let total = runs.reduce((sum, run) => sum + this.runWidth(run, { ...style, size }), 0);
    if (shrink && total > width) {
      size = Math.max(style.size * 0.6, (style.size * width) / total);
      total = runs.reduce((sum, run) => sum + this.runWidth(run, { ...style, size }), 0);
    }
    const sized = { ...style, size };
    let cursor = align === 'left' ? x : align === 'right' ? x + width - total : x + (width - total) / 2;
    const baseline = top + this.ascent(style);
    for (const run of runs) {
      const font = this.fontName(run.face, sized.bold);
      this.doc
        .font(font)
        .fontSize(size)
        .fillColor(sized.color ?? '#000000')
        .text(run.text, cursor, baseline, { lineBreak: false, baseline: 'alphabetic', features: [], characterSpacing: sized.tracking ?? 0 });
      cursor += this.runWidth(run, sized);
    }
  }

  /** Greedy word wrap in logical order; each returned line is then drawn with `line`. */
  wrap(text: string, width: number, style: TextStyle, dir: Direction = 'auto'): string[] {
    const words = text.split(/\s+/).filter((w) => w.length > 0);
    const lines: string[] = [];
    let current = '';
    for (const word of words) {
      const candidate = current === '' ? word : `${current} ${word}`;
      if (current !== '' && this.width(candidate, style, dir) > width) {
        lines.push(current);
        current = word;
      } else {
        current = candidate;
      }
    }
    if (current !== '') lines.push(current);
    return lines;
  }

  /** Draws a wrapped paragraph; returns the height used. */
  paragraph(text: string, x: number, top: number, width: number, align: Align, style: TextStyle, dir: Direction = 'auto'): number {
    const lines = this.wrap(text, width, style, dir);
    lines.forEach((l, i) => this.line(l, x, top + i * this.lineHeight(style), width, align, style, dir, false));
    return lines.length * this.lineHeight(style);
  }

  private fontName(face: Face, bold: boolean | undefined): FontName {
    return face === 'arabic' ? (bold ? 'arabicBold' : 'arabic') : bold ? 'latinBold' : 'latin';
  }

  private runWidth(run: Run, style: TextStyle): number {
    const tracking = (style.tracking ?? 0) * [...run.text].length;
    return this.doc.font(this.fontName(run.face, style.bold)).fontSize(style.size).widthOfString(run.text, { features: [] }) + tracking;
  }

  /** Splits a line into runs of one level and one face, in visual (left-to-right) order. */
  visualRuns(text: string, dir: Direction): readonly Run[] {
    const key = `${dir}\u0000${text}`;
    let runs = visualRunCache.get(key);
    if (runs === undefined) {
      runs = this.splitRuns(text, dir);
      if (visualRunCache.size >= MAX_CACHED_LINES) visualRunCache.clear();
      visualRunCache.set(key, runs);
    }
    return runs;
  }

  private splitRuns(text: string, dir: Direction): Run[] {
    const chars = [...text];
    if (chars.length === 0) return [];
    // bidi-js indexes UTF-16 code units; map them back to code points.
    const { levels } = bidi.getEmbeddingLevels(text, dir);
    const unitIndex: number[] = [];
    let u = 0;
    for (const c of chars) {
      unitIndex.push(u);
      u += c.length;
    }
    const charLevels = unitIndex.map((i) => levels[i] ?? 0);
    const faces = this.faces(chars, charLevels);

    const logical: Run[] = [];
    chars.forEach((c, i) => {
      const level = charLevels[i] ?? 0;
      const face = faces[i] ?? 'latin';
      // UAX #9 L4: a mirrored glyph (brackets) in a right-to-left run.
      const glyph = level % 2 === 1 ? (bidi.getMirroredCharacter(c) ?? c) : c;
      const last = logical[logical.length - 1];
      if (last && last.level === level && last.face === face) last.text += glyph;
      else logical.push({ text: glyph, level, face });
    });

    // UAX #9 L2: from the highest level down to the lowest odd level, reverse every maximal
    // sequence of runs at that level or higher.
    const maxLevel = Math.max(...logical.map((r) => r.level));
    const minOdd = Math.min(...logical.map((r) => (r.level % 2 === 1 ? r.level : r.level + 1)));
    let visual = logical;
    for (let level = maxLevel; level >= minOdd; level--) {
      const next: Run[] = [];
      let i = 0;
      while (i < visual.length) {
        const run = visual[i] as Run;
        if (run.level < level) {
          next.push(run);
          i++;
          continue;
        }
        let j = i;
        while (j < visual.length && (visual[j] as Run).level >= level) j++;
        next.push(...visual.slice(i, j).reverse());
        i = j;
      }
      visual = next;
    }

    // fontkit reverses a run itself when its script is right-to-left (Arabic); a right-to-left run
    // of neutrals only (spaces, punctuation) is reversed here.
    return visual.map((r) => (r.level % 2 === 1 && !ARABIC.test(r.text) ? { ...r, text: [...r.text].reverse().join('') } : r));
  }

  private faces(chars: string[], levels: number[]): Face[] {
    const own: (Face | undefined)[] = chars.map((c) => (ARABIC.test(c) ? 'arabic' : SHARED.test(c) ? undefined : 'latin'));
    const result: Face[] = [];
    for (let i = 0; i < chars.length; i++) {
      const f = own[i];
      if (f) {
        result.push(f);
        continue;
      }
      const prev = result[i - 1];
      const next = own.slice(i + 1).find((x) => x !== undefined);
      result.push(prev ?? next ?? ((levels[i] ?? 0) % 2 === 1 ? 'arabic' : 'latin'));
    }
    return result;
  }
}

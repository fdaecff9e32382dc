import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as mupdf from 'mupdf';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { decodeQr } from '@lp/qr/node';
import { rasterisePdf } from '../../test/lib/read-pdf.ts';

export { pdfPageCount, pdfText } from '../../test/lib/read-pdf.ts';

export const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'out');

const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** A seal-shaped text: 'LP1:' and ~500 base45 characters (the size DESIGN.md measures for a seal). */
export function fakeSealText(seed: number, length = 500): string {
  let s = 'LP1:';
  for (let i = 0; s.length < length; i++) s += BASE45[(i * 7 + seed * 13 + ((i * i) % 11)) % 45];
  return s;
}

/** QR PNG at error correction M in alphanumeric mode, 4-module quiet zone. */
export async function qrPng(text: string): Promise<Uint8Array> {
  return new Uint8Array(await QRCode.toBuffer([{ data: text, mode: 'alphanumeric' }], { errorCorrectionLevel: 'M', margin: 4, scale: 4 }));
}

/** Rasterises a PDF (MuPDF, WASM) into OUT_DIR/<name>-<page>.png; returns the paths, one per page. */
export function rasterise(pdf: Uint8Array, name: string, dpi = 150): string[] {
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, `${name}.pdf`), pdf);
  return rasterisePdf(pdf, dpi).map((png, i) => {
    const file = join(OUT_DIR, `${name}-${i + 1}.png`);
    writeFileSync(file, png);
    return file;
  });
}

export interface PdfLine {
  /** 1-based page number. */
  page: number;
  text: string;
  /** In points from the page's top left corner. */
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Every line of text with its box, as a reader (mupdf) finds it on each page. */
export function pdfLines(pdf: Uint8Array): PdfLine[] {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const out: PdfLine[] = [];
  for (let p = 0; p < doc.countPages(); p++) {
    const st = JSON.parse(doc.loadPage(p).toStructuredText('preserve-whitespace').asJSON()) as {
      blocks: { lines?: { text: string; bbox: { x: number; y: number; w: number; h: number } }[] }[];
    };
    for (const b of st.blocks) for (const l of b.lines ?? []) out.push({ page: p + 1, text: l.text, ...l.bbox });
  }
  return out;
}

/** Whether two boxes share any area. */
export function overlaps(a: PdfLine, b: PdfLine): boolean {
  return a.page === b.page && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * Decodes every QR code on a page image. jsQR reads one code per image and gives up on a whole page
 * holding several codes and text, so the page is first cut into candidate squares: 8-pixel blocks
 * that are between a fifth and four fifths dark, joined into connected areas, kept when
 * square and at least 120 px wide (a 35 mm seal is 207 px at 150 dpi); text lines are wide and short.
 */
export async function decodeAllQr(pngPath: string): Promise<string[]> {
  const png = PNG.sync.read(readFileSync(pngPath));
  const B = 8;
  const bw = Math.floor(png.width / B);
  const bh = Math.floor(png.height / B);
  const mark = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let dark = 0;
      for (let y = by * B; y < by * B + B; y++) {
        for (let x = bx * B; x < bx * B + B; x++) {
          const i = (y * png.width + x) * 4;
          if ((png.data[i] as number) + (png.data[i + 1] as number) + (png.data[i + 2] as number) < 384) dark++;
        }
      }
      const f = dark / (B * B);
      mark[by * bw + bx] = f > 0.2 && f < 0.8 ? 1 : 0;
    }
  }
  const boxes: [number, number, number, number][] = [];
  const seen = new Uint8Array(bw * bh);
  for (let start = 0; start < mark.length; start++) {
    if (!mark[start] || seen[start]) continue;
    let [x0, y0, x1, y1] = [bw, bh, 0, 0];
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const k = stack.pop() as number;
      const x = k % bw;
      const y = Math.floor(k / bw);
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      for (const n of [k - 1, k + 1, k - bw, k + bw]) {
        if (n < 0 || n >= mark.length || seen[n] || !mark[n]) continue;
        if ((n === k - 1 || n === k + 1) && Math.floor(n / bw) !== y) continue;
        seen[n] = 1;
        stack.push(n);
      }
    }
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    if (w * B >= 120 && h * B >= 120 && w / h > 0.8 && w / h < 1.25) boxes.push([x0, y0, w, h]);
  }
  const found: string[] = [];
  for (const [bx, by, w, h] of boxes) {
    const m = 24;
    const x = Math.max(0, bx * B - m);
    const y = Math.max(0, by * B - m);
    const cw = Math.min(png.width - x, w * B + 2 * m);
    const ch = Math.min(png.height - y, h * B + 2 * m);
    const crop = new Uint8ClampedArray(cw * ch * 4);
    for (let r = 0; r < ch; r++) crop.set(png.data.subarray(((y + r) * png.width + x) * 4, ((y + r) * png.width + x + cw) * 4), r * cw * 4);
    // The product's decoder (zxing-wasm, then jsQR): jsQR alone misses an occasional printed seal.
    try {
      found.push((await decodeQr({ data: crop, width: cw, height: ch })).text);
    } catch {
      // not a QR code after all (a logo, a dense block of text)
    }
  }
  return found;
}

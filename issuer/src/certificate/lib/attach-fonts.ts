import PDFDocument from 'pdfkit';
import type { CertificateFonts } from './load-fonts.ts';

export type FontName = keyof CertificateFonts;

/** The parts of a fontkit run and font that pdfkit's EmbeddedFont uses. */
interface LayoutRun {
  glyphs: unknown[];
  positions: Record<string, number>[];
  advanceWidth: number;
}
/**
 * fontkit keeps one Glyph object per glyph id in `_glyphs`, with the code points of whatever
 * first asked for it; pdfkit writes those code points into the PDF's ToUnicode map. A subset
 * asks for composite glyphs' components with no code points, so a cache shared across documents
 * would make later documents extract such letters as U+FFFD.
 */
interface FontkitFont {
  _glyphs?: Record<number, unknown>;
}
interface PdfkitEmbeddedFont {
  font: FontkitFont;
  layoutRun(text: string, features?: unknown): LayoutRun;
}
type EmbeddedFontClass = new (doc: PDFKit.PDFDocument, font: FontkitFont, id: string) => PdfkitEmbeddedFont;
/** pdfkit's (0.17) font registry inside a document: what `doc.font(name)` looks up. */
interface DocumentFontRegistry {
  _font: PdfkitEmbeddedFont | null;
  _fontFamilies: Record<string, PdfkitEmbeddedFont>;
  _fontCount: number;
}

interface ParsedFace {
  /** The fontkit font, parsed once: its tables (cmap, GSUB, GPOS, glyf…) are decoded on first use and kept. */
  font: FontkitFont;
  EmbeddedFont: EmbeddedFontClass;
  /** Shaped runs by text, shared by every document (positions already in 1/1000 em, never changed by pdfkit). */
  runs: Map<string, LayoutRun>;
}

// Names on certificates are unique to a learner: past this many runs a face's cache starts again,
// so memory stays bounded over a million learners while labels are shaped again only now and then.
const MAX_RUNS = 4000;

const parsed = new WeakMap<Uint8Array, ParsedFace | null>();

/** Parses a face once per process through pdfkit itself, which gives the fontkit font and pdfkit's font class. */
function parse(bytes: Uint8Array): ParsedFace | null {
  let face = parsed.get(bytes);
  if (face !== undefined) return face;
  face = null;
  const probe = new PDFDocument({ autoFirstPage: false });
  probe.font(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const loaded = (probe as unknown as DocumentFontRegistry)._font;
  // Only when pdfkit still has the shape this relies on; otherwise every document parses its fonts.
  if (loaded && typeof loaded.constructor === 'function' && typeof loaded.font === 'object' && typeof loaded.font._glyphs === 'object' && typeof loaded.layoutRun === 'function') {
    face = { font: loaded.font, EmbeddedFont: loaded.constructor as EmbeddedFontClass, runs: new Map() };
  }
  parsed.set(bytes, face);
  return face;
}

/**
 * Makes the certificate's four faces available to `doc` under their names. pdfkit's
 * `registerFont` makes every document parse each font file again with fontkit (the Arabic face's
 * GSUB/GPOS tables are large) and shape every string again; here each face is parsed once per
 * process and each document gets its own pdfkit font object over it, so subsetting stays per
 * document (each PDF embeds only the glyphs it prints) while parsed tables and shaped runs are shared.
 */
export function attachFonts(doc: PDFKit.PDFDocument, fonts: CertificateFonts): void {
  const registry = doc as unknown as DocumentFontRegistry;
  for (const name of Object.keys(fonts) as FontName[]) {
    const bytes = fonts[name];
    doc.registerFont(name, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const face = parse(bytes);
    if (!face || typeof registry._fontCount !== 'number' || typeof registry._fontFamilies !== 'object') continue;
    const embedded = new face.EmbeddedFont(doc, face.font, `F${++registry._fontCount}`);
    const shape = embedded.layoutRun.bind(embedded);
    embedded.layoutRun = (text, features) => {
      const key = features === undefined ? `\u0000${text}` : `${JSON.stringify(features)}\u0000${text}`;
      let run = face.runs.get(key);
      if (run === undefined) {
        // Fresh Glyph objects for each shaping: every glyph of the run carries the code points it
        // was shaped from (as in a document of its own), never those of another document's subset.
        face.font._glyphs = {};
        run = shape(text, features);
        if (face.runs.size >= MAX_RUNS) face.runs.clear();
        face.runs.set(key, run);
      }
      return run;
    };
    // `doc.font(name)` finds a registered name here before it would parse the file.
    registry._fontFamilies[name] = embedded;
  }
}

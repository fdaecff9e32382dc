// PDF pages for tests, from the WASM build of MuPDF on npm (`mupdf`): no poppler (pdftoppm,
// pdftotext, pdfinfo) and nothing from apt. The module loads its .wasm at import (top-level await),
// after which every call is synchronous.
import * as mupdf from 'mupdf';

function open(pdf: Uint8Array): mupdf.Document {
  return mupdf.Document.openDocument(pdf, 'application/pdf');
}

/** Number of pages. */
export function pdfPageCount(pdf: Uint8Array): number {
  const doc = open(pdf);
  try {
    return doc.countPages();
  } finally {
    doc.destroy();
  }
}

/** Each page as a PNG at `dpi` (opaque RGB on white, like pdftoppm -png). */
export function rasterisePdf(pdf: Uint8Array, dpi = 150): Uint8Array[] {
  const doc = open(pdf);
  try {
    const pages: Uint8Array[] = [];
    for (let i = 0; i < doc.countPages(); i++) {
      const page = doc.loadPage(i);
      const pixmap = page.toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceRGB, false, true);
      pages.push(pixmap.asPNG());
      pixmap.destroy();
      page.destroy();
    }
    return pages;
  } finally {
    doc.destroy();
  }
}

/** The text of every page, pages separated by a form feed (as pdftotext does). */
export function pdfText(pdf: Uint8Array): string {
  const doc = open(pdf);
  try {
    const texts: string[] = [];
    for (let i = 0; i < doc.countPages(); i++) {
      const page = doc.loadPage(i);
      const st = page.toStructuredText('preserve-whitespace,inhibit-spaces');
      texts.push(st.asText());
      st.destroy();
      page.destroy();
    }
    return texts.join('\f');
  } finally {
    doc.destroy();
  }
}

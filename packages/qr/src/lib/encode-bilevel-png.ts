import { deflateSync } from 'node:zlib';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

// CRC-32 of PNG chunks (PNG §5.3, ISO 3309 polynomial). zlib.crc32 only exists from Node 20.15.
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/**
 * Encodes a square grid of dark/light cells, each `scale` pixels wide, as a 1-bit greyscale PNG
 * (colour type 0, PNG §11.2.2) without alpha or interlace: a PDF writer embeds such a PNG's
 * compressed data as is (a /FlateDecode image with PNG predictors), where an RGBA PNG has to be
 * decoded and its alpha split off. The first pixel row of each band of cells is written unfiltered
 * and the other `scale - 1` rows with filter Up (PNG §9.2), which makes them all zeros.
 */
export function encodeBilevelPng(dark: (row: number, col: number) => boolean, cells: number, scale: number): Uint8Array {
  const side = cells * scale;
  const rowBytes = Math.ceil(side / 8);
  const raw = new Uint8Array((rowBytes + 1) * side);
  for (let r = 0; r < cells; r++) {
    const first = r * scale * (rowBytes + 1);
    // Filter type None (0) for the band's first row; the bits: 1 = white, 0 = black (greyscale).
    const line = raw.subarray(first + 1, first + 1 + rowBytes);
    line.fill(0xff);
    for (let c = 0; c < cells; c++) {
      if (!dark(r, c)) continue;
      for (let x = c * scale; x < (c + 1) * scale; x++) line[x >> 3] = (line[x >> 3] as number) & ~(0x80 >> (x & 7));
    }
    for (let dy = 1; dy < scale; dy++) raw[first + dy * (rowBytes + 1)] = 2;
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, side);
  view.setUint32(4, side);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filtering, no interlace
  const parts = [SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

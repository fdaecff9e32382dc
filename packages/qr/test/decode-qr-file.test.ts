import { describe, expect, test } from '@jest/globals';
import { DECODE_PIXEL_BUDGET, QrError, decodeImageFile, decodeQrFromFile, encodePng, readImageHeader, renderQrImage } from '../src/node.ts';
import { encodeJpeg, placeOnCanvas, seededRng } from './lib/distort.ts';
import { sealLikeText } from './lib/seal-text.ts';

const seal = sealLikeText(seededRng(3), 400);
const photo = placeOnCanvas(renderQrImage(seal, { scale: 4 }), 420, 380);
// Encoded once: pngjs is far slower under jest's vm than in plain Node.
const png = encodePng(photo);
const jpg = encodeJpeg(photo, 60);

// CRC-32 (PNG §5.5, ISO 3309) so hand-made chunks are valid and only their size is at issue.
function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

/** A PNG that declares width x height RGBA but carries only a few bytes of (bogus) IDAT. */
function pngClaiming(width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width); v.setUint32(4, height);
  ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', new Uint8Array([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** A JPEG whose SOF0 declares width x height, after an APP0 segment and nothing else. */
function jpegClaiming(width: number, height: number): Uint8Array {
  return new Uint8Array([
    0xff, 0xd8,
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
    0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x03,
    0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
    0xff, 0xd9,
  ]);
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try { await p; return undefined; } catch (e) { return e instanceof QrError ? e.code : String(e); }
}

describe('decodeQrFromFile', () => {
  test('PNG file decodes', async () => {
    await expect(decodeQrFromFile(png)).resolves.toEqual({ text: seal, decoder: 'zxing' });
  });

  test('JPEG file (quality 60) decodes', async () => {
    await expect(decodeQrFromFile(jpg)).resolves.toEqual({ text: seal, decoder: 'zxing' });
  });

  test('headers are read without decoding pixels', () => {
    expect(readImageHeader(png)).toEqual({ format: 'png', width: 420, height: 380 });
    expect(readImageHeader(jpg)).toEqual({ format: 'jpeg', width: 420, height: 380 });
  });

  test.each([
    ['PNG', pngClaiming(8000, 6250)],
    ['JPEG', jpegClaiming(8000, 6250)],
  ])('a 50-megapixel %s → IMAGE_TOO_LARGE from its header alone', async (_label, bytes) => {
    expect(bytes.length).toBeLessThan(100);
    expect(await codeOf(decodeQrFromFile(bytes))).toBe('IMAGE_TOO_LARGE');
  });

  test.each([
    ['PNG', pngClaiming(4100, 3100)],
    ['JPEG', jpegClaiming(4100, 3100)],
  ])('with maxPixels at the 12 MP budget, a 12.7 MP %s → IMAGE_TOO_LARGE from its header', async (_label, bytes) => {
    expect(DECODE_PIXEL_BUDGET).toBe(4032 * 3024);
    expect(await codeOf(decodeQrFromFile(bytes, { maxPixels: DECODE_PIXEL_BUDGET }))).toBe('IMAGE_TOO_LARGE');
  });

  test('maxPixels never raises the 40 MP limit', async () => {
    expect(await codeOf(decodeQrFromFile(pngClaiming(8000, 6250), { maxPixels: 1e9 }))).toBe('IMAGE_TOO_LARGE');
  });

  test('a PNG just under the limit is decoded (and found corrupt, as its IDAT is bogus)', async () => {
    expect(await codeOf(decodeQrFromFile(pngClaiming(100, 100)))).toBe('IMAGE_CORRUPT');
  });

  test.each([
    ['empty', new Uint8Array(0), 'UNSUPPORTED_IMAGE'],
    ['random bytes', Uint8Array.from({ length: 500 }, (_, i) => (i * 97 + 13) & 255), 'UNSUPPORTED_IMAGE'],
    ['GIF', new TextEncoder().encode('GIF89a\x01\x00\x01\x00'), 'UNSUPPORTED_IMAGE'],
    ['PNG signature only', png.subarray(0, 8), 'IMAGE_CORRUPT'],
    ['PNG truncated mid-IDAT', png.subarray(0, Math.floor(png.length / 2)), 'IMAGE_CORRUPT'],
    ['PNG with a flipped IDAT byte', (() => { const b = png.slice(); b[60] = b[60]! ^ 0xff; return b; })(), 'IMAGE_CORRUPT'],
    ['JPEG SOI only', new Uint8Array([0xff, 0xd8, 0xff]), 'IMAGE_CORRUPT'],
    ['JPEG truncated to its headers', jpg.subarray(0, 700), 'IMAGE_CORRUPT'],
    ['JPEG declaring 0 height', jpegClaiming(100, 0), 'IMAGE_CORRUPT'],
  ].map(([label, bytes, code]) => ({ label, bytes, code })))('$label → $code', async ({ bytes, code }) => {
    expect(await codeOf(decodeQrFromFile(bytes as Uint8Array))).toBe(code);
  });

  test('decodeImageFile gives RGBA of the declared size', () => {
    const img = decodeImageFile(png);
    expect(img.width * img.height * 4).toBe(img.data.length);
    expect(Object.prototype.toString.call(img.data)).toBe('[object Uint8ClampedArray]');
  });
});

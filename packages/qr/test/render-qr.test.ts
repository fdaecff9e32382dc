import { describe, expect, test } from '@jest/globals';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { createQr } from '../src/lib/create-qr.ts';
import { QrError, decodeQrFromFile, qrVersionFor, renderQrImage, renderQrPng, renderQrSvg, renderQrTerminal } from '../src/node.ts';
import { seededRng } from './lib/distort.ts';
import { sealLikeText } from './lib/seal-text.ts';

const seal = sealLikeText(seededRng(7), 600);

describe('qrVersionFor', () => {
  test('a 600-character seal needs version 15 or less at M', () => {
    expect(seal).toHaveLength(600);
    expect(qrVersionFor(seal, 'M')).toBeLessThanOrEqual(15);
    expect(qrVersionFor(seal)).toBe(qrVersionFor(seal, 'M'));
  });

  test('seal text is encoded as one alphanumeric segment, smaller than byte mode', () => {
    const qr = createQr(seal, 'M');
    expect(qr.segments).toHaveLength(1);
    expect(qr.segments[0]!.mode.id).toBe('Alphanumeric');
    const asBytes = QRCode.create([{ data: new TextEncoder().encode(seal), mode: 'byte' }], { errorCorrectionLevel: 'M' });
    expect(asBytes.version).toBeGreaterThan(qr.version);
  });

  test('higher error correction needs a larger version', () => {
    expect(qrVersionFor(seal, 'L')).toBeLessThan(qrVersionFor(seal, 'H'));
  });

  test.each([
    ['past version 40 at H', 'A'.repeat(2000), 'H'],
    ['longer than any QR code', 'x'.repeat(8000), 'L'],
  ] as const)('TEXT_TOO_LONG %s', (_label, text, ecc) => {
    let error: unknown;
    try { qrVersionFor(text, ecc); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(QrError);
    expect((error as QrError).code).toBe('TEXT_TOO_LONG');
  });
});

describe('renderers', () => {
  test('PNG renders and decodes back to the same text', async () => {
    const png = await renderQrPng(seal, { ecc: 'M', scale: 3, margin: 4 });
    expect(Array.from(png.subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await expect(decodeQrFromFile(png)).resolves.toEqual({ text: seal, decoder: 'zxing' });
  });

  test.each([
    ['seal, scale 6', seal, { scale: 6 }],
    ['seal, scale 3, no quiet zone', seal, { scale: 3, margin: 0 }],
    ['short link, scale 8, ecc Q', 'https://exams.example/wallet#pickup=K7QX-9M2P', { scale: 8, ecc: 'Q' as const }],
    ['one pixel per module', 'LP1:HELLO', { scale: 1, margin: 1 }],
  ])('PNG (%s) is 1-bit greyscale without alpha or interlace, pixel for pixel the RGBA rendering', async (_label, text, opts) => {
    const png = await renderQrPng(text, opts);
    // IHDR: bit depth 1, colour type 0 (greyscale), interlace 0: what a PDF embeds without decoding.
    expect(Array.from(png.subarray(24, 29))).toEqual([1, 0, 0, 0, 0]);
    const decoded = PNG.sync.read(Buffer.from(png));
    const rgba = renderQrImage(text, opts);
    expect([decoded.width, decoded.height]).toEqual([rgba.width, rgba.height]);
    expect(Buffer.compare(decoded.data, Buffer.from(rgba.data.buffer, rgba.data.byteOffset, rgba.data.byteLength))).toBe(0);
  });

  test('SVG is a square document with a quiet zone', async () => {
    const svg = await renderQrSvg('LP1:HELLO', { scale: 5, margin: 4 });
    const size = createQr('LP1:HELLO', 'M').modules.size + 8;
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain(`viewBox="0 0 ${size} ${size}"`);
    expect(svg).toContain(`width="${size * 5}"`);
  });

  test('terminal form uses two module rows per line', async () => {
    const out = await renderQrTerminal('LP1:HELLO', { margin: 2 });
    const lines = out.trimEnd().split('\n');
    const size = createQr('LP1:HELLO', 'M').modules.size + 4;
    expect(lines).toHaveLength(Math.ceil(size / 2));
    for (const line of lines) expect([...line]).toHaveLength(size);
  });

  test('bad render options are API misuse (TypeError)', async () => {
    await expect(renderQrSvg('A', { scale: 0 })).rejects.toThrow(TypeError);
  });
});

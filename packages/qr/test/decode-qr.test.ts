import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { QrError, decodeQr, decodeQrWith, renderQrImage } from '../src/node.ts';
import type { RgbaImage } from '../src/node.ts';
import {
  addNoise, blurImage, jpegReencode, lowerContrast, placeOnCanvas, rotateImage, seededRng, tiltImage,
} from './lib/distort.ts';
import { BASE45, sealLikeText } from './lib/seal-text.ts';

const seal = sealLikeText(seededRng(11), 600);
// A photo-like frame: the seal at 4 px a module on a larger, unevenly lit page.
const photo = placeOnCanvas(renderQrImage(seal, { scale: 4 }), 560, 560);

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try { await p; return undefined; } catch (e) { return e instanceof QrError ? e.code : String(e); }
}

describe('decodeQr round trip', () => {
  test('a 600-character seal decodes with zxing, and jsqr alone reads it too', async () => {
    await expect(decodeQr(photo)).resolves.toEqual({ text: seal, decoder: 'zxing' });
    await expect(decodeQrWith('jsqr', photo)).resolves.toEqual({ text: seal, decoder: 'jsqr' });
  });

  test('property: any base45 text with the LP1: prefix round-trips', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.constantFrom(...BASE45), { minLength: 1, maxLength: 300 }),
      async (chars) => {
        const text = 'LP1:' + chars.join('');
        const { text: out } = await decodeQr(renderQrImage(text, { scale: 2 }));
        expect(out).toBe(text);
      },
    ), { numRuns: 12, seed: 42 });
  });
});

// Each distortion must decode with zxing (the primary decoder). jsqr's rates are in the bench.
const distortions: [string, () => RgbaImage][] = [
  ['rotated 30°', () => rotateImage(photo, 30)],
  ['rotated 90°', () => rotateImage(photo, 90)],
  ['tilted (perspective)', () => tiltImage(photo, 0.25)],
  ['blurred', () => blurImage(photo, 1, 3)],
  ['noisy', () => addNoise(photo, 30, seededRng(5))],
  ['low contrast (0.35 range)', () => lowerContrast(photo, 0.35)],
  ['JPEG quality 40', () => jpegReencode(photo, 40)],
  ['combined', () => jpegReencode(addNoise(blurImage(lowerContrast(tiltImage(rotateImage(photo, 10), 0.15), 0.5), 1, 2), 10, seededRng(3)), 50)],
];

describe('photo distortions (zxing)', () => {
  test.each(distortions)('%s', async (_label, make) => {
    await expect(decodeQrWith('zxing', make())).resolves.toEqual({ text: seal, decoder: 'zxing' });
  });
});

describe('large photos', () => {
  test('a 2400x1800 photo is decoded (downscaled to at most 2000 px first)', async () => {
    const big = placeOnCanvas(renderQrImage(seal, { scale: 10 }), 2400, 1800);
    await expect(decodeQr(big)).resolves.toEqual({ text: seal, decoder: 'zxing' });
  });
});

describe('no QR and bad input', () => {
  test('an image without a QR code → NO_QR_FOUND from both decoders', async () => {
    const blank = addNoise(placeOnCanvas({ data: new Uint8ClampedArray(4 * 4 * 4).fill(255), width: 4, height: 4 }, 200, 150), 20, seededRng(1));
    expect(await codeOf(decodeQr(blank))).toBe('NO_QR_FOUND');
    expect(await codeOf(decodeQrWith('jsqr', blank))).toBe('NO_QR_FOUND');
  });

  test('pixels over 40 MP → IMAGE_TOO_LARGE before any decoding', async () => {
    // The declared size is checked first, so the buffer is never read (and is deliberately tiny).
    const huge = { data: new Uint8ClampedArray(4), width: 8000, height: 6250 };
    expect(await codeOf(decodeQr(huge))).toBe('IMAGE_TOO_LARGE');
  });

  test.each([
    ['data shorter than width*height*4', { data: new Uint8ClampedArray(10), width: 4, height: 4 }],
    ['zero width', { data: new Uint8ClampedArray(0), width: 0, height: 4 }],
    ['fractional size', { data: new Uint8ClampedArray(16), width: 1.5, height: 4 }],
  ])('%s → IMAGE_CORRUPT', async (_label, image) => {
    expect(await codeOf(decodeQr(image))).toBe('IMAGE_CORRUPT');
  });
});

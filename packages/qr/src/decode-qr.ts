import jsqrModule from 'jsqr';
import type { Options as JsqrOptions, QRCode as JsqrCode } from 'jsqr';
import { readBarcodes } from 'zxing-wasm/reader';
import { isZxingConfigured } from './configure-zxing.ts';
import { checkRgbaImage } from './lib/check-image.ts';
import { downscaleImage } from './lib/downscale-image.ts';
import { installImageDataPolyfill } from './lib/install-image-data.ts';
import { QrError } from './qr-error.ts';
import type { RgbaImage } from './rgba-image.ts';

export type QrDecoder = 'zxing' | 'jsqr';

export interface DecodeResult {
  readonly text: string;
  readonly decoder: QrDecoder;
}

// Photos larger than this on their longest side are also tried downscaled: a phone photo of a
// printed seal rarely needs more than ~2000 px, and zxing and jsqr both slow down with area.
const DOWNSCALE_SIDE = 2000;
// jsqr, the fallback, scans every finder-pattern candidate: on a 1600x1600 noise image it took
// 24 s where zxing took 0.36 s (measured, 2 busy cores), so it only ever sees a small copy.
const JSQR_MAX_SIDE = 1000;

type JsqrFn = (data: Uint8ClampedArray, width: number, height: number, options?: JsqrOptions) => JsqrCode | null;
// jsqr is CommonJS with an ES-style `default`; Node ESM, bundlers and TS disagree on which layer
// the default import is, so take whichever is the function.
const jsQR: JsqrFn = (typeof jsqrModule === 'function'
  ? jsqrModule
  : (jsqrModule as { default: unknown }).default) as JsqrFn;

async function zxingRead(image: RgbaImage): Promise<string | undefined> {
  if (!isZxingConfigured()) {
    throw new QrError('DECODER_UNAVAILABLE', 'zxing-wasm is not configured: call configureZxing() (the node entry does it)');
  }
  installImageDataPolyfill();
  let results;
  try {
    results = await readBarcodes(image as ImageData, {
      formats: ['QRCode'],
      tryHarder: true,
      tryRotate: true,
      tryInvert: true,
      maxNumberOfSymbols: 1,
    });
  } catch (e) {
    throw new QrError('DECODER_UNAVAILABLE', 'zxing-wasm failed to load or run', { cause: e });
  }
  const hit = results.find((r) => r.isValid && r.text.length > 0);
  return hit?.text;
}

function jsqrRead(image: RgbaImage): string | undefined {
  const hit = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  return hit !== null && hit.data.length > 0 ? hit.data : undefined;
}

/**
 * The most pixels one decoder pass scans: a 12 MP phone photo (4032x3024). A larger image is
 * downscaled to fit before any decoder sees it, so the work per image is bounded whatever its size.
 */
export const DECODE_PIXEL_BUDGET = 4032 * 3024;

/** The largest side that keeps width x height within `pixels`, for `image`'s aspect ratio. */
function sideWithin(image: RgbaImage, pixels: number): number {
  const longest = Math.max(image.width, image.height);
  const shortest = Math.min(image.width, image.height);
  return Math.floor(Math.sqrt(pixels * (longest / shortest)));
}

/** Candidate images: a large photo downscaled first (fast, usually enough), then at full size (within the budget). */
function candidates(image: RgbaImage, decoder: QrDecoder): RgbaImage[] {
  const full = image.width * image.height > DECODE_PIXEL_BUDGET ? downscaleImage(image, sideWithin(image, DECODE_PIXEL_BUDGET)) : image;
  if (decoder === 'jsqr') return [downscaleImage(full, JSQR_MAX_SIDE)];
  const small = downscaleImage(full, DOWNSCALE_SIDE);
  return small === full ? [full] : [small, full];
}

async function decodeWith(decoders: readonly QrDecoder[], image: RgbaImage): Promise<DecodeResult> {
  checkRgbaImage(image);
  for (const decoder of decoders) {
    for (const candidate of candidates(image, decoder)) {
      const text = decoder === 'zxing' ? await zxingRead(candidate) : jsqrRead(candidate);
      if (text !== undefined) return { text, decoder };
    }
  }
  throw new QrError('NO_QR_FOUND', `no QR code found by ${decoders.join(' or ')}`);
}

/**
 * Decodes a QR code with one named decoder, for comparing decoders (bench). Throws QrError
 * NO_QR_FOUND when it finds none, IMAGE_TOO_LARGE over 40 MP.
 */
export async function decodeQrWith(decoder: QrDecoder, image: RgbaImage): Promise<DecodeResult> {
  return decodeWith([decoder], image);
}

/**
 * Decodes the QR code in an RGBA image (a camera frame or a decoded photo): zxing-wasm first
 * (tryHarder, rotations, inverted codes), jsqr as the fallback on a copy of at most 1000 px.
 * Images over 2000 px are tried downscaled first (measured on a 12 MP photo: zxing 0.19 s at
 * 2000 px against 1.6 s at full size), then at full size, or at DECODE_PIXEL_BUDGET (12 MP) for
 * anything larger. Throws QrError NO_QR_FOUND, IMAGE_TOO_LARGE, IMAGE_CORRUPT, or
 * DECODER_UNAVAILABLE when zxing-wasm was not configured.
 *
 * @example const { text } = await decodeQr(ctx.getImageData(0, 0, w, h))
 */
export async function decodeQr(image: RgbaImage): Promise<DecodeResult> {
  return decodeWith(['zxing', 'jsqr'], image);
}

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

/** Candidate images: a large photo downscaled first (fast, usually enough), then at full size. */
function candidates(image: RgbaImage): RgbaImage[] {
  const small = downscaleImage(image, DOWNSCALE_SIDE);
  return small === image ? [image] : [small, image];
}

async function decodeWith(decoders: readonly QrDecoder[], image: RgbaImage): Promise<DecodeResult> {
  checkRgbaImage(image);
  const images = candidates(image);
  for (const decoder of decoders) {
    for (const candidate of images) {
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
 * (tryHarder, rotations, inverted codes), jsqr as the fallback. Images over 2000 px are tried
 * downscaled first (measured on a 12 MP photo: zxing 0.19 s at 2000 px against 1.6 s at full
 * size), then at full size. Throws QrError NO_QR_FOUND, IMAGE_TOO_LARGE, IMAGE_CORRUPT, or
 * DECODER_UNAVAILABLE when zxing-wasm was not configured.
 *
 * @example const { text } = await decodeQr(ctx.getImageData(0, 0, w, h))
 */
export async function decodeQr(image: RgbaImage): Promise<DecodeResult> {
  return decodeWith(['zxing', 'jsqr'], image);
}

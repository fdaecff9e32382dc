import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { checkImageSize } from './lib/check-image.ts';
import { QrError } from './qr-error.ts';
import { readImageHeader } from './read-image-header.ts';
import { MAX_IMAGE_PIXELS, type RgbaImage } from './rgba-image.ts';

export interface DecodeImageOptions {
  /** Refuse (IMAGE_TOO_LARGE) an image declaring more pixels; default MAX_IMAGE_PIXELS, never above it. */
  readonly maxPixels?: number;
}

/**
 * Node only: decodes PNG or JPEG bytes to RGBA. The declared size is read from the header and
 * checked first, so a 50 MP image is refused (IMAGE_TOO_LARGE) without being inflated. Throws
 * QrError UNSUPPORTED_IMAGE or IMAGE_CORRUPT for other or broken bytes.
 */
export function decodeImageFile(bytes: Uint8Array, opts: DecodeImageOptions = {}): RgbaImage {
  const header = readImageHeader(bytes);
  const maxPixels = Math.min(opts.maxPixels ?? MAX_IMAGE_PIXELS, MAX_IMAGE_PIXELS);
  checkImageSize(header.width, header.height, maxPixels);
  let decoded: { data: Uint8Array; width: number; height: number };
  try {
    if (header.format === 'png') {
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      decoded = PNG.sync.read(buf);
    } else {
      decoded = jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: true,
        maxResolutionInMP: maxPixels / 1e6,
        maxMemoryUsageInMB: 512,
      });
    }
  } catch (e) {
    throw new QrError('IMAGE_CORRUPT', `${header.format.toUpperCase()} could not be decoded`, { cause: e });
  }
  if (decoded.width !== header.width || decoded.height !== header.height
    || decoded.data.length !== decoded.width * decoded.height * 4) {
    throw new QrError('IMAGE_CORRUPT', `${header.format.toUpperCase()} pixels do not match its header`);
  }
  const data = new Uint8ClampedArray(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length);
  return { data, width: decoded.width, height: decoded.height };
}

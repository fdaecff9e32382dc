import { QrError } from '../qr-error.ts';
import { MAX_IMAGE_PIXELS, type RgbaImage } from '../rgba-image.ts';

/** Refuses an image whose declared size is over the limit: called before any pixel is touched. */
export function checkImageSize(width: number, height: number, maxPixels: number = MAX_IMAGE_PIXELS): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new QrError('IMAGE_CORRUPT', `image declares an impossible size ${width}x${height}`);
  }
  if (width * height > maxPixels) {
    throw new QrError('IMAGE_TOO_LARGE', `image of ${width}x${height} is over ${Math.round(maxPixels / 1e5) / 10} megapixels`);
  }
}

// toString tag rather than instanceof: pixel buffers may come from another realm (a worker, jest's vm).
export function checkRgbaImage(image: RgbaImage): void {
  if (image === null || typeof image !== 'object' || Object.prototype.toString.call(image.data) !== '[object Uint8ClampedArray]') {
    throw new TypeError('image must be {data: Uint8ClampedArray, width, height}');
  }
  checkImageSize(image.width, image.height);
  if (image.data.length !== image.width * image.height * 4) {
    throw new QrError('IMAGE_CORRUPT', `pixel data of ${image.data.length} bytes does not match ${image.width}x${image.height} RGBA`);
  }
}

/**
 * An RGBA pixel buffer, row-major, 4 bytes per pixel: the shape of the DOM's ImageData, so a
 * canvas's getImageData() result can be passed as is.
 */
export interface RgbaImage {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** Error correction levels of ISO/IEC 18004 §7.5.1: ~7 %, 15 %, 25 %, 30 % of codewords. */
export type QrEcc = 'L' | 'M' | 'Q' | 'H';

/** The limit on decoded image size: 40 megapixels (a 12 MP phone photo fits thrice). */
export const MAX_IMAGE_PIXELS = 40_000_000;

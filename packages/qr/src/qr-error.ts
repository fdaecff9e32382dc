/**
 * The qr package's one error class. `code` is stable and what tests and callers match on.
 *
 * - NO_QR_FOUND: no decoder found a readable QR code in the image.
 * - IMAGE_TOO_LARGE: the image declares more pixels than MAX_IMAGE_PIXELS (checked before decoding).
 * - UNSUPPORTED_IMAGE: the bytes are neither PNG nor JPEG.
 * - IMAGE_CORRUPT: the bytes look like PNG/JPEG but cannot be read, or pixel data does not match
 *   the declared size.
 * - TEXT_TOO_LONG: the text does not fit in the largest QR version (40) at the chosen level.
 * - DECODER_UNAVAILABLE: zxing-wasm has no local .wasm configured or it failed to load; we never
 *   let zxing-wasm fall back to its CDN.
 */
export type QrErrorCode =
  | 'NO_QR_FOUND'
  | 'IMAGE_TOO_LARGE'
  | 'UNSUPPORTED_IMAGE'
  | 'IMAGE_CORRUPT'
  | 'TEXT_TOO_LONG'
  | 'DECODER_UNAVAILABLE';

export class QrError extends Error {
  override readonly name = 'QrError';
  constructor(
    readonly code: QrErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

import { DECODE_PIXEL_BUDGET, decodeQrFromFile, QrError, type QrErrorCode } from '@lp/qr/node';

/** What one image decoding gives back across the thread boundary: plain data, never a thrown class. */
export type DecodedImage =
  | { readonly ok: true; readonly text: string; readonly decoder: 'zxing' | 'jsqr' }
  | { readonly ok: false; readonly code: QrErrorCode | 'IMAGE_CORRUPT'; readonly message: string };

/**
 * Finds the QR code in PNG or JPEG bytes, within the server's pixel budget: an image declaring
 * more than a 12 MP phone photo is refused from its header (IMAGE_TOO_LARGE) before any pixel is
 * inflated. Runs inside the image pool's worker threads; errors come back as data because a
 * QrError does not survive structured cloning as its class.
 */
export async function decodeSealImage(bytes: Uint8Array): Promise<DecodedImage> {
  try {
    const { text, decoder } = await decodeQrFromFile(bytes, { maxPixels: DECODE_PIXEL_BUDGET });
    return { ok: true, text, decoder };
  } catch (err) {
    if (err instanceof QrError) return { ok: false, code: err.code, message: err.message };
    return { ok: false, code: 'IMAGE_CORRUPT', message: `the image could not be read: ${(err as Error).message}` };
  }
}

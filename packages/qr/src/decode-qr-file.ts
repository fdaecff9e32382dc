import { decodeImageFile, type DecodeImageOptions } from './decode-image-file.ts';
import { decodeQr as decodeQrCore, decodeQrWith as decodeQrWithCore, type DecodeResult, type QrDecoder } from './decode-qr.ts';
import type { RgbaImage } from './rgba-image.ts';
import { useBundledZxing } from './use-bundled-zxing.ts';

/** Node: decodeQr with zxing-wasm configured from node_modules. */
export async function decodeQr(image: RgbaImage): Promise<DecodeResult> {
  useBundledZxing();
  return decodeQrCore(image);
}

/** Node: decodeQrWith with zxing-wasm configured from node_modules. */
export async function decodeQrWith(decoder: QrDecoder, image: RgbaImage): Promise<DecodeResult> {
  useBundledZxing();
  return decodeQrWithCore(decoder, image);
}

/**
 * Node: decodes the QR code in a PNG or JPEG file's bytes. The header's declared size is
 * checked before any pixel is decoded (IMAGE_TOO_LARGE over 40 MP, or `opts.maxPixels`).
 *
 * @example const { text } = await decodeQrFromFile(new Uint8Array(fs.readFileSync('photo.jpg')))
 */
export async function decodeQrFromFile(bytes: Uint8Array, opts: DecodeImageOptions = {}): Promise<DecodeResult> {
  return decodeQr(decodeImageFile(bytes, opts));
}

import { QrError } from './qr-error.ts';

export interface ImageHeader {
  readonly format: 'png' | 'jpeg';
  readonly width: number;
  readonly height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function readPngHeader(bytes: Uint8Array): ImageHeader {
  // PNG §5.2–5.3, §11.2.2: the first chunk is IHDR (length 13), width and height big-endian.
  if (bytes.length < 24) throw new QrError('IMAGE_CORRUPT', 'PNG ends before its IHDR chunk');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!);
  if (type !== 'IHDR' || view.getUint32(8) !== 13) throw new QrError('IMAGE_CORRUPT', 'PNG does not start with an IHDR chunk');
  return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
}

// ITU-T T.81 Table B.1: SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
function isSof(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function readJpegHeader(bytes: Uint8Array): ImageHeader {
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) throw new QrError('IMAGE_CORRUPT', `JPEG marker expected at byte ${i}`);
    const marker = bytes[i + 1]!;
    if (marker === 0xff) { i++; continue; } // fill byte (T.81 §B.1.1.2)
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; } // no length
    if (marker === 0xd9 || marker === 0xda) break; // EOI or SOS before any SOF
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (length < 2) throw new QrError('IMAGE_CORRUPT', 'JPEG segment with a bad length');
    if (isSof(marker)) {
      if (i + 9 > bytes.length) break;
      // SOF: Lf(2) P(1) Y(2) X(2) — height before width (T.81 §B.2.2).
      const height = (bytes[i + 5]! << 8) | bytes[i + 6]!;
      const width = (bytes[i + 7]! << 8) | bytes[i + 8]!;
      return { format: 'jpeg', width, height };
    }
    i += 2 + length;
  }
  throw new QrError('IMAGE_CORRUPT', 'JPEG has no frame header (SOF) before its scan data');
}

/**
 * Reads the format and declared size of a PNG or JPEG from its first bytes, without decoding
 * pixels, so an oversized image can be refused before it is inflated. Throws QrError
 * UNSUPPORTED_IMAGE (neither PNG nor JPEG) or IMAGE_CORRUPT.
 *
 * @example readImageHeader(bytes) // { format: 'png', width: 8000, height: 6250 }
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array');
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, k) => bytes[k] === b)) return readPngHeader(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return readJpegHeader(bytes);
  throw new QrError('UNSUPPORTED_IMAGE', 'image is neither PNG nor JPEG');
}

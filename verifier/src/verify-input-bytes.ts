import { decodeQrFromFile, QrError } from '@lp/qr/node';
import { decodeNotFound, sniffImage, verifyAny, verifySeal, type VerificationResult, type VerifyContext } from '@lp/verify';
import type { DecodedImage } from './http/decode-seal-image.ts';

export interface VerifyInputOptions {
  /** Only a seal is accepted in a photo (the seal route). */
  sealOnly?: boolean;
  /** The bytes were declared an image (a `.png` name, an image/png body): if they are none, no seal is found. */
  declaredImage?: boolean;
  /** Decodes a photo elsewhere (the server's worker threads); default: here, within 40 MP. */
  decodeImage?: (bytes: Uint8Array) => Promise<DecodedImage>;
}

async function decodeHere(bytes: Uint8Array): Promise<DecodedImage> {
  try {
    const { text, decoder } = await decodeQrFromFile(bytes);
    return { ok: true, text, decoder };
  } catch (err) {
    if (err instanceof QrError) return { ok: false, code: err.code, message: noSealMessage(err) };
    return { ok: false, code: 'IMAGE_CORRUPT', message: `no seal found: the image could not be read (${(err as Error).message})` };
  }
}

/**
 * What a person hands the verifier, by content: a PNG or JPEG photo of a QR seal, text holding
 * `LP1:…`, or a full record (JSON or vc+jwt). A photo in which no seal can be read (no QR code,
 * too large, unreadable), or bytes that were declared an image (a `.png` name, an image/png body)
 * but are none, is "no seal found": the decode check is unknown with the image decoder's code and
 * the verdict UNKNOWN, since no credential was examined. Never throws for bad input.
 */
export async function verifyInputBytes(bytes: Uint8Array, ctx: VerifyContext, opts: VerifyInputOptions = {}): Promise<VerificationResult> {
  if (sniffImage(bytes)) {
    const decoded = await (opts.decodeImage ?? decodeHere)(bytes);
    if (!decoded.ok) return decodeNotFound(decoded.code, decoded.message, ctx, 'seal');
    // A QR code that holds something else (a URL, a JWT) is not a seal: the seal codec says so.
    return opts.sealOnly ? verifySeal(decoded.text, ctx) : verifyAny(decoded.text, ctx);
  }
  if (opts.declaredImage) return decodeNotFound('UNSUPPORTED_IMAGE', 'no seal found: the file is not a PNG or JPEG image', ctx, 'seal');
  return verifyAny(bytes, ctx);
}

function noSealMessage(err: QrError): string {
  if (err.code === 'NO_QR_FOUND') return 'no seal found: no readable QR code in the image (take a sharper, closer photo, or give the seal text)';
  return `no seal found: ${err.message}`;
}

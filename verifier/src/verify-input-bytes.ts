import { decodeQrFromFile, QrError } from '@lp/qr/node';
import { decodeFailure, sniffImage, verifyAny, verifySeal, type VerificationResult, type VerifyContext } from '@lp/verify';
import type { DecodedImage } from './http/decode-seal-image.ts';

export interface VerifyInputOptions {
  /** Only a seal is accepted in a photo (the seal route). */
  sealOnly?: boolean;
  /** Decodes a photo elsewhere (the server's worker threads); default: here, within 40 MP. */
  decodeImage?: (bytes: Uint8Array) => Promise<DecodedImage>;
}

async function decodeHere(bytes: Uint8Array): Promise<DecodedImage> {
  try {
    const { text, decoder } = await decodeQrFromFile(bytes);
    return { ok: true, text, decoder };
  } catch (err) {
    if (err instanceof QrError) return { ok: false, code: err.code, message: err.message };
    return { ok: false, code: 'IMAGE_CORRUPT', message: `the image could not be read: ${(err as Error).message}` };
  }
}

/**
 * What a person hands the verifier, by content: a PNG or JPEG photo of a QR seal, text holding
 * `LP1:…`, or a full record (JSON or vc+jwt). A photo without a readable QR code, or one too large
 * to decode, is a failing 'decode' check with the image decoder's code. Never throws for bad input.
 */
export async function verifyInputBytes(bytes: Uint8Array, ctx: VerifyContext, opts: VerifyInputOptions = {}): Promise<VerificationResult> {
  if (sniffImage(bytes)) {
    const decoded = await (opts.decodeImage ?? decodeHere)(bytes);
    if (!decoded.ok) return decodeFailure(decoded.code, decoded.message, ctx, 'seal');
    // A QR code that holds something else (a URL, a JWT) is not a seal: the seal codec says so.
    return opts.sealOnly ? verifySeal(decoded.text, ctx) : verifyAny(decoded.text, ctx);
  }
  return verifyAny(bytes, ctx);
}

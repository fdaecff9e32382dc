import { decodeQrFromFile, QrError } from '@lp/qr/node';
import { decodeFailure, sniffImage, verifyAny, verifySeal, type VerificationResult, type VerifyContext } from '@lp/verify';

/**
 * What a person hands the verifier, by content: a PNG or JPEG photo of a QR seal, text holding
 * `LP1:…`, or a full record (JSON or vc+jwt). A photo without a readable QR code, or one too large
 * to decode, is a failing 'decode' check with the image decoder's code. Never throws for bad input.
 */
export async function verifyInputBytes(bytes: Uint8Array, ctx: VerifyContext, opts: { sealOnly?: boolean } = {}): Promise<VerificationResult> {
  if (sniffImage(bytes)) {
    let text: string;
    try {
      text = (await decodeQrFromFile(bytes)).text;
    } catch (err) {
      if (err instanceof QrError) return decodeFailure(err.code, err.message, ctx, 'seal');
      return decodeFailure('IMAGE_CORRUPT', `the image could not be read: ${(err as Error).message}`, ctx, 'seal');
    }
    // A QR code that holds something else (a URL, a JWT) is not a seal: the seal codec says so.
    return opts.sealOnly ? verifySeal(text, ctx) : verifyAny(text, ctx);
  }
  return verifyAny(bytes, ctx);
}

import { decodeQrFromFile, QrError } from '@lp/qr/node';
import { decodeNotFound, sniffImage, verifyAny, verifySeal, type VerificationResult, type VerifyContext } from '@lp/verify';

/**
 * What a person hands the verifier, by content: a PNG or JPEG photo of a QR seal, text holding
 * `LP1:…`, or a full record (JSON or vc+jwt). A photo in which no seal can be read (no QR code,
 * too large, unreadable), or bytes that were declared an image (a `.png` name, an image/png body)
 * but are none, is "no seal found": the decode check is unknown with the image decoder's code and
 * the verdict UNKNOWN, since no credential was examined. Never throws for bad input.
 */
export async function verifyInputBytes(bytes: Uint8Array, ctx: VerifyContext, opts: { sealOnly?: boolean; declaredImage?: boolean } = {}): Promise<VerificationResult> {
  if (sniffImage(bytes)) {
    let text: string;
    try {
      text = (await decodeQrFromFile(bytes)).text;
    } catch (err) {
      if (err instanceof QrError) return decodeNotFound(err.code, noSealMessage(err), ctx, 'seal');
      return decodeNotFound('IMAGE_CORRUPT', `no seal found: the image could not be read (${(err as Error).message})`, ctx, 'seal');
    }
    // A QR code that holds something else (a URL, a JWT) is not a seal: the seal codec says so.
    return opts.sealOnly ? verifySeal(text, ctx) : verifyAny(text, ctx);
  }
  if (opts.declaredImage) return decodeNotFound('UNSUPPORTED_IMAGE', 'no seal found: the file is not a PNG or JPEG image', ctx, 'seal');
  return verifyAny(bytes, ctx);
}

function noSealMessage(err: QrError): string {
  if (err.code === 'NO_QR_FOUND') return 'no seal found: no readable QR code in the image (take a sharper, closer photo, or give the seal text)';
  return `no seal found: ${err.message}`;
}

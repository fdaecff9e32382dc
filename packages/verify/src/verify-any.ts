import type { VerificationResult, VerifyContext } from './types.ts';
import { decodeFailure } from './lib/finish-result.ts';
import { verifyFullRecordWithTrust } from './verify-full-record-with-trust.ts';
import { verifySeal } from './verify-seal.ts';
import { SEAL_PREFIX_TEXT } from './lib/sniff.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Verifies whatever was scanned or pasted: text starting with `LP1:` is a seal, any other text or
 * bytes a full record (JSON or vc+jwt), an object a JSON credential. Never throws for bad input.
 *
 * @example const r = await verifyAny(input, { bundle, now: new Date(), lang: 'ar' });
 */
export async function verifyAny(input: string | Uint8Array | object, ctx: VerifyContext): Promise<VerificationResult> {
  let text: string | undefined;
  if (typeof input === 'string') text = input;
  else if (input instanceof Uint8Array) {
    // Full records have their own size limit in decodeFullRecord; a seal is far smaller.
    const head = input.subarray(0, 16);
    let start: string;
    try {
      start = utf8.decode(head.subarray(0, Math.min(head.length, 8))).replace(/^\uFEFF/, '').trimStart();
    } catch {
      start = '';
    }
    if (start.startsWith(SEAL_PREFIX_TEXT)) {
      try {
        text = utf8.decode(input);
      } catch {
        return decodeFailure('INPUT_NOT_UTF8', 'input is not UTF-8 text', ctx, 'seal');
      }
    } else return verifyFullRecordWithTrust(input, ctx);
  } else if (input === null || typeof input !== 'object') {
    return decodeFailure('INPUT_EMPTY', 'no input', ctx);
  } else return verifyFullRecordWithTrust(input, ctx);
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith(SEAL_PREFIX_TEXT)) return verifySeal(trimmed, ctx);
  return verifyFullRecordWithTrust(text, ctx);
}

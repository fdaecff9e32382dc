import { ModelError } from './errors.ts';
import { DEFAULT_MAX_JSON_BYTES, parseJsonText } from './parse-json-text.ts';

/**
 * Parse untrusted JSON bytes (an HTTP body, a file): the size limit first, then a strict UTF-8
 * decode, then parseJsonText. Ill-formed UTF-8 is refused (ENCODING_INVALID) rather than decoded
 * to U+FFFD: a replaced character would be signed as something the sender never wrote. A UTF-8
 * byte order mark is dropped (RFC 8259 §8.1 lets a parser ignore it).
 *
 * @example const body = parseJsonBytes(new Uint8Array(req.body), { maxBytes: 1_000_000 });
 */
export function parseJsonBytes(bytes: Uint8Array, options: { maxBytes?: number } = {}): unknown {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_JSON_BYTES;
  if (!(bytes instanceof Uint8Array)) throw new TypeError('parseJsonBytes expects a Uint8Array');
  if (bytes.length > maxBytes) throw new ModelError('INPUT_TOO_LARGE', `JSON input is over the limit of ${maxBytes} bytes`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ModelError('ENCODING_INVALID', `the input is not valid UTF-8 (at byte ${firstInvalidUtf8Offset(bytes)})`);
  }
  return parseJsonText(text, { maxBytes });
}

/** Offset of the first byte that starts an ill-formed UTF-8 sequence (for the message only). */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // The longest prefix a strict decoder accepts, by bisection; `stream: true` lets a prefix end
  // inside a sequence without counting that as an error (the decoder is never flushed).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

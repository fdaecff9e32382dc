import { Gunzip } from 'fflate';
import { StatusError } from './errors.ts';
import type { ShortListOption } from './bitstring.ts';
import { base64urlDecode } from './lib/base64url.ts';
import { DEFAULT_MAX_LIST_BYTES, MIN_LIST_LENGTH } from './lib/constants.ts';

export interface DecodeListOptions extends ShortListOption {
  /** Refuse lists that inflate past this many bytes (default 16 MiB). */
  maxBytes?: number;
}

// DEFLATE expands at most ~1032:1, so feeding 1 KiB at a time bounds each step's output to about
// 1 MiB: a GZIP bomb is stopped near the limit instead of after inflating all of it.
const CHUNK = 1024;

/**
 * Decodes an `encodedList` (VC Bitstring Status List §3.2 "Validate Algorithm", step "expand the
 * compressed bitstring"). The inflated size is limited *while* inflating (DESIGN.md: size limits
 * before decompression). Lists shorter than 131,072 entries are refused (§6.1).
 *
 * @throws StatusError `STATUS_LIST_MALFORMED` | `STATUS_LIST_TOO_LARGE` | `LIST_TOO_SMALL`
 */
export function decodeList(encoded: string, options: DecodeListOptions = {}): Uint8Array {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_LIST_BYTES;
  if (typeof encoded !== 'string' || encoded[0] !== 'u') {
    throw new StatusError('STATUS_LIST_MALFORMED', "encodedList must be multibase base64url (prefix 'u')");
  }
  // GZIP of incompressible bits is the bits plus ~5 bytes per 64 KiB stored block and a header.
  if (encoded.length > Math.ceil(((maxBytes + 4096) * 4) / 3) + 1) {
    throw new StatusError('STATUS_LIST_TOO_LARGE', `encodedList is longer than a ${maxBytes}-byte list can be`);
  }
  const gz = base64urlDecode(encoded.slice(1));
  if (!gz) throw new StatusError('STATUS_LIST_MALFORMED', 'encodedList is not valid base64url without padding');

  const parts: Uint8Array[] = [];
  let total = 0;
  let members = 0;
  const gunzip = new Gunzip((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new StatusError('STATUS_LIST_TOO_LARGE', `status list inflates past ${maxBytes} bytes`);
    parts.push(chunk);
  });
  // fflate calls onmember only when a second GZIP member starts.
  gunzip.onmember = () => {
    members++;
  };
  try {
    for (let i = 0; i < gz.length; i += CHUNK) gunzip.push(gz.subarray(i, i + CHUNK), i + CHUNK >= gz.length);
    if (gz.length === 0) gunzip.push(gz, true);
  } catch (e) {
    if (e instanceof StatusError) throw e;
    throw new StatusError('STATUS_LIST_MALFORMED', `encodedList is not valid GZIP: ${(e as Error).message}`);
  }
  if (members > 0) throw new StatusError('STATUS_LIST_MALFORMED', 'encodedList holds more than one GZIP member');
  if (total === 0) throw new StatusError('STATUS_LIST_MALFORMED', 'status list is empty');

  const bits = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    bits.set(p, o);
    o += p.length;
  }
  if (total * 8 < MIN_LIST_LENGTH && !options.allowShortList) {
    throw new StatusError('LIST_TOO_SMALL', `status list has ${total * 8} entries, fewer than ${MIN_LIST_LENGTH}`);
  }
  return bits;
}

import { gzipSync } from 'fflate';
import { base64urlEncode } from './lib/base64url.ts';

/**
 * `encodedList` for a bitstring (VC Bitstring Status List §4, "Bitstring Encoding Algorithm"):
 * GZIP, then "Multibase-encode … using base64url (with no padding)", i.e. prefix `u`.
 * The GZIP header's mtime is fixed at 0 so that the same bits always give the same text (and
 * the issuer does not leak when a list was last written).
 */
export function encodeList(bits: Uint8Array): string {
  return 'u' + base64urlEncode(gzipSync(bits, { level: 9, mtime: 0 }));
}

import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';

// noble's synchronous functions need a SHA-512; @noble/hashes gives one that works without
// WebCrypto (the fallback path exists for exactly those browsers). Same function whoever sets it.
ed.hashes.sha512 = sha512;

export { ed, sha512 };

/** Group order L (RFC 8032 §5.1). */
export const L = 2n ** 252n + 27742317777372353535851937790883648493n;

export function bytesToNumberLE(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

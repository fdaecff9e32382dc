/**
 * Decoded status lists by their `encodedList` text. A verifier reads the same few snapshots (from
 * the trust bundle) for every credential it checks; inflating a 16 KB list each time was the
 * largest part of verifying a seal after the signature. The bits are only read (getBit), never
 * handed out, so sharing them is safe. Bounded by entries and by bytes, least recently used out.
 */
const MAX_ENTRIES = 64;
const MAX_BYTES = 32 * 1024 * 1024;

const cache = new Map<string, Uint8Array>();
let bytes = 0;

export function cachedList(encoded: string): Uint8Array | undefined {
  const hit = cache.get(encoded);
  if (hit && cache.size > 1) {
    cache.delete(encoded);
    cache.set(encoded, hit);
  }
  return hit;
}

export function rememberList(encoded: string, bits: Uint8Array): void {
  if (bits.length > MAX_BYTES / 4 || cache.has(encoded)) return;
  cache.set(encoded, bits);
  bytes += bits.length;
  while (cache.size > MAX_ENTRIES || bytes > MAX_BYTES) {
    const [oldest, oldBits] = cache.entries().next().value!;
    cache.delete(oldest);
    bytes -= oldBits.length;
  }
}

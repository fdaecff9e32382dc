/**
 * Multicodec prefixes (multiformats/multicodec table.csv), as unsigned varints:
 * ed25519-pub 0xed → 0xed 0x01; ed25519-priv 0x1300 → 0x80 0x26.
 */
export const ED25519_PUB_PREFIX = new Uint8Array([0xed, 0x01]);
export const ED25519_PRIV_PREFIX = new Uint8Array([0x80, 0x26]);

/** Reads the leading unsigned varint (multiformats unsigned-varint, at most 9 bytes). */
export function readVarint(bytes: Uint8Array): { value: number; length: number } | undefined {
  let value = 0;
  for (let i = 0; i < Math.min(bytes.length, 9); i++) {
    const b = bytes[i]!;
    value += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) {
      // Minimal encoding only (the spec forbids trailing zero groups).
      if (i > 0 && b === 0) return undefined;
      return { value, length: i + 1 };
    }
  }
  return undefined;
}

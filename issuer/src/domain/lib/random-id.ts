/** RFC 9562 §5.4 version 4 UUID from 16 injected random bytes, as a `urn:uuid:` URI. */
export function randomUrnUuid(random: (n: number) => Uint8Array): string {
  const b = random(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function randomHex(random: (n: number) => Uint8Array, bytes: number): string {
  return [...random(bytes)].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** Crockford base32 (no I, L, O, U): typable and unambiguous when read aloud. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function randomBase32(random: (n: number) => Uint8Array, chars: number): string {
  const bytes = random(chars);
  let out = '';
  for (const b of bytes) out += CROCKFORD[b & 31];
  return out;
}

/** Upper-case, dashes and spaces removed, look-alikes mapped (Crockford §decoding). */
export function normalizeBase32(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

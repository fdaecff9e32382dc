import { SealError } from './seal-error.ts';

/** RFC 9285 §4: the 45 characters of QR alphanumeric mode, in value order. */
export const BASE45_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

const VALUE_OF: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < BASE45_ALPHABET.length; i++) table[BASE45_ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/**
 * Base45 encoding (RFC 9285 §4.2): each pair of bytes [a, b] becomes n = a·256 + b written as
 * three base-45 digits, least significant first; a final odd byte becomes two digits.
 *
 * @example encodeBase45(new TextEncoder().encode('AB')) === 'BB8'
 */
export function encodeBase45(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 1 < bytes.length; i += 2) {
    const n = bytes[i]! * 256 + bytes[i + 1]!;
    const e = Math.floor(n / 2025);
    const rest = n % 2025;
    out += BASE45_ALPHABET[rest % 45]! + BASE45_ALPHABET[Math.floor(rest / 45)]! + BASE45_ALPHABET[e]!;
  }
  if (i < bytes.length) {
    const a = bytes[i]!;
    out += BASE45_ALPHABET[a % 45]! + BASE45_ALPHABET[Math.floor(a / 45)]!;
  }
  return out;
}

/**
 * Base45 decoding (RFC 9285 §4.3). Rejects, with SEAL_BASE45: characters outside the alphabet
 * (lowercase included: the alphabet is QR alphanumeric mode), a length ≡ 1 (mod 3), and
 * triplets above 65535 or final pairs above 255 (§6: such strings are invalid, e.g. "GGW").
 *
 * @example new TextDecoder().decode(decodeBase45('QED8WEX0')) === 'ietf!'
 */
export function decodeBase45(text: string): Uint8Array {
  if (text.length % 3 === 1) {
    throw new SealError('SEAL_BASE45', `base45 text of length ${text.length} is not 3k or 3k+2`);
  }
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  const digit = (at: number): number => {
    const code = text.charCodeAt(at);
    const v = code < 128 ? VALUE_OF[code]! : -1;
    if (v < 0) throw new SealError('SEAL_BASE45', `character at ${at} is not in the base45 alphabet`);
    return v;
  };
  let o = 0;
  let i = 0;
  for (; i + 2 < text.length; i += 3) {
    const n = digit(i) + digit(i + 1) * 45 + digit(i + 2) * 2025;
    if (n > 0xffff) throw new SealError('SEAL_BASE45', `base45 triplet at ${i} exceeds 65535`);
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  if (i < text.length) {
    const n = digit(i) + digit(i + 1) * 45;
    if (n > 0xff) throw new SealError('SEAL_BASE45', `base45 final pair at ${i} exceeds 255`);
    out[o++] = n;
  }
  return out;
}

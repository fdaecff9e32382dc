import { sha256 } from '@noble/hashes/sha2.js';

/**
 * Claim 12: the first 16 bytes of SHA-256 over the full record without `proof`, serialised as
 * JSON with object keys sorted by UTF-16 code units and no whitespace — RFC 8785 (JCS) for the
 * JSON values a credential holds (JSON.stringify's number and string forms are JCS's, §3.2.2).
 * Without `proof`, the DI and VC-JOSE forms of one credential give the same digest.
 *
 * @example const d = digestFullRecord(credential); // Uint8Array(16)
 */
export function digestFullRecord(record: object): Uint8Array {
  const { proof: _proof, ...rest } = record as Record<string, unknown>;
  return sha256(new TextEncoder().encode(canonicalJson(rest))).slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const obj = value as Record<string, unknown>;
    return `{${keys
      .filter((k) => obj[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

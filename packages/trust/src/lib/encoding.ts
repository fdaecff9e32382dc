// Byte helpers without Buffer (the package must run in browsers); base64url is @lp/crypto's.

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function fromUtf8(bytes: Uint8Array): string {
  // fatal: a payload that is not UTF-8 is malformed, not silently repaired.
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The seal prefix (CLAIMS.md): text starting with it is a seal, anything else a full record. */
export const SEAL_PREFIX_TEXT = 'LP1:';

/** PNG (RFC 2083 signature) or JPEG (SOI marker) bytes: a photo of a QR code. */
export function sniffImage(bytes: Uint8Array): 'png' | 'jpeg' | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return undefined;
}

const UUID_URN = /^urn:uuid:([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/;

/** 16 bytes for a lowercase `urn:uuid:` (RFC 9562 §4 string form), else undefined: only the
 * form that round-trips exactly is compacted, so the decoded id equals the record's id. */
export function uuidUrnToBytes(id: string): Uint8Array | undefined {
  const m = UUID_URN.exec(id);
  if (!m) return undefined;
  const hex = m.slice(1).join('');
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function bytesToUuidUrn(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

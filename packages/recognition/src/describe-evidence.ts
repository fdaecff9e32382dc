import { sha256 } from '@noble/hashes/sha2.js';
import type { VerificationResult } from '@lp/verify';
import type { EvidenceLabel, TimelineItem } from './summarise-learning.ts';

/** A credential the school considered, as a recognition statement records it. */
export interface EvidenceDescription {
  id: string;
  /** VC 2.0 `digestMultibase`: `u` + base64url of the SHA-256 multihash (0x12 0x20 + 32 bytes). */
  digest: string;
  label: EvidenceLabel;
  verdict: 'VALID' | 'INVALID' | 'UNKNOWN';
  name?: string;
}

/**
 * What a recognition statement says about one verified credential: its id, the digest of what was
 * verified, its evidence label and verdict, and a name from the summary. The digest covers a full
 * record as RFC 8785 (JCS) JSON — proof included, so it names exactly the signed record whatever
 * its whitespace —, a vc+jwt or a seal as its text. Undefined when no credential id can be read (e.g. a
 * seal whose claim 1 the caller did not read: `@lp/formats` decodeSeal gives it, and stays out of
 * this package so that it bundles small for the pages). Browser-safe.
 *
 * @example describeEvidence(input, result, summary.items.find((i) => i.source === 'credential'))
 */
export function describeEvidence(input: unknown, result: VerificationResult, item: TimelineItem | undefined, sealCredentialId?: string): EvidenceDescription | undefined {
  let id: string | undefined;
  let bytes: Uint8Array;
  if (typeof input === 'string' && /^\s*LP1:/.test(input)) {
    id = sealCredentialId;
    bytes = new TextEncoder().encode(input.trim());
  } else {
    const given = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : undefined;
    const record = given ?? result.credential;
    if (!record) return undefined;
    id = typeof record.id === 'string' ? record.id : undefined;
    // A vc+jwt is digested as its compact text; a JSON record (object or text) canonically.
    const jwt = typeof input === 'string' && !/^\s*\{/.test(input);
    bytes = new TextEncoder().encode(jwt ? (input as string).trim() : canonicalJson(given ?? result.credential));
  }
  if (id === undefined) return undefined;
  const multihash = new Uint8Array(34);
  multihash.set([0x12, 0x20]);
  multihash.set(sha256(bytes), 2);
  const name = [item?.achievement.name ?? item?.achievement.code, item?.issuer.name].filter((x) => x !== undefined).join(' — ');
  return {
    id,
    digest: 'u' + base64url(multihash),
    label: item?.evidence ?? 'issuer-not-listed',
    verdict: result.verdict,
    ...(name !== '' ? { name: name.slice(0, 200) } : {}),
  };
}

function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** RFC 8785 for the JSON values a credential holds (JSON.stringify's number and string forms are JCS's). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj).sort().filter((k) => obj[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

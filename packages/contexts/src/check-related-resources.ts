import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { decode as base58Decode } from 'base58-universal';
import { BUNDLED } from './lib/bundled.ts';

/**
 * What became of one `relatedResource` entry:
 * - `match`: we hold the resource and every digest given matches its bytes;
 * - `mismatch`: we hold it and a digest does not match (VC 2.0 §5.3: the verifier MUST produce an error);
 * - `unreadable`: we hold it but a digest is in a form or algorithm we cannot compute, so it was not checked;
 * - `not-held`: a resource we do not hold; nothing is fetched, so its digests are not checked.
 */
export type RelatedResourceOutcome = 'match' | 'mismatch' | 'unreadable' | 'not-held';

export interface RelatedResourceReport {
  /** One entry per object in `relatedResource` that has a string `id`, in order. */
  resources: { id: string; outcome: RelatedResourceOutcome }[];
}

const HELD = new Map<string, Uint8Array>(BUNDLED.map((c) => [c.url, utf8ToBytes(c.text)]));

type Hash = (bytes: Uint8Array) => Uint8Array;
// SRI (W3C Subresource Integrity §3.5): sha256, sha384 and sha512, and only the strongest one given counts.
const SRI_HASHES: Record<string, { hash: Hash; strength: number }> = {
  sha256: { hash: sha256, strength: 1 }, sha384: { hash: sha384, strength: 2 }, sha512: { hash: sha512, strength: 3 },
};
// Multihash codes (multicodec table): sha2-256 0x12, sha2-512 0x13, sha2-384 0x20; one-byte varints.
const MULTIHASHES: Record<number, { hash: Hash; length: number }> = {
  0x12: { hash: sha256, length: 32 }, 0x13: { hash: sha512, length: 64 }, 0x20: { hash: sha384, length: 48 },
};

/**
 * Checks the digests of a credential's `relatedResource` entries (VC 2.0 §5.3 "Integrity of
 * Related Resources") against the resources this verifier holds: the bundled JSON-LD contexts,
 * byte for byte as they are pinned. Nothing is fetched. `digestSRI` is SRI integrity metadata
 * (base64, or base64url as some producers write it); `digestMultibase` a multibase (`u` base64url
 * or `z` base58btc) multihash (Data Integrity §2.6). Returns one outcome per entry; never throws.
 *
 * @example
 *   const r = checkRelatedResources(credential.relatedResource);
 *   if (r.resources.some((x) => x.outcome === 'mismatch')) refuse();
 */
export function checkRelatedResources(relatedResource: unknown): RelatedResourceReport {
  const entries = relatedResource === undefined ? [] : Array.isArray(relatedResource) ? relatedResource : [relatedResource];
  const resources: RelatedResourceReport['resources'] = [];
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null || typeof (entry as { id?: unknown }).id !== 'string') continue;
    const { id, digestSRI, digestMultibase } = entry as { id: string; digestSRI?: unknown; digestMultibase?: unknown };
    const bytes = HELD.get(id);
    if (!bytes) {
      resources.push({ id, outcome: 'not-held' });
      continue;
    }
    const results = [
      ...(digestSRI !== undefined ? [checkSri(digestSRI, bytes)] : []),
      ...(digestMultibase !== undefined ? [checkMultibase(digestMultibase, bytes)] : []),
    ];
    const outcome: RelatedResourceOutcome = results.includes('mismatch') ? 'mismatch'
      : results.length > 0 && results.every((r) => r === 'match') ? 'match' : 'unreadable';
    resources.push({ id, outcome });
  }
  return { resources };
}

function checkSri(value: unknown, bytes: Uint8Array): 'match' | 'mismatch' | 'unreadable' {
  if (typeof value !== 'string') return 'unreadable';
  const tokens = value.trim().split(/\s+/).map((t) => /^([a-z0-9]+)-([A-Za-z0-9+/_-]+={0,2})(\?.*)?$/.exec(t))
    .filter((m): m is RegExpExecArray => m !== null && SRI_HASHES[m[1]!] !== undefined);
  if (tokens.length === 0) return 'unreadable';
  const strongest = Math.max(...tokens.map((m) => SRI_HASHES[m[1]!]!.strength));
  const candidates = tokens.filter((m) => SRI_HASHES[m[1]!]!.strength === strongest);
  const expected = base64url(SRI_HASHES[candidates[0]![1]!]!.hash(bytes));
  return candidates.some((m) => normaliseBase64(m[2]!) === expected) ? 'match' : 'mismatch';
}

function checkMultibase(value: unknown, bytes: Uint8Array): 'match' | 'mismatch' | 'unreadable' {
  if (typeof value !== 'string' || value.length < 2) return 'unreadable';
  let decoded: Uint8Array;
  try {
    if (value[0] === 'u') decoded = fromBase64url(value.slice(1));
    else if (value[0] === 'z') decoded = base58Decode(value.slice(1));
    else return 'unreadable';
  } catch {
    return 'unreadable';
  }
  const algo = MULTIHASHES[decoded[0]!];
  // A value that is not a multihash of a known algorithm (e.g. a bare digest) cannot be compared.
  if (!algo || decoded[1] !== algo.length || decoded.length !== algo.length + 2) return 'unreadable';
  const want = algo.hash(bytes);
  return want.every((b, i) => b === decoded[i + 2]) ? 'match' : 'mismatch';
}

const normaliseBase64 = (s: string): string => s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return normaliseBase64(btoa(bin));
}

function fromBase64url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('not base64url');
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

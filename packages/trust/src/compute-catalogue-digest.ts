import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson } from './lib/canonical-json.ts';
import { hex, utf8 } from './lib/encoding.ts';
import type { CatalogueEntry } from './z-trust-bundle.ts';

/**
 * The digest that pins an issuer's achievement catalogue: SHA-256 (hex) of the canonical JSON of
 * the entries array, in the order given.
 *
 * @example computeCatalogueDigest([{ code: 'MATH-9' }]) // '5f…'
 */
export function computeCatalogueDigest(achievements: readonly CatalogueEntry[]): string {
  return hex(sha256(utf8(canonicalJson(achievements))));
}

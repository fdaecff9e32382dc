import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { BUNDLED, type BundledContext } from './lib/bundled.ts';
import { ContextsError } from './errors.ts';

const byUrl = new Map<string, BundledContext>(BUNDLED.map((c) => [c.url, c]));
const parsed = new Map<string, object>();

/** URLs of every bundled JSON-LD context, in a stable order. */
export const CONTEXT_URLS: readonly string[] = BUNDLED.map((c) => c.url);

/**
 * The parsed context served at `url`, or undefined when it is not bundled. The raw text is hashed
 * before JSON.parse and compared with its pin: a context that changed is never used, because a
 * changed term definition changes what a signature covers (VC Data Model 2.0 §4.3 "Contexts":
 * implementations are expected to pin the contexts they rely on).
 *
 * @example
 *   const vc2 = loadBundledContext('https://www.w3.org/ns/credentials/v2');
 */
export function loadBundledContext(url: string): object | undefined {
  const cached = parsed.get(url);
  if (cached) return cached;
  const entry = byUrl.get(url);
  if (!entry) return undefined;
  const digest = bytesToHex(sha256(utf8ToBytes(entry.text)));
  if (digest !== entry.sha256) {
    throw new ContextsError('CONTEXT_HASH_MISMATCH', `bundled context ${url} has SHA-256 ${digest}, pinned ${entry.sha256}`, url);
  }
  // Frozen rather than copied on every load: jsonld only reads contexts, and a copy per load was
  // a few per cent of every signature. A caller that tries to change one gets a TypeError.
  const doc = deepFreeze(JSON.parse(entry.text) as object);
  parsed.set(url, doc);
  return doc;
}

/**
 * URL → SHA-256 (lowercase hex) of each bundled context's raw text: the pins a trust bundle
 * carries (DESIGN.md, "the JSON-LD contexts it relies on, pinned by SHA-256").
 */
export function contextDigests(): Record<string, string> {
  return Object.fromEntries(BUNDLED.map((c) => [c.url, c.sha256]));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

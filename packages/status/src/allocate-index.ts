import { StatusError } from './errors.ts';
import type { ShortListOption } from './bitstring.ts';
import { MIN_LIST_LENGTH } from './lib/constants.ts';

export interface AllocateIndexInput extends ShortListOption {
  /** Number of entries in the list. */
  length: number;
  /** Whether index `i` was ever handed out (an index is never reused, DESIGN.md). */
  isUsed: (index: number) => boolean;
  /** `n` cryptographically random bytes (inject `crypto.getRandomValues`). */
  random: (n: number) => Uint8Array;
  /** How many indexes are in use, when the caller knows: lets a nearly full list go to scanning at once. */
  usedCount?: number;
}

/** Past this share of used entries, random probing wastes lookups: scan instead. */
const SCAN_THRESHOLD = 0.9;
/** Misses in a row after which we assume the list is nearly full (0.9^64 ≈ 0.1 %). */
const MAX_PROBES = 64;

function randomBelow(n: number, random: (n: number) => Uint8Array): number {
  // Rejection sampling on 32 random bits so that every index is equally likely (no modulo bias).
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  for (;;) {
    const b = random(4);
    if (b.length < 4) throw new TypeError('random(n) must return n bytes');
    const x = ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
    if (x < limit) return x % n;
  }
}

/**
 * Picks a random unused index (VC Bitstring Status List §6.1 "herd privacy": indexes are assigned
 * at random so a position leaks nothing about a credential's order or holder). Random probes
 * while the list is sparse; once it is over ~90 % full, a scan from a random start.
 *
 * @throws StatusError `LIST_FULL` when every index is used; `LIST_TOO_SMALL`.
 * @example allocateIndex({ length: 131072, isUsed: (i) => used.has(i), random: (n) => crypto.getRandomValues(new Uint8Array(n)) })
 */
export function allocateIndex(input: AllocateIndexInput): number {
  const { length, isUsed, random, usedCount } = input;
  if (!Number.isSafeInteger(length) || length <= 0 || length > 0x1_0000_0000) {
    throw new TypeError(`list length must be a positive integer, got ${length}`);
  }
  if (length < MIN_LIST_LENGTH && !input.allowShortList) {
    throw new StatusError('LIST_TOO_SMALL', `a status list needs at least ${MIN_LIST_LENGTH} entries, got ${length}`);
  }
  if (usedCount !== undefined && usedCount >= length) throw new StatusError('LIST_FULL', 'every index of the status list is in use');

  const sparse = usedCount === undefined || usedCount < length * SCAN_THRESHOLD;
  if (sparse) {
    for (let probe = 0; probe < MAX_PROBES; probe++) {
      const i = randomBelow(length, random);
      if (!isUsed(i)) return i;
    }
  }
  const start = randomBelow(length, random);
  for (let k = 0; k < length; k++) {
    const i = (start + k) % length;
    if (!isUsed(i)) return i;
  }
  throw new StatusError('LIST_FULL', 'every index of the status list is in use');
}

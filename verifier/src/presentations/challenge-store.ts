/**
 * One-time challenges for presentations (VC Data Integrity 1.0 §2.1 `challenge`: a nonce the
 * verifier makes up so that a captured presentation cannot be replayed). Kept in memory, short
 * lived, single use, at most `cap` at a time; clock and randomness are injected.
 */
export type ChallengeState = 'ok' | 'unknown' | 'used' | 'expired';

/**
 * Every challenge this verifier makes starts with this, so one of ours is recognised as ours even
 * after it was forgotten (expired, or dropped past the cap) and is never mistaken for a challenge
 * a VC-API caller brings (which the caller, not this store, keeps single-use).
 */
export const OWN_CHALLENGE_PREFIX = 'lpc_';

/**
 * Where challenges are held. This file's store keeps them in memory (one process); a store shared
 * by several server instances (the issuer's PostgreSQL database, injected by `lp serve`) answers
 * asynchronously, so that a challenge issued by one instance is consumed once at any other.
 */
export interface ChallengeStore {
  issue(): { challenge: string; expires: string } | Promise<{ challenge: string; expires: string }>;
  /** Whether the challenge has the form of this verifier's own (whether or not still held). */
  owns(challenge: string): boolean;
  /** Marks the challenge used (whatever the presentation turns out to be) and says what it was. */
  consume(challenge: string): ChallengeState | Promise<ChallengeState>;
}

/** The in-memory store answers at once and says how many challenges it holds. */
export interface MemoryChallengeStore extends ChallengeStore {
  issue(): { challenge: string; expires: string };
  consume(challenge: string): ChallengeState;
  readonly size: number;
}

export interface ChallengeStoreOptions {
  now?: () => Date;
  random?: (n: number) => Uint8Array;
  /** Lifetime in seconds; default 300 (5 minutes). */
  ttlSeconds?: number;
  /** Most challenges held at once; past it the oldest is dropped. Default 10,000. */
  cap?: number;
}

export function createChallengeStore(opts: ChallengeStoreOptions = {}): MemoryChallengeStore {
  const now = opts.now ?? (() => new Date());
  const random = opts.random ?? ((n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n)));
  const ttlMs = (opts.ttlSeconds ?? 300) * 1000;
  const cap = opts.cap ?? 10_000;
  // Insertion order = issue order, so the first entries are the oldest.
  const held = new Map<string, { expiresAt: number; used: boolean }>();

  const purge = (t: number) => {
    for (const [k, v] of held) if (v.expiresAt <= t) held.delete(k);
  };

  return {
    issue() {
      const t = now().getTime();
      purge(t);
      while (held.size >= cap) held.delete(held.keys().next().value!);
      // 128 bits, base64url: unguessable, and safe in a URL or a JSON-LD string.
      const challenge = OWN_CHALLENGE_PREFIX + toBase64url(random(16));
      const expiresAt = t + ttlMs;
      held.set(challenge, { expiresAt, used: false });
      return { challenge, expires: new Date(expiresAt).toISOString() };
    },
    owns(challenge) {
      return challenge.startsWith(OWN_CHALLENGE_PREFIX);
    },
    consume(challenge) {
      const entry = held.get(challenge);
      if (!entry) return 'unknown';
      if (entry.used) return 'used';
      entry.used = true;
      // A used challenge stays until it expires so that a replay is told apart from a forgery.
      if (now().getTime() >= entry.expiresAt) {
        held.delete(challenge);
        return 'expired';
      }
      return 'ok';
    },
    get size() {
      return held.size;
    },
  };
}

function toBase64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

import { randomBytes } from 'node:crypto';
import type { IssuerStore } from '@lp/issuer';
import { OWN_CHALLENGE_PREFIX } from '@lp/verifier';
import type { ChallengeStore } from '@lp/verifier';

/**
 * The verifier's presentation challenges held in the issuer's store (with LP_DATABASE_URL, the
 * PostgreSQL database every `lp serve` instance shares): a challenge issued by instance A is
 * consumed once at instance B, and a replay at C is told apart from a forgery. Same form, lifetime
 * (5 minutes) and single use as the in-memory store of one process.
 */
export function createSharedChallenges(store: IssuerStore, opts: { now?: () => Date; random?: (n: number) => Uint8Array; ttlSeconds?: number } = {}): ChallengeStore {
  const now = opts.now ?? (() => new Date());
  const random = opts.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
  const ttlMs = (opts.ttlSeconds ?? 300) * 1000;
  return {
    async issue() {
      const t = now();
      // 128 bits, base64url: unguessable, and safe in a URL or a JSON-LD string.
      const challenge = OWN_CHALLENGE_PREFIX + Buffer.from(random(16)).toString('base64url');
      const expires = new Date(t.getTime() + ttlMs).toISOString();
      await store.putChallenge({ challenge, expiresAt: expires, createdAt: t.toISOString() });
      return { challenge, expires };
    },
    owns: (challenge) => challenge.startsWith(OWN_CHALLENGE_PREFIX),
    consume: (challenge) => store.consumeChallenge(challenge, now().toISOString()),
  };
}

import type { IssuerStoreOps } from '../store/index.ts';
import { sha256Hex } from './lib/hash.ts';
import { normalizeBase32, randomBase32 } from './lib/random-id.ts';
import { isoSeconds } from './lib/time.ts';

export const DEFAULT_PICKUP_DAYS = 90;
/** 20 Crockford base32 characters = 100 bits (≥ 80 asked), shown in groups of four. */
const PICKUP_CHARS = 20;

export interface PickupCode {
  /** What the learner types or scans, e.g. `7K3M-Q9XD-…`; shown once, stored only as a hash. */
  code: string;
  expiresAt: string;
  /** `<baseUrl>/pickup/<code>` when a base URL was given. */
  url?: string;
}

/** The stored hash of a pick-up code (normalised: case, dashes and look-alikes do not matter). */
export function pickupCodeHash(code: string): string {
  return sha256Hex(normalizeBase32(code));
}

/**
 * Creates a one-time pick-up code for a stored credential: random (100 bits), stored hashed with
 * an expiry (default 90 days). Pass a transaction handle to bind it to the issuance that stores
 * the credential, or the store itself afterwards (bulk runs, certificates).
 *
 * @example const { code } = await createPickupCode(store, { credentialId, now: new Date(), random });
 */
export async function createPickupCode(
  store: IssuerStoreOps,
  input: { credentialId: string; now: Date; random: (n: number) => Uint8Array; ttlDays?: number; baseUrl?: string },
): Promise<PickupCode> {
  const raw = randomBase32(input.random, PICKUP_CHARS);
  const code = raw.match(/.{4}/g)!.join('-');
  const days = input.ttlDays ?? DEFAULT_PICKUP_DAYS;
  const expiresAt = isoSeconds(new Date(input.now.getTime() + days * 86_400_000));
  await store.createPickupCode({ codeHash: pickupCodeHash(code), credentialId: input.credentialId, createdAt: isoSeconds(input.now), expiresAt });
  return { code, expiresAt, ...(input.baseUrl !== undefined ? { url: `${input.baseUrl}/pickup/${code}` } : {}) };
}

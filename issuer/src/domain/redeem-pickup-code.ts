import { IssuerError } from '../errors.ts';
import type { IssuerStore } from '../store/index.ts';
import { pickupCodeHash } from './create-pickup-code.ts';
import { isoSeconds } from './lib/time.ts';

export interface PickedUpCredential {
  id: string;
  /** The full record as signed (parsed JSON). */
  credential: unknown;
  seal: string | null;
  jwt: string | null;
}

export interface PickedUp {
  /** Every credential the code covers, in the order it was created with (at least one). */
  credentials: PickedUpCredential[];
}

/**
 * Redeems a pick-up code exactly once: all of its credentials with their seals, then
 * PICKUP_GONE (410) for a used or expired code, NOT_FOUND (404) for an unknown one.
 */
export async function redeemPickupCode(store: IssuerStore, code: string, now: Date): Promise<PickedUp> {
  if (code.length > 64) throw new IssuerError('NOT_FOUND', 'unknown pick-up code');
  const result = await store.consumePickupCode(pickupCodeHash(code), isoSeconds(now));
  if (!result.ok) {
    if (result.reason === 'unknown') throw new IssuerError('NOT_FOUND', 'unknown pick-up code');
    throw new IssuerError('PICKUP_GONE', result.reason === 'used' ? 'this pick-up code was already used' : 'this pick-up code has expired');
  }
  const credentials: PickedUpCredential[] = [];
  for (const id of result.credentialIds) {
    const record = await store.getCredential(id);
    // Credentials are never deleted (foreign keys hold them); this guards a hand-edited database.
    if (!record) throw new IssuerError('NOT_FOUND', 'a credential of this pick-up code is gone');
    credentials.push({ id, credential: JSON.parse(record.record) as unknown, seal: record.seal, jwt: record.jwt });
  }
  return { credentials };
}

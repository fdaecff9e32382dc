import { IssuerError } from '../errors.ts';
import type { IssuerStore } from '../store/index.ts';
import { pickupCodeHash } from './create-pickup-code.ts';
import { isoSeconds } from './lib/time.ts';

export interface PickedUp {
  /** The full record as signed (parsed JSON). */
  credential: unknown;
  seal: string | null;
  jwt: string | null;
}

/**
 * Redeems a pick-up code exactly once: the credential and its seal, then PICKUP_GONE (410) for a
 * used or expired code, NOT_FOUND (404) for an unknown one.
 */
export async function redeemPickupCode(store: IssuerStore, code: string, now: Date): Promise<PickedUp> {
  if (code.length > 64) throw new IssuerError('NOT_FOUND', 'unknown pick-up code');
  const result = await store.consumePickupCode(pickupCodeHash(code), isoSeconds(now));
  if (!result.ok) {
    if (result.reason === 'unknown') throw new IssuerError('NOT_FOUND', 'unknown pick-up code');
    throw new IssuerError('PICKUP_GONE', result.reason === 'used' ? 'this pick-up code was already used' : 'this pick-up code has expired');
  }
  const record = await store.getCredential(result.credentialId);
  if (!record) throw new IssuerError('NOT_FOUND', 'the credential of this pick-up code is gone');
  return { credential: JSON.parse(record.record) as unknown, seal: record.seal, jwt: record.jwt };
}

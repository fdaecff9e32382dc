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
  /** What the code delivers, in order. */
  credentialIds: string[];
  /** `<baseUrl>/pickup/<code>` when a base URL was given. */
  url?: string;
}

/**
 * The link a certificate prints as its pick-up QR: the wallet page of the server that issued the
 * code (`lp serve` serves it at /wallet) with the code in the fragment. Opening it neither
 * redeems the code (the page asks the learner to open the wallet first) nor sends the code to
 * any server log: a fragment stays in the browser.
 */
export function pickupWalletUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/wallet#pickup=${code}`;
}

/** The stored hash of a pick-up code (normalised: case, dashes and look-alikes do not matter). */
export function pickupCodeHash(code: string): string {
  return sha256Hex(normalizeBase32(code));
}

/** A certificate lists at most this many results (plus a transcript); a code covers no more. */
export const MAX_PICKUP_CREDENTIALS = 100;

export interface CreatePickupCodeInput {
  /** The credentials the code delivers, in this order (a bulk certificate: every record, then the transcript). */
  credentialIds?: readonly string[];
  /** One credential (the same as `credentialIds: [credentialId]`). */
  credentialId?: string;
  now: Date;
  random: (n: number) => Uint8Array;
  ttlDays?: number;
  baseUrl?: string;
}

/**
 * Creates a one-time pick-up code for one or several stored credentials: random (100 bits),
 * stored hashed with an expiry (default 90 days); redeeming it delivers all of them at once.
 * Pass a transaction handle to bind it to the issuance that stores the credential, or the store
 * itself afterwards (bulk runs, certificates). TypeError for no credential, a repeated one, or
 * more than MAX_PICKUP_CREDENTIALS; StoreError NOT_FOUND for an unknown one.
 *
 * @example const { code } = await createPickupCode(store, { credentialIds: [a, b], now: new Date(), random });
 */
export async function createPickupCode(store: IssuerStoreOps, input: CreatePickupCodeInput): Promise<PickupCode> {
  const ids = [...(input.credentialIds ?? []), ...(input.credentialId !== undefined ? [input.credentialId] : [])];
  if (ids.length === 0) throw new TypeError('createPickupCode: give credentialIds or credentialId');
  if (ids.length > MAX_PICKUP_CREDENTIALS) throw new TypeError(`createPickupCode: at most ${MAX_PICKUP_CREDENTIALS} credentials per code`);
  if (new Set(ids).size !== ids.length) throw new TypeError('createPickupCode: a credential is listed twice');
  const raw = randomBase32(input.random, PICKUP_CHARS);
  const code = raw.match(/.{4}/g)!.join('-');
  const days = input.ttlDays ?? DEFAULT_PICKUP_DAYS;
  const expiresAt = isoSeconds(new Date(input.now.getTime() + days * 86_400_000));
  await store.createPickupCode({ codeHash: pickupCodeHash(code), credentialIds: ids, createdAt: isoSeconds(input.now), expiresAt });
  return { code, expiresAt, credentialIds: ids, ...(input.baseUrl !== undefined ? { url: `${input.baseUrl}/pickup/${code}` } : {}) };
}

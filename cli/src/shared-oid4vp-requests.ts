import type { IssuerStore } from '@lp/issuer';
import type { Oid4vpRequestStore, Oid4vpResult } from '@lp/verifier';
import { z } from 'zod';

/** What the store gives back was written by this code, but a row is read as untrusted text all the same. */
const zStoredPayload = z.record(z.string(), z.unknown());
const zStoredResult = z.object({
  verdict: z.string(),
  presentations: z.array(z.unknown()),
  records: z.array(z.unknown()),
  error: z.string().optional(),
}).passthrough();

/**
 * The verifier's OpenID4VP requests held in the issuer's store (SQLite in LP_DATA_DIR, or the
 * PostgreSQL database every `lp serve` instance shares): a request made by instance A is answered
 * once at B (a second answer at C is RESPONSE_ALREADY_RECEIVED) and its verdict read at any of
 * them. Expired requests are dropped when a later one is made.
 */
export function createSharedOid4vpRequests(store: IssuerStore): Oid4vpRequestStore {
  return {
    put: (r, purgeExpiredBefore) => store.putPresentationRequest({ ...r, payload: JSON.stringify(r.payload) }, purgeExpiredBefore),
    async get(id) {
      const r = await store.getPresentationRequest(id);
      if (!r) return null;
      return {
        ...r,
        payload: zStoredPayload.parse(JSON.parse(r.payload)),
        result: r.result === null ? null : zStoredResult.parse(JSON.parse(r.result)) as unknown as Oid4vpResult,
      };
    },
    claim: (id, now) => store.claimPresentationRequest(id, now),
    setResult: (id, result) => store.setPresentationResult(id, JSON.stringify(result)),
  };
}

import type { PresentationResult } from '../presentations/verify-presentation.ts';

/** What a wallet's answer came to: the verdict, each presentation's checks, and the records presented. */
export interface Oid4vpResult {
  verdict: string;
  presentations: PresentationResult[];
  /** The credentials as presented (JSON objects), for the page that made the request. */
  records: unknown[];
  /** Set when the answer could not be read at all (VP_TOKEN_INVALID). */
  error?: string;
}

export interface NewOid4vpRequest {
  id: string;
  nonce: string;
  clientId: string;
  /** The authorization request payload, as the response is validated against it. */
  payload: Record<string, unknown>;
  /** SHA-256 (base64url) of the key that reads the presented records. */
  readKeyHash: string;
  createdAt: string;
  expiresAt: string;
}

export interface Oid4vpRequest extends NewOid4vpRequest {
  answeredAt: string | null;
  result: Oid4vpResult | null;
}

export type ClaimState = 'ok' | 'answered' | 'expired' | 'unknown';

/**
 * Where OpenID4VP requests are held. This file's store keeps them in this process's memory; with
 * an issuer store (`lp serve` on SQLite or PostgreSQL) they live in the database, so a request made
 * by one instance is answered at another and read at a third.
 */
export interface Oid4vpRequestStore {
  /** Holds the request and drops those that expired before `purgeExpiredBefore`. */
  put(r: NewOid4vpRequest, purgeExpiredBefore: string): Promise<void>;
  get(id: string): Promise<Oid4vpRequest | null>;
  /** Takes the one answer a request accepts: 'ok' once, then 'answered'; nothing recorded when expired or unknown. */
  claim(id: string, now: string): Promise<ClaimState>;
  setResult(id: string, result: Oid4vpResult): Promise<void>;
}

/** Requests of one process; past `cap` (default 1,000) the oldest is dropped. */
export function createMemoryOid4vpRequests(opts: { cap?: number } = {}): Oid4vpRequestStore {
  const cap = opts.cap ?? 1_000;
  // Insertion order = creation order, so the first entries are the oldest.
  const held = new Map<string, Oid4vpRequest>();
  return {
    async put(r, purgeExpiredBefore) {
      const before = Date.parse(purgeExpiredBefore);
      for (const [k, v] of held) if (Date.parse(v.expiresAt) < before) held.delete(k);
      while (held.size >= cap) held.delete(held.keys().next().value!);
      held.set(r.id, { ...r, answeredAt: null, result: null });
    },
    async get(id) {
      const r = held.get(id);
      return r ? { ...r } : null;
    },
    async claim(id, now) {
      const r = held.get(id);
      if (!r) return 'unknown';
      if (r.answeredAt !== null) return 'answered';
      if (Date.parse(now) >= Date.parse(r.expiresAt)) return 'expired';
      r.answeredAt = now;
      return 'ok';
    },
    async setResult(id, result) {
      const r = held.get(id);
      if (r) r.result = result;
    },
  };
}

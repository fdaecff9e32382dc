import { StoreError } from '../errors.ts';
import type { AchievementRecord, BulkKey, IssuerKeyRecord, Page, PresentationRequestRecord } from '../issuer-store.ts';

/** Values both stores keep in text columns, read back the same way in SQLite and PostgreSQL. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new StoreError('STORE_CORRUPT', `stored ${what} is not JSON`, { cause: e });
  }
}

// JSON array, not a joined string: no separator can make two different keys collide.
export const bulkKeyText = (k: BulkKey): string => JSON.stringify([k.candidateNumber, k.achievementCode, k.session]);

export function bulkKeyOf(text: string | null): BulkKey | null {
  if (text === null) return null;
  const [candidateNumber, achievementCode, session] = parseJson(text, 'bulk key') as [string, string, string];
  return { candidateNumber, achievementCode, session };
}

export function pageOf(page: Page | undefined): { limit: number; offset: number } {
  const limit = page?.limit ?? 100;
  const offset = page?.offset ?? 0;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) throw new TypeError('limit must be 1…1000');
  if (!Number.isSafeInteger(offset) || offset < 0) throw new TypeError('offset must be a non-negative integer');
  return { limit, offset };
}

/** A row of oid4vp_requests, the same in both stores. */
export interface PresentationRequestRow {
  id: string; nonce: string; client_id: string; payload: string; read_key_hash: string; created_at: string; expires_at: string; answered_at: string | null; result: string | null;
}

export function presentationRequestOf(r: PresentationRequestRow): PresentationRequestRecord {
  return { id: r.id, nonce: r.nonce, clientId: r.client_id, payload: r.payload, readKeyHash: r.read_key_hash, createdAt: r.created_at, expiresAt: r.expires_at, answeredAt: r.answered_at, result: r.result };
}

/** A signing key's row, the same in both dialects (key_file is JSON text). */
export interface KeyRow { kid: string; public_key_multibase: string; key_file: string; valid_from: string; valid_until: string | null; revoked_at: string | null; status: 'active' | 'retired' }
export interface AchievementRow { code: string; entry: string; created_at: string; updated_at: string }

export const keyOf = (r: KeyRow): IssuerKeyRecord => ({
  kid: r.kid, publicKeyMultibase: r.public_key_multibase, keyFile: parseJson(r.key_file, 'key file'),
  validFrom: r.valid_from, validUntil: r.valid_until, revokedAt: r.revoked_at, status: r.status,
});
export const achievementOf = (r: AchievementRow): AchievementRecord => ({
  code: r.code, entry: parseJson(r.entry, 'achievement'), createdAt: r.created_at, updatedAt: r.updated_at,
});

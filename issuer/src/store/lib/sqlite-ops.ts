import type Database from 'better-sqlite3';
import { StatusError, allocateIndex, createBitstring, getBit, setBit } from '@lp/status';
import type { StatusPurpose } from '@lp/status';
import { StoreError } from '../errors.ts';
import {
  achievementOf, bulkKeyOf, bulkKeyText, keyOf, pageOf, parseJson, presentationRequestOf, type AchievementRow, type KeyRow, type PresentationRequestRow,
} from './row-values.ts';
import type {
  AchievementRecord, ApiKeyRecord, AuditEntry, BulkKey, BulkRunCounts, BulkRunRecord, ConsumePickupResult,
  CredentialRecord, IssuerKeyRecord, IssuerProfile, NewAuditEntry, NewCredential, NewIssuerKey, NewPickupCode,
  NewCredentialOffer, RedeemOfferResult, OfferItem, DeliveredCredential, ConsumeNonceResult,
  NewPresentationRequest, PresentationRequestRecord, ClaimPresentationRequestResult,
  Page, SetStatusResult, SignedStatusList, StatusAllocation, StatusListRecord, StatusListSummary,
} from '../issuer-store.ts';

export interface SqliteOpsOptions {
  /** Entries per new status list (default 131,072). */
  listLength: number;
  /** Test only: accept lists shorter than 131,072 entries. */
  allowShortList: boolean;
  random: (n: number) => Uint8Array;
}

interface ListRow { id: string; purpose: StatusPurpose; number: number; length: number; used_count: number; full: number; version: number }
interface SignedRow { json: string; version: number; signed_at: string }
interface CredentialRow { id: string; kind: string; subject: string; achievement_codes: string; record: string; format: string; jwt: string | null; seal: string | null; created_at: string; revoked: number; suspended: number; bulk_key: string | null }
interface AuditRow { id: number; at: string; actor: string; action: string; target: string | null; details: string }
interface ApiKeyRow { id: string; label: string; hash: string; created_at: string; revoked_at: string | null }
interface BulkRunRow { id: string; session: string; started_at: string; finished_at: string | null; counts: string | null }

const listSummaryOf = (r: ListRow): StatusListSummary => ({
  id: r.id, purpose: r.purpose, number: r.number, length: r.length, usedCount: r.used_count, full: r.full === 1, version: r.version,
});
const apiKeyOf = (r: ApiKeyRow): ApiKeyRecord => ({ id: r.id, label: r.label, hash: r.hash, createdAt: r.created_at, revokedAt: r.revoked_at });
const bulkRunOf = (r: BulkRunRow): BulkRunRecord => ({
  id: r.id, session: r.session, startedAt: r.started_at, finishedAt: r.finished_at,
  counts: r.counts === null ? null : (parseJson(r.counts, 'bulk run counts') as BulkRunCounts),
});

/**
 * The SQLite statements behind `IssuerStore`, synchronous (better-sqlite3). Every method that
 * writes more than one row runs in `db.transaction(…).immediate()`: it takes the write lock up
 * front (no deadlock on upgrade in WAL) and becomes a SAVEPOINT when an outer transaction is open.
 */
export class SqliteOps {
  constructor(
    readonly db: Database.Database,
    private readonly options: SqliteOpsOptions,
  ) {}

  private readonly statements = new Map<string, Database.Statement>();

  /** Prepared once per connection: preparing costs more than running most of these statements. */
  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  // ---- profile
  getProfile(): IssuerProfile | null {
    const r = this.stmt('SELECT id, names, country, did_method, created_at, kind, public_url FROM issuer_profile').get() as
      { id: string; names: string; country: string; did_method: string; created_at: string; kind: string | null; public_url: string | null } | undefined;
    if (!r) return null;
    return {
      id: r.id, names: parseJson(r.names, 'profile names') as Record<string, string>, country: r.country, didMethod: r.did_method, createdAt: r.created_at,
      ...(r.kind !== null ? { kind: r.kind } : {}), ...(r.public_url !== null ? { publicUrl: r.public_url } : {}),
    };
  }

  setProfile(p: IssuerProfile): void {
    this.stmt(`INSERT INTO issuer_profile (singleton, id, names, country, did_method, created_at, kind, public_url) VALUES (1, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (singleton) DO UPDATE SET id = excluded.id, names = excluded.names, country = excluded.country,
      did_method = excluded.did_method, created_at = excluded.created_at, kind = excluded.kind, public_url = excluded.public_url`)
      .run(p.id, JSON.stringify(p.names), p.country, p.didMethod, p.createdAt, p.kind ?? null, p.publicUrl ?? null);
  }

  // ---- keys
  addKey(k: NewIssuerKey): void {
    this.stmt(`INSERT INTO keys (kid, public_key_multibase, key_file, valid_from, status) VALUES (?, ?, ?, ?, 'active')`)
      .run(k.kid, k.publicKeyMultibase, JSON.stringify(k.keyFile), k.validFrom);
  }

  listKeys(): IssuerKeyRecord[] {
    return (this.stmt('SELECT * FROM keys ORDER BY valid_from, kid').all() as KeyRow[]).map(keyOf);
  }

  getActiveKey(): IssuerKeyRecord | null {
    const r = this.stmt(`SELECT * FROM keys WHERE status = 'active'`).get() as KeyRow | undefined;
    return r ? keyOf(r) : null;
  }

  retireKey(kid: string, at: string): void {
    const info = this.stmt(`UPDATE keys SET status = 'retired', valid_until = COALESCE(valid_until, ?) WHERE kid = ?`).run(at, kid);
    if (info.changes !== 1) throw new StoreError('NOT_FOUND', `no key ${kid}`);
  }

  revokeKey(kid: string, at: string): void {
    const info = this.stmt(`UPDATE keys SET status = 'retired', valid_until = COALESCE(valid_until, ?),
      revoked_at = COALESCE(revoked_at, ?) WHERE kid = ?`).run(at, at, kid);
    if (info.changes !== 1) throw new StoreError('NOT_FOUND', `no key ${kid}`);
  }

  // ---- achievement catalogue
  upsertAchievement(code: string, entry: unknown, at: string): AchievementRecord {
    this.stmt(`INSERT INTO achievements (code, entry, created_at, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (code) DO UPDATE SET entry = excluded.entry, updated_at = excluded.updated_at`)
      .run(code, JSON.stringify(entry), at, at);
    return this.getAchievement(code)!;
  }

  getAchievement(code: string): AchievementRecord | null {
    const r = this.stmt('SELECT * FROM achievements WHERE code = ?').get(code) as AchievementRow | undefined;
    return r ? achievementOf(r) : null;
  }

  listAchievements(): AchievementRecord[] {
    return (this.stmt('SELECT * FROM achievements ORDER BY code').all() as AchievementRow[]).map(achievementOf);
  }

  // ---- status lists
  /**
   * An allocation is a row in `status_allocations`, whose primary key makes a committed index
   * impossible to hand out twice. Choice about rollback: an allocation made inside a transaction
   * that rolls back disappears with it and may later be handed out again. That is harmless, because
   * the credential that carried it never existed: nothing signed with that index was ever returned.
   * DESIGN.md's rule ("WAL with synchronous=FULL … a status index that rolls back could be reused
   * for a second learner") is about durability: an index in an *answered* credential must survive a
   * crash, which synchronous=FULL guarantees for every COMMIT before the API answers.
   */
  allocateStatus(purpose: StatusPurpose): StatusAllocation {
    if (purpose !== 'revocation' && purpose !== 'suspension') throw new TypeError(`unknown status purpose ${String(purpose)}`);
    return this.write(() => {
      const isUsedStmt = this.stmt('SELECT 1 FROM status_allocations WHERE list_id = ? AND idx = ?').pluck();
      for (;;) {
        const list = (this.stmt('SELECT * FROM status_lists WHERE purpose = ? AND full = 0 ORDER BY number LIMIT 1').get(purpose) as ListRow | undefined)
          ?? this.openList(purpose);
        let index: number;
        try {
          index = allocateIndex({
            length: list.length, usedCount: list.used_count, random: this.options.random,
            allowShortList: this.options.allowShortList,
            isUsed: (i) => isUsedStmt.get(list.id, i) !== undefined,
          });
        } catch (e) {
          if (e instanceof StatusError && e.code === 'LIST_FULL') {
            this.stmt('UPDATE status_lists SET full = 1 WHERE id = ?').run(list.id);
            continue;
          }
          throw e;
        }
        this.stmt('INSERT INTO status_allocations (list_id, idx) VALUES (?, ?)').run(list.id, index);
        this.stmt('UPDATE status_lists SET used_count = used_count + 1, full = (used_count + 1 >= length) WHERE id = ?').run(list.id);
        return { purpose, listId: list.id, index };
      }
    });
  }

  /**
   * `count` indexes as `allocateStatus` picks them, in one savepoint: the list row is read once
   * and its count updated once per list, and the random bytes are drawn in blocks (a bulk run
   * allocates two indexes per credential; a savepoint and a list read each cost as much as the
   * allocation).
   */
  allocateStatuses(purpose: StatusPurpose, count: number): StatusAllocation[] {
    if (!Number.isInteger(count) || count < 0) throw new TypeError(`count must be a whole number, got ${String(count)}`);
    if (purpose !== 'revocation' && purpose !== 'suspension') throw new TypeError(`unknown status purpose ${String(purpose)}`);
    if (count === 0) return [];
    return this.write(() => {
      const isUsedStmt = this.stmt('SELECT 1 FROM status_allocations WHERE list_id = ? AND idx = ?').pluck();
      const insert = this.stmt('INSERT INTO status_allocations (list_id, idx) VALUES (?, ?)');
      const random = blockRandom(this.options.random);
      const out: StatusAllocation[] = [];
      while (out.length < count) {
        const list = (this.stmt('SELECT * FROM status_lists WHERE purpose = ? AND full = 0 ORDER BY number LIMIT 1').get(purpose) as ListRow | undefined)
          ?? this.openList(purpose);
        let used = list.used_count;
        let full = false;
        while (out.length < count && used < list.length) {
          let index: number;
          try {
            index = allocateIndex({
              length: list.length, usedCount: used, random, allowShortList: this.options.allowShortList,
              isUsed: (i) => isUsedStmt.get(list.id, i) !== undefined,
            });
          } catch (e) {
            if (e instanceof StatusError && e.code === 'LIST_FULL') {
              full = true;
              break;
            }
            throw e;
          }
          insert.run(list.id, index);
          used++;
          out.push({ purpose, listId: list.id, index });
        }
        const added = used - list.used_count;
        if (added > 0) this.stmt('UPDATE status_lists SET used_count = used_count + ?, full = (used_count + ? >= length) WHERE id = ?').run(added, added, list.id);
        if (full) this.stmt('UPDATE status_lists SET full = 1 WHERE id = ?').run(list.id);
      }
      return out;
    });
  }

  private openList(purpose: StatusPurpose): ListRow {
    const { listLength, allowShortList } = this.options;
    const bits = createBitstring(listLength, { allowShortList });
    const number = (this.stmt('SELECT COALESCE(MAX(number), 0) + 1 FROM status_lists WHERE purpose = ?').pluck().get(purpose) as number);
    const id = `${purpose}-${number}`;
    this.stmt('INSERT INTO status_lists (id, purpose, number, length) VALUES (?, ?, ?, ?)').run(id, purpose, number, listLength);
    this.stmt('INSERT INTO status_list_bits (list_id, bits) VALUES (?, ?)').run(id, bits);
    return this.stmt('SELECT * FROM status_lists WHERE id = ?').get(id) as ListRow;
  }

  listStatusLists(purpose?: StatusPurpose): StatusListSummary[] {
    const cols = 'id, purpose, number, length, used_count, full, version';
    const rows = purpose === undefined
      ? this.stmt(`SELECT ${cols} FROM status_lists ORDER BY purpose, number`).all()
      : this.stmt(`SELECT ${cols} FROM status_lists WHERE purpose = ? ORDER BY number`).all(purpose);
    return (rows as ListRow[]).map(listSummaryOf);
  }

  getStatusList(listId: string): StatusListRecord | null {
    const r = this.stmt('SELECT * FROM status_lists WHERE id = ?').get(listId) as ListRow | undefined;
    if (!r) return null;
    const bits = this.stmt('SELECT bits FROM status_list_bits WHERE list_id = ?').pluck().get(listId) as Uint8Array | undefined;
    if (!bits || bits.length * 8 !== r.length) throw new StoreError('STORE_CORRUPT', `status list ${listId} has ${bits?.length ?? 0} bytes for ${r.length} entries`);
    const s = this.stmt('SELECT json, version, signed_at FROM status_list_signed WHERE list_id = ?').get(listId) as SignedRow | undefined;
    const signed = s ? { json: s.json, version: s.version, signedAt: s.signed_at } : null;
    return { ...listSummaryOf(r), bits: new Uint8Array(bits), signed };
  }

  setSignedStatusList(listId: string, s: SignedStatusList): void {
    // The foreign key turns an unknown list into NOT_FOUND.
    this.stmt(`INSERT INTO status_list_signed (list_id, json, version, signed_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (list_id) DO UPDATE SET json = excluded.json, version = excluded.version, signed_at = excluded.signed_at`)
      .run(listId, s.json, s.version, s.signedAt);
  }

  // ---- credentials
  insertCredential(c: NewCredential): void {
    this.write(() => this.insertCredentialRow(c));
  }

  private insertCredentialRow(c: NewCredential): void {
    this.stmt(`INSERT INTO credentials (id, kind, subject, achievement_codes, record, format, jwt, seal, created_at, bulk_key)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      c.id, c.kind, JSON.stringify(c.subject ?? null), JSON.stringify(c.achievementCodes), c.record, c.format,
      c.jwt ?? null, c.seal ?? null, c.createdAt, c.bulkKey ? bulkKeyText(c.bulkKey) : null,
    );
    const bind = this.stmt(`UPDATE status_allocations SET credential_id = ?
      WHERE list_id = ? AND idx = ? AND credential_id IS NULL
      AND EXISTS (SELECT 1 FROM status_lists WHERE id = ? AND purpose = ?)`);
    for (const s of c.status) {
      if (bind.run(c.id, s.listId, s.index, s.listId, s.purpose).changes !== 1) {
        throw new StoreError('STORE_CONFLICT', `status ${s.purpose} ${s.listId}#${s.index} was not allocated or is bound to another credential`);
      }
    }
  }

  /** Every row in one savepoint (not one per credential): all of them are stored or none. */
  insertCredentials(credentials: readonly NewCredential[], audit: readonly NewAuditEntry[]): void {
    if (credentials.length !== audit.length) throw new TypeError('insertCredentials takes one audit entry per credential');
    this.write(() => {
      for (const c of credentials) this.insertCredentialRow(c);
      for (const e of audit) this.appendAudit(e);
    });
  }

  private credentialOf(r: CredentialRow): CredentialRecord {
    const status = (this.stmt(`SELECT l.purpose, a.list_id, a.idx FROM status_allocations a JOIN status_lists l ON l.id = a.list_id
      WHERE a.credential_id = ? ORDER BY l.purpose, a.list_id`).all(r.id) as { purpose: StatusPurpose; list_id: string; idx: number }[])
      .map((s) => ({ purpose: s.purpose, listId: s.list_id, index: s.idx }));
    return {
      id: r.id, kind: r.kind, subject: parseJson(r.subject, 'credential subject'),
      achievementCodes: parseJson(r.achievement_codes, 'achievement codes') as string[],
      record: r.record, format: r.format, jwt: r.jwt, seal: r.seal, status, createdAt: r.created_at,
      bulkKey: bulkKeyOf(r.bulk_key), revoked: r.revoked === 1, suspended: r.suspended === 1,
    };
  }

  getCredential(id: string): CredentialRecord | null {
    const r = this.stmt('SELECT * FROM credentials WHERE id = ?').get(id) as CredentialRow | undefined;
    return r ? this.credentialOf(r) : null;
  }

  getCredentialByBulkKey(key: BulkKey): CredentialRecord | null {
    const r = this.stmt('SELECT * FROM credentials WHERE bulk_key = ?').get(bulkKeyText(key)) as CredentialRow | undefined;
    return r ? this.credentialOf(r) : null;
  }

  countCredentials(): number {
    return this.stmt('SELECT COUNT(*) FROM credentials').pluck().get() as number;
  }

  listCredentials(page?: Page): CredentialRecord[] {
    const { limit, offset } = pageOf(page);
    return (this.stmt('SELECT * FROM credentials ORDER BY created_at, id LIMIT ? OFFSET ?').all(limit, offset) as CredentialRow[])
      .map((r) => this.credentialOf(r));
  }

  setStatus(credentialId: string, purpose: StatusPurpose, value: boolean): SetStatusResult {
    return this.write(() => {
      const cred = this.stmt('SELECT revoked, suspended FROM credentials WHERE id = ?').get(credentialId) as { revoked: number; suspended: number } | undefined;
      if (!cred) throw new StoreError('NOT_FOUND', `no credential ${credentialId}`);
      const a = this.stmt(`SELECT a.list_id, a.idx FROM status_allocations a JOIN status_lists l ON l.id = a.list_id
        WHERE a.credential_id = ? AND l.purpose = ?`).get(credentialId, purpose) as { list_id: string; idx: number } | undefined;
      if (!a) throw new StoreError('NOT_FOUND', `credential ${credentialId} has no ${purpose} status entry`);
      if (purpose === 'revocation' && !value && cred.revoked === 1) {
        throw new StoreError('REVOCATION_IRREVERSIBLE', `credential ${credentialId} is revoked; revocation cannot be undone`);
      }
      const list = this.getStatusList(a.list_id)!;
      const changed = getBit(list.bits, a.idx) !== value;
      let version = list.version;
      if (changed) {
        setBit(list.bits, a.idx, value);
        version = list.version + 1;
        this.stmt('UPDATE status_list_bits SET bits = ? WHERE list_id = ?').run(list.bits, a.list_id);
        this.stmt('UPDATE status_lists SET version = ? WHERE id = ?').run(version, a.list_id);
      }
      const column = purpose === 'revocation' ? 'revoked' : 'suspended';
      this.stmt(`UPDATE credentials SET ${column} = ? WHERE id = ?`).run(value ? 1 : 0, credentialId);
      return { listId: a.list_id, index: a.idx, changed, version };
    });
  }

  // ---- audit log
  appendAudit(e: NewAuditEntry): number {
    const info = this.stmt('INSERT INTO audit_log (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)')
      .run(e.at, e.actor, e.action, e.target ?? null, JSON.stringify(e.details ?? {}));
    return Number(info.lastInsertRowid);
  }

  listAudit(options: { afterId?: number; limit?: number } = {}): AuditEntry[] {
    const { limit } = pageOf({ limit: options.limit ?? 100 });
    return (this.stmt('SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT ?').all(options.afterId ?? 0, limit) as AuditRow[])
      .map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, target: r.target, details: parseJson(r.details, 'audit details') }));
  }

  // ---- API keys
  createApiKey(k: { id: string; label: string; hash: string; createdAt: string }): void {
    if (!/^[0-9a-f]{64}$/.test(k.hash)) throw new TypeError('API key hash must be lower-case hex SHA-256');
    this.stmt('INSERT INTO api_keys (id, label, hash, created_at) VALUES (?, ?, ?, ?)').run(k.id, k.label, k.hash, k.createdAt);
  }

  listApiKeys(): ApiKeyRecord[] {
    return (this.stmt('SELECT * FROM api_keys ORDER BY created_at, id').all() as ApiKeyRow[]).map(apiKeyOf);
  }

  revokeApiKey(id: string, at: string): void {
    const info = this.stmt('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(at, id);
    if (info.changes !== 1) throw new StoreError('NOT_FOUND', `no API key ${id}`);
  }

  findApiKeyByHash(hash: string): ApiKeyRecord | null {
    const r = this.stmt('SELECT * FROM api_keys WHERE hash = ?').get(hash) as ApiKeyRow | undefined;
    return r ? apiKeyOf(r) : null;
  }

  // ---- wallet pick-up codes
  createPickupCode(p: NewPickupCode): void {
    if (p.credentialIds.length === 0) throw new TypeError('a pick-up code needs at least one credential');
    if (new Set(p.credentialIds).size !== p.credentialIds.length) throw new TypeError('a pick-up code lists each credential once');
    this.write(() => {
      // credential_id (v2, NOT NULL) holds the first item; pickup_code_items is what consume reads.
      this.stmt('INSERT INTO pickup_codes (code_hash, credential_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
        .run(p.codeHash, p.credentialIds[0]!, p.createdAt, p.expiresAt);
      const item = this.stmt('INSERT INTO pickup_code_items (code_hash, position, credential_id) VALUES (?, ?, ?)');
      p.credentialIds.forEach((id, i) => item.run(p.codeHash, i, id));
    });
  }

  consumePickupCode(codeHash: string, now: string): ConsumePickupResult {
    const nowMs = Date.parse(now);
    if (Number.isNaN(nowMs)) throw new TypeError(`now is not an ISO date: ${now}`);
    return this.write(() => {
      const r = this.stmt('SELECT expires_at, used_at FROM pickup_codes WHERE code_hash = ?').get(codeHash) as
        { expires_at: string; used_at: string | null } | undefined;
      if (!r) return { ok: false, reason: 'unknown' } as const;
      if (r.used_at !== null) return { ok: false, reason: 'used' } as const;
      if (!(Date.parse(r.expires_at) > nowMs)) return { ok: false, reason: 'expired' } as const;
      // The write lock is held since BEGIN IMMEDIATE, so no second consumer can pass the check above.
      this.stmt('UPDATE pickup_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL').run(now, codeHash);
      // The offer of the same issuance is the other door to these credentials: it closes too.
      this.stmt('UPDATE oid4vci_offers SET redeemed_at = ? WHERE pickup_code_hash = ? AND redeemed_at IS NULL').run(now, codeHash);
      const ids = this.stmt('SELECT credential_id FROM pickup_code_items WHERE code_hash = ? ORDER BY position').pluck().all(codeHash) as string[];
      return { ok: true, credentialIds: ids } as const;
    });
  }

  // ---- OpenID4VCI offers and nonces
  createCredentialOffer(o: NewCredentialOffer): void {
    if (o.credentialIds.length === 0) throw new TypeError('an offer needs at least one credential');
    if (new Set(o.credentialIds).size !== o.credentialIds.length) throw new TypeError('an offer lists each credential once');
    this.write(() => {
      if (o.pickupCodeHash != null && !this.stmt('SELECT 1 FROM pickup_codes WHERE code_hash = ?').get(o.pickupCodeHash)) {
        throw new StoreError('NOT_FOUND', 'no pick-up code to pair the offer with');
      }
      this.stmt('INSERT INTO oid4vci_offers (id, code_hash, tx_code_hash, created_at, expires_at, pickup_code_hash) VALUES (?, ?, ?, ?, ?, ?)')
        .run(o.id, o.codeHash, o.txCodeHash, o.createdAt, o.expiresAt, o.pickupCodeHash ?? null);
      const item = this.stmt('INSERT INTO oid4vci_offer_items (offer_id, position, credential_id) VALUES (?, ?, ?)');
      o.credentialIds.forEach((id, i) => {
        if (!this.stmt('SELECT 1 FROM credentials WHERE id = ?').get(id)) throw new StoreError('NOT_FOUND', `no credential ${id}`);
        item.run(o.id, i, id);
      });
    });
  }

  redeemCredentialOffer(codeHash: string, txCodeHash: string | null, now: string, maxTxAttempts: number): RedeemOfferResult {
    const nowMs = Date.parse(now);
    if (Number.isNaN(nowMs)) throw new TypeError(`now is not an ISO date: ${now}`);
    return this.write((): RedeemOfferResult => {
      const r = this.stmt('SELECT id, tx_code_hash, tx_attempts, expires_at, redeemed_at, pickup_code_hash FROM oid4vci_offers WHERE code_hash = ?').get(codeHash) as
        { id: string; tx_code_hash: string | null; tx_attempts: number; expires_at: string; redeemed_at: string | null; pickup_code_hash: string | null } | undefined;
      if (!r) return { ok: false, reason: 'unknown' };
      if (r.redeemed_at !== null) return { ok: false, reason: r.tx_attempts >= maxTxAttempts && r.tx_code_hash !== null ? 'tx_code_locked' : 'used' };
      if (!(Date.parse(r.expires_at) > nowMs)) return { ok: false, reason: 'expired' };
      if (r.tx_code_hash !== null) {
        if (txCodeHash === null) return { ok: false, reason: 'tx_code_missing' };
        if (txCodeHash !== r.tx_code_hash) {
          const attempts = r.tx_attempts + 1;
          // The last allowed wrong PIN spends the offer: guessing stops there, for good.
          this.stmt('UPDATE oid4vci_offers SET tx_attempts = ?, redeemed_at = CASE WHEN ? >= ? THEN ? ELSE NULL END WHERE id = ?')
            .run(attempts, attempts, maxTxAttempts, now, r.id);
          return attempts >= maxTxAttempts ? { ok: false, reason: 'tx_code_locked', attemptsLeft: 0 } : { ok: false, reason: 'tx_code_wrong', attemptsLeft: maxTxAttempts - attempts };
        }
      }
      this.stmt('UPDATE oid4vci_offers SET redeemed_at = ? WHERE id = ? AND redeemed_at IS NULL').run(now, r.id);
      // A wrong PIN above spends nothing but the offer; a redeemed offer spends its pick-up code.
      if (r.pickup_code_hash !== null) this.stmt('UPDATE pickup_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL').run(now, r.pickup_code_hash);
      const ids = this.stmt('SELECT credential_id FROM oid4vci_offer_items WHERE offer_id = ? ORDER BY position').pluck().all(r.id) as string[];
      return { ok: true, offerId: r.id, credentialIds: ids };
    });
  }

  getOfferItems(offerId: string): OfferItem[] | null {
    if (!this.stmt('SELECT 1 FROM oid4vci_offers WHERE id = ?').get(offerId)) return null;
    const rows = this.stmt('SELECT credential_id, holder, delivered_at FROM oid4vci_offer_items WHERE offer_id = ? ORDER BY position').all(offerId) as
      { credential_id: string; holder: string | null; delivered_at: string | null }[];
    return rows.map((r) => ({ credentialId: r.credential_id, holder: r.holder, deliveredAt: r.delivered_at }));
  }

  markOfferDelivered(offerId: string, delivered: readonly DeliveredCredential[], at: string): void {
    this.write(() => {
      for (const d of delivered) {
        const info = this.stmt('UPDATE oid4vci_offer_items SET holder = ?, format = ?, record = ?, delivered_at = ? WHERE offer_id = ? AND credential_id = ? AND delivered_at IS NULL')
          .run(d.holder, d.format, d.record, at, offerId, d.credentialId);
        if (info.changes === 1) continue;
        const known = this.stmt('SELECT 1 FROM oid4vci_offer_items WHERE offer_id = ? AND credential_id = ?').get(offerId, d.credentialId);
        throw known
          ? new StoreError('STORE_CONFLICT', `credential ${d.credentialId} of this offer was already delivered`)
          : new StoreError('NOT_FOUND', `credential ${d.credentialId} is not part of offer ${offerId}`);
      }
    });
  }

  createNonce(nonce: string, expiresAt: string): void {
    this.stmt('INSERT INTO oid4vci_nonces (nonce, expires_at) VALUES (?, ?)').run(nonce, expiresAt);
  }

  consumeNonce(nonce: string, now: string): ConsumeNonceResult {
    const nowMs = Date.parse(now);
    if (Number.isNaN(nowMs)) throw new TypeError(`now is not an ISO date: ${now}`);
    return this.write((): ConsumeNonceResult => {
      const r = this.stmt('SELECT expires_at, used_at FROM oid4vci_nonces WHERE nonce = ?').get(nonce) as { expires_at: string; used_at: string | null } | undefined;
      if (!r) return { ok: false, reason: 'unknown' };
      if (r.used_at !== null) return { ok: false, reason: 'used' };
      if (!(Date.parse(r.expires_at) > nowMs)) return { ok: false, reason: 'expired' };
      this.stmt('UPDATE oid4vci_nonces SET used_at = ? WHERE nonce = ?').run(now, nonce);
      return { ok: true };
    });
  }

  // ---- rate limits
  private readonly windows = new Map<string, { start: number; count: number }>();

  /** In memory: one machine, one server process (see migration v7). */
  takeRateLimit(key: string, windowStart: number, limit: number): boolean {
    let w = this.windows.get(key);
    // Any other window starts afresh, an earlier one too: a clock set back (NTP, a test's clock)
    // must not lock a key out until it catches up again.
    if (!w || w.start !== windowStart) {
      if (!w && this.windows.size >= 10_000) {
        for (const [k, v] of this.windows) if (v.start < windowStart) this.windows.delete(k);
      }
      w = { start: windowStart, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count >= limit) return false;
    w.count++;
    return true;
  }

  // ---- presentation challenges
  putChallenge(c: { challenge: string; expiresAt: string; createdAt: string }): void {
    this.write(() => {
      this.stmt('DELETE FROM presentation_challenges WHERE expires_at < ?').run(c.createdAt);
      this.stmt('INSERT INTO presentation_challenges (challenge, expires_at) VALUES (?, ?)').run(c.challenge, c.expiresAt);
    });
  }

  consumeChallenge(challenge: string, now: string): 'ok' | 'unknown' | 'used' | 'expired' {
    return this.write(() => {
      const r = this.stmt('SELECT expires_at, used_at FROM presentation_challenges WHERE challenge = ?').get(challenge) as { expires_at: string; used_at: string | null } | undefined;
      if (!r) return 'unknown';
      if (r.used_at !== null) return 'used';
      this.stmt('UPDATE presentation_challenges SET used_at = ? WHERE challenge = ?').run(now, challenge);
      return Date.parse(now) >= Date.parse(r.expires_at) ? 'expired' : 'ok';
    });
  }

  // ---- OpenID4VP requests
  putPresentationRequest(r: NewPresentationRequest, purgeExpiredBefore: string): void {
    this.write(() => {
      this.stmt('DELETE FROM oid4vp_requests WHERE expires_at < ?').run(purgeExpiredBefore);
      this.stmt('INSERT INTO oid4vp_requests (id, nonce, client_id, payload, read_key_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(r.id, r.nonce, r.clientId, r.payload, r.readKeyHash, r.createdAt, r.expiresAt);
    });
  }

  getPresentationRequest(id: string): PresentationRequestRecord | null {
    const r = this.stmt('SELECT * FROM oid4vp_requests WHERE id = ?').get(id) as PresentationRequestRow | undefined;
    return r ? presentationRequestOf(r) : null;
  }

  claimPresentationRequest(id: string, now: string): ClaimPresentationRequestResult {
    return this.write(() => {
      const r = this.stmt('SELECT expires_at, answered_at FROM oid4vp_requests WHERE id = ?').get(id) as { expires_at: string; answered_at: string | null } | undefined;
      if (!r) return 'unknown';
      if (r.answered_at !== null) return 'answered';
      if (Date.parse(now) >= Date.parse(r.expires_at)) return 'expired';
      this.stmt('UPDATE oid4vp_requests SET answered_at = ? WHERE id = ?').run(now, id);
      return 'ok';
    });
  }

  setPresentationResult(id: string, result: string): void {
    const info = this.stmt('UPDATE oid4vp_requests SET result = ? WHERE id = ?').run(result, id);
    if (info.changes !== 1) throw new StoreError('NOT_FOUND', `no OpenID4VP request ${id}`);
  }

  // ---- bulk runs
  startBulkRun(r: { id: string; session: string; startedAt: string }): void {
    this.stmt('INSERT INTO bulk_runs (id, session, started_at) VALUES (?, ?, ?)').run(r.id, r.session, r.startedAt);
  }

  finishBulkRun(id: string, finishedAt: string, counts: BulkRunCounts): void {
    const info = this.stmt('UPDATE bulk_runs SET finished_at = ?, counts = ? WHERE id = ?').run(finishedAt, JSON.stringify(counts), id);
    if (info.changes !== 1) throw new StoreError('NOT_FOUND', `no bulk run ${id}`);
  }

  getBulkRun(id: string): BulkRunRecord | null {
    const r = this.stmt('SELECT * FROM bulk_runs WHERE id = ?').get(id) as BulkRunRow | undefined;
    return r ? bulkRunOf(r) : null;
  }

  listBulkRuns(): BulkRunRecord[] {
    return (this.stmt('SELECT * FROM bulk_runs ORDER BY started_at, id').all() as BulkRunRow[]).map(bulkRunOf);
  }
}

/**
 * `random` drawn 256 bytes at a time and handed out in slices: the same uniformly random bytes,
 * without a call into the system generator for each 4-byte draw.
 */
function blockRandom(random: (n: number) => Uint8Array): (n: number) => Uint8Array {
  let block: Uint8Array = new Uint8Array(0);
  let at = 0;
  return (n) => {
    if (n > 256) return random(n);
    if (at + n > block.length) {
      block = random(256);
      at = 0;
      if (block.length < 256) throw new TypeError('random(n) must return n bytes');
    }
    const out = block.subarray(at, at + n);
    at += n;
    return out;
  };
}

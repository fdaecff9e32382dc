import type pg from 'pg';
import { StatusError, allocateIndex, createBitstring, getBit, setBit } from '@lp/status';
import type { StatusPurpose } from '@lp/status';
import { StoreError } from '../errors.ts';
import {
  achievementOf, bulkKeyOf, bulkKeyText, keyOf, pageOf, parseJson, presentationRequestOf, type AchievementRow, type KeyRow, type PresentationRequestRow,
} from './row-values.ts';
import type {
  AchievementRecord, ApiKeyRecord, AuditEntry, BulkKey, BulkRunCounts, BulkRunRecord, ConsumePickupResult,
  CredentialRecord, IssuerKeyRecord, IssuerProfile, IssuerStoreOps, NewAuditEntry, NewCredential, NewIssuerKey,
  NewPickupCode, Page, SetStatusResult, SignedStatusList, StatusAllocation, StatusListRecord, StatusListSummary,
  NewCredentialOffer, RedeemOfferResult, OfferItem, DeliveredCredential, ConsumeNonceResult,
  NewPresentationRequest, PresentationRequestRecord, ClaimPresentationRequestResult,
} from '../issuer-store.ts';
import { mapPostgresError } from './map-postgres-error.ts';

export interface PostgresOpsOptions {
  listLength: number;
  allowShortList: boolean;
  random: (n: number) => Uint8Array;
  /**
   * The list each purpose allocated from last (shared by the store and its transactions). Only a
   * hint: the fast path re-checks in the same statement that the list exists and is not full.
   */
  currentList: Map<StatusPurpose, { id: string; length: number }>;
}

/**
 * How a call reaches the database. `inTransaction` says whether an outer transaction is open:
 * then a multi-statement write runs under a SAVEPOINT (a failed write undoes itself and leaves the
 * caller's transaction usable, as SQLite's nested `db.transaction` does), else under BEGIN/COMMIT
 * on a client of its own.
 */
export interface Session {
  withClient<T>(fn: (c: pg.ClientBase, inTransaction: boolean) => Promise<T>): Promise<T>;
}

interface ListRow { id: string; purpose: StatusPurpose; number: number; length: number; used_count: string | number; full: boolean; version: number }
interface CredentialRow { id: string; kind: string; subject: string; achievement_codes: string; record: string; format: string; jwt: string | null; seal: string | null; created_at: string; revoked: boolean; suspended: boolean; bulk_key: string | null }
interface AuditRow { id: string; at: string; actor: string; action: string; target: string | null; details: string }
interface ApiKeyRow { id: string; label: string; hash: string; created_at: string; revoked_at: string | null }
interface BulkRunRow { id: string; session: string; started_at: string; finished_at: string | null; counts: string | null }

const listSummaryOf = (r: ListRow): StatusListSummary => ({
  id: r.id, purpose: r.purpose, number: r.number, length: r.length, usedCount: Number(r.used_count), full: r.full, version: r.version,
});
const apiKeyOf = (r: ApiKeyRow): ApiKeyRecord => ({ id: r.id, label: r.label, hash: r.hash, createdAt: r.created_at, revokedAt: r.revoked_at });
const bulkRunOf = (r: BulkRunRow): BulkRunRecord => ({
  id: r.id, session: r.session, startedAt: r.started_at, finishedAt: r.finished_at,
  counts: r.counts === null ? null : (parseJson(r.counts, 'bulk run counts') as BulkRunCounts),
});

/** A list's summary with its used count taken from the allocations (the schema keeps no counter). */
const LIST_COLUMNS = `l.id, l.purpose, l.number, l.length, l."full", l.version,
  (SELECT COUNT(*) FROM status_allocations a WHERE a.list_id = l.id) AS used_count`;

let savepoints = 0;

/**
 * The PostgreSQL statements behind `IssuerStore`. Isolation is READ COMMITTED; where two instances
 * could race, the statement itself decides (a primary key, `UPDATE … WHERE used_at IS NULL`) or a
 * row lock is taken for the few statements of a read-modify-write (`FOR NO KEY UPDATE`).
 */
export class PostgresOps implements IssuerStoreOps {
  constructor(
    private readonly session: Session,
    private readonly options: PostgresOpsOptions,
  ) {}

  private async q<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.session.withClient((c) => query<R>(c, sql, params));
  }

  /** Several statements that commit together (see `Session`). */
  private write<T>(fn: (c: pg.ClientBase) => Promise<T>): Promise<T> {
    return this.inOneTransaction((_ops, c) => fn(c));
  }

  /**
   * Runs `fn` on one connection inside one transaction (a savepoint when already in one), with
   * operations bound to that connection, so a batch of calls commits or rolls back together;
   * calls on `this` outside a transaction would each take any pooled connection.
   */
  private inOneTransaction<T>(fn: (ops: PostgresOps, c: pg.ClientBase) => Promise<T>): Promise<T> {
    return this.session.withClient(async (c, inTransaction) => {
      const name = `lp_sp_${++savepoints}`;
      await query(c, inTransaction ? `SAVEPOINT ${name}` : 'BEGIN');
      try {
        const result = await fn(new PostgresOps({ withClient: (inner) => inner(c, true) }, this.options), c);
        await query(c, inTransaction ? `RELEASE SAVEPOINT ${name}` : 'COMMIT');
        return result;
      } catch (e) {
        await c.query(inTransaction ? `ROLLBACK TO SAVEPOINT ${name}` : 'ROLLBACK').catch(() => undefined);
        throw mapPostgresError(e);
      }
    });
  }

  // ---- profile
  async getProfile(): Promise<IssuerProfile | null> {
    const r = (await this.q<{ id: string; names: string; country: string; did_method: string; created_at: string; kind: string | null; public_url: string | null }>(
      'SELECT id, names, country, did_method, created_at, kind, public_url FROM issuer_profile')).rows[0];
    if (!r) return null;
    return {
      id: r.id, names: parseJson(r.names, 'profile names') as Record<string, string>, country: r.country, didMethod: r.did_method, createdAt: r.created_at,
      ...(r.kind !== null ? { kind: r.kind } : {}), ...(r.public_url !== null ? { publicUrl: r.public_url } : {}),
    };
  }

  async setProfile(p: IssuerProfile): Promise<void> {
    await this.q(`INSERT INTO issuer_profile (singleton, id, names, country, did_method, created_at, kind, public_url) VALUES (1, $1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (singleton) DO UPDATE SET id = excluded.id, names = excluded.names, country = excluded.country,
      did_method = excluded.did_method, created_at = excluded.created_at, kind = excluded.kind, public_url = excluded.public_url`,
    [p.id, JSON.stringify(p.names), p.country, p.didMethod, p.createdAt, p.kind ?? null, p.publicUrl ?? null]);
  }

  // ---- keys
  async addKey(k: NewIssuerKey): Promise<void> {
    await this.q(`INSERT INTO keys (kid, public_key_multibase, key_file, valid_from, status) VALUES ($1, $2, $3, $4, 'active')`,
      [k.kid, k.publicKeyMultibase, JSON.stringify(k.keyFile), k.validFrom]);
  }

  async listKeys(): Promise<IssuerKeyRecord[]> {
    return (await this.q<KeyRow>('SELECT * FROM keys ORDER BY valid_from COLLATE "C", kid COLLATE "C"')).rows.map(keyOf);
  }

  async getActiveKey(): Promise<IssuerKeyRecord | null> {
    const r = (await this.q<KeyRow>(`SELECT * FROM keys WHERE status = 'active'`)).rows[0];
    return r ? keyOf(r) : null;
  }

  async retireKey(kid: string, at: string): Promise<void> {
    const r = await this.q(`UPDATE keys SET status = 'retired', valid_until = COALESCE(valid_until, $1) WHERE kid = $2`, [at, kid]);
    if (r.rowCount !== 1) throw new StoreError('NOT_FOUND', `no key ${kid}`);
  }

  async revokeKey(kid: string, at: string): Promise<void> {
    const r = await this.q(`UPDATE keys SET status = 'retired', valid_until = COALESCE(valid_until, $1),
      revoked_at = COALESCE(revoked_at, $1) WHERE kid = $2`, [at, kid]);
    if (r.rowCount !== 1) throw new StoreError('NOT_FOUND', `no key ${kid}`);
  }

  // ---- achievement catalogue
  async upsertAchievement(code: string, entry: unknown, at: string): Promise<AchievementRecord> {
    const r = await this.q<AchievementRow>(`INSERT INTO achievements (code, entry, created_at, updated_at) VALUES ($1, $2, $3, $3)
      ON CONFLICT (code) DO UPDATE SET entry = excluded.entry, updated_at = excluded.updated_at RETURNING *`,
    [code, JSON.stringify(entry), at]);
    return achievementOf(r.rows[0]!);
  }

  async getAchievement(code: string): Promise<AchievementRecord | null> {
    const r = (await this.q<AchievementRow>('SELECT * FROM achievements WHERE code = $1', [code])).rows[0];
    return r ? achievementOf(r) : null;
  }

  async listAchievements(): Promise<AchievementRecord[]> {
    return (await this.q<AchievementRow>('SELECT * FROM achievements ORDER BY code COLLATE "C"')).rows.map(achievementOf);
  }

  // ---- status lists
  /**
   * Several instances allocate at once without a lock they would all wait for: the candidate
   * index is inserted with `ON CONFLICT DO NOTHING` into `status_allocations`, whose primary key
   * (list, index) is what makes an index impossible to hand out twice, committed or not. Alone,
   * that insert would wait when another open transaction holds the same uncommitted index (a bulk
   * batch holds hundreds for seconds), and a single issuance would stall behind the batch. So
   * every insert first takes a transaction-level advisory try-lock on (list, index) in the same
   * statement (`CLAIM_INDEX`), and inserts only if it got it:
   * - never two holders: the primary key still decides; the lock only chooses whether to try;
   * - never a wait: an uncommitted row (list, index) exists only in a transaction that took the
   *   lock (every insert takes it first) and keeps it until it ends, so anyone else's try-lock
   *   fails at once and we draw another index. With the lock, the row is either absent or
   *   committed (the insert is a conflict, no wait) or from a rolled-back savepoint (dead, no wait);
   * - never reused: a committed index is a committed row, a conflict for ever after.
   * After a conflict with a committed index the list's used indexes are read once, so a nearly
   * full list is scanned rather than probed blindly; an index locked by another transaction is
   * only skipped for this call. As in SQLite, an index allocated in a transaction that rolls back
   * was never in an answered credential and may come back; a committed one never does.
   */
  async allocateStatus(purpose: StatusPurpose): Promise<StatusAllocation> {
    if (purpose !== 'revocation' && purpose !== 'suspension') throw new TypeError(`unknown status purpose ${String(purpose)}`);
    // Fast path, one round trip: a random index in the list used last time, if that list still
    // exists (a transaction that opened it may have rolled back) and is not full.
    const hint = this.options.currentList.get(purpose);
    if (hint) {
      const candidate = allocateIndex({ length: hint.length, random: this.options.random, allowShortList: this.options.allowShortList, isUsed: () => false });
      const claim = await this.session.withClient((c) => claimIndex(c, hint.id, candidate, true));
      if (claim === 'claimed') return { purpose, listId: hint.id, index: candidate };
    }
    return this.write(async (c) => {
      for (;;) {
        const list = (await query<{ id: string; length: number }>(c,
          'SELECT id, length FROM status_lists WHERE purpose = $1 AND NOT "full" ORDER BY number LIMIT 1', [purpose])).rows[0]
          ?? await this.openList(c, purpose);
        this.options.currentList.set(purpose, list);
        const known = new Set<number>();
        let usedCount: number | undefined;
        let index: number | undefined;
        while (index === undefined) {
          let candidate: number;
          try {
            candidate = allocateIndex({
              length: list.length, random: this.options.random, allowShortList: this.options.allowShortList,
              isUsed: (i) => known.has(i), ...(usedCount !== undefined ? { usedCount } : {}),
            });
          } catch (e) {
            if (e instanceof StatusError && e.code === 'LIST_FULL') break;
            throw e;
          }
          const claim = await claimIndex(c, list.id, candidate, false);
          if (claim === 'claimed') {
            index = candidate;
          } else if (claim === 'locked') {
            // Held by another open transaction: skip it here and draw again at once.
            known.add(candidate);
            if (usedCount !== undefined) usedCount = known.size;
          } else {
            const used = await query<{ idx: number }>(c, 'SELECT idx FROM status_allocations WHERE list_id = $1', [list.id]);
            for (const row of used.rows) known.add(row.idx);
            usedCount = known.size;
          }
        }
        if (index !== undefined) return { purpose, listId: list.id, index };
        await query(c, 'UPDATE status_lists SET "full" = true WHERE id = $1', [list.id]);
        this.options.currentList.delete(purpose);
      }
    });
  }

  private async openList(c: pg.ClientBase, purpose: StatusPurpose): Promise<{ id: string; length: number }> {
    const { listLength, allowShortList } = this.options;
    const bits = createBitstring(listLength, { allowShortList });
    for (;;) {
      const number = Number((await query<{ n: number }>(c, 'SELECT COALESCE(MAX(number), 0) + 1 AS n FROM status_lists WHERE purpose = $1', [purpose])).rows[0]!.n);
      const id = `${purpose}-${number}`;
      // Two instances opening the same next list: the unique (purpose, number) lets one win; the
      // other waits for its commit, sees a conflict, and takes the list the winner opened.
      const ins = await query(c, 'INSERT INTO status_lists (id, purpose, number, length) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [id, purpose, number, listLength]);
      if (ins.rowCount === 1) {
        await query(c, 'INSERT INTO status_list_bits (list_id, bits) VALUES ($1, $2)', [id, Buffer.from(bits)]);
        return { id, length: listLength };
      }
      const open = (await query<{ id: string; length: number }>(c,
        'SELECT id, length FROM status_lists WHERE purpose = $1 AND NOT "full" ORDER BY number LIMIT 1', [purpose])).rows[0];
      if (open) return open;
    }
  }

  async listStatusLists(purpose?: StatusPurpose): Promise<StatusListSummary[]> {
    const rows = purpose === undefined
      ? await this.q<ListRow>(`SELECT ${LIST_COLUMNS} FROM status_lists l ORDER BY l.purpose COLLATE "C", l.number`)
      : await this.q<ListRow>(`SELECT ${LIST_COLUMNS} FROM status_lists l WHERE l.purpose = $1 ORDER BY l.number`, [purpose]);
    return rows.rows.map(listSummaryOf);
  }

  getStatusList(listId: string): Promise<StatusListRecord | null> {
    return this.session.withClient((c) => readList(c, listId, ''));
  }

  async setSignedStatusList(listId: string, s: SignedStatusList): Promise<void> {
    // An instance that signed from an older version never overwrites a newer signed copy.
    await this.q(`INSERT INTO status_list_signed (list_id, json, version, signed_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (list_id) DO UPDATE SET json = excluded.json, version = excluded.version, signed_at = excluded.signed_at
      WHERE status_list_signed.version <= excluded.version`, [listId, s.json, s.version, s.signedAt]);
  }

  /** `count` indexes as `allocateStatus` would hand them out, in one transaction (bulk batches). */
  async allocateStatuses(purpose: StatusPurpose, count: number): Promise<StatusAllocation[]> {
    if (!Number.isInteger(count) || count < 0) throw new TypeError(`count must be a whole number, got ${String(count)}`);
    if (count === 0) return [];
    return this.inOneTransaction(async (ops) => {
      const got: StatusAllocation[] = [];
      for (let k = 0; k < count; k++) got.push(await ops.allocateStatus(purpose));
      return got;
    });
  }

  // ---- credentials
  insertCredential(cr: NewCredential): Promise<void> {
    return this.write(async (c) => {
      await query(c, `INSERT INTO credentials (id, kind, subject, achievement_codes, record, format, jwt, seal, created_at, bulk_key)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
        cr.id, cr.kind, JSON.stringify(cr.subject ?? null), JSON.stringify(cr.achievementCodes), cr.record, cr.format,
        cr.jwt ?? null, cr.seal ?? null, cr.createdAt, cr.bulkKey ? bulkKeyText(cr.bulkKey) : null,
      ]);
      for (const s of cr.status) {
        const r = await query(c, `UPDATE status_allocations SET credential_id = $1
          WHERE list_id = $2 AND idx = $3 AND credential_id IS NULL
          AND EXISTS (SELECT 1 FROM status_lists WHERE id = $2 AND purpose = $4)`, [cr.id, s.listId, s.index, s.purpose]);
        if (r.rowCount !== 1) {
          throw new StoreError('STORE_CONFLICT', `status ${s.purpose} ${s.listId}#${s.index} was not allocated or is bound to another credential`);
        }
      }
    });
  }

  /** A batch of credentials with one audit entry each: all stored, or none (STORE_CONFLICT). */
  async insertCredentials(credentials: readonly NewCredential[], audit: readonly NewAuditEntry[]): Promise<void> {
    if (credentials.length !== audit.length) throw new TypeError('insertCredentials takes one audit entry per credential');
    if (credentials.length === 0) return;
    await this.inOneTransaction(async (ops) => {
      for (const c of credentials) await ops.insertCredential(c);
      for (const e of audit) await ops.appendAudit(e);
    });
  }

  private async credentialsOf(c: pg.ClientBase, rows: CredentialRow[]): Promise<CredentialRecord[]> {
    if (rows.length === 0) return [];
    const st = await query<{ credential_id: string; purpose: StatusPurpose; list_id: string; idx: number }>(c,
      `SELECT a.credential_id, l.purpose, a.list_id, a.idx FROM status_allocations a JOIN status_lists l ON l.id = a.list_id
       WHERE a.credential_id = ANY($1) ORDER BY l.purpose COLLATE "C", a.list_id COLLATE "C"`, [rows.map((r) => r.id)]);
    return rows.map((r) => ({
      id: r.id, kind: r.kind, subject: parseJson(r.subject, 'credential subject'),
      achievementCodes: parseJson(r.achievement_codes, 'achievement codes') as string[],
      record: r.record, format: r.format, jwt: r.jwt, seal: r.seal, createdAt: r.created_at,
      status: st.rows.filter((s) => s.credential_id === r.id).map((s) => ({ purpose: s.purpose, listId: s.list_id, index: s.idx })),
      bulkKey: bulkKeyOf(r.bulk_key), revoked: r.revoked, suspended: r.suspended,
    }));
  }

  getCredential(id: string): Promise<CredentialRecord | null> {
    return this.session.withClient(async (c) => {
      const r = await query<CredentialRow>(c, 'SELECT * FROM credentials WHERE id = $1', [id]);
      return (await this.credentialsOf(c, r.rows))[0] ?? null;
    });
  }

  getCredentialByBulkKey(key: BulkKey): Promise<CredentialRecord | null> {
    return this.session.withClient(async (c) => {
      const r = await query<CredentialRow>(c, 'SELECT * FROM credentials WHERE bulk_key = $1', [bulkKeyText(key)]);
      return (await this.credentialsOf(c, r.rows))[0] ?? null;
    });
  }

  async countCredentials(): Promise<number> {
    return Number((await this.q<{ n: string }>('SELECT COUNT(*) AS n FROM credentials')).rows[0]!.n);
  }

  listCredentials(page?: Page): Promise<CredentialRecord[]> {
    const { limit, offset } = pageOf(page);
    return this.session.withClient(async (c) => {
      const r = await query<CredentialRow>(c, 'SELECT * FROM credentials ORDER BY created_at COLLATE "C", id COLLATE "C" LIMIT $1 OFFSET $2', [limit, offset]);
      return this.credentialsOf(c, r.rows);
    });
  }

  /**
   * The list row is locked (`FOR NO KEY UPDATE`) for the read-modify-write of its bitstring and
   * version: two instances revoking on one list change it one after the other, so neither bit is
   * lost and every change bumps the version that tells instances to re-sign. Allocations only
   * take a KEY SHARE lock on the list (the foreign key), which does not conflict.
   */
  setStatus(credentialId: string, purpose: StatusPurpose, value: boolean): Promise<SetStatusResult> {
    return this.write(async (c) => {
      const cred = (await query<{ revoked: boolean }>(c, 'SELECT revoked FROM credentials WHERE id = $1 FOR NO KEY UPDATE', [credentialId])).rows[0];
      if (!cred) throw new StoreError('NOT_FOUND', `no credential ${credentialId}`);
      const a = (await query<{ list_id: string; idx: number }>(c, `SELECT a.list_id, a.idx FROM status_allocations a JOIN status_lists l ON l.id = a.list_id
        WHERE a.credential_id = $1 AND l.purpose = $2`, [credentialId, purpose])).rows[0];
      if (!a) throw new StoreError('NOT_FOUND', `credential ${credentialId} has no ${purpose} status entry`);
      if (purpose === 'revocation' && !value && cred.revoked) {
        throw new StoreError('REVOCATION_IRREVERSIBLE', `credential ${credentialId} is revoked; revocation cannot be undone`);
      }
      const list = (await readList(c, a.list_id, 'FOR NO KEY UPDATE'))!;
      const changed = getBit(list.bits, a.idx) !== value;
      let version = list.version;
      if (changed) {
        setBit(list.bits, a.idx, value);
        version = list.version + 1;
        await query(c, 'UPDATE status_list_bits SET bits = $1 WHERE list_id = $2', [Buffer.from(list.bits), a.list_id]);
        await query(c, 'UPDATE status_lists SET version = $1 WHERE id = $2', [version, a.list_id]);
      }
      await query(c, `UPDATE credentials SET ${purpose === 'revocation' ? 'revoked' : 'suspended'} = $1 WHERE id = $2`, [value, credentialId]);
      return { listId: a.list_id, index: a.idx, changed, version };
    });
  }

  // ---- audit log
  async appendAudit(e: NewAuditEntry): Promise<number> {
    const r = await this.q<{ id: string }>('INSERT INTO audit_log (at, actor, action, target, details) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [e.at, e.actor, e.action, e.target ?? null, JSON.stringify(e.details ?? {})]);
    return Number(r.rows[0]!.id);
  }

  async listAudit(options: { afterId?: number; limit?: number } = {}): Promise<AuditEntry[]> {
    const { limit } = pageOf({ limit: options.limit ?? 100 });
    const r = await this.q<AuditRow>('SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2', [options.afterId ?? 0, limit]);
    return r.rows.map((x) => ({ id: Number(x.id), at: x.at, actor: x.actor, action: x.action, target: x.target, details: parseJson(x.details, 'audit details') }));
  }

  // ---- API keys
  async createApiKey(k: { id: string; label: string; hash: string; createdAt: string }): Promise<void> {
    if (!/^[0-9a-f]{64}$/.test(k.hash)) throw new TypeError('API key hash must be lower-case hex SHA-256');
    await this.q('INSERT INTO api_keys (id, label, hash, created_at) VALUES ($1, $2, $3, $4)', [k.id, k.label, k.hash, k.createdAt]);
  }

  async listApiKeys(): Promise<ApiKeyRecord[]> {
    return (await this.q<ApiKeyRow>('SELECT * FROM api_keys ORDER BY created_at COLLATE "C", id COLLATE "C"')).rows.map(apiKeyOf);
  }

  async revokeApiKey(id: string, at: string): Promise<void> {
    const r = await this.q('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2', [at, id]);
    if (r.rowCount !== 1) throw new StoreError('NOT_FOUND', `no API key ${id}`);
  }

  async findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    const r = (await this.q<ApiKeyRow>('SELECT * FROM api_keys WHERE hash = $1', [hash])).rows[0];
    return r ? apiKeyOf(r) : null;
  }

  // ---- wallet pick-up codes
  createPickupCode(p: NewPickupCode): Promise<void> {
    if (p.credentialIds.length === 0) return Promise.reject(new TypeError('a pick-up code needs at least one credential'));
    if (new Set(p.credentialIds).size !== p.credentialIds.length) return Promise.reject(new TypeError('a pick-up code lists each credential once'));
    return this.write(async (c) => {
      await query(c, 'INSERT INTO pickup_codes (code_hash, credential_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
        [p.codeHash, p.credentialIds[0]!, p.createdAt, p.expiresAt]);
      for (const [i, id] of p.credentialIds.entries()) {
        await query(c, 'INSERT INTO pickup_code_items (code_hash, position, credential_id) VALUES ($1, $2, $3)', [p.codeHash, i, id]);
      }
    });
  }

  consumePickupCode(codeHash: string, now: string): Promise<ConsumePickupResult> {
    const nowMs = Date.parse(now);
    if (Number.isNaN(nowMs)) return Promise.reject(new TypeError(`now is not an ISO date: ${now}`));
    return this.write(async (c) => {
      // The row lock makes a second instance wait here and then read the code as used: one redemption.
      const r = (await query<{ expires_at: string; used_at: string | null }>(c,
        'SELECT expires_at, used_at FROM pickup_codes WHERE code_hash = $1 FOR UPDATE', [codeHash])).rows[0];
      if (!r) return { ok: false, reason: 'unknown' } as const;
      if (r.used_at !== null) return { ok: false, reason: 'used' } as const;
      if (!(Date.parse(r.expires_at) > nowMs)) return { ok: false, reason: 'expired' } as const;
      await query(c, 'UPDATE pickup_codes SET used_at = $1 WHERE code_hash = $2 AND used_at IS NULL', [now, codeHash]);
      // The offer of the same issuance is the other door to these credentials: it closes too.
      await query(c, 'UPDATE oid4vci_offers SET redeemed_at = $1 WHERE pickup_code_hash = $2 AND redeemed_at IS NULL', [now, codeHash]);
      const ids = await query<{ credential_id: string }>(c, 'SELECT credential_id FROM pickup_code_items WHERE code_hash = $1 ORDER BY position', [codeHash]);
      return { ok: true, credentialIds: ids.rows.map((x) => x.credential_id) } as const;
    });
  }

  // ---- OpenID4VCI offers and nonces
  createCredentialOffer(o: NewCredentialOffer): Promise<void> {
    if (o.credentialIds.length === 0) return Promise.reject(new TypeError('an offer needs at least one credential'));
    if (new Set(o.credentialIds).size !== o.credentialIds.length) return Promise.reject(new TypeError('an offer lists each credential once'));
    return this.write(async (c) => {
      if (o.pickupCodeHash != null && (await query(c, 'SELECT 1 FROM pickup_codes WHERE code_hash = $1', [o.pickupCodeHash])).rowCount !== 1) {
        throw new StoreError('NOT_FOUND', 'no pick-up code to pair the offer with');
      }
      await query(c, 'INSERT INTO oid4vci_offers (id, code_hash, tx_code_hash, created_at, expires_at, pickup_code_hash) VALUES ($1, $2, $3, $4, $5, $6)',
        [o.id, o.codeHash, o.txCodeHash, o.createdAt, o.expiresAt, o.pickupCodeHash ?? null]);
      for (const [i, id] of o.credentialIds.entries()) {
        // Asked first so the error names the credential, as the SQLite store's does.
        if ((await query(c, 'SELECT 1 FROM credentials WHERE id = $1', [id])).rowCount !== 1) throw new StoreError('NOT_FOUND', `no credential ${id}`);
        await query(c, 'INSERT INTO oid4vci_offer_items (offer_id, position, credential_id) VALUES ($1, $2, $3)', [o.id, i, id]);
      }
    });
  }

  redeemCredentialOffer(codeHash: string, txCodeHash: string | null, now: string, maxTxAttempts: number): Promise<RedeemOfferResult> {
    const nowMs = Date.parse(now);
    if (Number.isNaN(nowMs)) return Promise.reject(new TypeError(`now is not an ISO date: ${now}`));
    return this.write(async (c): Promise<RedeemOfferResult> => {
      // The row lock serialises instances on one offer: the second reads it redeemed (or its PIN
      // attempt counted after the first's), so an offer is redeemed once and guesses add up.
      // A paired pick-up code is locked first, in the order consumePickupCode takes them (code,
      // then offer), so a learner using both doors at once cannot deadlock two instances.
      const paired = (await query<{ pickup_code_hash: string | null }>(c, 'SELECT pickup_code_hash FROM oid4vci_offers WHERE code_hash = $1', [codeHash])).rows[0]?.pickup_code_hash ?? null;
      if (paired !== null) await query(c, 'SELECT 1 FROM pickup_codes WHERE code_hash = $1 FOR UPDATE', [paired]);
      const r = (await query<{ id: string; tx_code_hash: string | null; tx_attempts: number; expires_at: string; redeemed_at: string | null; pickup_code_hash: string | null }>(c,
        'SELECT id, tx_code_hash, tx_attempts, expires_at, redeemed_at, pickup_code_hash FROM oid4vci_offers WHERE code_hash = $1 FOR UPDATE', [codeHash])).rows[0];
      if (!r) return { ok: false, reason: 'unknown' };
      if (r.redeemed_at !== null) return { ok: false, reason: r.tx_attempts >= maxTxAttempts && r.tx_code_hash !== null ? 'tx_code_locked' : 'used' };
      if (!(Date.parse(r.expires_at) > nowMs)) return { ok: false, reason: 'expired' };
      if (r.tx_code_hash !== null) {
        if (txCodeHash === null) return { ok: false, reason: 'tx_code_missing' };
        if (txCodeHash !== r.tx_code_hash) {
          const attempts = r.tx_attempts + 1;
          // The last allowed wrong PIN spends the offer: guessing stops there, for good.
          await query(c, 'UPDATE oid4vci_offers SET tx_attempts = $1, redeemed_at = $2 WHERE id = $3',
            [attempts, attempts >= maxTxAttempts ? now : null, r.id]);
          return attempts >= maxTxAttempts ? { ok: false, reason: 'tx_code_locked', attemptsLeft: 0 } : { ok: false, reason: 'tx_code_wrong', attemptsLeft: maxTxAttempts - attempts };
        }
      }
      await query(c, 'UPDATE oid4vci_offers SET redeemed_at = $1 WHERE id = $2 AND redeemed_at IS NULL', [now, r.id]);
      // A wrong PIN above spends nothing but the offer; a redeemed offer spends its pick-up code.
      if (r.pickup_code_hash !== null) await query(c, 'UPDATE pickup_codes SET used_at = $1 WHERE code_hash = $2 AND used_at IS NULL', [now, r.pickup_code_hash]);
      const ids = await query<{ credential_id: string }>(c, 'SELECT credential_id FROM oid4vci_offer_items WHERE offer_id = $1 ORDER BY position', [r.id]);
      return { ok: true, offerId: r.id, credentialIds: ids.rows.map((x) => x.credential_id) };
    });
  }

  getOfferItems(offerId: string): Promise<OfferItem[] | null> {
    return this.session.withClient(async (c) => {
      if ((await query(c, 'SELECT 1 FROM oid4vci_offers WHERE id = $1', [offerId])).rowCount !== 1) return null;
      const rows = await query<{ credential_id: string; holder: string | null; delivered_at: string | null }>(c,
        'SELECT credential_id, holder, delivered_at FROM oid4vci_offer_items WHERE offer_id = $1 ORDER BY position', [offerId]);
      return rows.rows.map((r) => ({ credentialId: r.credential_id, holder: r.holder, deliveredAt: r.delivered_at }));
    });
  }

  markOfferDelivered(offerId: string, delivered: readonly DeliveredCredential[], at: string): Promise<void> {
    return this.write(async (c) => {
      for (const d of delivered) {
        // `delivered_at IS NULL` in the UPDATE decides between two instances delivering at once:
        // the second waits for the first's row lock, re-reads the row, and changes nothing.
        const r = await query(c, `UPDATE oid4vci_offer_items SET holder = $1, format = $2, record = $3, delivered_at = $4
          WHERE offer_id = $5 AND credential_id = $6 AND delivered_at IS NULL`, [d.holder, d.format, d.record, at, offerId, d.credentialId]);
        if (r.rowCount === 1) continue;
        const known = (await query(c, 'SELECT 1 FROM oid4vci_offer_items WHERE offer_id = $1 AND credential_id = $2', [offerId, d.credentialId])).rowCount === 1;
        throw known
          ? new StoreError('STORE_CONFLICT', `credential ${d.credentialId} of this offer was already delivered`)
          : new StoreError('NOT_FOUND', `credential ${d.credentialId} is not part of offer ${offerId}`);
      }
    });
  }

  async createNonce(nonce: string, expiresAt: string): Promise<void> {
    await this.q('INSERT INTO oid4vci_nonces (nonce, expires_at) VALUES ($1, $2)', [nonce, expiresAt]);
  }

  consumeNonce(nonce: string, now: string): Promise<ConsumeNonceResult> {
    const nowMs = Date.parse(now);
    if (Number.isNaN(nowMs)) return Promise.reject(new TypeError(`now is not an ISO date: ${now}`));
    return this.write(async (c): Promise<ConsumeNonceResult> => {
      // The row lock makes a second instance wait, then read the nonce as used: one proof per nonce.
      const r = (await query<{ expires_at: string; used_at: string | null }>(c,
        'SELECT expires_at, used_at FROM oid4vci_nonces WHERE nonce = $1 FOR UPDATE', [nonce])).rows[0];
      if (!r) return { ok: false, reason: 'unknown' };
      if (r.used_at !== null) return { ok: false, reason: 'used' };
      if (!(Date.parse(r.expires_at) > nowMs)) return { ok: false, reason: 'expired' };
      await query(c, 'UPDATE oid4vci_nonces SET used_at = $1 WHERE nonce = $2', [now, nonce]);
      return { ok: true };
    });
  }

  // ---- rate limits
  async takeRateLimit(key: string, windowStart: number, limit: number): Promise<boolean> {
    // One statement: the row lock of the upsert makes concurrent instances count one after another.
    const r = await this.q<{ count: number }>(`INSERT INTO rate_limit_windows (key, window_start, count) VALUES ($1, $2, 1)
      ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_windows.count + 1 WHERE rate_limit_windows.count < $3
      RETURNING count`, [key, windowStart, limit]);
    if (r.rows[0]?.count === 1) await this.q('DELETE FROM rate_limit_windows WHERE key = $1 AND window_start < $2', [key, windowStart]);
    return r.rowCount === 1;
  }

  // ---- presentation challenges
  putChallenge(c: { challenge: string; expiresAt: string; createdAt: string }): Promise<void> {
    return this.write(async (cl) => {
      await query(cl, 'DELETE FROM presentation_challenges WHERE expires_at < $1', [c.createdAt]);
      await query(cl, 'INSERT INTO presentation_challenges (challenge, expires_at) VALUES ($1, $2)', [c.challenge, c.expiresAt]);
    });
  }

  consumeChallenge(challenge: string, now: string): Promise<'ok' | 'unknown' | 'used' | 'expired'> {
    return this.write(async (c) => {
      // The row lock makes a second instance wait, then read the challenge as used: one presentation.
      const r = (await query<{ expires_at: string; used_at: string | null }>(c,
        'SELECT expires_at, used_at FROM presentation_challenges WHERE challenge = $1 FOR UPDATE', [challenge])).rows[0];
      if (!r) return 'unknown';
      if (r.used_at !== null) return 'used';
      await query(c, 'UPDATE presentation_challenges SET used_at = $1 WHERE challenge = $2', [now, challenge]);
      return Date.parse(now) >= Date.parse(r.expires_at) ? 'expired' : 'ok';
    });
  }

  // ---- OpenID4VP requests
  putPresentationRequest(r: NewPresentationRequest, purgeExpiredBefore: string): Promise<void> {
    return this.write(async (c) => {
      await query(c, 'DELETE FROM oid4vp_requests WHERE expires_at < $1', [purgeExpiredBefore]);
      await query(c, 'INSERT INTO oid4vp_requests (id, nonce, client_id, payload, read_key_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [r.id, r.nonce, r.clientId, r.payload, r.readKeyHash, r.createdAt, r.expiresAt]);
    });
  }

  async getPresentationRequest(id: string): Promise<PresentationRequestRecord | null> {
    const r = (await this.q<PresentationRequestRow>('SELECT * FROM oid4vp_requests WHERE id = $1', [id])).rows[0];
    return r ? presentationRequestOf(r) : null;
  }

  claimPresentationRequest(id: string, now: string): Promise<ClaimPresentationRequestResult> {
    return this.write(async (c): Promise<ClaimPresentationRequestResult> => {
      // The row lock makes an answer posted to another instance at the same moment wait, then read
      // the request as answered: one answer per request across every instance.
      const r = (await query<{ expires_at: string; answered_at: string | null }>(c,
        'SELECT expires_at, answered_at FROM oid4vp_requests WHERE id = $1 FOR UPDATE', [id])).rows[0];
      if (!r) return 'unknown';
      if (r.answered_at !== null) return 'answered';
      if (Date.parse(now) >= Date.parse(r.expires_at)) return 'expired';
      await query(c, 'UPDATE oid4vp_requests SET answered_at = $1 WHERE id = $2', [now, id]);
      return 'ok';
    });
  }

  async setPresentationResult(id: string, result: string): Promise<void> {
    const r = await this.q('UPDATE oid4vp_requests SET result = $1 WHERE id = $2', [result, id]);
    if (r.rowCount !== 1) throw new StoreError('NOT_FOUND', `no OpenID4VP request ${id}`);
  }

  // ---- bulk runs
  async startBulkRun(r: { id: string; session: string; startedAt: string }): Promise<void> {
    await this.q('INSERT INTO bulk_runs (id, session, started_at) VALUES ($1, $2, $3)', [r.id, r.session, r.startedAt]);
  }

  async finishBulkRun(id: string, finishedAt: string, counts: BulkRunCounts): Promise<void> {
    const r = await this.q('UPDATE bulk_runs SET finished_at = $1, counts = $2 WHERE id = $3', [finishedAt, JSON.stringify(counts), id]);
    if (r.rowCount !== 1) throw new StoreError('NOT_FOUND', `no bulk run ${id}`);
  }

  async getBulkRun(id: string): Promise<BulkRunRecord | null> {
    const r = (await this.q<BulkRunRow>('SELECT * FROM bulk_runs WHERE id = $1', [id])).rows[0];
    return r ? bulkRunOf(r) : null;
  }

  async listBulkRuns(): Promise<BulkRunRecord[]> {
    return (await this.q<BulkRunRow>('SELECT * FROM bulk_runs ORDER BY started_at COLLATE "C", id COLLATE "C"')).rows.map(bulkRunOf);
  }
}

async function query<R extends pg.QueryResultRow>(c: pg.ClientBase, sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
  try {
    return await c.query<R>(sql, params);
  } catch (e) {
    throw mapPostgresError(e);
  }
}

/**
 * One round trip: the advisory try-lock on (list, index), then the insert only if the lock was
 * got (see `allocateStatus` for why this never waits and never hands an index out twice). The
 * lock is the two-int4 form, a key space of its own: the single-bigint locks of the migrations
 * and pg-boss never meet it. Two list ids with the same `hashtext` only make an index look
 * locked now and then (one more draw), never let two holders in. A lock is held to the end of
 * the transaction: a batch holds one per index it allocated (PostgreSQL's shared lock table
 * holds max_locks_per_transaction × max_connections, 6,400 by default).
 * With `onlyIfOpen`, nothing is locked or inserted unless the list exists and is not full.
 */
async function claimIndex(c: pg.ClientBase, listId: string, index: number, onlyIfOpen: boolean): Promise<'claimed' | 'locked' | 'taken'> {
  const open = onlyIfOpen ? 'WHERE EXISTS (SELECT 1 FROM status_lists WHERE id = $1 AND NOT "full")' : '';
  const r = await query<{ locked: boolean | null; inserted: number }>(c, `
    WITH claim AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(hashtext($1::text), $2::int) AS got ${open}),
    ins AS (INSERT INTO status_allocations (list_id, idx) SELECT $1, $2 FROM claim WHERE claim.got ON CONFLICT DO NOTHING RETURNING 1)
    SELECT (SELECT got FROM claim) AS locked, (SELECT COUNT(*) FROM ins)::int AS inserted`, [listId, index]);
  const row = r.rows[0]!;
  if (row.inserted === 1) return 'claimed';
  return row.locked === false ? 'locked' : 'taken';
}

async function readList(c: pg.ClientBase, listId: string, lock: '' | 'FOR NO KEY UPDATE'): Promise<StatusListRecord | null> {
  if (lock) await query(c, `SELECT 1 FROM status_lists WHERE id = $1 ${lock}`, [listId]);
  const r = (await query<ListRow>(c, `SELECT ${LIST_COLUMNS} FROM status_lists l WHERE l.id = $1`, [listId])).rows[0];
  if (!r) return null;
  const b = (await query<{ bits: Buffer }>(c, 'SELECT bits FROM status_list_bits WHERE list_id = $1', [listId])).rows[0]?.bits;
  if (!b || b.length * 8 !== r.length) throw new StoreError('STORE_CORRUPT', `status list ${listId} has ${b?.length ?? 0} bytes for ${r.length} entries`);
  const s = (await query<{ json: string; version: number; signed_at: string }>(c,
    'SELECT json, version, signed_at FROM status_list_signed WHERE list_id = $1', [listId])).rows[0];
  return { ...listSummaryOf(r), bits: new Uint8Array(b), signed: s ? { json: s.json, version: s.version, signedAt: s.signed_at } : null };
}

import Database from 'better-sqlite3';
import type { StatusPurpose } from '@lp/status';
import { MIN_LIST_LENGTH } from '@lp/status';
import { StoreError } from './errors.ts';
import type {
  AchievementRecord, ApiKeyRecord, AuditEntry, BulkKey, BulkRunCounts, BulkRunRecord, ConsumePickupResult,
  CredentialRecord, IssuerKeyRecord, IssuerProfile, IssuerStore, IssuerStoreOps, NewAuditEntry, NewCredential,
  NewIssuerKey, NewPickupCode, NewCredentialOffer, RedeemOfferResult, OfferItem, DeliveredCredential, ConsumeNonceResult, Page, SetStatusResult, SignedStatusList, StatusAllocation, StatusListRecord,
  StatusListSummary,
  NewPresentationRequest, PresentationRequestRecord, ClaimPresentationRequestResult,
} from './issuer-store.ts';
import { Lock } from './lib/lock.ts';
import { mapSqliteError } from './lib/map-sqlite-error.ts';
import { SqliteOps } from './lib/sqlite-ops.ts';
import { migrate } from './migrations.ts';

export interface OpenSqliteStoreOptions {
  /** How long a writer waits for another connection's write lock before STORE_BUSY (default 5000 ms). */
  busyTimeoutMs?: number;
  /** Entries per new status list (default and minimum 131,072). */
  listLength?: number;
  /** @internal Tests only: allow lists shorter than 131,072 entries to test filling a list. */
  allowShortList?: boolean;
  /** Random bytes for index allocation (default `crypto.getRandomValues`). */
  random?: (n: number) => Uint8Array;
}

type Run = <T>(task: () => T) => Promise<T>;

/** The async face of `SqliteOps`; `run` decides locking (store) or none (inside a transaction). */
class SqliteStoreView implements IssuerStoreOps {
  constructor(
    protected readonly ops: SqliteOps,
    private readonly run: Run,
  ) {}

  getProfile(): Promise<IssuerProfile | null> { return this.run(() => this.ops.getProfile()); }
  setProfile(p: IssuerProfile): Promise<void> { return this.run(() => this.ops.setProfile(p)); }
  addKey(k: NewIssuerKey): Promise<void> { return this.run(() => this.ops.addKey(k)); }
  listKeys(): Promise<IssuerKeyRecord[]> { return this.run(() => this.ops.listKeys()); }
  getActiveKey(): Promise<IssuerKeyRecord | null> { return this.run(() => this.ops.getActiveKey()); }
  retireKey(kid: string, at: string): Promise<void> { return this.run(() => this.ops.retireKey(kid, at)); }
  revokeKey(kid: string, at: string): Promise<void> { return this.run(() => this.ops.revokeKey(kid, at)); }
  upsertAchievement(code: string, entry: unknown, at: string): Promise<AchievementRecord> { return this.run(() => this.ops.upsertAchievement(code, entry, at)); }
  getAchievement(code: string): Promise<AchievementRecord | null> { return this.run(() => this.ops.getAchievement(code)); }
  listAchievements(): Promise<AchievementRecord[]> { return this.run(() => this.ops.listAchievements()); }
  allocateStatus(purpose: StatusPurpose): Promise<StatusAllocation> { return this.run(() => this.ops.allocateStatus(purpose)); }
  allocateStatuses(purpose: StatusPurpose, count: number): Promise<StatusAllocation[]> { return this.run(() => this.ops.allocateStatuses(purpose, count)); }
  listStatusLists(purpose?: StatusPurpose): Promise<StatusListSummary[]> { return this.run(() => this.ops.listStatusLists(purpose)); }
  getStatusList(listId: string): Promise<StatusListRecord | null> { return this.run(() => this.ops.getStatusList(listId)); }
  setSignedStatusList(listId: string, s: SignedStatusList): Promise<void> { return this.run(() => this.ops.setSignedStatusList(listId, s)); }
  insertCredential(c: NewCredential): Promise<void> { return this.run(() => this.ops.insertCredential(c)); }
  insertCredentials(c: readonly NewCredential[], a: readonly NewAuditEntry[]): Promise<void> { return this.run(() => this.ops.insertCredentials(c, a)); }
  getCredential(id: string): Promise<CredentialRecord | null> { return this.run(() => this.ops.getCredential(id)); }
  getCredentialByBulkKey(key: BulkKey): Promise<CredentialRecord | null> { return this.run(() => this.ops.getCredentialByBulkKey(key)); }
  countCredentials(): Promise<number> { return this.run(() => this.ops.countCredentials()); }
  listCredentials(page?: Page): Promise<CredentialRecord[]> { return this.run(() => this.ops.listCredentials(page)); }
  setStatus(id: string, purpose: StatusPurpose, value: boolean): Promise<SetStatusResult> { return this.run(() => this.ops.setStatus(id, purpose, value)); }
  appendAudit(e: NewAuditEntry): Promise<number> { return this.run(() => this.ops.appendAudit(e)); }
  listAudit(o?: { afterId?: number; limit?: number }): Promise<AuditEntry[]> { return this.run(() => this.ops.listAudit(o)); }
  createApiKey(k: { id: string; label: string; hash: string; createdAt: string }): Promise<void> { return this.run(() => this.ops.createApiKey(k)); }
  listApiKeys(): Promise<ApiKeyRecord[]> { return this.run(() => this.ops.listApiKeys()); }
  revokeApiKey(id: string, at: string): Promise<void> { return this.run(() => this.ops.revokeApiKey(id, at)); }
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null> { return this.run(() => this.ops.findApiKeyByHash(hash)); }
  createPickupCode(p: NewPickupCode): Promise<void> { return this.run(() => this.ops.createPickupCode(p)); }
  consumePickupCode(codeHash: string, now: string): Promise<ConsumePickupResult> { return this.run(() => this.ops.consumePickupCode(codeHash, now)); }
  createCredentialOffer(o: NewCredentialOffer): Promise<void> { return this.run(() => this.ops.createCredentialOffer(o)); }
  redeemCredentialOffer(codeHash: string, txCodeHash: string | null, now: string, maxTxAttempts: number): Promise<RedeemOfferResult> {
    return this.run(() => this.ops.redeemCredentialOffer(codeHash, txCodeHash, now, maxTxAttempts));
  }
  getOfferItems(offerId: string): Promise<OfferItem[] | null> { return this.run(() => this.ops.getOfferItems(offerId)); }
  markOfferDelivered(offerId: string, d: readonly DeliveredCredential[], at: string): Promise<void> { return this.run(() => this.ops.markOfferDelivered(offerId, d, at)); }
  createNonce(nonce: string, expiresAt: string): Promise<void> { return this.run(() => this.ops.createNonce(nonce, expiresAt)); }
  consumeNonce(nonce: string, now: string): Promise<ConsumeNonceResult> { return this.run(() => this.ops.consumeNonce(nonce, now)); }
  takeRateLimit(key: string, windowStart: number, limit: number): Promise<boolean> { return this.run(() => this.ops.takeRateLimit(key, windowStart, limit)); }
  putChallenge(c: { challenge: string; expiresAt: string; createdAt: string }): Promise<void> { return this.run(() => this.ops.putChallenge(c)); }
  consumeChallenge(challenge: string, now: string): Promise<'ok' | 'unknown' | 'used' | 'expired'> { return this.run(() => this.ops.consumeChallenge(challenge, now)); }
  putPresentationRequest(r: NewPresentationRequest, purgeExpiredBefore: string): Promise<void> { return this.run(() => this.ops.putPresentationRequest(r, purgeExpiredBefore)); }
  getPresentationRequest(id: string): Promise<PresentationRequestRecord | null> { return this.run(() => this.ops.getPresentationRequest(id)); }
  claimPresentationRequest(id: string, now: string): Promise<ClaimPresentationRequestResult> { return this.run(() => this.ops.claimPresentationRequest(id, now)); }
  setPresentationResult(id: string, result: string): Promise<void> { return this.run(() => this.ops.setPresentationResult(id, result)); }
  startBulkRun(r: { id: string; session: string; startedAt: string }): Promise<void> { return this.run(() => this.ops.startBulkRun(r)); }
  finishBulkRun(id: string, finishedAt: string, counts: BulkRunCounts): Promise<void> { return this.run(() => this.ops.finishBulkRun(id, finishedAt, counts)); }
  getBulkRun(id: string): Promise<BulkRunRecord | null> { return this.run(() => this.ops.getBulkRun(id)); }
  listBulkRuns(): Promise<BulkRunRecord[]> { return this.run(() => this.ops.listBulkRuns()); }
}

function guarded<T>(task: () => T): T {
  try {
    return task();
  } catch (e) {
    throw mapSqliteError(e);
  }
}

/** `IssuerStore` on one better-sqlite3 connection. */
export class SqliteIssuerStore extends SqliteStoreView implements IssuerStore {
  private closed = false;

  constructor(ops: SqliteOps, private readonly lock: Lock = new Lock()) {
    super(ops, (task) => lock.run(() => {
      if (this.closed) throw new StoreError('STORE_CLOSED', 'the store is closed');
      return guarded(task);
    }));
  }

  /** The connection, for tests and maintenance (backup, PRAGMAs); not part of `IssuerStore`. */
  get db(): Database.Database {
    return this.ops.db;
  }

  transaction<T>(fn: (tx: IssuerStoreOps) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      if (this.closed) throw new StoreError('STORE_CLOSED', 'the store is closed');
      const db = this.ops.db;
      // IMMEDIATE takes the write lock now: a busy database fails here, before any work is done.
      guarded(() => db.exec('BEGIN IMMEDIATE'));
      let open = true;
      const tx = new SqliteStoreView(this.ops, (task) => {
        if (!open) return Promise.reject(new StoreError('STORE_CLOSED', 'the transaction has ended'));
        try {
          return Promise.resolve(guarded(task));
        } catch (e) {
          return Promise.reject(e);
        }
      });
      try {
        const result = await fn(tx);
        guarded(() => db.exec('COMMIT'));
        return result;
      } catch (e) {
        // SQLite may already have rolled back on its own (SQLITE_FULL, SQLITE_BUSY on COMMIT).
        if (db.inTransaction) {
          try { db.exec('ROLLBACK'); } catch { /* the original error matters more */ }
        }
        throw mapSqliteError(e);
      } finally {
        open = false;
      }
    });
  }

  close(): Promise<void> {
    return this.lock.run(() => {
      if (this.closed) return;
      this.closed = true;
      this.ops.db.close();
    });
  }
}

/**
 * Opens (creating if needed) the issuer's SQLite database at `path` and migrates it. WAL with
 * `synchronous=FULL`: a commit is on disk before the API answers, so an index handed out or a
 * revocation answered survives a power cut (DESIGN.md "Runtime and storage").
 *
 * @throws StoreError STORE_CORRUPT (not a database), STORE_SCHEMA_TOO_NEW, STORE_BUSY, STORE_IO
 * @example
 * const store = await openSqliteStore(path.join(dataDir, 'issuer.sqlite'));
 * await store.transaction(async (tx) => {
 *   const rev = await tx.allocateStatus('revocation');
 *   const signed = await sign(buildCredential(statusEntry({ listUrl: `${base}/status/${rev.listId}`, index: rev.index, purpose: 'revocation' })));
 *   await tx.insertCredential({ ...row, record: signed, status: [rev] });
 *   await tx.appendAudit({ at: now, actor, action: 'credential.issue', target: row.id });
 * });
 */
export async function openSqliteStore(path: string, options: OpenSqliteStoreOptions = {}): Promise<SqliteIssuerStore> {
  const listLength = options.listLength ?? MIN_LIST_LENGTH;
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal' && path !== ':memory:') throw new StoreError('STORE_IO', `could not switch to WAL (journal_mode=${String(mode)})`);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (e) {
    db?.close();
    const mapped = mapSqliteError(e);
    // better-sqlite3 throws a plain TypeError for a missing directory: still an I/O failure here.
    if (mapped instanceof StoreError) throw mapped;
    throw new StoreError('STORE_IO', `cannot open the database at ${path}: ${(e as Error).message}`, { cause: e });
  }
  const ops = new SqliteOps(db, {
    listLength,
    allowShortList: options.allowShortList ?? false,
    random: options.random ?? ((n) => globalThis.crypto.getRandomValues(new Uint8Array(n))),
  });
  return new SqliteIssuerStore(ops);
}

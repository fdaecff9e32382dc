import type { StatusPurpose } from '@lp/status';

/**
 * The issuer's one store interface (DESIGN.md "Runtime and storage": SQLite on one machine,
 * PostgreSQL for several issuer instances; one contract test suite runs against both). Methods are async so a networked store fits the same shape.
 * Times are ISO 8601 UTC strings supplied by the caller (the store reads no clock). JSON values
 * are stored as text and returned parsed, except `record`, which is kept byte-exact as signed.
 */

export interface IssuerProfile {
  /** The issuer's DID. */
  id: string;
  /** Names by BCP 47 language tag, e.g. `{ en: 'National Examinations Board', ar: '…' }`. */
  names: Record<string, string>;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** e.g. `key`, `web`. */
  didMethod: string;
  createdAt: string;
  /** Trust bundle issuer kind (e.g. `national-examination-body`); absent when never set. */
  kind?: string;
  /**
   * The issuer's public base URL (no trailing slash): status lists are `<publicUrl>/status/…`.
   * Absent only for an issuer created before it was stored (resolvePublicUrl adopts one).
   */
  publicUrl?: string;
}

export type KeyStatus = 'active' | 'retired';

export interface NewIssuerKey {
  /** Verification method id (`did:…#…`). */
  kid: string;
  publicKeyMultibase: string;
  /** The encrypted key file (JSON); the private key never appears in clear in the store. */
  keyFile: unknown;
  validFrom: string;
}

export interface IssuerKeyRecord extends NewIssuerKey {
  /** Null while the key is active. */
  validUntil: string | null;
  /** Set when the key was compromised: everything it signed becomes invalid. */
  revokedAt: string | null;
  status: KeyStatus;
}

export interface AchievementRecord {
  code: string;
  entry: unknown;
  createdAt: string;
  updatedAt: string;
}

/** A status index handed out by `allocateStatus`; it is never handed out again once committed. */
export interface StatusAllocation {
  purpose: StatusPurpose;
  /** e.g. `revocation-1`; the list is served at `/status/{listId}`. */
  listId: string;
  index: number;
}

export interface StatusListSummary {
  id: string;
  purpose: StatusPurpose;
  /** 1, 2, … per purpose: a new list opens when the previous one is full. */
  number: number;
  length: number;
  usedCount: number;
  full: boolean;
  /** Bumped on every bit change; a signed copy with a lower version is stale. */
  version: number;
}

export interface SignedStatusList {
  /** The signed BitstringStatusListCredential as served. */
  json: string;
  /** The list version it was signed from. */
  version: number;
  signedAt: string;
}

export interface StatusListRecord extends StatusListSummary {
  bits: Uint8Array;
  signed: SignedStatusList | null;
}

/** Makes a bulk run idempotent: one credential per candidate, achievement and session. */
export interface BulkKey {
  candidateNumber: string;
  achievementCode: string;
  session: string;
}

export interface NewCredential {
  id: string;
  /** e.g. `achievement` (OB 3.0 AchievementCredential) or `clr` (CLR 2.0 ClrCredential). */
  kind: string;
  /** A small summary for lists and search (name as printed, candidate number, …). */
  subject: unknown;
  achievementCodes: string[];
  /** The full record exactly as signed (its bytes matter for the proof). */
  record: string;
  /** e.g. `di` (Data Integrity JSON-LD) or `jwt` (VC-JOSE). */
  format: string;
  jwt?: string | null;
  /** The QR seal text (`LP1:…`). */
  seal?: string | null;
  /** Allocations from `allocateStatus` in the same transaction, bound to this credential. */
  status: StatusAllocation[];
  createdAt: string;
  bulkKey?: BulkKey | null;
}

export interface CredentialRecord extends Required<NewCredential> {
  jwt: string | null;
  seal: string | null;
  bulkKey: BulkKey | null;
  revoked: boolean;
  suspended: boolean;
}

export interface SetStatusResult {
  listId: string;
  index: number;
  /** False when the bit already had this value. */
  changed: boolean;
  /** The list's version after the change (re-sign the list when it moved). */
  version: number;
}

export interface NewAuditEntry {
  at: string;
  actor: string;
  action: string;
  target?: string | null;
  details?: unknown;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: unknown;
}

export interface ApiKeyRecord {
  id: string;
  label: string;
  /** Lower-case hex SHA-256 of the key; the key itself is never stored. */
  hash: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface NewPickupCode {
  /** Hash of the code the learner types or scans; the code itself is never stored. */
  codeHash: string;
  /** The credentials the code delivers, in this order; at least one, no repeats. */
  credentialIds: readonly string[];
  createdAt: string;
  expiresAt: string;
}

export type ConsumePickupResult =
  | { ok: true; credentialIds: string[] }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' };

export interface NewCredentialOffer {
  /** A random id, named in the access token (never the pre-authorized code itself). */
  id: string;
  /** Hash of the pre-authorized code; the code itself is never stored. */
  codeHash: string;
  /** Hash of the transaction code (PIN) when the offer needs one. */
  txCodeHash: string | null;
  /** The credentials the offer delivers, in this order; at least one, no repeats. */
  credentialIds: readonly string[];
  createdAt: string;
  expiresAt: string;
  /**
   * Hash of the pick-up code made by the same issuance for the same credentials: redeeming the
   * offer spends that code and consuming the code spends the offer (one copy per learner).
   */
  pickupCodeHash?: string | null;
}

export type RedeemOfferResult =
  | { ok: true; offerId: string; credentialIds: string[] }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'tx_code_missing' | 'tx_code_wrong' | 'tx_code_locked'; attemptsLeft?: number };

export interface OfferItem {
  credentialId: string;
  /** The holder DID the delivered copy names; null until delivered. */
  holder: string | null;
  deliveredAt: string | null;
}

export interface DeliveredCredential {
  credentialId: string;
  holder: string;
  /** `ldp_vc` or `jwt_vc_json`. */
  format: string;
  /** The delivered copy as sent (JSON text or a compact JWT). */
  record: string;
}

export type ConsumeNonceResult = { ok: true } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

export interface BulkRunCounts {
  issued: number;
  skipped: number;
  failed: number;
}

export interface BulkRunRecord {
  id: string;
  session: string;
  startedAt: string;
  finishedAt: string | null;
  counts: BulkRunCounts | null;
}

export interface Page {
  /** 1…1000, default 100. */
  limit?: number;
  offset?: number;
}

/** Everything the store does, inside or outside a transaction. */
/** An OpenID4VP request as the verifier made it: the request payload (JSON text) holds its nonce and client id. */
export interface NewPresentationRequest {
  id: string;
  nonce: string;
  clientId: string;
  payload: string;
  /** SHA-256 (base64url) of the key the page that made the request reads the presented records with. */
  readKeyHash: string;
  createdAt: string;
  expiresAt: string;
}

export interface PresentationRequestRecord extends NewPresentationRequest {
  answeredAt: string | null;
  /** The verdict of the answer (JSON text), once checked. */
  result: string | null;
}

export type ClaimPresentationRequestResult = 'ok' | 'answered' | 'expired' | 'unknown';

export interface IssuerStoreOps {
  getProfile(): Promise<IssuerProfile | null>;
  setProfile(profile: IssuerProfile): Promise<void>;

  /** STORE_CONFLICT when the kid exists or another key is still active (retire it first, same transaction). */
  addKey(key: NewIssuerKey): Promise<void>;
  listKeys(): Promise<IssuerKeyRecord[]>;
  getActiveKey(): Promise<IssuerKeyRecord | null>;
  /** Ends the key's validity at `at`; NOT_FOUND for an unknown kid. */
  retireKey(kid: string, at: string): Promise<void>;
  /** Marks the key compromised at `at` (and retires it); NOT_FOUND for an unknown kid. */
  revokeKey(kid: string, at: string): Promise<void>;

  upsertAchievement(code: string, entry: unknown, at: string): Promise<AchievementRecord>;
  getAchievement(code: string): Promise<AchievementRecord | null>;
  listAchievements(): Promise<AchievementRecord[]>;

  /**
   * A random unused index in the current list for `purpose` (opening a new list when it is
   * full). Call it in the same `transaction` as `insertCredential`.
   */
  allocateStatus(purpose: StatusPurpose): Promise<StatusAllocation>;
  /**
   * `count` allocations for `purpose` at once, as `count` calls of `allocateStatus` would give
   * (distinct, random, lists opened as needed): a bulk batch asks once, not once per credential.
   */
  allocateStatuses(purpose: StatusPurpose, count: number): Promise<StatusAllocation[]>;
  listStatusLists(purpose?: StatusPurpose): Promise<StatusListSummary[]>;
  getStatusList(listId: string): Promise<StatusListRecord | null>;
  /** Caches the signed list credential; NOT_FOUND for an unknown list. */
  setSignedStatusList(listId: string, signed: SignedStatusList): Promise<void>;

  /** STORE_CONFLICT for a known id or bulk key, or an allocation that is unknown or already bound. */
  insertCredential(credential: NewCredential): Promise<void>;
  /**
   * Many `insertCredential` then many `appendAudit`, in order, all or none (same errors): a bulk
   * batch writes its credentials in one call. TypeError when the lists are of different lengths.
   */
  insertCredentials(credentials: readonly NewCredential[], audit: readonly NewAuditEntry[]): Promise<void>;
  getCredential(id: string): Promise<CredentialRecord | null>;
  getCredentialByBulkKey(key: BulkKey): Promise<CredentialRecord | null>;
  countCredentials(): Promise<number>;
  /** Oldest first. */
  listCredentials(page?: Page): Promise<CredentialRecord[]>;
  /**
   * Sets or clears the credential's bit for `purpose` and its flag, atomically, durable on return
   * (synchronous=FULL). NOT_FOUND for an unknown credential or one without an entry for `purpose`;
   * REVOCATION_IRREVERSIBLE when clearing a revocation.
   */
  setStatus(credentialId: string, purpose: StatusPurpose, value: boolean): Promise<SetStatusResult>;

  appendAudit(entry: NewAuditEntry): Promise<number>;
  /** In id order, after `afterId` (exclusive). */
  listAudit(options?: { afterId?: number; limit?: number }): Promise<AuditEntry[]>;

  createApiKey(key: { id: string; label: string; hash: string; createdAt: string }): Promise<void>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  revokeApiKey(id: string, at: string): Promise<void>;
  /** Returns revoked keys too: the caller refuses them (and can say why). */
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null>;

  /**
   * Stores the code and its credentials atomically. NOT_FOUND when a credential is unknown,
   * STORE_CONFLICT for a known code hash; TypeError for no credentials or a repeated one.
   */
  createPickupCode(code: NewPickupCode): Promise<void>;
  /** Marks the code used at `now` if it is known, unused and unexpired, exactly once; its credentials in order. */
  consumePickupCode(codeHash: string, now: string): Promise<ConsumePickupResult>;

  /** NOT_FOUND for an unknown credential, STORE_CONFLICT for a known code hash; TypeError for no or repeated credentials. */
  createCredentialOffer(offer: NewCredentialOffer): Promise<void>;
  /**
   * Redeems the pre-authorized code once, at `now`: checks expiry and the PIN hash; a wrong PIN
   * counts an attempt and after `maxTxAttempts` wrong ones the offer is spent.
   */
  redeemCredentialOffer(codeHash: string, txCodeHash: string | null, now: string, maxTxAttempts: number): Promise<RedeemOfferResult>;
  /** The offer's items in order; null for an unknown offer id. */
  getOfferItems(offerId: string): Promise<OfferItem[] | null>;
  /**
   * Records delivered copies atomically; STORE_CONFLICT (nothing written) when one of them was
   * already delivered, NOT_FOUND when it is not an item of the offer.
   */
  markOfferDelivered(offerId: string, delivered: readonly DeliveredCredential[], at: string): Promise<void>;
  createNonce(nonce: string, expiresAt: string): Promise<void>;
  /** Uses the nonce exactly once. */
  consumeNonce(nonce: string, now: string): Promise<ConsumeNonceResult>;

  /**
   * Counts one request of `key` in the fixed window that starts at `windowStart` (epoch ms, a
   * multiple of the window length, so every process agrees on the window) and says whether it is
   * within `limit`. PostgreSQL counts in the database, so every instance on it shares the limit;
   * SQLite (one machine) counts in the store's memory. The key's older windows are dropped when a
   * new one starts.
   */
  takeRateLimit(key: string, windowStart: number, limit: number): Promise<boolean>;

  /**
   * Holds a presentation challenge until `expiresAt` (and drops those expired before `createdAt`).
   * In the store, a challenge issued by one server instance is consumed once at any other.
   * STORE_CONFLICT for a challenge already held.
   */
  putChallenge(c: { challenge: string; expiresAt: string; createdAt: string }): Promise<void>;
  /** Marks the challenge used, once, whatever the presentation turns out to be, and says what it was. */
  consumeChallenge(challenge: string, now: string): Promise<'ok' | 'unknown' | 'used' | 'expired'>;

  /**
   * Holds an OpenID4VP request (made by one server instance, answered at another, its result read
   * at a third) and drops the requests that expired before `purgeExpiredBefore`, nonce and result
   * with them. STORE_CONFLICT for an id already held.
   */
  putPresentationRequest(r: NewPresentationRequest, purgeExpiredBefore: string): Promise<void>;
  getPresentationRequest(id: string): Promise<PresentationRequestRecord | null>;
  /**
   * Takes the one answer a request accepts, at `now`: 'ok' once (whatever the answer turns out to
   * be), then 'answered'; 'expired' past its time (nothing recorded), 'unknown' for no such request.
   */
  claimPresentationRequest(id: string, now: string): Promise<ClaimPresentationRequestResult>;
  /** Records the verdict of the claimed answer (JSON text); NOT_FOUND for no such request. */
  setPresentationResult(id: string, result: string): Promise<void>;

  startBulkRun(run: { id: string; session: string; startedAt: string }): Promise<void>;
  finishBulkRun(id: string, finishedAt: string, counts: BulkRunCounts): Promise<void>;
  getBulkRun(id: string): Promise<BulkRunRecord | null>;
  listBulkRuns(): Promise<BulkRunRecord[]>;
}

export interface IssuerStore extends IssuerStoreOps {
  /**
   * Runs `fn` in one transaction: all of its changes commit together or none do. SQLite: other
   * callers wait until it ends. PostgreSQL: other callers and instances run alongside it and wait
   * only for the rows it locked. Inside `fn` use only `tx` (calling the store itself would wait for `fn`).
   * If `fn` throws, everything rolls back and the error is rethrown.
   */
  transaction<T>(fn: (tx: IssuerStoreOps) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

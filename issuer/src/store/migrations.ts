import type Database from 'better-sqlite3';
import { StoreError } from './errors.ts';

/**
 * Schema versions, oldest first; version N is MIGRATIONS[N - 1]. Never edit a released entry:
 * append a new one. Each runs in the same transaction as its `schema_migrations` row, so a
 * database is always at exactly one version (SQLite DDL is transactional).
 */
export const MIGRATIONS: readonly string[] = [
  // v1: profile, keys, catalogue, status lists and allocations, credentials, audit log, API keys.
  `
  CREATE TABLE issuer_profile (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    id TEXT NOT NULL,
    names TEXT NOT NULL,
    country TEXT NOT NULL,
    did_method TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE keys (
    kid TEXT PRIMARY KEY,
    public_key_multibase TEXT NOT NULL,
    key_file TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_until TEXT,
    revoked_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('active', 'retired'))
  );
  -- One signing key at a time: rotation retires the old key in the same transaction.
  CREATE UNIQUE INDEX keys_one_active ON keys (status) WHERE status = 'active';
  CREATE TABLE achievements (
    code TEXT PRIMARY KEY,
    entry TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE status_lists (
    id TEXT PRIMARY KEY,
    purpose TEXT NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
    number INTEGER NOT NULL,
    length INTEGER NOT NULL CHECK (length > 0 AND length % 8 = 0),
    used_count INTEGER NOT NULL DEFAULT 0,
    full INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (purpose, number)
  );
  -- The 16 KiB bitstring lives apart from the counters: SQLite rewrites a whole row (overflow
  -- pages included) on any UPDATE, and used_count changes on every allocation.
  CREATE TABLE status_list_bits (
    list_id TEXT PRIMARY KEY REFERENCES status_lists (id),
    bits BLOB NOT NULL
  );
  CREATE TABLE credentials (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    achievement_codes TEXT NOT NULL,
    record TEXT NOT NULL,
    format TEXT NOT NULL,
    jwt TEXT,
    seal TEXT,
    created_at TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0,
    suspended INTEGER NOT NULL DEFAULT 0,
    bulk_key TEXT UNIQUE
  );
  CREATE INDEX credentials_created ON credentials (created_at, id);
  -- Every index ever handed out, bound or not: the primary key is what makes reuse impossible.
  CREATE TABLE status_allocations (
    list_id TEXT NOT NULL REFERENCES status_lists (id),
    idx INTEGER NOT NULL,
    credential_id TEXT REFERENCES credentials (id),
    PRIMARY KEY (list_id, idx)
  ) WITHOUT ROWID;
  CREATE INDEX status_allocations_credential ON status_allocations (credential_id);
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    details TEXT NOT NULL
  );
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  `,
  // v2: the signed status list cache, wallet pick-up codes, bulk runs.
  `
  CREATE TABLE status_list_signed (
    list_id TEXT PRIMARY KEY REFERENCES status_lists (id),
    json TEXT NOT NULL,
    version INTEGER NOT NULL,
    signed_at TEXT NOT NULL
  );
  CREATE TABLE pickup_codes (
    code_hash TEXT PRIMARY KEY,
    credential_id TEXT NOT NULL REFERENCES credentials (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
  );
  CREATE TABLE bulk_runs (
    id TEXT PRIMARY KEY,
    session TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    counts TEXT
  );
  `,
  // v3: the issuer's kind (trust bundle zIssuerKind), published in its trust fragment.
  `
  ALTER TABLE issuer_profile ADD COLUMN kind TEXT;
  `,
  // v4: a pick-up code covers several credentials (a bulk certificate's code delivers every
  // record of the learner's session). pickup_codes.credential_id stays (NOT NULL, the first item)
  // so the v2 rows keep their meaning; the items table is the one read, backfilled here.
  `
  CREATE TABLE pickup_code_items (
    code_hash TEXT NOT NULL REFERENCES pickup_codes (code_hash),
    position INTEGER NOT NULL CHECK (position >= 0),
    credential_id TEXT NOT NULL REFERENCES credentials (id),
    PRIMARY KEY (code_hash, position),
    UNIQUE (code_hash, credential_id)
  ) WITHOUT ROWID;
  INSERT INTO pickup_code_items (code_hash, position, credential_id)
    SELECT code_hash, 0, credential_id FROM pickup_codes;
  `,
  // v5: the issuer's public URL (status lists, achievement ids, pick-up links) belongs to the
  // issuer, not to each process's environment. NULL for an issuer made before: adopted on first use.
  `
  ALTER TABLE issuer_profile ADD COLUMN public_url TEXT;
  `,
  // v6: OpenID4VCI hand-over. An offer is a pre-authorized code (stored hashed, like a pick-up
  // code) for stored credentials, optionally behind a PIN (hashed, attempts counted); each
  // credential is delivered once, re-signed for the holder's key; a c_nonce is single use.
  `
  CREATE TABLE oid4vci_offers (
    id TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,
    tx_code_hash TEXT,
    tx_attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    redeemed_at TEXT
  );
  CREATE TABLE oid4vci_offer_items (
    offer_id TEXT NOT NULL REFERENCES oid4vci_offers (id),
    position INTEGER NOT NULL CHECK (position >= 0),
    credential_id TEXT NOT NULL REFERENCES credentials (id),
    holder TEXT,
    format TEXT,
    record TEXT,
    delivered_at TEXT,
    PRIMARY KEY (offer_id, position),
    UNIQUE (offer_id, credential_id)
  ) WITHOUT ROWID;
  CREATE TABLE oid4vci_nonces (
    nonce TEXT PRIMARY KEY,
    expires_at TEXT NOT NULL,
    used_at TEXT
  ) WITHOUT ROWID;
  `,
  // v7: nothing in SQLite. PostgreSQL keeps API-key rate-limit windows in a table so that several
  // instances share one limit; SQLite serves one machine, whose store counts them in memory (a
  // write per request would make every API call wait behind a bulk batch's write lock).
  `
  SELECT 1;
  `,
  // v8: presentation challenges, so that one issued by one server instance is consumed once at any other.
  `
  CREATE TABLE presentation_challenges (
    challenge TEXT PRIMARY KEY,
    expires_at TEXT NOT NULL,
    used_at TEXT
  ) WITHOUT ROWID;
  `,
  // v9: the pick-up code and the credential offer made by one issuance are two doors to the same
  // copy: using either spends the other, so a learner collects one copy, not one per door.
  `
  ALTER TABLE oid4vci_offers ADD COLUMN pickup_code_hash TEXT REFERENCES pickup_codes (code_hash);
  CREATE INDEX oid4vci_offers_pickup ON oid4vci_offers (pickup_code_hash) WHERE pickup_code_hash IS NOT NULL;
  `,
  // v10: OpenID4VP requests and their answers, so that a request made by one server instance is
  // answered at another and its verdict read at a third; one answer per request.
  `
  CREATE TABLE oid4vp_requests (
    id TEXT PRIMARY KEY,
    nonce TEXT NOT NULL,
    client_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    read_key_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    answered_at TEXT,
    result TEXT
  ) WITHOUT ROWID;
  CREATE INDEX oid4vp_requests_expiry ON oid4vp_requests (expires_at);
  `,
];

/** The schema version of a database (0 for a new file). */
export function schemaVersion(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Brings the database up to `upTo` (default: the latest). Refuses a database newer than this
 * code rather than guess at a schema it does not know.
 */
export function migrate(db: Database.Database, upTo: number = MIGRATIONS.length): number {
  return db.transaction(() => {
    const current = schemaVersion(db);
    if (current > MIGRATIONS.length) {
      throw new StoreError('STORE_SCHEMA_TOO_NEW', `database schema v${current} is newer than this software (v${MIGRATIONS.length})`);
    }
    const record = db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    for (let v = current + 1; v <= upTo; v++) {
      db.exec(MIGRATIONS[v - 1]!);
      record.run(v);
    }
    return Math.max(current, upTo);
  }).immediate();
}

import type pg from 'pg';
import { StoreError } from './errors.ts';
import { MIGRATIONS } from './migrations.ts';

/**
 * The same schema versions as the SQLite store (`migrations.ts`), in PostgreSQL's dialect:
 * version N here means what version N means there, so `schema_migrations` tells the same story in
 * both stores and `migrate-store` can compare them. Never edit a released entry: append one to
 * both lists. Differences that matter:
 * - status lists keep no `used_count` column: a counter updated on every allocation is one row
 *   that every issuing instance would lock until its transaction commits (a bulk batch holds its
 *   transaction for seconds). The count is `COUNT(*)` over `status_allocations` when asked.
 * - booleans are `boolean`, the bitstring `bytea`, the audit id an identity column.
 * - the audit log refuses UPDATE, DELETE and TRUNCATE in triggers, so a person with `psql` and the
 *   application's role cannot rewrite history either (only a superuser can drop the triggers).
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  // v1
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
    "full" BOOLEAN NOT NULL DEFAULT false,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (purpose, number)
  );
  CREATE TABLE status_list_bits (
    list_id TEXT PRIMARY KEY REFERENCES status_lists (id),
    bits BYTEA NOT NULL
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
    revoked BOOLEAN NOT NULL DEFAULT false,
    suspended BOOLEAN NOT NULL DEFAULT false,
    bulk_key TEXT UNIQUE
  );
  CREATE INDEX credentials_created ON credentials (created_at, id);
  CREATE TABLE status_allocations (
    list_id TEXT NOT NULL REFERENCES status_lists (id),
    idx INTEGER NOT NULL,
    credential_id TEXT REFERENCES credentials (id),
    PRIMARY KEY (list_id, idx)
  );
  CREATE INDEX status_allocations_credential ON status_allocations (credential_id);
  CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    details TEXT NOT NULL
  );
  CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse();
  CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse();
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  `,
  // v2
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
  // v3
  `
  ALTER TABLE issuer_profile ADD COLUMN kind TEXT;
  `,
  // v4
  `
  CREATE TABLE pickup_code_items (
    code_hash TEXT NOT NULL REFERENCES pickup_codes (code_hash),
    position INTEGER NOT NULL CHECK (position >= 0),
    credential_id TEXT NOT NULL REFERENCES credentials (id),
    PRIMARY KEY (code_hash, position),
    UNIQUE (code_hash, credential_id)
  );
  INSERT INTO pickup_code_items (code_hash, position, credential_id)
    SELECT code_hash, 0, credential_id FROM pickup_codes;
  `,
  // v5
  `
  ALTER TABLE issuer_profile ADD COLUMN public_url TEXT;
  `,
  // v6: OpenID4VCI hand-over (offers behind a hashed pre-authorized code, their items, c_nonces).
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
  );
  CREATE TABLE oid4vci_nonces (
    nonce TEXT PRIMARY KEY,
    expires_at TEXT NOT NULL,
    used_at TEXT
  );
  `,
  // v7: counts that are worth nothing after a crash, so UNLOGGED (no WAL; emptied on crash recovery).
  `
  CREATE UNLOGGED TABLE rate_limit_windows (
    key TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (key, window_start)
  );
  `,
  // v8
  `
  CREATE TABLE presentation_challenges (
    challenge TEXT PRIMARY KEY,
    expires_at TEXT NOT NULL,
    used_at TEXT
  );
  CREATE INDEX presentation_challenges_expiry ON presentation_challenges (expires_at);
  `,
  // v9: the pick-up code and the credential offer of one issuance spend together.
  `
  ALTER TABLE oid4vci_offers ADD COLUMN pickup_code_hash TEXT REFERENCES pickup_codes (code_hash);
  CREATE INDEX oid4vci_offers_pickup ON oid4vci_offers (pickup_code_hash) WHERE pickup_code_hash IS NOT NULL;
  `,
  // v10: OpenID4VP requests and their answers.
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
  );
  CREATE INDEX oid4vp_requests_expiry ON oid4vp_requests (expires_at);
  `,
];

if (POSTGRES_MIGRATIONS.length !== MIGRATIONS.length) {
  // A version in one store and not the other would make `schema_migrations` mean two things.
  throw new Error(`schema versions differ: SQLite ${MIGRATIONS.length}, PostgreSQL ${POSTGRES_MIGRATIONS.length}`);
}

/**
 * Any number of instances may start at once against one database: the advisory lock makes them
 * migrate one after another, and the second finds the work done. The key is arbitrary but fixed.
 */
const MIGRATION_LOCK = 7_361_024_013;

/** The schema version of the database (0 for an empty one). */
export async function postgresSchemaVersion(client: pg.ClientBase): Promise<number> {
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass('schema_migrations') AS t");
  if (exists.rows[0]?.t === null) return 0;
  const r = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
  return r.rows[0]?.v ?? 0;
}

/**
 * Brings the database up to `upTo` (default: the latest) in one transaction (PostgreSQL DDL is
 * transactional), refusing a database newer than this software.
 * @throws StoreError STORE_SCHEMA_TOO_NEW
 */
export async function migratePostgres(client: pg.ClientBase, upTo: number = POSTGRES_MIGRATIONS.length): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const current = await postgresSchemaVersion(client);
    if (current > POSTGRES_MIGRATIONS.length) {
      throw new StoreError('STORE_SCHEMA_TOO_NEW', `database schema v${current} is newer than this software (v${POSTGRES_MIGRATIONS.length})`);
    }
    for (let v = current + 1; v <= upTo; v++) {
      await client.query(POSTGRES_MIGRATIONS[v - 1]!);
      await client.query(`INSERT INTO schema_migrations (version, applied_at)
        VALUES ($1, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`, [v]);
    }
    await client.query('COMMIT');
    return Math.max(current, upTo);
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

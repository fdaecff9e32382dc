import { createHash } from 'node:crypto';
import pg from 'pg';
import { StoreError } from './errors.ts';
import { mapPostgresError } from './lib/map-postgres-error.ts';
import type { SqliteIssuerStore } from './open-sqlite-store.ts';
import { postgresAddressOf } from './open-postgres-store.ts';
import { migratePostgres } from './postgres-migrations.ts';

/** One table as both schemas hold it; `bools` are 0/1 in SQLite and boolean in PostgreSQL. */
interface TableSpec { name: string; columns: string[]; key: string[]; bools?: string[]; bytes?: string[] }

/** Integer key columns; every other key column is text, compared byte for byte in both databases. */
const INTEGER_KEYS = new Set(['issuer_profile.singleton', 'status_allocations.idx', 'pickup_code_items.position', 'audit_log.id', 'oid4vci_offer_items.position']);

/**
 * In foreign-key order. `status_lists.used_count` (SQLite only) is checked, not copied. OpenID4VCI
 * offers are copied (one not yet redeemed stays redeemable; delivered copies are the record of
 * what a holder received). Not copied at all: `presentation_challenges`, `oid4vp_requests` and `oid4vci_nonces`
 * (minutes-long nonces; a holder whose nonce is lost asks for a new one) and rate-limit windows.
 */
const TABLES: readonly TableSpec[] = [
  { name: 'issuer_profile', columns: ['singleton', 'id', 'names', 'country', 'did_method', 'created_at', 'kind', 'public_url'], key: ['singleton'] },
  { name: 'keys', columns: ['kid', 'public_key_multibase', 'key_file', 'valid_from', 'valid_until', 'revoked_at', 'status'], key: ['kid'] },
  { name: 'achievements', columns: ['code', 'entry', 'created_at', 'updated_at'], key: ['code'] },
  { name: 'status_lists', columns: ['id', 'purpose', 'number', 'length', 'full', 'version'], key: ['id'], bools: ['full'] },
  { name: 'status_list_bits', columns: ['list_id', 'bits'], key: ['list_id'], bytes: ['bits'] },
  { name: 'credentials', columns: ['id', 'kind', 'subject', 'achievement_codes', 'record', 'format', 'jwt', 'seal', 'created_at', 'revoked', 'suspended', 'bulk_key'], key: ['id'], bools: ['revoked', 'suspended'] },
  { name: 'status_allocations', columns: ['list_id', 'idx', 'credential_id'], key: ['list_id', 'idx'] },
  { name: 'audit_log', columns: ['id', 'at', 'actor', 'action', 'target', 'details'], key: ['id'] },
  { name: 'api_keys', columns: ['id', 'label', 'hash', 'created_at', 'revoked_at'], key: ['id'] },
  { name: 'status_list_signed', columns: ['list_id', 'json', 'version', 'signed_at'], key: ['list_id'] },
  { name: 'pickup_codes', columns: ['code_hash', 'credential_id', 'created_at', 'expires_at', 'used_at'], key: ['code_hash'] },
  { name: 'pickup_code_items', columns: ['code_hash', 'position', 'credential_id'], key: ['code_hash', 'position'] },
  { name: 'bulk_runs', columns: ['id', 'session', 'started_at', 'finished_at', 'counts'], key: ['id'] },
  { name: 'oid4vci_offers', columns: ['id', 'code_hash', 'tx_code_hash', 'tx_attempts', 'created_at', 'expires_at', 'redeemed_at', 'pickup_code_hash'], key: ['id'] },
  { name: 'oid4vci_offer_items', columns: ['offer_id', 'position', 'credential_id', 'holder', 'format', 'record', 'delivered_at'], key: ['offer_id', 'position'] },
];

export interface CopiedTable { table: string; rows: number; sha256: string }

export interface CopyReport {
  /** Where the copy went: host and port, never the password. */
  target: string;
  tables: CopiedTable[];
}

/** ORDER BY the primary key: SQLite's BINARY and PostgreSQL's "C" collation both order text by its bytes. */
function orderBy(t: TableSpec, dialect: 'sqlite' | 'pg'): string {
  return t.key.map((k) => (dialect === 'pg' && !INTEGER_KEYS.has(`${t.name}.${k}`) ? `"${k}" COLLATE "C"` : `"${k}"`)).join(', ');
}

/** A row as the digest sees it: the same value whatever the database's types. */
function normalise(t: TableSpec, row: Record<string, unknown>): unknown[] {
  return t.columns.map((c) => {
    const v = row[c];
    if (v === null || v === undefined) return null;
    if (t.bools?.includes(c)) return v === true || v === 1 || v === '1';
    if (t.bytes?.includes(c)) return Buffer.from(v as Uint8Array).toString('hex');
    if (typeof v === 'bigint') return Number(v);
    if (c === 'id' && t.name === 'audit_log') return Number(v);
    return v;
  });
}

class Digest {
  private readonly h = createHash('sha256');
  rows = 0;
  add(values: unknown[]): void {
    this.h.update(JSON.stringify(values) + '\n');
    this.rows++;
  }
  hex(): string {
    return this.h.digest('hex');
  }
}

const BATCH_PARAMS = 30_000;

/**
 * Copies an SQLite issuer into an empty PostgreSQL database, in one PostgreSQL transaction:
 * every table row for row (audit log ids included, so the log reads the same), then reads the
 * copy back and compares row counts and SHA-256 digests per table with the source. Anything
 * different rolls the whole copy back: the target is left as empty as it was found.
 *
 * @throws StoreError TARGET_NOT_EMPTY (the target holds issuer data), MIGRATION_MISMATCH,
 *   STORE_UNREACHABLE, STORE_SCHEMA_TOO_NEW
 */
export async function copySqliteToPostgres(source: SqliteIssuerStore, targetUrl: string): Promise<CopyReport> {
  const address = postgresAddressOf(targetUrl);
  const client = new pg.Client({ connectionString: targetUrl, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    throw new StoreError('STORE_UNREACHABLE', `cannot reach PostgreSQL at ${address}: ${(e as { code?: string }).code ?? (e as Error).message}`, { cause: e });
  }
  const db = source.db;
  try {
    await migratePostgres(client);
    await client.query('BEGIN');
    // Nobody writes to the target while it is filled and checked.
    await client.query(`LOCK TABLE ${TABLES.map((t) => t.name).join(', ')} IN EXCLUSIVE MODE`);
    for (const t of TABLES) {
      const n = Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${t.name}`)).rows[0]!.n);
      if (n > 0) throw new StoreError('TARGET_NOT_EMPTY', `the database at ${address} already holds issuer data (${n} rows in ${t.name}); copy only into an empty one`);
    }
    // One read transaction: the copy is a snapshot even if the SQLite issuer is still in use.
    db.exec('BEGIN');
    const tables: CopiedTable[] = [];
    try {
      const usedCounts = db.prepare('SELECT l.id, l.used_count, (SELECT COUNT(*) FROM status_allocations a WHERE a.list_id = l.id) AS n FROM status_lists l').all() as { id: string; used_count: number; n: number }[];
      for (const u of usedCounts) {
        if (u.used_count !== u.n) throw new StoreError('MIGRATION_MISMATCH', `source status list ${u.id} counts ${u.used_count} used entries but holds ${u.n} allocations`);
      }
      for (const t of TABLES) {
        const cols = t.columns.map((c) => `"${c}"`).join(', ');
        const source = new Digest();
        let batch: unknown[][] = [];
        const flush = async (): Promise<void> => {
          if (batch.length === 0) return;
          const params: unknown[] = [];
          const tuples = batch.map((values) => `(${values.map((v) => { params.push(v); return `$${params.length}`; }).join(', ')})`);
          const overriding = t.name === 'audit_log' ? ' OVERRIDING SYSTEM VALUE' : '';
          await client.query(`INSERT INTO ${t.name} (${cols})${overriding} VALUES ${tuples.join(', ')}`, params);
          batch = [];
        };
        for (const row of db.prepare(`SELECT ${cols} FROM ${t.name} ORDER BY ${orderBy(t, 'sqlite')}`).iterate() as IterableIterator<Record<string, unknown>>) {
          source.add(normalise(t, row));
          batch.push(t.columns.map((c) => {
            const v = row[c];
            if (t.bools?.includes(c)) return v === 1;
            if (t.bytes?.includes(c)) return Buffer.from(v as Uint8Array);
            return v;
          }));
          if ((batch.length + 1) * t.columns.length > BATCH_PARAMS) await flush();
        }
        await flush();
        const copy = new Digest();
        for (const row of (await client.query(`SELECT ${cols} FROM ${t.name} ORDER BY ${orderBy(t, 'pg')}`)).rows as Record<string, unknown>[]) copy.add(normalise(t, row));
        const [s, c] = [source.hex(), copy.hex()];
        if (source.rows !== copy.rows || s !== c) {
          throw new StoreError('MIGRATION_MISMATCH', `${t.name}: source ${source.rows} rows (sha256 ${s}), copy ${copy.rows} rows (sha256 ${c})`);
        }
        tables.push({ table: t.name, rows: source.rows, sha256: s });
      }
    } finally {
      db.exec('COMMIT');
    }
    // The identity continues after the copied ids: the next audit entry is max(id) + 1.
    await client.query(`SELECT setval(pg_get_serial_sequence('audit_log', 'id'), GREATEST((SELECT MAX(id) FROM audit_log), 1), (SELECT COUNT(*) > 0 FROM audit_log))`);
    await client.query('COMMIT');
    return { target: address, tables };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw mapPostgresError(e);
  } finally {
    await client.end().catch(() => undefined);
  }
}

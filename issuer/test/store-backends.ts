import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStore, openSqliteStore } from '../src/store/index.ts';
import type { IssuerStore } from '../src/store/index.ts';
import { migrate } from '../src/store/migrations.ts';
import { migratePostgres } from '../src/store/postgres-migrations.ts';
import { startPostgres } from '../../test/lib/start-postgres.ts';
import type { TestPostgres } from '../../test/lib/start-postgres.ts';
import { tempDb } from './store-helpers.ts';

/**
 * One contract suite, two stores: the store tests run once per backend (`describe.each`).
 * A backend gives each test a fresh empty database (a file, or a database on the file's one
 * PostgreSQL server) and a second connection to it, as a person with `sqlite3` or `psql` would have.
 */
export interface StoreOpenOptions {
  busyTimeoutMs?: number;
  listLength?: number;
  allowShortList?: boolean;
  random?: (n: number) => Uint8Array;
}

export interface StoreLocation {
  open(options?: StoreOpenOptions): Promise<IssuerStore>;
  /** SQL on another connection, without parameters; rows as objects. Rejects on an SQL error. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** The first column of the first row, as a number. */
  count(sql: string): Promise<number>;
  /** Creates the schema up to `version` only, as an older release left it. */
  migrateTo(version: number): Promise<void>;
  /**
   * Another connection starts writing and keeps its locks until `release` (commit): it appends
   * an audit row with actor `other` and locks what allocation and the audit log write.
   */
  holdWriteLock(): Promise<{ release: () => Promise<void> }>;
  cleanup(): Promise<void>;
}

export interface StoreBackend {
  name: 'sqlite' | 'postgres';
  setup(): Promise<void>;
  teardown(): Promise<void>;
  fresh(): Promise<StoreLocation>;
}

export const sqliteBackend: StoreBackend = {
  name: 'sqlite',
  async setup() {},
  async teardown() {},
  async fresh() {
    const db = tempDb();
    const withRaw = <T>(fn: (raw: Database.Database) => T): T => {
      const raw = new Database(db.file);
      try {
        return fn(raw);
      } catch (e) {
        // better-sqlite3 is a native addon loaded once per jest worker: its errors belong to the
        // realm of the first test file that loaded it, and `rejects.toThrow` in a later file does
        // not take them for errors. Re-thrown here as an error of this file's realm.
        throw new Error((e as { message?: string }).message ?? String(e), { cause: e });
      } finally {
        raw.close();
      }
    };
    return {
      open: (o) => openSqliteStore(db.file, o),
      query: async (sql) => withRaw((raw) => (raw.prepare(sql).reader ? raw.prepare(sql).all() as Record<string, unknown>[] : (raw.prepare(sql).run(), []))),
      count: async (sql) => withRaw((raw) => Number(raw.prepare(sql).pluck().get())),
      migrateTo: async (v) => withRaw((raw) => { migrate(raw, v); }),
      async holdWriteLock() {
        const other = new Database(db.file);
        other.pragma('busy_timeout = 0');
        other.exec('BEGIN IMMEDIATE');
        other.prepare("INSERT INTO audit_log (at, actor, action, details) VALUES ('2026-06-01T09:00:00.000Z', 'other', 'x', '{}')").run();
        return { release: async () => { other.exec('COMMIT'); other.close(); } };
      },
      cleanup: async () => db.cleanup(),
    };
  },
};

let server: TestPostgres | undefined;

export const postgresBackend: StoreBackend = {
  name: 'postgres',
  async setup() {
    server = await startPostgres();
  },
  async teardown() {
    await server?.stop();
    server = undefined;
  },
  async fresh() {
    const s = server!;
    const { url, schema, drop } = await s.createSchema();
    const opened: IssuerStore[] = [];
    return {
      async open(o) {
        const store = await openPostgresStore(url, o);
        opened.push(store);
        return store;
      },
      query: (sql) => s.query('postgres', `SET search_path = "${schema}"; ${sql}`),
      count: async (sql) => Number(Object.values((await s.query('postgres', `SET search_path = "${schema}"; ${sql}`))[0]!)[0]),
      async migrateTo(v) {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        try {
          await migratePostgres(c, v);
        } finally {
          await c.end();
        }
      },
      async holdWriteLock() {
        const other = new pg.Client({ connectionString: url });
        await other.connect();
        await other.query('BEGIN');
        await other.query("INSERT INTO audit_log (at, actor, action, details) VALUES ('2026-06-01T09:00:00.000Z', 'other', 'x', '{}')");
        // EXCLUSIVE blocks writers and lets readers through, like SQLite's write lock in WAL.
        await other.query('LOCK TABLE audit_log, status_lists, status_allocations IN EXCLUSIVE MODE');
        return { release: async () => { await other.query('COMMIT'); await other.end(); } };
      },
      async cleanup() {
        for (const store of opened) await store.close();
        await drop();
      },
    };
  },
};

export const STORE_BACKENDS: StoreBackend[] = [sqliteBackend, postgresBackend];

import pg from 'pg';
import { MIN_LIST_LENGTH } from '@lp/status';
import { StoreError } from './errors.ts';
import type { IssuerStore, IssuerStoreOps } from './issuer-store.ts';
import { mapPostgresError } from './lib/map-postgres-error.ts';
import { PostgresOps } from './lib/postgres-ops.ts';
import type { Session } from './lib/postgres-ops.ts';
import { migratePostgres } from './postgres-migrations.ts';

export interface OpenPostgresStoreOptions {
  /** How long a statement waits for a row or table lock before STORE_BUSY (default 5000 ms). */
  busyTimeoutMs?: number;
  /** How long to wait for a connection to the server before STORE_UNREACHABLE (default 10,000 ms). */
  connectTimeoutMs?: number;
  /** Connections this process keeps open at most (default 10). */
  maxConnections?: number;
  /** Entries per new status list (default and minimum 131,072). */
  listLength?: number;
  /** @internal Tests only: allow lists shorter than 131,072 entries. */
  allowShortList?: boolean;
  /** Random bytes for index allocation (default `crypto.getRandomValues`). */
  random?: (n: number) => Uint8Array;
}

/** `host:port` of a `postgres://` URL, for messages (never the user or password). */
export function postgresAddressOf(url: string): string {
  try {
    const u = new URL(url);
    const host = u.searchParams.get('host') ?? (u.hostname === '' ? 'localhost' : u.hostname);
    return `${host}:${u.port === '' ? '5432' : u.port}`;
  } catch {
    return '(an unparsable URL)';
  }
}

/** Is this an `LP_DATABASE_URL` / `--database` value for PostgreSQL? */
export function isPostgresUrl(url: string | undefined): url is string {
  return typeof url === 'string' && /^postgres(ql)?:\/\//i.test(url);
}

/**
 * `IssuerStore` on a pool of PostgreSQL connections shared by any number of processes. A
 * transaction holds one pooled connection from BEGIN to COMMIT; calls outside a transaction take
 * any free connection, so one process serves several requests at once and the database, not a
 * process-local lock, keeps them apart.
 */
export class PostgresIssuerStore extends PostgresOps implements IssuerStore {
  constructor(
    /** The pool, for tests and maintenance; not part of `IssuerStore`. */
    readonly pool: pg.Pool,
    private readonly opsOptions: ConstructorParameters<typeof PostgresOps>[1],
    readonly address: string,
    private readonly state: { closed: boolean } = { closed: false },
  ) {
    super(poolSession(pool, address, state), opsOptions);
  }

  async transaction<T>(fn: (tx: IssuerStoreOps) => Promise<T>): Promise<T> {
    if (this.state.closed) throw new StoreError('STORE_CLOSED', 'the store is closed');
    const client = await connect(this.pool, this.address);
    let open = true;
    let broken: Error | undefined;
    const session: Session = {
      withClient: (inner) => (open ? inner(client, true) : Promise.reject(new StoreError('STORE_CLOSED', 'the transaction has ended'))),
    };
    try {
      await client.query('BEGIN');
      const result = await fn(new PostgresOps(session, this.opsOptions));
      await client.query('COMMIT');
      return result;
    } catch (e) {
      const mapped = mapPostgresError(e);
      if (isConnectionLoss(mapped)) broken = mapped as Error;
      else await client.query('ROLLBACK').catch(() => undefined);
      throw mapped;
    } finally {
      open = false;
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.state.closed) return;
    this.state.closed = true;
    await this.pool.end();
  }
}

function poolSession(pool: pg.Pool, address: string, state: { closed: boolean }): Session {
  return {
    withClient: async (fn) => {
      if (state.closed) throw new StoreError('STORE_CLOSED', 'the store is closed');
      const client = await connect(pool, address);
      let broken: Error | undefined;
      try {
        return await fn(client, false);
      } catch (e) {
        broken = isConnectionLoss(e) ? (e as Error) : undefined;
        throw e;
      } finally {
        client.release(broken);
      }
    },
  };
}

function isConnectionLoss(e: unknown): boolean {
  return e instanceof StoreError && e.code === 'STORE_UNREACHABLE';
}

async function connect(pool: pg.Pool, address: string): Promise<pg.PoolClient> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (e) {
    throw unreachable(e, address);
  }
  // A connection cut while checked out between two queries (the server restarted while a bulk
  // batch was being signed inside its transaction) is reported as an 'error' event on the client,
  // which would end the process unheard: the next query on it fails with STORE_UNREACHABLE instead.
  if (!client.listeners('error').includes(ignoreClientError)) client.on('error', ignoreClientError);
  return client;
}

function ignoreClientError(): void {}

function unreachable(e: unknown, address: string): StoreError {
  const mapped = mapPostgresError(e);
  if (mapped instanceof StoreError && mapped.code !== 'STORE_UNREACHABLE') return mapped;
  const reason = (e as { code?: string; message?: string }).code ?? (e as Error).message;
  return new StoreError('STORE_UNREACHABLE', `cannot reach PostgreSQL at ${address}: ${reason}`, { cause: e });
}

/**
 * Connects to the PostgreSQL database at `url` (`postgres://user:password@host:port/db`) and
 * brings its schema to this software's version (`schema_migrations`, the same versions as the
 * SQLite store); several instances starting together migrate one at a time.
 *
 * @throws StoreError STORE_UNREACHABLE (naming host and port), STORE_SCHEMA_TOO_NEW, STORE_IO
 * @example
 * const store = await openPostgresStore(process.env.LP_DATABASE_URL!);
 * await store.transaction(async (tx) => { const rev = await tx.allocateStatus('revocation'); … });
 */
export async function openPostgresStore(url: string, options: OpenPostgresStoreOptions = {}): Promise<PostgresIssuerStore> {
  const address = postgresAddressOf(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    lock_timeout: Math.max(1, Math.floor(options.busyTimeoutMs ?? 5000)),
    application_name: 'learning-passport-issuer',
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process:
  // the pool discards it and the next call opens a new one.
  pool.on('error', () => undefined);
  let client: pg.PoolClient | undefined;
  try {
    client = await connect(pool, address);
    await migratePostgres(client);
  } catch (e) {
    client?.release(true);
    await pool.end().catch(() => undefined);
    const mapped = mapPostgresError(e);
    if (mapped instanceof StoreError) throw mapped;
    throw new StoreError('STORE_IO', `cannot open the PostgreSQL store at ${address}: ${(e as Error).message}`, { cause: e });
  }
  client.release();
  return new PostgresIssuerStore(pool, {
    listLength: options.listLength ?? MIN_LIST_LENGTH,
    allowShortList: options.allowShortList ?? false,
    random: options.random ?? ((n) => globalThis.crypto.getRandomValues(new Uint8Array(n))),
    currentList: new Map(),
  }, address);
}

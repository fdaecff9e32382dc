import { StoreError } from '../errors.ts';

/** Network failures of the client (Node's error codes), before or during a query. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/**
 * Turns a `pg` error into a StoreError with the same stable codes as the SQLite store, by
 * SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html). Errors that are not
 * from the database pass through unchanged.
 */
export function mapPostgresError(e: unknown): unknown {
  if (e instanceof StoreError || typeof e !== 'object' || e === null) return e;
  const { code, message } = e as { code?: unknown; message?: unknown };
  const m = String(message);
  if (typeof code !== 'string') {
    // pg reports a connection lost mid-query without a code.
    if (/Connection terminated|connection timeout|Client has encountered a connection error/i.test(m)) {
      return new StoreError('STORE_UNREACHABLE', `database connection lost: ${m}`, { cause: e });
    }
    return e;
  }
  if (NETWORK_CODES.has(code)) return new StoreError('STORE_UNREACHABLE', `database unreachable: ${m}`, { cause: e });
  // unique_violation, exclusion_violation
  if (code === '23505' || code === '23P01') return new StoreError('STORE_CONFLICT', `already exists: ${m}`, { cause: e });
  if (code === '23503') return new StoreError('NOT_FOUND', `refers to a row that does not exist: ${m}`, { cause: e });
  if (code.startsWith('23')) return new StoreError('STORE_INVALID', `refused by the schema: ${m}`, { cause: e });
  // raise_exception from our triggers (the append-only audit log)
  if (code === 'P0001') return new StoreError('STORE_REFUSED', m, { cause: e });
  // lock_not_available (lock_timeout), query_canceled (statement_timeout), serialization, deadlock
  if (code === '55P03' || code === '57014' || code === '40001' || code === '40P01') {
    return new StoreError('STORE_BUSY', `database busy: ${m}`, { cause: e });
  }
  // disk_full, insufficient_resources, too_many_connections
  if (code === '53100' || code === '53000') return new StoreError('STORE_FULL', `database full: ${m}`, { cause: e });
  if (code === '53300' || code === '57P03') return new StoreError('STORE_BUSY', `database busy: ${m}`, { cause: e });
  // connection_exception class, admin_shutdown / crash_shutdown
  if (code.startsWith('08') || code === '57P01' || code === '57P02') {
    return new StoreError('STORE_UNREACHABLE', `database connection lost: ${m}`, { cause: e });
  }
  if (code === 'XX001' || code === 'XX002') return new StoreError('STORE_CORRUPT', `database damaged: ${m}`, { cause: e });
  if (/^[0-9A-Z]{5}$/.test(code)) return new StoreError('STORE_IO', `database error ${code}: ${m}`, { cause: e });
  return e;
}

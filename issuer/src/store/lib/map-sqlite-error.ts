import { StoreError } from '../errors.ts';

/**
 * Turns a driver error into a StoreError with a stable code (SQLite result codes:
 * https://www.sqlite.org/rescode.html). Errors that are not from the database (a caller's own
 * error thrown inside `transaction`, a TypeError from a bug) pass through unchanged.
 */
export function mapSqliteError(e: unknown): unknown {
  // Duck-typed, not `instanceof Error`: the native driver's errors may come from another realm
  // (jest's VM modules), where instanceof fails.
  if (e instanceof StoreError || typeof e !== 'object' || e === null) return e;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return e;
  const m = String(message);
  if (code === 'ENOSPC' || code.startsWith('SQLITE_FULL')) return new StoreError('STORE_FULL', `disk full: ${m}`, { cause: e });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError('STORE_BUSY', `database busy: ${m}`, { cause: e });
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new StoreError('STORE_CONFLICT', `already exists: ${m}`, { cause: e });
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return new StoreError('NOT_FOUND', `refers to a row that does not exist: ${m}`, { cause: e });
  if (code === 'SQLITE_CONSTRAINT_TRIGGER') return new StoreError('STORE_REFUSED', m, { cause: e });
  if (code.startsWith('SQLITE_CONSTRAINT')) return new StoreError('STORE_INVALID', `refused by the schema: ${m}`, { cause: e });
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new StoreError('STORE_CORRUPT', `database damaged: ${m}`, { cause: e });
  if (code.startsWith('SQLITE_') || /^E[A-Z]+$/.test(code)) return new StoreError('STORE_IO', `database I/O failed: ${m}`, { cause: e });
  return e;
}

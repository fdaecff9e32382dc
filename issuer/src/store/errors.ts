/**
 * The issuer store's one error class, shared by the SQLite and PostgreSQL stores. `code` is stable: the HTTP layer maps STORE_BUSY and
 * STORE_FULL to 503 (retry later), STORE_CONFLICT to 409, NOT_FOUND to 404; the rest are 500.
 * `cause` keeps the driver's error for logs (it never holds key material: keys are stored
 * encrypted and no SQL error echoes bound values).
 */
export type StoreErrorCode =
  /** SQLITE_BUSY / SQLITE_LOCKED, or PostgreSQL's lock_timeout: another writer held the lock past the timeout. */
  | 'STORE_BUSY'
  /** SQLITE_FULL / ENOSPC: the disk (or the page limit) is full; nothing was written. */
  | 'STORE_FULL'
  /** A unique key already exists (credential id, bulk key, kid, API key hash, …). */
  | 'STORE_CONFLICT'
  /** The row asked for, or a row it refers to, does not exist. */
  | 'NOT_FOUND'
  /** The file is not a database, is damaged, or holds a row we cannot read. */
  | 'STORE_CORRUPT'
  /** The database was written by a newer version of this software (unknown migrations). */
  | 'STORE_SCHEMA_TOO_NEW'
  /** A row the schema forbids changing (the append-only audit log). */
  | 'STORE_REFUSED'
  /** Data the schema refuses (CHECK / NOT NULL): a caller's bug. */
  | 'STORE_INVALID'
  /** Revocation is permanent (VC Bitstring Status List §2.1 `revocation`: "not reversible"). */
  | 'REVOCATION_IRREVERSIBLE'
  /** The store (or the transaction handle) was used after close/commit. */
  | 'STORE_CLOSED'
  /** Any other I/O failure of the database (cannot open, read-only, I/O error). */
  | 'STORE_IO'
  /** PostgreSQL: the server cannot be reached (refused, unknown host, connection lost); the message names host and port. */
  | 'STORE_UNREACHABLE'
  /** Copying an issuer into a database that already holds issuer data (never merged). */
  | 'TARGET_NOT_EMPTY'
  /** A copy that differs from its source (row counts or digests): nothing of it was committed. */
  | 'MIGRATION_MISMATCH';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

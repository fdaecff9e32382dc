import fs from 'node:fs';
import path from 'node:path';
import { createDocumentLoader } from '@lp/contexts';
import type { DocumentLoader } from '@lp/contexts';
import { IssuerError } from '../errors.ts';
import { isPostgresUrl, openPostgresStore, openSqliteStore, postgresAddressOf } from '../store/index.ts';
import type { IssuerStore, OpenSqliteStoreOptions, SqliteIssuerStore } from '../store/index.ts';
import { didDocumentOf } from './did-document.ts';

export const ISSUER_DB_FILE = 'issuer.sqlite';

/** LP_DATA_DIR (default ./data, relative to cwd). */
export function issuerDataDir(env: NodeJS.ProcessEnv, cwd: string): string {
  return path.resolve(cwd, env.LP_DATA_DIR && env.LP_DATA_DIR !== '' ? env.LP_DATA_DIR : './data');
}

export function issuerDbPath(dataDir: string): string {
  return path.join(dataDir, ISSUER_DB_FILE);
}

/** Does the data directory hold an issuer database? (The server mounts the issuer only then.) */
export function hasIssuerDb(dataDir: string): boolean {
  return fs.existsSync(issuerDbPath(dataDir));
}

/** Opens (creating the directory, mode 0700, if `create`) the issuer's SQLite store. */
export async function openIssuerStore(dataDir: string, opts: OpenSqliteStoreOptions & { create?: boolean } = {}): Promise<SqliteIssuerStore> {
  if (opts.create) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return openSqliteStore(issuerDbPath(dataDir), opts);
}

/**
 * Where an issuer's store is: the PostgreSQL database of `LP_DATABASE_URL` (or `--database`),
 * shared by any number of instances, else the SQLite file in LP_DATA_DIR. `label` names it in
 * messages without the password.
 */
export type IssuerStoreLocation =
  | { kind: 'postgres'; url: string; label: string }
  | { kind: 'sqlite'; dir: string; label: string };

/** @throws IssuerError DATABASE_URL_INVALID for a database URL that is not `postgres://…`. */
export function issuerStoreLocation(env: NodeJS.ProcessEnv, cwd: string, databaseUrl?: string): IssuerStoreLocation {
  const url = databaseUrl ?? (env.LP_DATABASE_URL && env.LP_DATABASE_URL.trim() !== '' ? env.LP_DATABASE_URL.trim() : undefined);
  if (url !== undefined) {
    if (!isPostgresUrl(url)) throw new IssuerError('DATABASE_URL_INVALID', 'the database URL must start with postgres:// or postgresql:// (e.g. postgres://lp@db.example:5432/issuer)');
    return { kind: 'postgres', url, label: `PostgreSQL at ${postgresAddressOf(url)}` };
  }
  const dir = issuerDataDir(env, cwd);
  return { kind: 'sqlite', dir, label: dir };
}

/**
 * Opens the issuer's store at `location`. For SQLite, `create` makes the directory; without it
 * a missing database is NO_ISSUER. A PostgreSQL database is migrated on open (several instances
 * may start at once); STORE_UNREACHABLE names host and port.
 */
export async function openIssuerStoreAt(location: IssuerStoreLocation, opts: { create?: boolean } = {}): Promise<IssuerStore> {
  if (location.kind === 'postgres') return openPostgresStore(location.url);
  if (!opts.create && !hasIssuerDb(location.dir)) throw new IssuerError('NO_ISSUER', `no issuer in ${location.dir}: run lp issuer init first`);
  return openIssuerStore(location.dir, { create: opts.create ?? false });
}

/**
 * The offline loader for signing and verifying our own documents: bundled contexts, did:key, and
 * our did:web document (a snapshot: pass a new one after a key rotation). It never reads the store,
 * so it is safe inside a store transaction.
 */
export function issuerDocumentLoader(store: IssuerStore): Promise<DocumentLoader> {
  return (async () => {
    const profile = await store.getProfile();
    const doc = profile && profile.id.startsWith('did:web:') ? { id: profile.id, doc: didDocumentOf(profile, await store.listKeys()) } : undefined;
    return createDocumentLoader({ resolveDid: (did) => (doc && doc.id === did ? doc.doc : undefined) });
  })();
}

import fs from 'node:fs';
import path from 'node:path';
import { createDocumentLoader } from '@lp/contexts';
import type { DocumentLoader } from '@lp/contexts';
import { openSqliteStore } from '../store/index.ts';
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

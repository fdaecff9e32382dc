import type { WalletStorage } from './wallet-storage.ts';

/**
 * WalletStorage over IndexedDB for the wallet page. One object store of key → bytes; each write
 * is its own transaction, which IndexedDB commits atomically.
 */
export function indexedDbStorage(dbName = 'learning-passport-wallet'): WalletStorage {
  let dbPromise: Promise<IDBDatabase> | undefined;
  const db = () =>
    (dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(dbName, 1);
      req.onupgradeneeded = () => req.result.createObjectStore('blobs');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    }));
  const run = async <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const tx = (await db()).transaction('blobs', mode);
    const req = fn(tx.objectStore('blobs'));
    return new Promise<T>((resolve, reject) => {
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  };
  return {
    async read(key) {
      const v = await run<unknown>('readonly', (s) => s.get(key));
      return v instanceof Uint8Array ? v : v instanceof ArrayBuffer ? new Uint8Array(v) : undefined;
    },
    async write(key, bytes) { await run('readwrite', (s) => s.put(bytes.slice(), key)); },
    async remove(key) { await run('readwrite', (s) => s.delete(key)); },
    async list(prefix) {
      const keys = await run<IDBValidKey[]>('readonly', (s) => s.getAllKeys());
      return keys.map(String).filter((k) => k.startsWith(prefix)).sort();
    },
  };
}

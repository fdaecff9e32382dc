/**
 * Where a wallet keeps its bytes: files on a computer (node/file-storage.ts), IndexedDB in the
 * browser (core/indexeddb-storage.ts). Keys are slash-separated names such as `profiles/amal`.
 * `write` is atomic: after a crash the old value or the new one is there, never a mix.
 */
export interface WalletStorage {
  read(key: string): Promise<Uint8Array | undefined>;
  write(key: string, bytes: Uint8Array): Promise<void>;
  remove(key: string): Promise<void>;
  /** Keys that start with `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
}

/** In memory, for tests of code above the storage. */
export function memoryStorage(): WalletStorage {
  const map = new Map<string, Uint8Array>();
  return {
    async read(key) { const v = map.get(key); return v && v.slice(); },
    async write(key, bytes) { map.set(key, bytes.slice()); },
    async remove(key) { map.delete(key); },
    async list(prefix) { return [...map.keys()].filter((k) => k.startsWith(prefix)).sort(); },
  };
}

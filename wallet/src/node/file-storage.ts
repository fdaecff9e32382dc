import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { WalletStorage } from '../core/wallet-storage.ts';

/**
 * WalletStorage as files under a folder (LP_WALLET_DIR). A write goes to a temporary file that is
 * fsynced and then renamed over the old one, so a crash or SIGKILL leaves either version, whole.
 */
export function fileStorage(root: string): WalletStorage {
  const pathOf = (key: string) => {
    if (!/^[A-Za-z0-9._/-]+$/.test(key) || key.split('/').some((p) => p === '' || p === '.' || p === '..')) {
      throw new TypeError(`bad storage key "${key}"`);
    }
    return join(root, ...key.split('/'));
  };
  return {
    async read(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    async write(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
      const fh = await open(tmp, 'w', 0o600);
      try {
        await fh.writeFile(bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, path);
      // The rename is durable only once the folder's entry is on disk.
      const dir = await open(dirname(path), 'r');
      try { await dir.sync(); } finally { await dir.close(); }
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
    async list(prefix) {
      const out: string[] = [];
      const walk = async (dir: string) => {
        let entries;
        try {
          entries = await readdir(dir, { withFileTypes: true });
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
          throw e;
        }
        for (const e of entries) {
          const full = join(dir, e.name);
          if (e.isDirectory()) await walk(full);
          else if (!e.name.includes('.tmp-')) out.push(relative(root, full).split(sep).join('/'));
        }
      };
      await walk(root);
      return out.filter((k) => k.startsWith(prefix)).sort();
    },
  };
}

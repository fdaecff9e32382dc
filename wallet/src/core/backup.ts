import { z } from 'zod';
import { b64urlDecode, open, seal, type KdfParams } from './container.ts';
import { Vault, zStoredCredential, assertProfileName, parseContent } from './vault.ts';
import type { WalletStorage } from './wallet-storage.ts';

/**
 * A backup (.lpw): the same container as a vault, kind "backup", holding the holder key and every
 * credential exactly as stored. It moves a learner's records to a new device with no cloud account.
 */
const zBackup = z.object({
  version: z.literal(1),
  profile: z.string(),
  holder: z.object({ did: z.string(), seed: z.string() }),
  createdAt: z.string(),
  exportedAt: z.string(),
  credentials: z.array(zStoredCredential),
});

export async function exportBackup(vault: Vault, passphrase: string, opts: { now: Date; kdf?: KdfParams }): Promise<Uint8Array> {
  const data = vault.snapshot();
  const body = { ...data, exportedAt: opts.now.toISOString() };
  const { bytes } = await seal(new TextEncoder().encode(JSON.stringify(body)), passphrase, {
    kind: 'backup',
    meta: { profile: data.profile, holder: data.holder.did, exportedAt: body.exportedAt, credentials: String(data.credentials.length) },
    ...(opts.kdf ? { kdf: opts.kdf } : {}),
  });
  return bytes;
}

/**
 * Restores a backup. Into an empty wallet it creates the profile (same holder key, encrypted with
 * `vaultPassphrase`); into an existing profile it adds the credentials it lacks. Everything is
 * checked and decrypted first and then written in one atomic storage write, so a crash leaves the
 * wallet as it was. Restoring twice adds nothing.
 */
export async function restoreBackup(
  storage: WalletStorage,
  bytes: Uint8Array,
  opts: { passphrase: string; vaultPassphrase?: string; profile?: string; now: Date; kdf?: KdfParams },
): Promise<{ profile: string; added: number; created: boolean; total: number }> {
  const { plaintext } = await open(bytes, opts.passphrase, 'backup');
  const backup = parseContent(plaintext, zBackup, 'backup');
  const profile = opts.profile ?? backup.profile;
  assertProfileName(profile);
  const vaultPassphrase = opts.vaultPassphrase ?? opts.passphrase;
  const existing = (await storage.list(`profiles/${profile}.lpv`)).length > 0;
  if (!existing) {
    const vault = await Vault.create(storage, {
      profile,
      passphrase: vaultPassphrase,
      holder: { did: backup.holder.did, seed: b64urlDecode(backup.holder.seed) },
      now: new Date(backup.createdAt),
      credentials: backup.credentials,
      ...(opts.kdf ? { kdf: opts.kdf } : {}),
    });
    return { profile, added: backup.credentials.length, created: true, total: vault.credentials.length };
  }
  const vault = await Vault.unlock(storage, profile, vaultPassphrase);
  const missing = backup.credentials.filter((c) => !vault.find(c.id));
  if (missing.length > 0) await vault.put(missing);
  return { profile, added: missing.length, created: false, total: vault.credentials.length };
}

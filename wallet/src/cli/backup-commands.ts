import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { exportBackup, restoreBackup } from '../core/backup.ts';
import type { WalletStorage } from '../core/wallet-storage.ts';
import { printPaperBackup } from '../node/print-paper-backup.ts';
import { help } from './profile-commands.ts';
import { PROFILE_OPTION, WalletUsageError, args, clock, passphrase, profileOf, unlock, walletStorage, type WalletIo } from './wallet-context.ts';

/** `lp wallet export --out FILE.lpw`: an encrypted backup of one profile (holder key and credentials). */
export async function exportCommand(argv: string[], io: WalletIo): Promise<number> {
  const { values } = args({ args: argv, options: { ...PROFILE_OPTION, out: { type: 'string' } } });
  if (values.help) {
    return help(io, 'usage: lp wallet export --out FILE.lpw [--profile NAME]\n\nWrites an encrypted backup (Argon2id + AES-256-GCM) of the profile: holder key and every\ncredential exactly as stored. The vault is unlocked with LP_PASSPHRASE (or a prompt); the backup\nis encrypted with LP_BACKUP_PASSPHRASE when set (a different passphrase, e.g. for a guardian),\nelse with the same passphrase.');
  }
  if (!values.out) throw new WalletUsageError('give the backup file: --out FILE.lpw');
  const { vault } = await unlock(io, profileOf(values));
  const backupPass = await passphrase(io, { variable: 'LP_BACKUP_PASSPHRASE', confirm: true, prompt: 'Backup passphrase: ' });
  const bytes = await exportBackup(vault, backupPass, { now: clock(io) });
  await writeFile(resolve(io.cwd, values.out), bytes, { mode: 0o600 });
  io.stdout.write(`wrote ${values.out}: profile "${vault.profile}", ${vault.credentials.length} credential(s)\n`);
  return 0;
}

/**
 * `lp wallet restore FILE.lpw`: into an empty wallet folder it creates the profile; into an
 * existing profile it adds what is missing. Everything is decrypted and checked before one atomic
 * write, so an interrupted restore leaves the wallet as it was; restoring twice adds nothing.
 */
export async function restoreCommand(argv: string[], io: WalletIo): Promise<number> {
  const { values, positionals } = args({ args: argv, options: { ...PROFILE_OPTION, json: { type: 'boolean' } }, allowPositionals: true });
  if (values.help) {
    return help(io, 'usage: lp wallet restore FILE.lpw [--profile NAME]\n\nRestores a backup: the backup is opened with LP_BACKUP_PASSPHRASE (else LP_PASSPHRASE or a\nprompt); a new profile is encrypted with LP_PASSPHRASE. Atomic: after a crash the wallet is as\nit was. Restoring the same backup twice adds nothing. --profile restores under another name.');
  }
  if (positionals.length !== 1) throw new WalletUsageError('usage: lp wallet restore FILE.lpw');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(resolve(io.cwd, positionals[0]!)));
  } catch (e) {
    throw new WalletUsageError(`cannot read ${positionals[0]}: ${(e as Error).message}`);
  }
  const backupPass = await passphrase(io, { variable: 'LP_BACKUP_PASSPHRASE', prompt: 'Backup passphrase: ' });
  const vaultPass = io.env.LP_PASSPHRASE ? io.env.LP_PASSPHRASE : backupPass;
  const storage = pauseBeforeCommit(walletStorage(io), io);
  const r = await restoreBackup(storage, bytes, {
    passphrase: backupPass,
    vaultPassphrase: vaultPass,
    now: clock(io),
    ...(values.profile ? { profile: values.profile } : {}),
  });
  if (values.json) io.stdout.write(JSON.stringify(r) + '\n');
  else io.stdout.write(`${r.created ? 'created' : 'restored into'} profile "${r.profile}": ${r.added} credential(s) added, ${r.total} in total\n`);
  return 0;
}

/**
 * Test hook: LP_TEST_PAUSE_BEFORE_COMMIT=MS prints a marker and sleeps just before each write, so
 * a test can SIGKILL the restore while all the work is done but nothing is committed, and check
 * that the wallet folder is unchanged.
 */
function pauseBeforeCommit(storage: WalletStorage, io: WalletIo): WalletStorage {
  const ms = Number(io.env.LP_TEST_PAUSE_BEFORE_COMMIT ?? 0);
  if (!(ms > 0)) return storage;
  return {
    ...storage,
    async write(key, bytes) {
      io.stderr.write(`LP_TEST: about to commit ${key}\n`);
      await new Promise((r) => setTimeout(r, ms));
      return storage.write(key, bytes);
    },
  };
}

/** `lp wallet print --out FILE.pdf`: the paper backup, every seal on A4 pages with labels. */
export async function printCommand(argv: string[], io: WalletIo): Promise<number> {
  const { values } = args({ args: argv, options: { ...PROFILE_OPTION, out: { type: 'string' } } });
  if (values.help) return help(io, 'usage: lp wallet print --out FILE.pdf [--profile NAME]\n\nA paper backup: the QR seal of every credential on printable A4 pages (two a page), each with\nthe learner, achievement, result, issuer and id. Any verifier reads them offline.');
  if (!values.out) throw new WalletUsageError('give the PDF file: --out FILE.pdf');
  const { vault } = await unlock(io, profileOf(values));
  const pdf = await printPaperBackup(vault.credentials, { profile: vault.profile, holder: vault.holderDid, now: clock(io) });
  await writeFile(resolve(io.cwd, values.out), pdf);
  const n = vault.credentials.filter((c) => c.seal).length;
  io.stdout.write(`wrote ${values.out}: ${n} seal(s) on ${Math.ceil(vault.credentials.length / 2)} page(s)\n`);
  if (n < vault.credentials.length) io.stderr.write(`lp wallet: ${vault.credentials.length - n} credential(s) have no seal and are listed without a QR\n`);
  return 0;
}


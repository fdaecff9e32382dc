import { readPassphrase, UsageError, type CliIo } from '@lp/cli-kit';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createDocumentLoader } from '@lp/contexts';
import type { VerifyContext } from '@lp/verify';
import { Vault } from '../core/vault.ts';
import type { WalletStorage } from '../core/wallet-storage.ts';
import { WalletError } from '../core/wallet-error.ts';
import { fileStorage } from '../node/file-storage.ts';
import { loadTrust } from '../node/trust-store.ts';

/** What the wallet's commands touch of their process, and their usage error (exit 2). */
export type WalletIo = CliIo;
export { UsageError as WalletUsageError };

export const PROFILE_OPTION = { profile: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

export function args<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

export function walletDir(io: WalletIo): string {
  return resolve(io.cwd, io.env.LP_WALLET_DIR || 'wallet-data');
}

export function walletStorage(io: WalletIo): WalletStorage {
  return fileStorage(walletDir(io));
}

/**
 * The wallet's clock. LP_NOW (an ISO date) pretends it is another time: tests use it to pin the
 * clock of a child process, and a learner can re-check a credential "as of" a date.
 */
export function clock(io: WalletIo): Date {
  const fixed = io.env.LP_NOW;
  if (!fixed) return new Date();
  const d = new Date(fixed);
  if (Number.isNaN(d.getTime())) throw new UsageError(`LP_NOW is not a date: ${fixed}`);
  return d;
}

/**
 * The passphrase of a vault: LP_PASSPHRASE, else a prompt on the terminal (echo off). Without a
 * terminal and without the variable it is a usage error, never a hang.
 */
export async function passphrase(io: WalletIo, opts: { confirm?: boolean; variable?: string; prompt?: string } = {}): Promise<string> {
  return readPassphrase(io, opts.prompt ?? 'Passphrase: ', opts);
}

export async function unlock(io: WalletIo, profile: string): Promise<{ vault: Vault; storage: WalletStorage }> {
  const storage = walletStorage(io);
  const vault = await Vault.unlock(storage, profile, await passphrase(io, { prompt: `Passphrase for profile ${profile}: ` }));
  return { vault, storage };
}

export async function verifyContext(io: WalletIo, storage: WalletStorage, now: Date, lang?: string): Promise<VerifyContext> {
  const trust = await loadTrust(storage, io.env, io.cwd, now);
  if (!trust.bundle) {
    if (trust.problem) io.stderr.write(`lp wallet: the trust bundle is not usable (${trust.problem}); credentials cannot be VALID\n`);
    else io.stderr.write('lp wallet: no trust bundle (lp wallet trust BUNDLE.json --anchor DID, or LP_TRUST_BUNDLE/LP_TRUST_ANCHORS); credentials cannot be VALID\n');
  }
  return { bundle: trust.bundle, now, ...(lang ? { lang } : {}) };
}

export const documentLoader = createDocumentLoader();

export function profileOf(values: { profile?: string | undefined }): string {
  return values.profile ?? 'default';
}

export function notFound(id: string): WalletError {
  return new WalletError('CREDENTIAL_NOT_FOUND', `no credential ${id} in this profile (lp wallet list)`);
}

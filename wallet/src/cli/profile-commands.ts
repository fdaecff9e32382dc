import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createHolderKey } from '../core/create-holder-key.ts';
import { Vault, listProfiles } from '../core/vault.ts';
import { trustBundle } from '../node/trust-store.ts';
import { PROFILE_OPTION, WalletUsageError, args, clock, passphrase, profileOf, walletStorage, type WalletIo } from './wallet-context.ts';

/** `lp wallet init [--profile NAME]`: a new profile with its holder did:key (printed last). */
export async function initCommand(argv: string[], io: WalletIo): Promise<number> {
  const { values, positionals } = args({ args: argv, options: PROFILE_OPTION, allowPositionals: true });
  if (values.help) return help(io, 'usage: lp wallet init [--profile NAME]\n\nCreates a profile (its own passphrase: LP_PASSPHRASE or a prompt, asked twice) with an\nEd25519 holder key; prints the holder DID on the last line (give it to an issuer as your subject id).');
  if (positionals.length > 0) throw new WalletUsageError('lp wallet init takes no file (see --help)');
  const profile = profileOf(values);
  const storage = walletStorage(io);
  const pass = await passphrase(io, { confirm: true, prompt: `New passphrase for profile ${profile}: ` });
  const holder = await createHolderKey();
  await Vault.create(storage, { profile, passphrase: pass, holder, now: clock(io) });
  holder.seed.fill(0);
  io.stdout.write(`profile "${profile}" created; holder DID (for presentations):\n${holder.did}\n`);
  return 0;
}

/** `lp wallet profiles`: the profiles on this device, read from the public headers (no passphrase). */
export async function profilesCommand(argv: string[], io: WalletIo): Promise<number> {
  const { values } = args({ args: argv, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return help(io, 'usage: lp wallet profiles [--json]');
  const list = await listProfiles(walletStorage(io));
  if (values.json) io.stdout.write(JSON.stringify(list) + '\n');
  else for (const p of list) io.stdout.write(`${p.profile}\t${p.holder ?? '?'}\t${p.createdAt ?? ''}\n`);
  return 0;
}

/** `lp wallet trust BUNDLE.json --anchor DID [--anchor DID…]`: the bundle this wallet believes. */
export async function trustCommand(argv: string[], io: WalletIo): Promise<number> {
  const { values, positionals } = args({
    args: argv,
    options: { ...PROFILE_OPTION, anchor: { type: 'string', multiple: true }, json: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.help) {
    return help(io, 'usage: lp wallet trust BUNDLE.json --anchor DID [--anchor DID …]\n\nVerifies the trust bundle against the pinned anchor DID(s) and keeps it (public data, not\nencrypted) under LP_WALLET_DIR/trust/ for every profile. A bundle with a lower sequence never\nreplaces the one held. LP_TRUST_BUNDLE and LP_TRUST_ANCHORS, when set, are used instead.');
  }
  if (positionals.length !== 1) throw new WalletUsageError('usage: lp wallet trust BUNDLE.json --anchor DID');
  const anchors = (values.anchor ?? []).flatMap((a) => a.split(',')).map((a) => a.trim()).filter(Boolean);
  if (anchors.length === 0) throw new WalletUsageError('give the anchor DID to pin: --anchor did:key:…');
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, positionals[0]!), 'utf8');
  } catch (e) {
    throw new WalletUsageError(`cannot read ${positionals[0]}: ${(e as Error).message}`);
  }
  const r = await trustBundle(walletStorage(io), text, anchors, clock(io));
  if (values.json) io.stdout.write(JSON.stringify(r) + '\n');
  else io.stdout.write(`${r.replaced ? 'trusted' : 'already held'}: bundle sequence ${r.sequence}, ${r.issuers} issuer(s), expires ${r.expires}\n`);
  return 0;
}

export function help(io: WalletIo, text: string): number {
  io.stdout.write(text + '\n');
  return 0;
}

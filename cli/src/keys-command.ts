import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decryptKeyFile, encryptKeyFile, generateKeyPair, parseKeyFile, publicKeyFromMultikey, publicKeyToJwk } from '@lp/crypto';
import type { CliIo } from '@lp/cli-kit';
import { readPassphrase } from '@lp/cli-kit';
import { UsageError } from '@lp/cli-kit';

const HELP = `usage: lp keys <command> [options]

Ed25519 signing keys in key files encrypted at rest (scrypt N=2^17 + AES-256-GCM).

  lp keys new --out KEY.json [--label L] [--json]
      create a key pair, write the encrypted key file (mode 0600; never overwrites) and print
      its DID on the last line. Passphrase: LP_PASSPHRASE, else asked twice on the terminal.
  lp keys show KEY.json [--check] [--json]
      print the DID, label and public JWK (never the secret). --check also decrypts the file
      with the passphrase to prove it opens.`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(HELP + '\n');
    return command ? 0 : 2;
  }
  if (command === 'new') return keysNew(rest, io);
  if (command === 'show') return keysShow(rest, io);
  throw new UsageError(`unknown command "${command}" (lp keys --help)`);
}

function parse<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function keysNew(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(() =>
    parseArgs({ args, options: { out: { type: 'string', short: 'o' }, label: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }),
  );
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (typeof values.out !== 'string' || values.out === '') throw new UsageError('--out KEY.json is required');
  const label = typeof values.label === 'string' ? values.label : undefined;
  if (label !== undefined && label.length > 200) throw new UsageError('--label is at most 200 characters');
  const out = resolve(io.cwd, values.out);
  // Checked before the slow scrypt; the exclusive open below closes the race.
  if (existsSync(out)) throw new UsageError(`${values.out} exists; refusing to overwrite a key file`);
  const passphrase = await readPassphrase(io, 'New passphrase: ', { confirm: true });
  const keyPair = await generateKeyPair();
  const file = await encryptKeyFile(keyPair, passphrase, label !== undefined ? { label } : {});
  keyPair.secretKey.fill(0);
  try {
    writeFileSync(out, JSON.stringify(file, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new UsageError(code === 'EEXIST' ? `${values.out} exists; refusing to overwrite a key file` : `cannot write ${values.out}: ${(err as Error).message}`);
  }
  if (values.json) {
    io.stdout.write(JSON.stringify({ file: out, did: file.did, label: file.label ?? null, publicKeyMultibase: file.publicKeyMultibase }) + '\n');
  } else {
    io.stdout.write(`wrote ${values.out} (encrypted; keep it and its passphrase safe)\n${file.did}\n`);
  }
  return 0;
}

async function keysShow(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(() =>
    parseArgs({ args, options: { check: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }),
  );
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('usage: lp keys show KEY.json [--check] [--json]');
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, positionals[0]!), 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${positionals[0]}: ${(err as Error).message}`);
  }
  const file = parseKeyFile(text);
  if (values.check) await decryptKeyFile(file, await readPassphrase(io));
  const jwk = publicKeyToJwk(publicKeyFromMultikey(file.publicKeyMultibase));
  if (values.json) {
    io.stdout.write(JSON.stringify({ did: file.did, label: file.label ?? null, publicKeyMultibase: file.publicKeyMultibase, publicKeyJwk: jwk, checked: values.check === true }) + '\n');
    return 0;
  }
  const lines = [
    `did:        ${file.did}`,
    ...(file.label !== undefined ? [`label:      ${file.label}`] : []),
    `multikey:   ${file.publicKeyMultibase}`,
    `public JWK: ${JSON.stringify(jwk)}`,
    ...(values.check ? ['passphrase: ok (the key file opens)'] : []),
  ];
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}

import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { IssuerError } from '../errors.ts';
import { addAchievements } from '../domain/add-achievements.ts';
import { createApiKey, revokeApiKey } from '../domain/api-keys.ts';
import { exportTrustFragment } from '../domain/export-trust-fragment.ts';
import { initIssuer } from '../domain/init-issuer.ts';
import type { IssuerDeps } from '../domain/issuer-deps.ts';
import { hasIssuerDb, issuerDataDir, issuerDocumentLoader, issuerStoreLocation, openIssuerStore, openIssuerStoreAt } from '../domain/open-issuer-store.ts';
import type { IssuerStoreLocation } from '../domain/open-issuer-store.ts';
import { parseCatalogueFile } from '../domain/parse-catalogue-file.ts';
import { resolvePublicUrl } from '../domain/resolve-public-url.ts';
import { setPublicUrl } from '../domain/set-public-url.ts';
import { rotateKey } from '../domain/rotate-key.ts';
import { setCredentialStatus } from '../domain/set-credential-status.ts';
import type { StatusAction } from '../domain/set-credential-status.ts';
import { unlockSigningKey } from '../domain/unlock-signing-key.ts';
import { copySqliteToPostgres, isPostgresUrl } from '../store/index.ts';
import type { IssuerStore } from '../store/index.ts';

/** What the CLI needs of its process (cli/src/io.ts CliIo, structurally). */
export interface IssuerCliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Thrown for wrong arguments; `lp` prints it and exits 2 (same shape as cli UsageError). */
class IssuerUsageError extends Error {
  readonly code = 'USAGE';
}

export const ISSUER_HELP = `usage: lp issuer <command> [options]

The examination body: identity, catalogue, status, API keys. Data in LP_DATA_DIR (default ./data),
or in PostgreSQL when LP_DATABASE_URL=postgres://… is set (several lp serve instances share it);
the signing key is encrypted at rest with LP_PASSPHRASE (else asked on the terminal).

  init --name NAME [--name-LANG NAME …] --country CC [--did-web HOST] [--kind KIND] [--public-url URL] [--database URL]
      create the issuer: Ed25519 key, DID (did:key, or did:web:HOST), OB 3.0 profile. Names per
      language with --name-ar, --name-fr, … (--name is English). Refuses if an issuer exists.
      --public-url is where the issuer is reached (status lists, pick-up links); default
      LP_PUBLIC_URL, else http://localhost:PORT. It is stored: every process uses it.
      --kind: national-examination-body (default), school, ngo-programme, recognition-body,
      university, ministry. A school, recognition-body or ministry issuer starts with the entries
      of recognition statements (lp recognise issue, POST /recognition/statements).
      --database postgres://… creates it in PostgreSQL (default LP_DATABASE_URL, else SQLite).
  set-public-url URL            change the public URL; re-signs the status lists under it and
                                says which credentials still name the old one
  show                          the issuer's DID, names, public URL and keys
  rotate-key                    new signing key; the old one's window ends now (did:web only)
  achievement add FILE          add/replace catalogue entries from JSON (entry or array) or CSV
  achievement list              the catalogue
  revoke ID --reason TEXT       revoke a credential (permanent)
  suspend ID [--reason TEXT]    suspend a credential
  reinstate ID [--reason TEXT]  lift a suspension (a revoked credential stays revoked: exit 2)
  export-trust --out FILE       write the trust-bundle fragment (input of lp trust build)
  api-key create [--label L]    a new API key, printed alone on the last line (shown once)
  api-key list                  API keys (id, label, created, revoked)
  api-key revoke ID             revoke an API key
  migrate-store --to postgres://…
                                copy the SQLite issuer of LP_DATA_DIR into an empty PostgreSQL
                                database (audit log included), then compare counts and digests
  bulk RESULTS.csv --session NAME [--dry-run] [--out DIR] [--transcripts]
                                issue a results CSV (lp issuer bulk --help); with --queue
                                (PostgreSQL) the batches go to lp issuer worker processes
  worker [--threads N]          take bulk batches from the queue and issue them (lp issuer worker --help)

Options: --json for machine output. The public URL is the issuer's stored one; a process whose
LP_PUBLIC_URL says otherwise is refused (PUBLIC_URL_MISMATCH).`;

const NAME_OPTION = /^--name-([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)(?:=(.*))?$/s;

/** `lp issuer …` */
export async function runIssuerCommand(argv: string[], io: IssuerCliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(ISSUER_HELP + '\n');
    return command ? 0 : 2;
  }
  if (command === 'bulk') return (await import('./bulk-command.ts')).runBulkCommand(rest, io);
  if (command === 'worker') return (await import('./worker-command.ts')).runWorkerCommand(rest, io);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(ISSUER_HELP + '\n');
    return 0;
  }
  switch (command) {
    case 'init': return cmdInit(rest, io);
    case 'show': return withStore(io, false, (s) => cmdShow(rest, io, s));
    case 'rotate-key': return withStore(io, false, (s) => cmdRotate(rest, io, s));
    case 'achievement': return withStore(io, false, (s) => cmdAchievement(rest, io, s));
    case 'revoke': case 'suspend': case 'reinstate':
      return withStore(io, false, (s) => cmdStatus(command === 'revoke' ? 'revoke' : command === 'suspend' ? 'suspend' : 'reinstate', rest, io, s));
    case 'export-trust': return withStore(io, false, (s) => cmdExport(rest, io, s));
    case 'set-public-url': return withStore(io, false, (s) => cmdSetPublicUrl(rest, io, s));
    case 'api-key': return withStore(io, false, (s) => cmdApiKey(rest, io, s));
    case 'migrate-store': return cmdMigrateStore(rest, io);
    default: throw new IssuerUsageError(`unknown command "${command}" (lp issuer --help)`);
  }
}

function parse(args: string[], options: Record<string, { type: 'string' | 'boolean' }>, positionals = 0) {
  let r;
  try {
    r = parseArgs({ args, options: { ...options, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new IssuerUsageError((e as Error).message);
  }
  if (r.positionals.length !== positionals) {
    throw new IssuerUsageError(positionals === 0 ? `unexpected argument "${r.positionals[0]}"` : `expected ${positionals} argument(s)`);
  }
  return r as { values: Record<string, string | boolean | undefined>; positionals: string[] };
}

async function withStore(io: IssuerCliIo, create: boolean, fn: (s: IssuerStore) => Promise<number>, location?: IssuerStoreLocation): Promise<number> {
  const where = location ?? issuerStoreLocation(io.env, io.cwd);
  const store = await openIssuerStoreAt(where, { create });
  try {
    if (!create && where.kind === 'postgres' && !(await store.getProfile())) {
      throw new IssuerError('NO_ISSUER', `no issuer in ${where.label}: run lp issuer init --database URL first`);
    }
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * `lp issuer migrate-store --to URL`: the SQLite issuer stays as it was (a fallback until the
 * PostgreSQL one is in service); the copy is all or nothing.
 */
async function cmdMigrateStore(args: string[], io: IssuerCliIo): Promise<number> {
  const { values } = parse(args, { to: { type: 'string' } });
  if (typeof values.to !== 'string') throw new IssuerUsageError('--to postgres://… is required');
  if (!isPostgresUrl(values.to)) throw new IssuerError('DATABASE_URL_INVALID', '--to must be a postgres:// or postgresql:// URL');
  const dir = issuerDataDir(io.env, io.cwd);
  if (!hasIssuerDb(dir)) throw new IssuerError('NO_ISSUER', `no SQLite issuer in ${dir} (LP_DATA_DIR) to copy`);
  const source = await openIssuerStore(dir);
  try {
    const report = await copySqliteToPostgres(source, values.to);
    if (values.json) io.stdout.write(JSON.stringify({ source: dir, ...report }) + '\n');
    else {
      io.stdout.write(`copied ${dir} into PostgreSQL at ${report.target}; counts and SHA-256 digests match:\n`);
      for (const t of report.tables) io.stdout.write(`  ${t.table.padEnd(20)} ${String(t.rows).padStart(8)}  ${t.sha256}\n`);
      io.stdout.write(`serve it with LP_DATABASE_URL=postgres://…; ${dir} is unchanged\n`);
    }
    return 0;
  } finally {
    await source.close();
  }
}

async function passphrase(io: IssuerCliIo, confirm = false): Promise<string> {
  // The cli package's prompt (echo off) is used when there is a terminal; tests and servers use LP_PASSPHRASE.
  const fromEnv = io.env.LP_PASSPHRASE;
  if (fromEnv) return fromEnv;
  const { readPassphrase } = await import('@lp/cli-kit');
  return readPassphrase(io as never, 'Passphrase: ', { confirm });
}

/** The default public URL of a new issuer, and the fallback for one made before it was stored. */
function defaultPublicUrl(env: NodeJS.ProcessEnv): string {
  return env.LP_PUBLIC_URL && env.LP_PUBLIC_URL.trim() !== '' ? env.LP_PUBLIC_URL : `http://localhost:${env.PORT || '8080'}`;
}

/** The issuer's stored public URL; PUBLIC_URL_MISMATCH when this process's LP_PUBLIC_URL disagrees. */
function baseUrlOf(io: IssuerCliIo, store: IssuerStore): Promise<string> {
  return resolvePublicUrl(store, { envUrl: io.env.LP_PUBLIC_URL, fallback: defaultPublicUrl(io.env), now: new Date(), actor: 'cli' });
}

const random = (n: number) => new Uint8Array(randomBytes(n));

async function cmdInit(args: string[], io: IssuerCliIo): Promise<number> {
  // parseArgs cannot take dynamic option names: --name-XX are taken out first.
  const names: Record<string, string> = {};
  const restArgs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const m = NAME_OPTION.exec(args[i]!);
    if (!m) { restArgs.push(args[i]!); continue; }
    const value = m[2] ?? args[++i];
    if (value === undefined || value.startsWith('--')) throw new IssuerUsageError(`--name-${m[1]} needs a value`);
    names[m[1]!.toLowerCase()] = value;
  }
  const { values } = parse(restArgs, { name: { type: 'string' }, country: { type: 'string' }, 'did-web': { type: 'string' }, kind: { type: 'string' }, 'public-url': { type: 'string' }, database: { type: 'string' } });
  if (typeof values.name === 'string') names.en ??= values.name;
  if (Object.keys(names).length === 0) throw new IssuerUsageError('--name NAME is required');
  if (typeof values.country !== 'string') throw new IssuerUsageError('--country CC is required (ISO 3166-1 alpha-2)');
  const where = issuerStoreLocation(io.env, io.cwd, typeof values.database === 'string' ? values.database : undefined);
  const dir = where.label;
  if (where.kind === 'postgres' || hasIssuerDb(where.dir)) {
    // An empty database (a failed earlier init) is not an issuer; anything else is refused.
    const probe = await openIssuerStoreAt(where);
    const exists = await probe.getProfile().finally(() => probe.close());
    if (exists) throw new IssuerError('ISSUER_EXISTS', `${dir} already holds an issuer; refusing to overwrite it`);
  }
  const publicUrl = typeof values['public-url'] === 'string' ? values['public-url'] : defaultPublicUrl(io.env);
  const pass = await passphrase(io, true);
  return withStore(io, true, async (store) => {
    const { profile, kid } = await initIssuer(store, {
      names, country: String(values.country).toUpperCase(), passphrase: pass, now: new Date(), actor: 'cli', publicUrl,
      ...(typeof values['did-web'] === 'string' ? { didWebHost: values['did-web'] } : {}),
      ...(typeof values.kind === 'string' ? { kind: values.kind } : {}),
    });
    if (values.json) io.stdout.write(JSON.stringify({ id: profile.id, kid, names: profile.names, country: profile.country, kind: profile.kind, publicUrl: profile.publicUrl, dataDir: dir }) + '\n');
    else io.stdout.write(`issuer created in ${dir}\npublic URL ${profile.publicUrl} (lp issuer set-public-url changes it)\nkey ${kid}\n${profile.id}\n`);
    return 0;
  }, where);
}

async function cmdShow(args: string[], io: IssuerCliIo, store: IssuerStore): Promise<number> {
  const { values } = parse(args, {});
  const profile = await store.getProfile();
  if (!profile) throw new IssuerError('NO_ISSUER', 'no issuer: run lp issuer init first');
  const keys = (await store.listKeys()).map(({ keyFile: _omit, ...k }) => k);
  if (values.json) io.stdout.write(JSON.stringify({ ...profile, keys }) + '\n');
  else {
    io.stdout.write(`${profile.id}\n${Object.entries(profile.names).map(([l, n]) => `  ${l}: ${n}`).join('\n')}\ncountry ${profile.country}\npublic URL ${profile.publicUrl ?? '(not stored yet: adopted on first use)'}\n`);
    for (const k of keys) io.stdout.write(`key ${k.kid} ${k.status} ${k.validFrom} … ${k.validUntil ?? ''}${k.revokedAt ? ` REVOKED ${k.revokedAt}` : ''}\n`);
  }
  return 0;
}

async function cmdRotate(args: string[], io: IssuerCliIo, store: IssuerStore): Promise<number> {
  const { values } = parse(args, {});
  const pass = await passphrase(io);
  await unlockSigningKey(store, pass); // the same passphrase must open the current key
  const r = await rotateKey(store, { passphrase: pass, now: new Date(), actor: 'cli' });
  if (values.json) io.stdout.write(JSON.stringify(r) + '\n');
  else io.stdout.write(`retired ${r.oldKid} (valid until ${r.at})\nnew key ${r.kid}\n`);
  return 0;
}

async function cmdAchievement(args: string[], io: IssuerCliIo, store: IssuerStore): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    const { values } = parse(rest, {});
    const list = await store.listAchievements();
    if (values.json) io.stdout.write(JSON.stringify(list.map((r) => r.entry)) + '\n');
    else for (const r of list) io.stdout.write(`${r.code}\n`);
    return 0;
  }
  if (sub !== 'add') throw new IssuerUsageError('usage: lp issuer achievement add FILE | list');
  const { values, positionals } = parse(rest, { format: { type: 'string' } }, 1);
  const file = path.resolve(io.cwd, positionals[0]!);
  const format = values.format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
  if (format !== 'json' && format !== 'csv') throw new IssuerUsageError('--format is json or csv');
  let text: string;
  try {
    if (fs.statSync(file).size > 5_000_000) throw new IssuerError('INPUT_INVALID', `${positionals[0]} is over 5 MB`);
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof IssuerError) throw e;
    throw new IssuerError('INPUT_INVALID', `cannot read ${positionals[0]}: ${(e as Error).message}`);
  }
  const entries = parseCatalogueFile(text, format);
  const saved = await addAchievements(store, entries, { now: new Date(), actor: 'cli' });
  if (values.json) io.stdout.write(JSON.stringify({ added: saved.map((r) => r.code) }) + '\n');
  else io.stdout.write(`${saved.length} achievement(s): ${saved.map((r) => r.code).join(', ')}\n`);
  return 0;
}

async function signingDeps(io: IssuerCliIo, store: IssuerStore): Promise<IssuerDeps> {
  const signer = await unlockSigningKey(store, await passphrase(io));
  const baseUrl = await baseUrlOf(io, store);
  return { store, signer, clock: () => new Date(), random, baseUrl, documentLoader: await issuerDocumentLoader(store) };
}

async function cmdStatus(action: StatusAction, args: string[], io: IssuerCliIo, store: IssuerStore): Promise<number> {
  const { values, positionals } = parse(args, { reason: { type: 'string' } }, 1);
  if (action === 'revoke' && (typeof values.reason !== 'string' || values.reason.trim() === '')) throw new IssuerUsageError('--reason TEXT is required to revoke');
  const id = positionals[0]!;
  if (!(await store.getCredential(id))) throw new IssuerError('NOT_FOUND', `no credential ${id}`);
  const r = await setCredentialStatus(await signingDeps(io, store), {
    credentialId: id, action, actor: 'cli', ...(typeof values.reason === 'string' ? { reason: values.reason } : {}),
  });
  if (values.json) io.stdout.write(JSON.stringify(r) + '\n');
  else io.stdout.write(`${id}: ${r.revoked ? 'revoked' : r.suspended ? 'suspended' : 'active'}${r.changed ? '' : ' (unchanged)'}\n`);
  return 0;
}

async function cmdExport(args: string[], io: IssuerCliIo, store: IssuerStore): Promise<number> {
  const { values } = parse(args, { out: { type: 'string' } });
  if (typeof values.out !== 'string' || values.out === '') throw new IssuerUsageError('--out FILE is required');
  // Stale status lists are re-signed when the passphrase is at hand; otherwise the last signed copies go out.
  let deps: Pick<IssuerDeps, 'store' | 'clock' | 'baseUrl' | 'documentLoader'> & { signer: IssuerDeps['signer'] | null };
  if (io.env.LP_PASSPHRASE || io.stdin.isTTY) deps = await signingDeps(io, store);
  else deps = { store, signer: null, clock: () => new Date(), baseUrl: await baseUrlOf(io, store), documentLoader: await issuerDocumentLoader(store) };
  const fragment = await exportTrustFragment(deps);
  const out = path.resolve(io.cwd, values.out);
  fs.writeFileSync(out, JSON.stringify(fragment, null, 2) + '\n');
  if (values.json) io.stdout.write(JSON.stringify({ file: out, keys: fragment.keys.length, achievements: fragment.catalogue.achievements.length, statusLists: fragment.statusLists.length }) + '\n');
  else io.stdout.write(`wrote ${values.out}: ${fragment.keys.length} key(s), ${fragment.catalogue.achievements.length} achievement(s), ${fragment.statusLists.length} status list(s)\n`);
  return 0;
}

async function cmdSetPublicUrl(args: string[], io: IssuerCliIo, store: IssuerStore): Promise<number> {
  const { values, positionals } = parse(args, {}, 1);
  const signer = await unlockSigningKey(store, await passphrase(io));
  const r = await setPublicUrl({ store, signer, clock: () => new Date(), documentLoader: await issuerDocumentLoader(store) }, { url: positionals[0]!, actor: 'cli' });
  if (values.json) io.stdout.write(JSON.stringify(r) + '\n');
  else if (!r.changed) io.stdout.write(`public URL is already ${r.publicUrl}: nothing changed\n`);
  else {
    io.stdout.write(`public URL ${r.previous ?? '(none stored)'} → ${r.publicUrl}\n`);
    io.stdout.write(`re-signed ${r.statusListsResigned} status list(s) under ${r.publicUrl}/status/…; run lp issuer export-trust and rebuild the trust bundle\n`);
    if (r.credentialsUnderPrevious > 0) {
      io.stdout.write(`${r.credentialsUnderPrevious} credential(s) already issued still name ${r.previous ?? 'the previous URL'} (status lists, pick-up links): they are signed and cannot change; keep that address serving /status/… (e.g. a redirect) or re-issue them\n`);
    }
    if (io.env.LP_PUBLIC_URL && io.env.LP_PUBLIC_URL.trim() !== '' && io.env.LP_PUBLIC_URL.replace(/\/+$/, '') !== r.publicUrl) {
      io.stdout.write(`note: LP_PUBLIC_URL (${io.env.LP_PUBLIC_URL}) now disagrees: unset it or set it to ${r.publicUrl}\n`);
    }
  }
  return 0;
}

async function cmdApiKey(args: string[], io: IssuerCliIo, store: IssuerStore): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'create') {
    const { values } = parse(rest, { label: { type: 'string' } });
    const label = typeof values.label === 'string' && values.label.trim() !== '' ? values.label.trim() : 'default';
    if (label.length > 100) throw new IssuerUsageError('--label is at most 100 characters');
    const k = await createApiKey(store, { label, now: new Date(), random, actor: 'cli' });
    if (values.json) io.stdout.write(JSON.stringify(k) + '\n');
    else io.stdout.write(`API key ${k.id} (${k.label}); shown once, store it now:\n${k.key}\n`);
    return 0;
  }
  if (sub === 'list') {
    const { values } = parse(rest, {});
    const keys = (await store.listApiKeys()).map(({ hash: _omit, ...k }) => k);
    if (values.json) io.stdout.write(JSON.stringify(keys) + '\n');
    else for (const k of keys) io.stdout.write(`${k.id}  ${k.label}  ${k.createdAt}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}\n`);
    return 0;
  }
  if (sub === 'revoke') {
    const { values, positionals } = parse(rest, {}, 1);
    await revokeApiKey(store, { id: positionals[0]!, now: new Date(), actor: 'cli' });
    if (values.json) io.stdout.write(JSON.stringify({ revoked: positionals[0] }) + '\n');
    else io.stdout.write(`revoked ${positionals[0]}\n`);
    return 0;
  }
  throw new IssuerUsageError('usage: lp issuer api-key create [--label L] | list | revoke ID');
}

import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { contextDigests } from '@lp/contexts';
import { decryptKeyFile, didKeyFromPublicKey, encryptKeyFile, generateKeyPair } from '@lp/crypto';
import {
  buildTrustBundle,
  describeIssuer,
  inspectTrustBundle,
  keyValidAt,
  signTrustBundle,
  verifyTrustBundle,
  type DescribedKey,
  type TrustBundle,
  type TrustIssuerKind,
} from '@lp/trust';
import type { CliIo } from '@lp/cli-kit';
import { readPassphrase } from '@lp/cli-kit';
import { UsageError } from '@lp/cli-kit';

const HELP = `usage: lp trust <command> [options]

Trust bundles: the signed list of issuers, keys, catalogues and status lists a verifier
believes offline (README.md, "Verifying offline: trust bundles and lp verify").

  lp trust init-anchor --out ANCHOR-KEY.json [--label TEXT]
      create a trust-anchor key, encrypted under LP_PASSPHRASE (or a prompt);
      prints the anchor's did:key on its last line (pin it in LP_TRUST_ANCHORS)
  lp trust build --anchor ANCHOR-KEY.json --add FRAGMENT.json [--add …]
                 --sequence N --expires DATE --out BUNDLE.json [--issued-at DATE]
                 [--overrides OVERRIDES.json]
      merge issuer fragments into one bundle signed by the anchor (flattened JWS, EdDSA);
      OVERRIDES.json: {"did:…": {"kind", "accreditation": {"by", "reference"?, "validUntil"?},
      "keyAchievements": {"did:…#key-1": ["CODE", …]}}} — the anchor's word over each fragment's
  lp trust describe-issuer --id URI --key VM_ID=PUBLIC_KEY [--key …] --name NAME
                 [--name-lang LANG=NAME …] [--country CC] [--kind KIND] [--valid-from DATE]
                 [--accredited-by TEXT [--accreditation-ref TEXT]] [--status-list URL=FILE …]
                 --out FRAGMENT.json
      describe an issuer that does not run Learning Passport (an https:// or urn: id, did:web,
      did:key): its keys by verification-method id, PUBLIC_KEY a multibase Ed25519 key (z6Mk…)
      or a file holding a public JWK (Ed25519, RSA ≥ 2048 bits, EC P-256); KIND one of
      national-examination-body, school, ngo-programme, recognition-body, university, ministry;
      --status-list: a BitstringStatusListCredential fetched from URL (the URL its credentials
      name), kept as a snapshot taken now. The fragment goes to lp trust build --add
  lp trust show BUNDLE.json [--anchor DID …] [--json] [--now DATE]
      print sequence, expiry, issuers, keys and their windows, catalogue sizes, status list
      ages; with --anchor the signature is verified first (exit 1 if it fails, 3 if expired)`;

const help = (argv: string[]) => argv.includes('--help') || argv.includes('-h');

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.stdout.write(HELP + '\n');
    return cmd ? 0 : 2;
  }
  switch (cmd) {
    case 'init-anchor':
      return initAnchor(rest, io);
    case 'build':
      return build(rest, io);
    case 'show':
      return show(rest, io);
    case 'describe-issuer':
      return describe(rest, io);
    default:
      throw new UsageError(`unknown command "${cmd}" (lp trust --help)`);
  }
}

function parseDate(text: string, what: string): Date {
  // A bare day means its start in UTC, so the same command gives the same bundle everywhere.
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(d.getTime())) throw new UsageError(`${what}: not a date: "${text}"`);
  return d;
}

/** parseArgs with its errors (unknown option, missing value) turned into usage errors (exit 2). */
function args<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

async function readJson(io: CliIo, file: string, what: string): Promise<unknown> {
  const text = await readFile(resolve(io.cwd, file), 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(`${what} ${file} is not JSON`);
  }
}

async function initAnchor(argv: string[], io: CliIo): Promise<number> {
  if (help(argv)) {
    io.stdout.write('usage: lp trust init-anchor --out ANCHOR-KEY.json [--label TEXT]\n');
    return 0;
  }
  const { values } = args({ args: argv, strict: true, options: { ...HELP_OPTION, out: { type: 'string' }, label: { type: 'string' } } });
  const out = values.out;
  if (!out) throw new UsageError('--out is required');
  const passphrase = await readPassphrase(io, 'Passphrase for the anchor key: ', { confirm: true });
  const kp = await generateKeyPair();
  const file = await encryptKeyFile(kp, passphrase, { label: values.label ?? 'Learning Passport trust anchor' });
  // 'wx': never overwrite an existing anchor key (losing it means re-pinning every verifier).
  await writeFile(resolve(io.cwd, out), JSON.stringify(file, null, 2) + '\n', { flag: 'wx', mode: 0o600 });
  const did = didKeyFromPublicKey(kp.publicKey);
  io.stdout.write(`anchor key written to ${out} (encrypted)\npin this anchor DID in verifiers (LP_TRUST_ANCHORS):\n${did}\n`);
  return 0;
}

async function build(argv: string[], io: CliIo): Promise<number> {
  if (help(argv)) {
    io.stdout.write('usage: lp trust build --anchor ANCHOR-KEY.json --add FRAGMENT.json [--add …] --sequence N --expires DATE --out BUNDLE.json [--issued-at DATE] [--overrides OVERRIDES.json]\n');
    return 0;
  }
  const { values } = args({
    args: argv,
    strict: true,
    options: {
      ...HELP_OPTION,
      anchor: { type: 'string' },
      add: { type: 'string', multiple: true },
      sequence: { type: 'string' },
      expires: { type: 'string' },
      'issued-at': { type: 'string' },
      out: { type: 'string' },
      overrides: { type: 'string' },
    },
  });
  const anchorFile = values.anchor;
  const adds = values.add ?? [];
  const out = values.out;
  if (!anchorFile) throw new UsageError('--anchor is required');
  if (adds.length === 0) throw new UsageError('at least one --add FRAGMENT.json is required');
  if (!out) throw new UsageError('--out is required');
  const seqText = values.sequence ?? '';
  if (!/^\d{1,15}$/.test(seqText)) throw new UsageError('--sequence must be a whole number ≥ 0');
  const sequence = Number(seqText);
  if (!values.expires) throw new UsageError('--expires is required');
  const expires = parseDate(values.expires, '--expires');
  const issuedAt = values['issued-at'] ? parseDate(values['issued-at'], '--issued-at') : new Date();
  if (expires.getTime() <= issuedAt.getTime()) throw new UsageError('--expires must be after the issue time');

  const fragments = await Promise.all(adds.map((f) => readJson(io, f, 'fragment')));
  const overrides = values.overrides ? await readJson(io, values.overrides, 'overrides') : undefined;
  const keyFile = await readJson(io, anchorFile, 'anchor key file');
  const kp = await decryptKeyFile(keyFile, await readPassphrase(io, 'Passphrase for the anchor key: '));
  const anchorDid = didKeyFromPublicKey(kp.publicKey);

  // A verifier holding the bundle already at --out would refuse a lower or equal sequence: say so now.
  const previous = await readFile(resolve(io.cwd, out), 'utf8').catch(() => undefined);
  if (previous !== undefined) {
    const held = inspectTrustBundle(previous);
    if (held.ok && held.bundle.anchor === anchorDid && held.bundle.sequence >= sequence) {
      throw new UsageError(`${out} already holds sequence ${held.bundle.sequence}: use --sequence ${held.bundle.sequence + 1} or more`);
    }
  }

  const payload = buildTrustBundle({ fragments, sequence, issuedAt, expires, anchorDid, contexts: contextDigests(), ...(overrides !== undefined ? { overrides } : {}) });
  const jws = await signTrustBundle(payload, kp);
  const text = JSON.stringify(jws) + '\n';
  await writeFile(resolve(io.cwd, out), text);
  io.stdout.write(
    `trust bundle sequence ${sequence}: ${payload.issuers.length} issuer(s), ${Object.keys(payload.contexts).length} pinned contexts, ` +
      `expires ${payload.expires}, ${text.length} bytes, signed by ${anchorDid}\nwritten to ${out}\n`,
  );
  return 0;
}

async function describe(argv: string[], io: CliIo): Promise<number> {
  if (help(argv)) {
    io.stdout.write('usage: lp trust describe-issuer --id URI --key VM_ID=PUBLIC_KEY [--key …] --name NAME [--name-lang LANG=NAME …] [--country CC] [--kind KIND] [--valid-from DATE] [--accredited-by TEXT [--accreditation-ref TEXT]] [--status-list URL=FILE …] --out FRAGMENT.json\n');
    return 0;
  }
  const { values } = args({
    args: argv,
    strict: true,
    options: {
      ...HELP_OPTION,
      id: { type: 'string' },
      key: { type: 'string', multiple: true },
      name: { type: 'string' },
      'name-lang': { type: 'string', multiple: true },
      country: { type: 'string' },
      kind: { type: 'string' },
      'valid-from': { type: 'string' },
      'accredited-by': { type: 'string' },
      'accreditation-ref': { type: 'string' },
      'status-list': { type: 'string', multiple: true },
      out: { type: 'string' },
    },
  });
  if (!values.id) throw new UsageError('--id URI is required');
  if (!values.name) throw new UsageError('--name NAME is required');
  if (!values.out) throw new UsageError('--out FRAGMENT.json is required');
  const keyArgs = values.key ?? [];
  if (keyArgs.length === 0) throw new UsageError('at least one --key VM_ID=PUBLIC_KEY is required');
  const keys: DescribedKey[] = [];
  for (const arg of keyArgs) {
    // The last '=': verification method URLs may hold '=' in a query, Multikeys never do.
    const at = arg.lastIndexOf('=');
    if (at <= 0 || at === arg.length - 1) throw new UsageError(`--key ${arg}: expected VM_ID=PUBLIC_KEY`);
    const id = arg.slice(0, at);
    const value = arg.slice(at + 1);
    const publicKey = /^z[1-9A-HJ-NP-Za-km-z]+$/.test(value) ? value : await readJwk(io, value);
    keys.push({ id, publicKey });
  }
  const names: Record<string, string> = { en: values.name };
  for (const pair of values['name-lang'] ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--name-lang ${pair}: expected LANG=NAME`);
    names[pair.slice(0, at)] = pair.slice(at + 1);
  }
  if (values['accreditation-ref'] && !values['accredited-by']) throw new UsageError('--accreditation-ref needs --accredited-by');
  const statusLists: { url: string; credential: Record<string, unknown> }[] = [];
  for (const arg of values['status-list'] ?? []) {
    // The URL may hold '=' (a query); the file name is after the last one.
    const at = arg.lastIndexOf('=');
    if (at <= 0 || at === arg.length - 1) throw new UsageError(`--status-list ${arg}: expected URL=FILE`);
    const credential = await readJson(io, arg.slice(at + 1), 'status list');
    if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) throw new UsageError(`${arg.slice(at + 1)} does not hold a status list credential`);
    statusLists.push({ url: arg.slice(0, at), credential: credential as Record<string, unknown> });
  }
  const fragment = describeIssuer({
    id: values.id,
    keys,
    names,
    ...(values.country ? { country: values.country.toUpperCase() } : {}),
    ...(values.kind ? { kind: values.kind as TrustIssuerKind } : {}),
    ...(values['accredited-by'] ? { accreditation: { by: values['accredited-by'], ...(values['accreditation-ref'] ? { reference: values['accreditation-ref'] } : {}) } } : {}),
    ...(values['valid-from'] ? { validFrom: parseDate(values['valid-from'], '--valid-from') } : {}),
    ...(statusLists.length > 0 ? { statusLists } : {}),
    now: new Date(),
  });
  await writeFile(resolve(io.cwd, values.out), JSON.stringify(fragment, null, 2) + '\n');
  io.stdout.write(`fragment for ${fragment.id}: ${fragment.keys.length} key(s)\nwritten to ${values.out} (add it with lp trust build --add ${values.out})\n`);
  return 0;
}

async function readJwk(io: CliIo, file: string): Promise<Record<string, unknown>> {
  const value = await readJson(io, file, 'JWK file').catch((e: unknown) => {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--key: ${file} is neither a multibase key (z6Mk…) nor a readable JWK file`);
  });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${file} does not hold a JWK object`);
  return value as Record<string, unknown>;
}

function age(from: Date, now: Date): string {
  const s = Math.round((now.getTime() - from.getTime()) / 1000);
  const abs = Math.abs(s);
  const text = abs < 3600 ? `${Math.round(abs / 60)} min` : abs < 172800 ? `${Math.round(abs / 3600)} h` : `${Math.round(abs / 86400)} days`;
  return s >= 0 ? `${text} old` : `${text} in the future`;
}

function summary(bundle: TrustBundle, now: Date) {
  return {
    sequence: bundle.sequence,
    issuedAt: bundle.issuedAt,
    expires: bundle.expires,
    anchor: bundle.anchor,
    contexts: Object.keys(bundle.contexts).length,
    issuers: bundle.issuers.map((i) => ({
      id: i.id,
      names: i.names,
      country: i.country,
      kind: i.kind,
      ...(i.accreditation ? { accreditation: i.accreditation } : {}),
      keys: i.keys.map((k) => ({
        id: k.id,
        validFrom: k.validFrom,
        validUntil: k.validUntil ?? null,
        revokedAt: k.revokedAt ?? null,
        achievements: k.achievements ?? null,
        now: keyValidAt(k, now),
      })),
      catalogue: { size: i.catalogue.achievements.length, digest: i.catalogue.digest },
      statusLists: i.statusLists.map((s) => ({
        url: s.url,
        purpose: s.purpose,
        fetchedAt: s.fetchedAt,
        ageSeconds: Math.round((now.getTime() - Date.parse(s.fetchedAt)) / 1000),
      })),
    })),
  };
}

async function show(argv: string[], io: CliIo): Promise<number> {
  if (help(argv)) {
    io.stdout.write('usage: lp trust show BUNDLE.json [--anchor DID …] [--json] [--now DATE]\n');
    return 0;
  }
  const { values, positionals } = args({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: { ...HELP_OPTION, anchor: { type: 'string', multiple: true }, json: { type: 'boolean' }, now: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('one BUNDLE.json is required');
  const file = positionals[0]!;
  const now = values.now ? parseDate(values.now, '--now') : new Date();
  const anchors = (values.anchor ?? []).flatMap((a) => a.split(',')).map((a) => a.trim()).filter(Boolean);
  const text = await readFile(resolve(io.cwd, file), 'utf8');

  let bundle: TrustBundle;
  let verified = false;
  let expired: boolean;
  if (anchors.length > 0) {
    const r = await verifyTrustBundle(text, { anchors, now });
    if (!r.ok) {
      if (values.json) io.stdout.write(JSON.stringify({ verified: false, code: r.code, message: r.message, ...(r.path ? { path: r.path } : {}) }) + '\n');
      else io.stderr.write(`lp trust show: ${file}: ${r.code}: ${r.message}\n`);
      return 1;
    }
    ({ bundle, expired } = r);
    verified = true;
  } else {
    const r = inspectTrustBundle(text);
    if (!r.ok) {
      if (values.json) io.stdout.write(JSON.stringify({ verified: false, code: r.code, message: r.message, ...(r.path ? { path: r.path } : {}) }) + '\n');
      else io.stderr.write(`lp trust show: ${file}: ${r.code}: ${r.message}\n`);
      return 1;
    }
    bundle = r.bundle;
    expired = now.getTime() >= Date.parse(bundle.expires);
  }

  const s = summary(bundle, now);
  if (values.json) {
    io.stdout.write(JSON.stringify({ verified, expired, ...s }, null, 2) + '\n');
  } else {
    const lines = [
      `trust bundle ${file}`,
      verified ? `  signature: verified, signed by pinned anchor ${bundle.anchor}` : '  signature: NOT CHECKED (pass --anchor DID to verify)',
      `  sequence:  ${s.sequence}`,
      `  issued:    ${s.issuedAt}`,
      `  expires:   ${s.expires}${expired ? '  EXPIRED' : ''}`,
      `  anchor:    ${s.anchor}`,
      `  contexts:  ${s.contexts} pinned`,
      `  issuers:   ${s.issuers.length}`,
    ];
    for (const i of s.issuers) {
      const name = i.names.en ?? Object.values(i.names)[0] ?? '';
      lines.push(`  - ${i.id}`, `      ${name}${i.country || i.kind ? ` (${[i.country, i.kind].filter(Boolean).join(', ')})` : ''}`);
      for (const [lang, n] of Object.entries(i.names)) if (n !== name) lines.push(`      [${lang}] ${n}`);
      if (i.accreditation) lines.push(`      accredited by ${i.accreditation.by}${i.accreditation.reference ? ` (${i.accreditation.reference})` : ''}${i.accreditation.validUntil ? ` until ${i.accreditation.validUntil}` : ''}`);
      for (const k of i.keys) {
        const window = `${k.validFrom} → ${k.validUntil ?? 'open'}`;
        const revoked = k.revokedAt ? `, REVOKED ${k.revokedAt}` : '';
        const may = k.achievements ? k.achievements.join(', ') || 'none' : 'all';
        lines.push(`      key ${k.id}`, `          ${window}${revoked}; now: ${k.now}; may sign: ${may}`);
      }
      lines.push(`      catalogue: ${i.catalogue.size} achievement(s), sha256 ${i.catalogue.digest.slice(0, 16)}…`);
      for (const l of i.statusLists) lines.push(`      status list ${l.url} (${l.purpose}) fetched ${l.fetchedAt}, ${age(new Date(l.fetchedAt), now)}`);
      if (i.statusLists.length === 0) lines.push('      status lists: none');
    }
    io.stdout.write(lines.join('\n') + '\n');
  }
  return expired ? 3 : 0;
}

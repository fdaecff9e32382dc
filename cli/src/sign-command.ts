import { readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decryptKeyFile, didKeyFromPublicKey, parseKeyFile } from '@lp/crypto';
import { createDocumentLoader } from '@lp/contexts';
import { signCredentialDi, signCredentialJwt } from '@lp/formats';
import { detectCredentialKind, parseJsonBytes } from '@lp/model';
import type { CliIo } from '@lp/cli-kit';
import { readPassphrase } from '@lp/cli-kit';
import { UsageError } from '@lp/cli-kit';

const HELP = `usage: lp sign CREDENTIAL.json --key KEY.json [--format di|jwt] [--cryptosuite eddsa-rdfc-2022|eddsa-jcs-2022] [--issuer-name NAME] [--out FILE]

Signs a VC 2.0 credential with an encrypted Ed25519 key file (passphrase: LP_PASSPHRASE, else a
prompt). Fills what is absent: issuer (the key's did:key — for an Open Badges 3.0 or CLR 2.0
credential an issuer Profile {id, type: ["Profile"], name}, for a plain VC the DID; an issuer
object gets it as its id), validFrom (now) and id (urn:uuid). Writes the signed JSON (di: Data
Integrity eddsa-rdfc-2022) or a compact application/vc+jwt (jwt) to --out, else to standard output.
  --key FILE           the encrypted key file (lp keys new)
  --format di|jwt      default di
  --cryptosuite S      for di: eddsa-rdfc-2022 (default) or eddsa-jcs-2022
  --issuer-name NAME   the name of an issuer Profile filled in (Open Badges 3.0 / CLR 2.0)
  --out FILE           where to write (default: standard output)`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { key: { type: 'string' }, format: { type: 'string', default: 'di' }, cryptosuite: { type: 'string', default: 'eddsa-rdfc-2022' }, 'issuer-name': { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  if (positionals.length !== 1 || !values.key) throw new UsageError('usage: lp sign CREDENTIAL.json --key KEY.json [--format di|jwt] [--out FILE]');
  if (values.format !== 'di' && values.format !== 'jwt') throw new UsageError(`--format must be di or jwt, not "${values.format}"`);
  const cryptosuite = values.cryptosuite;
  if (cryptosuite !== 'eddsa-rdfc-2022' && cryptosuite !== 'eddsa-jcs-2022') throw new UsageError(`--cryptosuite must be eddsa-rdfc-2022 or eddsa-jcs-2022, not "${cryptosuite}"`);

  const credential = readJsonObject(resolve(io.cwd, positionals[0]!), positionals[0]!);
  const keyFile = parseKeyFile(readText(resolve(io.cwd, values.key), values.key));
  const keyPair = await decryptKeyFile(keyFile, await readPassphrase(io));
  const did = didKeyFromPublicKey(keyPair.publicKey);
  const verificationMethod = `${did}#${did.slice('did:key:'.length)}`;
  const now = new Date();
  fillAbsent(credential, did, now, values['issuer-name']);
  const issuerId = typeof credential.issuer === 'string' ? credential.issuer : (credential.issuer as { id?: unknown } | undefined)?.id;
  if (issuerId !== did) {
    // Verification binds the issuer to the key's controller (VC Data Model 2.0 §4.7): say so now.
    io.stderr.write(`warning: issuer ${String(issuerId)} is not this key's DID ${did}; verifiers will report ISSUER_KEY_MISMATCH unless a trust bundle says the key is the issuer's\n`);
  }

  const output = values.format === 'jwt'
    ? (await signCredentialJwt(credential, { keyPair, kid: verificationMethod, now })) + '\n'
    : JSON.stringify(await signCredentialDi(credential, { keyPair, verificationMethod, created: now, documentLoader: createDocumentLoader(), cryptosuite }), null, 2) + '\n';
  if (values.out) {
    try {
      writeFileSync(resolve(io.cwd, values.out), output);
    } catch (err) {
      throw new UsageError(`cannot write ${values.out}: ${(err as Error).message}`);
    }
    io.stderr.write(`signed (${values.format}) by ${did} → ${values.out}\n`);
  } else {
    io.stdout.write(output);
  }
  return 0;
}

/**
 * issuer, validFrom and id where the credential has none (VC Data Model 2.0 §4.7, §4.9, §4.4).
 * Open Badges 3.0 (§B.1.10) and CLR 2.0 require the issuer to be a Profile object, so a DID string
 * there would be refused by every OB verifier, ours included (PROFILE_INVALID); a plain VC keeps
 * the string, as the VC context alone does not define `Profile`.
 */
function fillAbsent(credential: Record<string, unknown>, did: string, now: Date, issuerName: string | undefined): void {
  const issuer = credential.issuer;
  const kind = detectCredentialKind(credential);
  const wantsProfile = kind !== undefined && kind !== 'VerifiableCredential';
  if (issuer === undefined) {
    credential.issuer = wantsProfile ? { id: did, type: ['Profile'], ...(issuerName ? { name: issuerName } : {}) } : did;
  } else if (issuer && typeof issuer === 'object' && !Array.isArray(issuer)) {
    const obj = issuer as Record<string, unknown>;
    if (obj.id === undefined) obj.id = did;
    if (wantsProfile && obj.type === undefined) obj.type = ['Profile'];
  }
  if (credential.validFrom === undefined) credential.validFrom = `${now.toISOString().slice(0, 19)}Z`;
  if (credential.id === undefined) credential.id = `urn:uuid:${randomUUID()}`;
}

function readText(path: string, label: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${label}: ${(err as Error).message}`);
  }
}

/** Strict UTF-8 and no duplicate keys (@lp/model parseJsonBytes): what is signed is what the file says. */
function readJsonObject(path: string, label: string): Record<string, unknown> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new UsageError(`cannot read ${label}: ${(err as Error).message}`);
  }
  const value = parseJsonBytes(bytes);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${label} is not a JSON object`);
  return value as Record<string, unknown>;
}

import { didKeyFromPublicKey, encryptKeyFile, generateKeyPair, multikeyFromPublicKey } from '@lp/crypto';
import type { EncryptKeyFileOptions } from '@lp/crypto';
import { zIssuerKind } from '@lp/trust';
import { IssuerError } from '../errors.ts';
import type { IssuerProfile, IssuerStore } from '../store/index.ts';
import { didWebFromHost } from './did-document.ts';
import { normalizePublicUrl } from './lib/normalize-public-url.ts';
import { isoSeconds } from './lib/time.ts';
import { RECOGNITION_CATALOGUE, STATEMENT_ISSUER_KINDS } from './recognition-catalogue.ts';

export interface InitIssuerInput {
  /** Names by BCP 47 tag; at least one. */
  names: Record<string, string>;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Host (and optional path) for a did:web DID; default: did:key. */
  didWebHost?: string;
  /** Trust bundle issuer kind; default `national-examination-body`. */
  kind?: string;
  /**
   * The issuer's public base URL (status lists, achievement ids, pick-up links), stored so that
   * every process uses the same one. `lp issuer init` always gives one.
   */
  publicUrl?: string;
  passphrase: string;
  now: Date;
  actor: string;
  /** Key file options (tests lower scrypt cost). */
  keyFile?: EncryptKeyFileOptions;
}

const LANG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/**
 * Creates the issuer: an Ed25519 key (encrypted at rest with the passphrase), its DID (did:key, or
 * did:web when a host is given), and the profile, in one transaction with its audit entries.
 * Refuses (ISSUER_EXISTS) when the store already holds an issuer: nothing is overwritten.
 */
export async function initIssuer(store: IssuerStore, input: InitIssuerInput): Promise<{ profile: IssuerProfile; kid: string }> {
  const names = Object.fromEntries(Object.entries(input.names).filter(([, v]) => v.trim() !== ''));
  if (Object.keys(names).length === 0) throw new IssuerError('INPUT_INVALID', 'the issuer needs a name');
  for (const lang of Object.keys(names)) {
    if (!LANG.test(lang)) throw new IssuerError('INPUT_INVALID', `"${lang}" is not a BCP 47 language tag`);
  }
  if (!/^[A-Z]{2}$/.test(input.country)) throw new IssuerError('INPUT_INVALID', 'country must be an ISO 3166-1 alpha-2 code (e.g. JO)');
  const kind = input.kind ?? 'national-examination-body';
  if (!zIssuerKind.safeParse(kind).success) throw new IssuerError('INPUT_INVALID', `kind must be one of ${zIssuerKind.options.join(', ')}`);
  if (await store.getProfile()) throw new IssuerError('ISSUER_EXISTS', 'this data directory already holds an issuer; refusing to overwrite it');
  const publicUrl = input.publicUrl !== undefined ? normalizePublicUrl(input.publicUrl) : undefined;

  const keyPair = await generateKeyPair();
  const publicKeyMultibase = multikeyFromPublicKey(keyPair.publicKey);
  let id: string;
  let kid: string;
  if (input.didWebHost !== undefined) {
    id = didWebFromHost(input.didWebHost);
    if (!/^did:web:[A-Za-z0-9.%-]+(:[A-Za-z0-9._~%-]+)*$/.test(id)) throw new IssuerError('INPUT_INVALID', `"${input.didWebHost}" is not a host name`);
    kid = `${id}#key-1`;
  } else {
    id = didKeyFromPublicKey(keyPair.publicKey);
    kid = `${id}#${publicKeyMultibase}`;
  }
  const keyFile = await encryptKeyFile(keyPair, input.passphrase, { label: `${kid}`, ...input.keyFile });
  keyPair.secretKey.fill(0);
  const at = isoSeconds(input.now);
  const profile: IssuerProfile = { id, names, country: input.country, didMethod: id.split(':')[1]!, createdAt: at, kind, ...(publicUrl !== undefined ? { publicUrl } : {}) };
  await store.transaction(async (tx) => {
    // Checked again inside the write lock: two concurrent inits cannot both succeed.
    if (await tx.getProfile()) throw new IssuerError('ISSUER_EXISTS', 'this data directory already holds an issuer; refusing to overwrite it');
    await tx.setProfile(profile);
    await tx.addKey({ kid, publicKeyMultibase, keyFile, validFrom: at });
    await tx.appendAudit({ at, actor: input.actor, action: 'issuer.init', target: id, details: { names, country: input.country, kind, publicUrl: publicUrl ?? null } });
    await tx.appendAudit({ at, actor: input.actor, action: 'key.add', target: kid, details: { publicKeyMultibase, validFrom: at } });
    // A school or recognition office issues recognition statements: their catalogue entries are in
    // its first trust fragment, so verifiers name a statement in every language from the start.
    if (STATEMENT_ISSUER_KINDS.includes(kind)) {
      for (const entry of RECOGNITION_CATALOGUE) {
        await tx.upsertAchievement(entry.code, entry, at);
        await tx.appendAudit({ at, actor: input.actor, action: 'achievement.add', target: entry.code, details: { entry } });
      }
    }
  });
  return { profile, kid };
}

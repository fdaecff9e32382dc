import { z } from 'zod';
import { open, openWithKey, readHeader, seal, sealWithKey, b64urlDecode, b64urlEncode, type KdfParams, type UnlockedKey } from './container.ts';
import type { WalletStorage } from './wallet-storage.ts';
import { WalletError } from './wallet-error.ts';

/**
 * A profile's vault: everything one learner keeps (holder key, credentials, their verification
 * results), encrypted as one container at `profiles/<name>.lpv`. One file per profile means one
 * atomic write per change, and family members sharing a phone each have their own passphrase.
 */

const zCheck = z.object({ id: z.string(), status: z.string(), code: z.string(), message: z.string() }).loose();

export const zStoredCredential = z.object({
  id: z.string().min(1),
  kind: z.string(),
  /** The full record exactly as received: JSON text or a compact JWT. Absent for a seal-only import. */
  fullRecord: z.string().optional(),
  /** The QR seal text (LP1:…), when known. */
  seal: z.string().optional(),
  receivedAt: z.string(),
  source: z.enum(['file', 'seal', 'pickup', 'restore', 'page', 'oid4vci']),
  verification: z.object({ verdict: z.enum(['VALID', 'INVALID', 'UNKNOWN']), checks: z.array(zCheck), verifiedAt: z.string() }).loose(),
  summary: z.object({
    issuer: z.string(),
    issuerName: z.string().optional(),
    learner: z.string().optional(),
    achievements: z.array(z.object({
      code: z.string().optional(), name: z.string().optional(), result: z.string().optional(), awardedAt: z.string().optional(),
      partial: z.object({ monthsCompleted: z.number(), monthsInGrade: z.number().optional() }).optional(),
      partialTerms: z.object({ termsCompleted: z.number(), termsInGrade: z.number().optional() }).optional(),
      nationalGrades: z.object({ country: z.string(), from: z.number(), to: z.number() }).optional(),
      notionalHours: z.number().optional(),
      competencies: z.array(z.object({ name: z.string(), level: z.string() })).optional(),
    }).loose()),
  }).loose(),
});
export type StoredCredential = z.infer<typeof zStoredCredential>;

const zVaultData = z.object({
  version: z.literal(1),
  profile: z.string(),
  holder: z.object({ did: z.string(), seed: z.string() }),
  createdAt: z.string(),
  credentials: z.array(zStoredCredential),
});
export type VaultData = z.infer<typeof zVaultData>;

const PROFILE_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const keyOf = (name: string) => `profiles/${name}.lpv`;

export function assertProfileName(name: string): void {
  if (!PROFILE_NAME.test(name)) {
    throw new WalletError('PROFILE_NAME_INVALID', 'a profile name is 1–40 lowercase letters, digits, "-" or "_", starting with a letter or digit');
  }
}

export interface HolderKey {
  did: string;
  seed: Uint8Array;
}

export class Vault {
  private constructor(
    private readonly storage: WalletStorage,
    private readonly key: UnlockedKey,
    private data: VaultData,
  ) {}

  get profile(): string { return this.data.profile; }
  get holderDid(): string { return this.data.holder.did; }
  get holderSeed(): Uint8Array { return b64urlDecode(this.data.holder.seed); }
  get credentials(): readonly StoredCredential[] { return this.data.credentials; }

  find(id: string): StoredCredential | undefined {
    return this.data.credentials.find((c) => c.id === id);
  }

  /** Adds or replaces by id (the same credential twice is one credential) and saves. */
  async put(entries: readonly StoredCredential[]): Promise<{ added: number; updated: number }> {
    const next = [...this.data.credentials];
    let added = 0;
    let updated = 0;
    for (const e of entries) {
      const parsed = zStoredCredential.parse(e);
      const i = next.findIndex((c) => c.id === parsed.id);
      if (i < 0) { next.push(parsed); added++; } else { next[i] = parsed; updated++; }
    }
    await this.save({ ...this.data, credentials: next });
    return { added, updated };
  }

  async remove(id: string): Promise<void> {
    if (!this.find(id)) throw new WalletError('CREDENTIAL_NOT_FOUND', `no credential ${id} in this wallet`);
    await this.save({ ...this.data, credentials: this.data.credentials.filter((c) => c.id !== id) });
  }

  snapshot(): VaultData {
    return structuredClone(this.data);
  }

  private async save(next: VaultData): Promise<void> {
    const bytes = await sealWithKey(encode(next), this.key, { kind: 'vault', meta: metaOf(next) });
    await this.storage.write(keyOf(next.profile), bytes);
    this.data = next;
  }

  static async create(storage: WalletStorage, opts: { profile: string; passphrase: string; holder: HolderKey; now: Date; kdf?: KdfParams; credentials?: StoredCredential[] }): Promise<Vault> {
    assertProfileName(opts.profile);
    if (await storage.read(keyOf(opts.profile))) throw new WalletError('PROFILE_EXISTS', `profile "${opts.profile}" already exists`);
    const data: VaultData = {
      version: 1,
      profile: opts.profile,
      holder: { did: opts.holder.did, seed: b64urlEncode(opts.holder.seed) },
      createdAt: opts.now.toISOString(),
      credentials: opts.credentials ?? [],
    };
    const { bytes, key } = await seal(encode(data), opts.passphrase, { kind: 'vault', meta: metaOf(data), ...(opts.kdf ? { kdf: opts.kdf } : {}) });
    await storage.write(keyOf(opts.profile), bytes);
    return new Vault(storage, key, data);
  }

  static async unlock(storage: WalletStorage, profile: string, passphrase: string): Promise<Vault> {
    assertProfileName(profile);
    const bytes = await storage.read(keyOf(profile));
    if (!bytes) throw new WalletError('PROFILE_NOT_FOUND', `no profile "${profile}" in this wallet`);
    const { plaintext, key } = await open(bytes, passphrase, 'vault');
    return new Vault(storage, key, decode(plaintext));
  }

  /** Re-opens with a key already derived (the page keeps it while the vault is unlocked). */
  static async reopen(storage: WalletStorage, profile: string, key: UnlockedKey): Promise<Vault> {
    const bytes = await storage.read(keyOf(profile));
    if (!bytes) throw new WalletError('PROFILE_NOT_FOUND', `no profile "${profile}" in this wallet`);
    return new Vault(storage, key, decode(await openWithKey(bytes, key, 'vault')));
  }
}

export async function listProfiles(storage: WalletStorage): Promise<{ profile: string; holder?: string; createdAt?: string }[]> {
  const keys = await storage.list('profiles/');
  const out = [];
  for (const k of keys) {
    if (!k.endsWith('.lpv')) continue;
    const bytes = await storage.read(k);
    if (!bytes) continue;
    try {
      const { header } = readHeader(bytes, 'vault');
      out.push({ profile: k.slice('profiles/'.length, -'.lpv'.length), holder: header.meta.holder, createdAt: header.meta.createdAt });
    } catch {
      out.push({ profile: k.slice('profiles/'.length, -'.lpv'.length) });
    }
  }
  return out;
}

function metaOf(d: VaultData): Record<string, string> {
  return { profile: d.profile, holder: d.holder.did, createdAt: d.createdAt };
}

function encode(d: VaultData): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(d));
}

function decode(bytes: Uint8Array): VaultData {
  return parseContent(bytes, zVaultData, 'vault');
}

/** The JSON inside a decrypted container, checked against its schema (CONTAINER_MALFORMED). */
export function parseContent<S extends z.ZodType>(bytes: Uint8Array, schema: S, what: string): z.infer<S> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new WalletError('CONTAINER_MALFORMED', `the ${what} content is not valid JSON`);
  }
  const r = schema.safeParse(parsed);
  if (!r.success) throw new WalletError('CONTAINER_MALFORMED', `the ${what} content is invalid at ${r.error.issues[0]?.path.join('.')}`);
  return r.data;
}

import type { ApiKeyRecord, IssuerStore } from '../store/index.ts';
import { IssuerError } from '../errors.ts';
import { sameDigest, sha256Hex } from './lib/hash.ts';
import { randomBase32, randomHex } from './lib/random-id.ts';
import { isoSeconds } from './lib/time.ts';

/** API keys are `lpk_` + 32 base32 characters (160 bits); only their SHA-256 is stored. */
const KEY_PATTERN = /^lpk_[0-9A-Z]{32}$/;

export async function createApiKey(
  store: IssuerStore,
  input: { label: string; now: Date; random: (n: number) => Uint8Array; actor: string },
): Promise<{ id: string; key: string; label: string }> {
  const key = `lpk_${randomBase32(input.random, 32)}`;
  const id = `key_${randomHex(input.random, 6)}`;
  const at = isoSeconds(input.now);
  await store.transaction(async (tx) => {
    await tx.createApiKey({ id, label: input.label, hash: sha256Hex(key), createdAt: at });
    await tx.appendAudit({ at, actor: input.actor, action: 'apikey.create', target: id, details: { label: input.label } });
  });
  return { id, key, label: input.label };
}

export async function revokeApiKey(store: IssuerStore, input: { id: string; now: Date; actor: string }): Promise<void> {
  const at = isoSeconds(input.now);
  await store.transaction(async (tx) => {
    if (!(await tx.listApiKeys()).some((k) => k.id === input.id)) throw new IssuerError('NOT_FOUND', `no API key ${input.id}`);
    await tx.revokeApiKey(input.id, at);
    await tx.appendAudit({ at, actor: input.actor, action: 'apikey.revoke', target: input.id });
  });
}

/**
 * The key record for a presented bearer key, or null (unknown, malformed or revoked). The stored
 * digest is compared in constant time; the lookup is by digest, so timing reveals nothing of the key.
 */
export async function authenticateApiKey(store: IssuerStore, presented: string): Promise<ApiKeyRecord | null> {
  if (!KEY_PATTERN.test(presented)) return null;
  const hash = sha256Hex(presented);
  const found = await store.findApiKeyByHash(hash);
  if (!found || !sameDigest(found.hash, hash) || found.revokedAt !== null) return null;
  return found;
}

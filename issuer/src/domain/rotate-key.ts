import { encryptKeyFile, generateKeyPair, multikeyFromPublicKey } from '@lp/crypto';
import type { EncryptKeyFileOptions } from '@lp/crypto';
import { IssuerError } from '../errors.ts';
import type { IssuerStore } from '../store/index.ts';
import { isoSeconds } from './lib/time.ts';

export interface RotateKeyResult {
  oldKid: string;
  kid: string;
  /** End of the old key's window and start of the new one. */
  at: string;
}

/**
 * Adds a new signing key and retires the active one at `now` (one transaction): new signatures use
 * the new key, the old key's window ends (`validUntil`) and credentials it signed inside its window
 * keep verifying. did:key names exactly one key (did:key §3.1.2), so only did:web issuers rotate.
 */
export async function rotateKey(
  store: IssuerStore,
  input: { passphrase: string; now: Date; actor: string; keyFile?: EncryptKeyFileOptions },
): Promise<RotateKeyResult> {
  const profile = await store.getProfile();
  if (!profile) throw new IssuerError('NO_ISSUER', 'no issuer here: run `lp issuer init` first');
  if (!profile.id.startsWith('did:web:')) {
    throw new IssuerError('ROTATION_UNSUPPORTED', 'a did:key issuer has exactly one key; create the issuer with --did-web HOST to rotate keys');
  }
  const keyPair = await generateKeyPair();
  const publicKeyMultibase = multikeyFromPublicKey(keyPair.publicKey);
  const at = isoSeconds(input.now);
  const keys = await store.listKeys();
  const next = keys.reduce((n, k) => Math.max(n, Number(/#key-(\d+)$/.exec(k.kid)?.[1] ?? 0)), 0) + 1;
  const kid = `${profile.id}#key-${next}`;
  const keyFile = await encryptKeyFile(keyPair, input.passphrase, { label: kid, ...input.keyFile });
  keyPair.secretKey.fill(0);
  const oldKid = await store.transaction(async (tx) => {
    const active = await tx.getActiveKey();
    if (!active) throw new IssuerError('NO_ISSUER', 'the issuer has no active key');
    await tx.retireKey(active.kid, at);
    await tx.addKey({ kid, publicKeyMultibase, keyFile, validFrom: at });
    await tx.appendAudit({ at, actor: input.actor, action: 'key.rotate', target: kid, details: { retired: active.kid, validUntil: at, publicKeyMultibase } });
    return active.kid;
  });
  return { oldKid, kid, at };
}

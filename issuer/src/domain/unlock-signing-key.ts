import { decryptKeyFile } from '@lp/crypto';
import type { DecryptKeyFileOptions } from '@lp/crypto';
import { IssuerError } from '../errors.ts';
import type { IssuerStore } from '../store/index.ts';
import type { SigningKey } from './issuer-deps.ts';

/**
 * Decrypts the issuer's active key with the passphrase. Throws IssuerError NO_ISSUER, or the
 * CryptoError of `decryptKeyFile` (KEY_FILE_PASSPHRASE for a wrong passphrase).
 */
export async function unlockSigningKey(store: IssuerStore, passphrase: string, opts: DecryptKeyFileOptions = {}): Promise<SigningKey> {
  const profile = await store.getProfile();
  const active = await store.getActiveKey();
  if (!profile || !active) throw new IssuerError('NO_ISSUER', 'no issuer here: run `lp issuer init` first');
  const keyPair = await decryptKeyFile(active.keyFile, passphrase, opts);
  return { issuerId: profile.id, kid: active.kid, keyPair };
}

import { CryptoError, publicKeyFromDidKey } from '@lp/crypto';
import type { TrustKey } from './z-trust-bundle.ts';

/**
 * The raw 32-byte Ed25519 public key of a bundled key. An Ed25519 Multikey value is exactly the
 * method-specific id of a did:key (did:key spec §3.1.2), so @lp/crypto's decoder does the work.
 * Throws CryptoError for a value that is not an Ed25519 Multikey, or for a JWK (RSA/P-256) key.
 */
export function publicKeyOf(key: TrustKey): Uint8Array {
  if (key.publicKeyMultibase === undefined) throw new CryptoError('KEY_NOT_ED25519', `${key.id} is not an Ed25519 key`);
  return publicKeyFromDidKey(`did:key:${key.publicKeyMultibase}`);
}

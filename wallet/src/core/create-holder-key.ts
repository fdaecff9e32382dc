import { didKeyFromPublicKey, keyPairFromSeed } from '@lp/crypto';
import type { HolderKey } from './vault.ts';

/**
 * A new holder key for a profile: a random 32-byte Ed25519 seed (WebCrypto randomness) and its
 * did:key, the DID a learner gives an issuer as credentialSubject.id and signs presentations with.
 */
export async function createHolderKey(random: (n: number) => Uint8Array = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n))): Promise<HolderKey> {
  const seed = random(32);
  const { publicKey } = await keyPairFromSeed(seed);
  return { did: didKeyFromPublicKey(publicKey), seed };
}

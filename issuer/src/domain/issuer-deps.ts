import type { Ed25519KeyPair } from '@lp/crypto';
import type { DocumentLoader } from '@lp/contexts';
import type { IssuerStore } from '../store/index.ts';

/** The unlocked signing key: the active key of the issuer, decrypted with the passphrase. */
export interface SigningKey {
  /** The issuer's DID. */
  issuerId: string;
  /** Verification method id (`did:…#…`): the proof's verificationMethod, the JWT and seal kid. */
  kid: string;
  keyPair: Ed25519KeyPair;
}

/**
 * What the issuer's use cases need, injected (STYLE.md habit 7): the store, the unlocked key,
 * the clock, randomness, the public base URL and the offline JSON-LD loader.
 */
export interface IssuerDeps {
  store: IssuerStore;
  signer: SigningKey;
  clock: () => Date;
  random: (n: number) => Uint8Array;
  /** Public base URL, no trailing slash (status lists, achievement ids, pick-up). */
  baseUrl: string;
  /** Default: createDocumentLoader with the issuer's own did:web document. */
  documentLoader: DocumentLoader;
}

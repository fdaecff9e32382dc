import { CryptoError } from './errors.ts';
import { decodeMulticodec, multikeyFromPublicKey } from './multikey.ts';

const PREFIX = 'did:key:';
// The did:key Method v0.9 §3.1.1 ABNF: did:key:<mb-value>, here always base58btc.
const DID_KEY = /^did:key:z[1-9A-HJ-NP-Za-km-z]+$/;

/**
 * did:key of an Ed25519 public key (did:key Method v0.9 §3.1.1): 'did:key:z6Mk…'.
 * @example didKeyFromPublicKey(publicKey) // 'did:key:z6MkrJVn…'
 */
export function didKeyFromPublicKey(publicKey: Uint8Array): string {
  return PREFIX + multikeyFromPublicKey(publicKey);
}

/**
 * The DID without any fragment or query, checked for did:key syntax. Accepts a DID URL such as
 * the verificationMethod 'did:key:z6Mk…#z6Mk…'.
 * @throws CryptoError DID_KEY_INVALID
 */
export function didOfDidKeyUrl(didOrUrl: string): string {
  if (typeof didOrUrl !== 'string' || didOrUrl.length > 256) throw new CryptoError('DID_KEY_INVALID', 'expected a did:key string');
  const did = didOrUrl.split(/[#?]/, 1)[0]!;
  if (!DID_KEY.test(did)) throw new CryptoError('DID_KEY_INVALID', 'not a base58btc did:key');
  return did;
}

/**
 * The 32-byte Ed25519 key of a did:key (or a did:key URL with a fragment).
 * @throws CryptoError DID_KEY_INVALID | KEY_NOT_ED25519 (e.g. a secp256k1 0xe7 or P-256 0x1200 did:key)
 */
export function publicKeyFromDidKey(didOrUrl: string): Uint8Array {
  const did = didOfDidKeyUrl(didOrUrl);
  // Verifiers decode the same issuer keys for every credential (base58 is the costly part):
  // decoded keys are remembered, bounded, and each caller gets its own copy. Errors are not kept.
  const hit = decoded.get(did);
  if (hit) return hit.slice();
  const key = decodeMulticodec(did.slice(PREFIX.length), 0xed, 'DID_KEY_INVALID');
  if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
  decoded.set(did, key.slice());
  return key;
}

const DECODED_MAX = 256;
const decoded = new Map<string, Uint8Array>();

const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';
const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';

/**
 * The verification method a did:key URL names, as a JSON-LD document (what a document loader
 * returns for 'did:key:z6Mk…#z6Mk…'; did:key Method v0.9 §3.1.2, Multikey representation).
 * @throws CryptoError DID_KEY_INVALID | KEY_NOT_ED25519, also when the fragment is not the key's own
 */
export function didKeyVerificationMethod(didUrl: string): {
  '@context': string;
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
} {
  const did = didOfDidKeyUrl(didUrl);
  publicKeyFromDidKey(did);
  const multibase = did.slice(PREFIX.length);
  const hash = didUrl.indexOf('#');
  if (hash >= 0 && didUrl.slice(hash + 1) !== multibase) {
    throw new CryptoError('DID_KEY_INVALID', 'a did:key has one verification method, #<its own multibase>');
  }
  return { '@context': MULTIKEY_CONTEXT, id: `${did}#${multibase}`, type: 'Multikey', controller: did, publicKeyMultibase: multibase };
}

/**
 * The DID document of an Ed25519 did:key (did:key Method v0.9 §3.1.2 "Document Creation
 * Algorithm", Multikey representation): one verification method `did#<multibase>`, referenced
 * from every verification relationship. Built offline: did:key needs no resolver. The DID v1
 * and Multikey contexts are both needed or JSON-LD drops `assertionMethod` (DESIGN/TOOLCHAIN).
 * @throws CryptoError DID_KEY_INVALID | KEY_NOT_ED25519
 */
export function didKeyDocument(didOrUrl: string): {
  '@context': string[];
  id: string;
  verificationMethod: { id: string; type: 'Multikey'; controller: string; publicKeyMultibase: string }[];
  authentication: string[];
  assertionMethod: string[];
  capabilityDelegation: string[];
  capabilityInvocation: string[];
} {
  const did = didOfDidKeyUrl(didOrUrl);
  const { '@context': _context, ...method } = didKeyVerificationMethod(did);
  return {
    '@context': [DID_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    verificationMethod: [method],
    authentication: [method.id],
    assertionMethod: [method.id],
    capabilityDelegation: [method.id],
    capabilityInvocation: [method.id],
  };
}

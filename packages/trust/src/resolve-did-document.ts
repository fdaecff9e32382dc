import { findIssuer } from './find-issuer.ts';
import type { TrustBundle } from './z-trust-bundle.ts';

export const DID_CONTEXT_V1 = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_CONTEXT_V1 = 'https://w3id.org/security/multikey/v1';

export interface MultikeyVerificationMethod {
  '@context'?: string[];
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

export interface DidDocument {
  '@context': string[];
  id: string;
  verificationMethod: MultikeyVerificationMethod[];
  assertionMethod: string[];
}

/**
 * A DID document for a bundled issuer, built from the bundle's keys so that the JSON-LD document
 * loader can serve did:web (and did:key) issuers offline: nothing is fetched while verifying.
 * The DID v1 and Multikey contexts are both needed, or `assertionMethod` is dropped during
 * expansion. Given a key id (`did#frag`), returns that verification method with its contexts.
 * Every listed key is included, revoked or not: signature checking and key status are separate
 * checks in the pipeline (keyValidAt).
 */
export function resolveDidDocument(bundle: TrustBundle, didUrl: string): DidDocument | MultikeyVerificationMethod | undefined {
  const hash = didUrl.indexOf('#');
  const did = hash < 0 ? didUrl : didUrl.slice(0, hash);
  const issuer = findIssuer(bundle, did);
  if (!issuer) return undefined;
  const methods: MultikeyVerificationMethod[] = issuer.keys.map((k) => ({
    id: k.id,
    type: 'Multikey',
    controller: issuer.id,
    publicKeyMultibase: k.publicKeyMultibase,
  }));
  const contexts = [DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1];
  if (hash >= 0) {
    const m = methods.find((x) => x.id === didUrl);
    return m ? { '@context': contexts, ...m } : undefined;
  }
  return { '@context': contexts, id: issuer.id, verificationMethod: methods, assertionMethod: methods.map((m) => m.id) };
}

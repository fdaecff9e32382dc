import { findIssuer } from './find-issuer.ts';
import type { TrustBundle, TrustIssuer } from './z-trust-bundle.ts';

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
 * A DID document (or, for an issuer named by another URI, a controller document of the same
 * shape: Controlled Identifiers 1.0 §2) for a bundled issuer, built from the bundle's keys so that
 * the JSON-LD document loader can serve did:web, did:key and https issuers offline: nothing is
 * fetched while verifying. The DID v1 and Multikey contexts are both needed, or `assertionMethod`
 * is dropped during expansion. Given a verification method id, returns that method with its
 * contexts and its bundled controller. `preferIssuer` (the credential's issuer) is searched
 * first, so a method the anchor listed for that issuer resolves to it.
 * Every listed Ed25519 key is included, revoked or not: signature checking and key status are
 * separate checks in the pipeline (keyValidAt). RSA/P-256 keys serve vc+jwt only.
 */
export function resolveDidDocument(bundle: TrustBundle, url: string, preferIssuer?: string): DidDocument | MultikeyVerificationMethod | undefined {
  const contexts = [DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1];
  const preferred = preferIssuer === undefined ? undefined : findIssuer(bundle, preferIssuer);
  const order = preferred ? [preferred, ...bundle.issuers.filter((i) => i !== preferred)] : bundle.issuers;
  for (const issuer of order) {
    // A did:key names its own controller (did:key §3.1.2): only the credential's issuer may claim it.
    if (issuer !== preferred && preferIssuer !== undefined && url.startsWith('did:key:')) continue;
    const m = methodsOf(issuer).find((x) => x.id === url);
    if (m) return { '@context': contexts, ...m };
  }
  const hash = url.indexOf('#');
  const issuer = findIssuer(bundle, hash < 0 ? url : url.slice(0, hash));
  if (!issuer || hash >= 0) return undefined;
  const methods = methodsOf(issuer);
  return { '@context': contexts, id: issuer.id, verificationMethod: methods, assertionMethod: methods.map((m) => m.id) };
}

function methodsOf(issuer: TrustIssuer): MultikeyVerificationMethod[] {
  return issuer.keys.flatMap((k) => (k.publicKeyMultibase === undefined ? [] : [{ id: k.id, type: 'Multikey' as const, controller: issuer.id, publicKeyMultibase: k.publicKeyMultibase }]));
}

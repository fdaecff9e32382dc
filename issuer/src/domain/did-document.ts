import { didKeyDocument } from '@lp/crypto';
import type { IssuerKeyRecord, IssuerProfile } from '../store/index.ts';

export const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';

/**
 * The issuer's DID document. For did:web (did:web method §3.2: served at /.well-known/did.json)
 * it lists every key that is not compromised, retired ones included, so that credentials signed
 * inside an old key's window keep verifying; validity windows themselves travel in the trust
 * fragment. For did:key the document is derived from the DID (did:key §3.1.2).
 */
export function didDocumentOf(profile: IssuerProfile, keys: readonly IssuerKeyRecord[]): Record<string, unknown> {
  if (profile.id.startsWith('did:key:')) return didKeyDocument(profile.id) as unknown as Record<string, unknown>;
  const usable = keys.filter((k) => k.revokedAt === null);
  return {
    '@context': [DID_CONTEXT, MULTIKEY_CONTEXT],
    id: profile.id,
    verificationMethod: usable.map((k) => ({ id: k.kid, type: 'Multikey', controller: profile.id, publicKeyMultibase: k.publicKeyMultibase })),
    assertionMethod: usable.map((k) => k.kid),
    authentication: usable.filter((k) => k.status === 'active').map((k) => k.kid),
  };
}

/** `did:web:host%3Aport` for `host:port` (did:web §3.1: the port colon is percent-encoded). */
export function didWebFromHost(host: string): string {
  const h = host.trim().replace(/^https?:\/\//, '').replace(/\/+$/, '');
  const [hostPort, ...path] = h.split('/');
  return ['did:web:' + hostPort!.replace(':', '%3A'), ...path.map(encodeURIComponent)].join(':');
}

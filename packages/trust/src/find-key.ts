import { findIssuer } from './find-issuer.ts';
import type { TrustBundle, TrustIssuer, TrustKey } from './z-trust-bundle.ts';

export type KeyRef = string | { issuer: string; kid: string };

/**
 * Finds a signing key: by full verification method id (`did:web:x#key-1`), or by issuer and a
 * kid that may be relative (`#key-1`, `key-1`) or absolute. An absolute kid under another DID
 * than the named issuer is not found: a credential cannot borrow another issuer's key.
 *
 * @example findKey(bundle, { issuer: 'did:web:exams.example', kid: '#key-1' })
 */
export function findKey(bundle: TrustBundle, ref: KeyRef): { issuer: TrustIssuer; key: TrustKey } | undefined {
  let issuerId: string;
  let kid: string;
  if (typeof ref === 'string') {
    const hash = ref.indexOf('#');
    if (hash <= 0) return undefined;
    issuerId = ref.slice(0, hash);
    kid = ref;
  } else {
    issuerId = ref.issuer;
    kid = ref.kid.startsWith('did:') ? ref.kid : `${ref.issuer}#${ref.kid.replace(/^#/, '')}`;
  }
  const issuer = findIssuer(bundle, issuerId);
  const key = issuer?.keys.find((k) => k.id === kid);
  return issuer && key ? { issuer, key } : undefined;
}

import { findIssuer } from './find-issuer.ts';
import type { TrustBundle, TrustIssuer, TrustKey } from './z-trust-bundle.ts';

export type KeyRef = string | { issuer: string; kid: string };

/**
 * Finds a signing key: by full verification method id (`did:web:x#key-1`,
 * `https://uni.example/issuers/1#key-1`, a bare `did:key:z6Mk…`), or by issuer and a kid that may
 * be relative (`#key-1`, `key-1`) or absolute. With an issuer, only that issuer's keys are
 * searched: a credential cannot borrow another issuer's key.
 *
 * @example findKey(bundle, { issuer: 'did:web:exams.example', kid: '#key-1' })
 */
export function findKey(bundle: TrustBundle, ref: KeyRef): { issuer: TrustIssuer; key: TrustKey } | undefined {
  let issuerId: string;
  let kid: string;
  if (typeof ref === 'string') {
    const hash = ref.indexOf('#');
    const owner = hash > 0 ? findIssuer(bundle, ref.slice(0, hash)) : undefined;
    const own = owner?.keys.find((k) => k.id === ref);
    if (owner && own) return { issuer: owner, key: own };
    // Keys listed under an issuer with another id (a did:key or https method of a urn:uuid issuer).
    for (const issuer of bundle.issuers) {
      const key = issuer.keys.find((k) => k.id === ref);
      if (key) return { issuer, key };
    }
    return undefined;
  } else {
    issuerId = ref.issuer;
    kid = /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(ref.kid) ? ref.kid : `${ref.issuer}#${ref.kid.replace(/^#/, '')}`;
  }
  const issuer = findIssuer(bundle, issuerId);
  const key = issuer?.keys.find((k) => k.id === kid);
  return issuer && key ? { issuer, key } : undefined;
}

import type { TrustBundle, TrustIssuer } from './z-trust-bundle.ts';

export interface StatusListFound {
  credential: Record<string, unknown>;
  /** When the snapshot was taken: the verifier says "not revoked as of" this date. */
  fetchedAt: Date;
  purpose: 'revocation' | 'suspension';
  issuer: TrustIssuer;
}

/**
 * The bundled snapshot of a status list by URL (the credential's `statusListCredential`), or
 * undefined. With `issuerId`, only that issuer's snapshots are searched, so an issuer cannot
 * point at a list that another issuer publishes.
 */
export function findStatusList(bundle: TrustBundle, url: string, issuerId?: string): StatusListFound | undefined {
  for (const issuer of bundle.issuers) {
    if (issuerId !== undefined && issuer.id !== issuerId) continue;
    const s = issuer.statusLists.find((l) => l.url === url);
    if (s) return { credential: s.credential, fetchedAt: new Date(s.fetchedAt), purpose: s.purpose, issuer };
  }
  return undefined;
}

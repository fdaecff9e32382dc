import type { TrustBundle, TrustIssuer } from './z-trust-bundle.ts';

/** The bundle's entry for an issuer DID, or undefined: an issuer not listed is not trusted. */
export function findIssuer(bundle: TrustBundle, issuerId: string): TrustIssuer | undefined {
  return bundle.issuers.find((i) => i.id === issuerId);
}

import { findIssuer } from './find-issuer.ts';
import type { CatalogueEntry, TrustBundle } from './z-trust-bundle.ts';

/** An achievement of an issuer's catalogue by code (codes are per issuer), or undefined. */
export function findAchievement(bundle: TrustBundle, issuerId: string, code: string): CatalogueEntry | undefined {
  return findIssuer(bundle, issuerId)?.catalogue.achievements.find((a) => a.code === code);
}

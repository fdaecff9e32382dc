import type { IssuerProfile } from '../store/index.ts';

export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** The language whose name is the Profile's plain `name`: English if present, else the first given. */
export function primaryName(profile: Pick<IssuerProfile, 'names'>): string {
  const names = profile.names;
  return names.en ?? Object.values(names)[0] ?? profile.toString();
}

/** The issuer as embedded in credentials (OB 3.0 §B.1.3 Profile: id, type, name). */
export function issuerOfCredential(profile: IssuerProfile): Record<string, unknown> {
  return { id: profile.id, type: ['Profile'], name: primaryName(profile) };
}

/**
 * The issuer's public Open Badges 3.0 Profile (`GET /issuer`) in OB 3.0 terms only: the primary
 * name, the country as OB 3.0 Address.addressCountryCode. The names in other languages are in
 * the trust fragment (`GET /trust/fragment`) and the bundles built from it.
 */
export function issuerProfileDocument(profile: IssuerProfile, baseUrl: string): Record<string, unknown> {
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id: profile.id,
    type: ['Profile'],
    name: primaryName(profile),
    url: baseUrl,
    address: { type: ['Address'], addressCountryCode: profile.country },
  };
}

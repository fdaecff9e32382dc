import type { CredentialConfigurationsSupportedWithFormats } from '@openid4vc/openid4vci';

/** The stored credential kinds an offer can carry (IssuerStore `kind`). */
export type OfferKind = 'achievement' | 'clr';
/** OpenID4VCI 1.0 Appendix A.1: Data Integrity JSON-LD (`ldp_vc`) and JOSE-secured VC JSON (`jwt_vc_json`). */
export type OfferFormat = 'ldp_vc' | 'jwt_vc_json';

const OB3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const CLR_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';
const VC2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

const TYPES: Record<OfferKind, { type: string; context: string[] }> = {
  achievement: { type: 'AchievementCredential', context: [VC2_CONTEXT, OB3_CONTEXT] },
  clr: { type: 'ClrCredential', context: [VC2_CONTEXT, CLR_CONTEXT, OB3_CONTEXT] },
};

// A holder proves possession with a JWT over its own key: did:key / did:jwk in `kid`, or a bare
// `jwk` (OpenID4VCI 1.0 §8.2.1.1). EdDSA is what our wallet uses; ES256 is what most wallets use.
const PROOF_TYPES = { jwt: { proof_signing_alg_values_supported: ['EdDSA', 'ES256'] } };
const BINDING = ['did:key', 'did:jwk', 'jwk'];

/** `<Type>_<format>`, e.g. `AchievementCredential_ldp_vc`. */
export function configurationId(kind: OfferKind, format: OfferFormat): string {
  return `${TYPES[kind].type}_${format}`;
}

/** Kind and format of one of our configuration ids; undefined for any other id. */
export function configurationOf(id: string): { kind: OfferKind; format: OfferFormat } | undefined {
  for (const kind of Object.keys(TYPES) as OfferKind[]) {
    for (const format of ['ldp_vc', 'jwt_vc_json'] as const) if (configurationId(kind, format) === id) return { kind, format };
  }
  return undefined;
}

/** The kind a pre-v1 request names by `format` + `credential_definition.type` (draft 13, as Sphereon's client sends). */
export function configurationOfTypes(format: string, types: readonly string[]): { kind: OfferKind; format: OfferFormat } | undefined {
  if (format !== 'ldp_vc' && format !== 'jwt_vc_json') return undefined;
  const kind = (Object.keys(TYPES) as OfferKind[]).find((k) => types.includes(TYPES[k].type));
  return kind ? { kind, format } : undefined;
}

/**
 * `credential_configurations_supported` for issuer metadata: OB 3.0 AchievementCredential and CLR
 * 2.0 ClrCredential, each as `ldp_vc` (eddsa-rdfc-2022) and `jwt_vc_json` (EdDSA vc+jwt).
 */
export function credentialConfigurations(names: Record<string, string>): CredentialConfigurationsSupportedWithFormats {
  const out: CredentialConfigurationsSupportedWithFormats = {};
  const label: Record<OfferKind, string> = { achievement: 'Learning achievement (Open Badges 3.0)', clr: 'Transcript (CLR 2.0)' };
  const issuerName = names.en ?? Object.values(names)[0] ?? '';
  for (const kind of Object.keys(TYPES) as OfferKind[]) {
    const { type, context } = TYPES[kind];
    // OpenID4VCI 1.0 §12.2.4: display sits in credential_metadata (where drafts had it at the top).
    const display = [{ name: label[kind], locale: 'en', description: issuerName }];
    out[configurationId(kind, 'ldp_vc')] = {
      format: 'ldp_vc',
      credential_definition: { '@context': context, type: ['VerifiableCredential', type] },
      cryptographic_binding_methods_supported: BINDING,
      credential_signing_alg_values_supported: ['eddsa-rdfc-2022'],
      proof_types_supported: PROOF_TYPES,
      credential_metadata: { display },
    };
    out[configurationId(kind, 'jwt_vc_json')] = {
      format: 'jwt_vc_json',
      credential_definition: { type: ['VerifiableCredential', type] },
      cryptographic_binding_methods_supported: BINDING,
      credential_signing_alg_values_supported: ['EdDSA'],
      proof_types_supported: PROOF_TYPES,
      credential_metadata: { display },
    };
  }
  return out;
}

import { preAuthorizedCodeGrantIdentifier } from '@openid4vc/oauth2';
import type { AuthorizationServerMetadata } from '@openid4vc/oauth2';
import { Openid4vciVersion } from '@openid4vc/openid4vci';
import type { IssuerMetadataResult } from '@openid4vc/openid4vci';
import type { IssuerProfile } from '../store/index.ts';
import { credentialConfigurations } from './credential-configurations.ts';

/** Where the OpenID4VCI endpoints live under the issuer's public URL. */
export const OID4VCI_PATHS = {
  token: '/oid4vci/token',
  nonce: '/oid4vci/nonce',
  credential: '/oid4vci/credential',
  jwks: '/oid4vci/jwks',
} as const;

/**
 * The issuer's OpenID4VCI metadata: it is its own authorization server (pre-authorized code
 * grant only), so `credential_issuer` and the authorization server `issuer` are both the public
 * URL (OpenID4VCI 1.0 §12.2; RFC 8414 for the authorization server).
 */
export function issuerMetadataOf(baseUrl: string, profile: IssuerProfile): IssuerMetadataResult {
  const base = baseUrl.replace(/\/+$/, '');
  const configurations = credentialConfigurations(profile.names);
  const authorizationServer: AuthorizationServerMetadata = {
    issuer: base,
    token_endpoint: base + OID4VCI_PATHS.token,
    jwks_uri: base + OID4VCI_PATHS.jwks,
    grant_types_supported: [preAuthorizedCodeGrantIdentifier],
    'pre-authorized_grant_anonymous_access_supported': true,
  };
  return {
    originalDraftVersion: Openid4vciVersion.V1,
    authorizationServers: [authorizationServer],
    knownCredentialConfigurations: configurations,
    credentialIssuer: {
      credential_issuer: base,
      credential_endpoint: base + OID4VCI_PATHS.credential,
      nonce_endpoint: base + OID4VCI_PATHS.nonce,
      credential_configurations_supported: configurations,
      display: Object.entries(profile.names).map(([locale, name]) => ({ name, locale })),
    },
  };
}

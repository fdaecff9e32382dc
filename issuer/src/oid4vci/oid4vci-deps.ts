import { Oauth2AuthorizationServer, Oauth2ResourceServer } from '@openid4vc/oauth2';
import type { Jwk } from '@openid4vc/oauth2';
import { Openid4vciIssuer } from '@openid4vc/openid4vci';
import { publicKeyToJwk } from '@lp/crypto';
import { allowPlainHttpFor, createJoseCallbacks } from '@lp/oid4vc';
import type { IssuerDeps } from '../domain/issuer-deps.ts';
import { OID4VCI_PATHS } from './issuer-metadata.ts';

/** Access tokens live five minutes: long enough for one wallet's credential requests. */
export const ACCESS_TOKEN_SECONDS = 300;
/** A c_nonce lives five minutes and is used once. */
export const NONCE_SECONDS = 300;
/** Wrong PINs allowed before the offer is spent. */
export const MAX_TX_CODE_ATTEMPTS = 3;

export interface Oid4vciLibraries {
  issuer: Openid4vciIssuer;
  authorizationServer: Oauth2AuthorizationServer;
  resourceServer: Oauth2ResourceServer;
  /** The issuer key as the JWK that signs access tokens. */
  accessTokenJwk: Jwk;
}

/**
 * The @openid4vc objects over our callbacks. Access tokens are JWTs signed with the issuer key;
 * the resource server's one fetch (our own JWKS) is answered in process, so checking a token
 * never goes over the network.
 */
export function oid4vciLibraries(deps: IssuerDeps): Oid4vciLibraries {
  allowPlainHttpFor(deps.baseUrl);
  const accessTokenJwk = { ...publicKeyToJwk(deps.signer.keyPair.publicKey), use: 'sig', alg: 'EdDSA' } as Jwk;
  const jwksUrl = deps.baseUrl + OID4VCI_PATHS.jwks;
  const localFetch = (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url !== jwksUrl) return new Response('not here', { status: 404 });
    return new Response(JSON.stringify({ keys: [accessTokenJwk] }), { headers: { 'content-type': 'application/jwk-set+json' } });
  }) as typeof fetch;
  const callbacks = createJoseCallbacks({ signingKeys: [deps.signer.keyPair], random: deps.random, fetch: localFetch });
  return {
    issuer: new Openid4vciIssuer({ callbacks }),
    authorizationServer: new Oauth2AuthorizationServer({ callbacks }),
    resourceServer: new Oauth2ResourceServer({ callbacks }),
    accessTokenJwk,
  };
}

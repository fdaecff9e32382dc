import { Oauth2ServerErrorResponseError, preAuthorizedCodeGrantIdentifier } from '@openid4vc/oauth2';
import type { RequestLike } from '@openid4vc/oauth2';
import { base64urlEncode } from '@lp/crypto';
import { IssuerError } from '../errors.ts';
import type { IssuerDeps } from '../domain/issuer-deps.ts';
import { isoSeconds } from '../domain/lib/time.ts';
import { offerSecretHash } from './create-credential-offer.ts';
import { issuerMetadataOf } from './issuer-metadata.ts';
import { ACCESS_TOKEN_SECONDS, MAX_TX_CODE_ATTEMPTS, NONCE_SECONDS, oid4vciLibraries } from './oid4vci-deps.ts';

/**
 * The token endpoint (OpenID4VCI 1.0 §6): parses the form with @openid4vc/oauth2, redeems the
 * pre-authorized code exactly once (PIN checked against its hash, wrong ones counted), and
 * answers an access token (JWT, issuer key, subject = the offer) with a fresh c_nonce for
 * wallets that still read it from here (drafts before 1.0's nonce endpoint).
 *
 * Throws IssuerError: TOKEN_REQUEST_INVALID, PRE_AUTHORIZED_CODE_INVALID, OFFER_USED,
 * OFFER_EXPIRED, TX_CODE_REQUIRED, TX_CODE_WRONG (with attemptsLeft), TX_CODE_LOCKED.
 */
export async function exchangePreAuthorizedCode(deps: IssuerDeps, body: Record<string, unknown>, request: RequestLike): Promise<Record<string, unknown>> {
  const profile = await deps.store.getProfile();
  if (!profile) throw new IssuerError('NO_ISSUER', 'no issuer');
  const metadata = issuerMetadataOf(deps.baseUrl, profile);
  const as = metadata.authorizationServers[0]!;
  const libs = oid4vciLibraries(deps);
  const now = deps.clock();
  let parsed;
  try {
    parsed = libs.authorizationServer.parseAccessTokenRequest({ accessTokenRequest: body, request });
  } catch (e) {
    throw new IssuerError('TOKEN_REQUEST_INVALID', e instanceof Oauth2ServerErrorResponseError ? e.errorResponse.error_description ?? e.errorResponse.error : 'unreadable token request');
  }
  if (parsed.grant.grantType !== preAuthorizedCodeGrantIdentifier) throw new IssuerError('TOKEN_REQUEST_INVALID', 'only the pre-authorized code grant is supported');
  const grant = parsed.grant;
  if (grant.preAuthorizedCode.length > 200) throw new IssuerError('PRE_AUTHORIZED_CODE_INVALID', 'unknown pre-authorized code');
  // The library checks what is not ours to re-implement (DPoP, client attestation) before the
  // code is spent; the code and PIN are compared by hash in the store, in one transaction.
  try {
    await libs.authorizationServer.verifyPreAuthorizedCodeAccessTokenRequest({
      authorizationServerMetadata: as, grant, accessTokenRequest: parsed.accessTokenRequest, request,
      expectedPreAuthorizedCode: grant.preAuthorizedCode, ...(grant.txCode !== undefined ? { expectedTxCode: grant.txCode } : {}),
      ...(parsed.dpop ? { dpop: { ...parsed.dpop, required: false } } : {}), now,
    });
  } catch (e) {
    throw new IssuerError('TOKEN_REQUEST_INVALID', e instanceof Oauth2ServerErrorResponseError ? e.errorResponse.error_description ?? e.errorResponse.error : 'token request refused');
  }
  const redeemed = await deps.store.redeemCredentialOffer(
    offerSecretHash(grant.preAuthorizedCode), grant.txCode !== undefined ? offerSecretHash(grant.txCode) : null, isoSeconds(now), MAX_TX_CODE_ATTEMPTS,
  );
  if (!redeemed.ok) {
    switch (redeemed.reason) {
      case 'unknown': throw new IssuerError('PRE_AUTHORIZED_CODE_INVALID', 'unknown pre-authorized code');
      case 'used': throw new IssuerError('OFFER_USED', 'this credential offer was already used');
      case 'expired': throw new IssuerError('OFFER_EXPIRED', 'this credential offer has expired');
      case 'tx_code_missing': throw new IssuerError('TX_CODE_REQUIRED', 'this offer needs the PIN (tx_code) given with it');
      case 'tx_code_locked': throw new IssuerError('TX_CODE_LOCKED', 'too many wrong PINs: this offer can no longer be used; ask the issuer for a new one', undefined, { attemptsLeft: 0 });
      default: throw new IssuerError('TX_CODE_WRONG', `wrong PIN; ${redeemed.attemptsLeft ?? 0} attempt(s) left`, undefined, { attemptsLeft: redeemed.attemptsLeft ?? 0 });
    }
  }
  const cNonce = base64urlEncode(deps.random(32));
  await deps.store.createNonce(cNonce, isoSeconds(new Date(now.getTime() + NONCE_SECONDS * 1000)));
  return libs.authorizationServer.createAccessTokenResponse({
    audience: metadata.credentialIssuer.credential_issuer,
    authorizationServer: as.issuer,
    signer: { method: 'jwk', alg: 'EdDSA', publicJwk: libs.accessTokenJwk },
    subject: redeemed.offerId,
    expiresInSeconds: ACCESS_TOKEN_SECONDS,
    cNonce,
    cNonceExpiresIn: NONCE_SECONDS,
    now,
  }) as unknown as Promise<Record<string, unknown>>;
}

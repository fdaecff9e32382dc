import { decodeJwt, Oauth2ServerErrorResponseError } from '@openid4vc/oauth2';
import type { RequestLike } from '@openid4vc/oauth2';
import { FormatsError, signCredentialDi, signCredentialJwt } from '@lp/formats';
import { holderDidOf } from '@lp/oid4vc';
import { IssuerError } from '../errors.ts';
import type { IssuerDeps } from '../domain/issuer-deps.ts';
import { isoSeconds } from '../domain/lib/time.ts';
import { StoreError } from '../store/index.ts';
import type { DeliveredCredential } from '../store/index.ts';
import { configurationOf, configurationOfTypes } from './credential-configurations.ts';
import type { OfferFormat, OfferKind } from './credential-configurations.ts';
import { createProofNonce } from './create-proof-nonce.ts';
import { issuerMetadataOf } from './issuer-metadata.ts';
import { oid4vciLibraries } from './oid4vci-deps.ts';

/**
 * The credential endpoint (OpenID4VCI 1.0 §8): checks the access token (@openid4vc/oauth2
 * resource server), reads the request (@openid4vc/openid4vci: v1 `credential_configuration_id`
 * or draft `format` + `credential_definition`), verifies the holder's JWT proof against the key
 * it names and a single-use c_nonce, then re-signs each offered credential of that kind with
 * `credentialSubject.id` = the holder's DID (same id and status entries as the stored record, so
 * revoking the record revokes the copy) and records the delivery, once.
 *
 * Throws IssuerError: ACCESS_TOKEN_INVALID, CREDENTIAL_CONFIGURATION_UNSUPPORTED, PROOF_MISSING,
 * PROOF_INVALID, PROOF_NONCE_STALE, OFFER_USED, HOLDER_MISMATCH.
 */
export async function issueOfferedCredential(deps: IssuerDeps, body: Record<string, unknown>, request: RequestLike): Promise<Record<string, unknown>> {
  const profile = await deps.store.getProfile();
  if (!profile) throw new IssuerError('NO_ISSUER', 'no issuer');
  const metadata = issuerMetadataOf(deps.baseUrl, profile);
  const libs = oid4vciLibraries(deps);
  const now = deps.clock();

  let offerId: string;
  try {
    const { tokenPayload } = await libs.resourceServer.verifyResourceRequest({
      request, resourceServer: metadata.credentialIssuer.credential_issuer, authorizationServers: metadata.authorizationServers, now,
    });
    if (typeof tokenPayload.sub !== 'string') throw new Error('no subject');
    offerId = tokenPayload.sub;
  } catch {
    throw new IssuerError('ACCESS_TOKEN_INVALID', 'send the access token from this issuer\'s token endpoint (Authorization: Bearer …); it may have expired');
  }

  let parsed;
  try {
    parsed = libs.issuer.parseCredentialRequest({ issuerMetadata: metadata, credentialRequest: body });
  } catch (e) {
    const message = e instanceof Oauth2ServerErrorResponseError ? e.errorResponse.error_description ?? '' : '';
    throw new IssuerError('CREDENTIAL_CONFIGURATION_UNSUPPORTED', `this issuer has no such credential configuration${message ? `: ${message.split('\n')[0]}` : ''}`);
  }
  const wanted = parsed.credentialConfigurationId !== undefined
    ? configurationOf(parsed.credentialConfigurationId)
    : parsed.format && 'credential_definition' in parsed.format
      ? configurationOfTypes(parsed.format.format, (parsed.format.credential_definition as { type?: string[] }).type ?? [])
      : undefined;
  if (!wanted) throw new IssuerError('CREDENTIAL_CONFIGURATION_UNSUPPORTED', 'ask for one of credential_configurations_supported by credential_configuration_id');

  const items = (await deps.store.getOfferItems(offerId)) ?? [];
  const ofKind: { id: string; record: Record<string, unknown>; delivered: boolean }[] = [];
  for (const item of items) {
    const stored = await deps.store.getCredential(item.credentialId);
    if (stored?.kind === wanted.kind) ofKind.push({ id: item.credentialId, record: JSON.parse(stored.record) as Record<string, unknown>, delivered: item.deliveredAt !== null });
  }
  if (ofKind.length === 0) throw new IssuerError('CREDENTIAL_CONFIGURATION_UNSUPPORTED', 'this offer holds no credential of that configuration');
  const pending = ofKind.filter((c) => !c.delivered);
  if (pending.length === 0) throw new IssuerError('OFFER_USED', 'the credentials of this offer were already delivered');
  const jwts = parsed.proofs?.jwt;
  if (!jwts || jwts.length === 0) throw new IssuerError('PROOF_MISSING', 'a credential request needs a JWT proof of possession of the holder key (proofs.jwt)');
  const holders = new Set<string>();
  for (const jwt of jwts) {
    let nonce: unknown;
    try {
      nonce = decodeJwt({ jwt }).payload.nonce;
    } catch {
      throw new IssuerError('PROOF_INVALID', 'the proof is not a JWT');
    }
    if (typeof nonce !== 'string') throw new IssuerError('PROOF_NONCE_STALE', 'the proof carries no c_nonce: get one from the nonce endpoint');
    let signer;
    try {
      ({ signer } = await libs.issuer.verifyCredentialRequestJwtProof({ issuerMetadata: metadata, jwt, expectedNonce: nonce, now }));
    } catch (e) {
      const message = e instanceof Oauth2ServerErrorResponseError ? e.errorResponse.error_description ?? 'invalid proof' : 'invalid proof';
      throw new IssuerError('PROOF_INVALID', `the proof of possession does not verify: ${message.split('\n')[0]}`);
    }
    const used = await deps.store.consumeNonce(nonce, isoSeconds(now));
    if (!used.ok) throw new IssuerError('PROOF_NONCE_STALE', `the proof's c_nonce is ${used.reason}: get a fresh one from the nonce endpoint`);
    const did = holderDidOf(signer);
    if (!did) throw new IssuerError('PROOF_INVALID', 'the proof names its key neither by did:key / did:jwk nor by jwk');
    holders.add(did);
  }
  if (holders.size !== 1) throw new IssuerError('PROOF_INVALID', 'all proofs of one request must be made with the same holder key');
  const holder = [...holders][0]!;

  // Pre-1.0 responses carry one `credential`: such a wallet gets one per request, in order.
  const v1 = parsed.credentialConfigurationId !== undefined;
  const batch = v1 ? pending : pending.slice(0, 1);

  const delivered: DeliveredCredential[] = [];
  for (const c of batch) {
    const signed = await signForHolder(deps, c.record, holder, wanted.kind, wanted.format, now);
    delivered.push({ credentialId: c.id, holder, format: wanted.format, record: typeof signed === 'string' ? signed : JSON.stringify(signed) });
  }
  try {
    await deps.store.markOfferDelivered(offerId, delivered, isoSeconds(now));
  } catch (e) {
    if (e instanceof StoreError && e.code === 'STORE_CONFLICT') throw new IssuerError('OFFER_USED', 'the credentials of this offer were already delivered');
    throw e;
  }
  await deps.store.appendAudit({ at: isoSeconds(now), actor: 'oid4vci', action: 'credential.deliver', target: offerId, details: { holder, format: wanted.format, credentials: delivered.map((d) => d.credentialId) } });
  const credentials = delivered.map((d) => (d.format === 'ldp_vc' ? JSON.parse(d.record) as Record<string, unknown> : d.record));
  const next = v1 ? undefined : await createProofNonce(deps);
  const credentialResponse = libs.issuer.createCredentialResponse({
    credentialRequest: parsed,
    ...(v1 ? { credentials: credentials.map((credential) => ({ credential })) } : { credential: credentials[0]! }),
    ...(next ? { cNonce: next.c_nonce, cNonceExpiresInSeconds: 300 } : {}),
  });
  return credentialResponse as Record<string, unknown>;
}

async function signForHolder(deps: IssuerDeps, record: Record<string, unknown>, holder: string, kind: OfferKind, format: OfferFormat, now: Date): Promise<Record<string, unknown> | string> {
  const { proof: _proof, ...unsigned } = record;
  const subject = unsigned.credentialSubject;
  if (!subject || typeof subject !== 'object' || Array.isArray(subject)) throw new IssuerError('CREDENTIAL_INVALID', `the stored ${kind} credential has no single subject`);
  const existing = (subject as { id?: unknown }).id;
  // A record already bound to a DID at issuance goes only to that DID: binding moves nothing.
  if (existing !== undefined && existing !== holder) throw new IssuerError('HOLDER_MISMATCH', 'this credential names another holder than the key that asks for it');
  const bound = { ...unsigned, credentialSubject: { ...(subject as Record<string, unknown>), id: holder } };
  try {
    return format === 'ldp_vc'
      ? await signCredentialDi(bound, { keyPair: deps.signer.keyPair, verificationMethod: deps.signer.kid, created: now, documentLoader: deps.documentLoader })
      : await signCredentialJwt(bound, { keyPair: deps.signer.keyPair, kid: deps.signer.kid, now });
  } catch (e) {
    if (e instanceof FormatsError) throw new IssuerError('CREDENTIAL_INVALID', `cannot sign the holder's copy: ${e.message}`);
    throw e;
  }
}

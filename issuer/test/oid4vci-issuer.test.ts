import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as jose from 'jose';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { generateKeyPair, didKeyFromPublicKey, privateKeyToJwk } from '@lp/crypto';
import type { Ed25519KeyPair } from '@lp/crypto';
import { createJoseCallbacks } from '@lp/oid4vc';
import { dbFingerprint, ISSUE_FROM_CATALOGUE, post, startTestIssuer, T0 } from './issuer-helpers.ts';
import type { TestIssuer } from './issuer-helpers.ts';

// The wallet side of these tests is the @openid4vc client library driven directly (plus raw
// HTTP for the bad requests): our issuer is checked against the protocol, not against our wallet.
let t: TestIssuer;
let holder: Ed25519KeyPair;
let holderDid: string;
let client: Openid4vciClient;

beforeAll(async () => {
  t = await startTestIssuer();
  holder = await generateKeyPair();
  holderDid = didKeyFromPublicKey(holder.publicKey);
  client = new Openid4vciClient({ callbacks: { ...createJoseCallbacks({ signingKeys: [holder], now: () => T0 }), fetch } });
});
afterAll(async () => { await t.stop(); });

async function issueWithOffer(body: unknown = { ...ISSUE_FROM_CATALOGUE, options: { ...ISSUE_FROM_CATALOGUE.options, pickup: true } }): Promise<{ id: string; credentialOffer: { uri: string; qrPng: string; walletUrl: string; txCode?: string } }> {
  const res = await post(t, '/credentials/issue', body);
  expect(res.status).toBe(201);
  return await res.json() as never;
}

function codeOf(uri: string): string {
  const offer = JSON.parse(new URL(uri).searchParams.get('credential_offer')!) as { grants: Record<string, { 'pre-authorized_code': string }> };
  return offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']!['pre-authorized_code'];
}

function token(code: string, extra: Record<string, string> = {}): Promise<Response> {
  return fetch(`${t.url}/oid4vci/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': code, ...extra }),
  });
}

function credentialRequest(accessToken: string, body: unknown): Promise<Response> {
  return fetch(`${t.url}/oid4vci/credential`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify(body) });
}

async function proofJwt(nonce: string, opts: { signWith?: Ed25519KeyPair; kidOf?: Ed25519KeyPair } = {}): Promise<string> {
  const named = opts.kidOf ?? holder;
  const did = didKeyFromPublicKey(named.publicKey);
  const key = await jose.importJWK({ ...privateKeyToJwk(opts.signWith ?? holder), alg: 'EdDSA' }, 'EdDSA');
  return new jose.SignJWT({ aud: t.url, nonce, iat: Math.floor(T0.getTime() / 1000) })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'openid4vci-proof+jwt', kid: `${did}#${did.slice(8)}` }).sign(key);
}

async function expectCode(res: Response, status: number, code: string, error?: string): Promise<Record<string, unknown>> {
  const body = await res.json() as Record<string, unknown>;
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  if (error) expect(body.error).toBe(error);
  return body;
}

describe('OpenID4VCI issuer (pre-authorized code flow)', () => {
  it('publishes credential issuer and authorization server metadata for OB 3.0 and CLR in ldp_vc and jwt_vc_json', async () => {
    const meta = await (await fetch(`${t.url}/.well-known/openid-credential-issuer`)).json() as Record<string, any>;
    expect(meta.credential_issuer).toBe(t.url);
    expect(Object.keys(meta.credential_configurations_supported).sort()).toEqual([
      'AchievementCredential_jwt_vc_json', 'AchievementCredential_ldp_vc', 'ClrCredential_jwt_vc_json', 'ClrCredential_ldp_vc',
    ]);
    expect(meta.credential_configurations_supported.AchievementCredential_ldp_vc.credential_signing_alg_values_supported).toEqual(['eddsa-rdfc-2022']);
    const as = await (await fetch(`${t.url}/.well-known/oauth-authorization-server`)).json() as Record<string, any>;
    expect(as.token_endpoint).toBe(`${t.url}/oid4vci/token`);
  });

  it('delivers an issued credential once, bound to the holder DID, through the @openid4vc client', async () => {
    const { id, credentialOffer } = await issueWithOffer();
    expect(credentialOffer.uri).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/);
    expect(credentialOffer.qrPng).toMatch(/^data:image\/png;base64,/);
    // Beside the standard link, the same offer as a link that opens our wallet page.
    expect(credentialOffer.walletUrl.startsWith(`${t.url}/wallet#offer=`)).toBe(true);
    expect(decodeURIComponent(new URL(credentialOffer.walletUrl).hash.slice('#offer='.length))).toBe(credentialOffer.uri);
    const offer = await client.resolveCredentialOffer(credentialOffer.uri);
    expect(offer.credential_configuration_ids).toEqual(['AchievementCredential_ldp_vc', 'AchievementCredential_jwt_vc_json']);
    const metadata = await client.resolveIssuerMetadata(offer.credential_issuer);
    const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer: offer, issuerMetadata: metadata });
    const { c_nonce } = await client.requestNonce({ issuerMetadata: metadata });
    const { jwt } = await client.createCredentialRequestJwtProof({
      issuerMetadata: metadata, credentialConfigurationId: 'AchievementCredential_ldp_vc', nonce: c_nonce,
      signer: { method: 'did', didUrl: `${holderDid}#${holderDid.slice(8)}`, alg: 'EdDSA' }, issuedAt: T0,
    });
    const { credentialResponse } = await client.retrieveCredentials({
      issuerMetadata: metadata, accessToken: accessTokenResponse.access_token, credentialConfigurationId: 'AchievementCredential_ldp_vc', proof: { proof_type: 'jwt', jwt },
    });
    // Whether the client asked in the 1.0 shape (credentials[]) or the draft one (credential), one credential comes back.
    const first = credentialResponse.credentials?.[0] as { credential: unknown } | undefined;
    const vc = (first?.credential ?? credentialResponse.credential) as Record<string, any>;
    expect(vc.id).toBe(id);
    expect(vc.credentialSubject.id).toBe(holderDid);
    expect(vc.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    // The copy keeps the record's status entries: revoking the record revokes what the wallet holds.
    const stored = JSON.parse((await t.store.getCredential(id))!.record) as Record<string, any>;
    expect(vc.credentialStatus).toEqual(stored.credentialStatus);

    // Used once: the same offer again, and the same access token again, are refused.
    await expectCode(await token(codeOf(credentialOffer.uri)), 400, 'OFFER_USED', 'invalid_grant');
    const again = await (await fetch(`${t.url}/oid4vci/nonce`, { method: 'POST' })).json() as { c_nonce: string };
    await expectCode(await credentialRequest(accessTokenResponse.access_token, { credential_configuration_id: 'AchievementCredential_ldp_vc', proof: { proof_type: 'jwt', jwt: await proofJwt(again.c_nonce) } }), 400, 'OFFER_USED');
  });

  it('delivers jwt_vc_json: a vc+jwt whose subject is the holder', async () => {
    const { credentialOffer } = await issueWithOffer();
    const tok = await (await token(codeOf(credentialOffer.uri))).json() as { access_token: string; c_nonce: string };
    const res = await credentialRequest(tok.access_token, { credential_configuration_id: 'AchievementCredential_jwt_vc_json', proof: { proof_type: 'jwt', jwt: await proofJwt(tok.c_nonce) } });
    const text = await res.text();
    expect({ status: res.status, text: text.slice(0, 300) }).toEqual({ status: 200, text: expect.stringContaining('credentials') });
    const jwt = (JSON.parse(text) as { credentials: { credential: string }[] }).credentials[0]!.credential;
    const payload = jose.decodeJwt(jwt) as Record<string, any>;
    expect(jose.decodeProtectedHeader(jwt).typ).toBe('vc+jwt');
    expect(payload.credentialSubject.id).toBe(holderDid);
  });

  it('refuses a wrong pre-authorized code and an expired offer, changing nothing stored', async () => {
    const { credentialOffer } = await issueWithOffer();
    const before = dbFingerprint(t.store.db);
    await expectCode(await token('not-a-code'), 400, 'PRE_AUTHORIZED_CODE_INVALID', 'invalid_grant');
    t.setNow(new Date(T0.getTime() + 91 * 86_400_000));
    try {
      await expectCode(await token(codeOf(credentialOffer.uri)), 400, 'OFFER_EXPIRED', 'invalid_grant');
    } finally {
      t.setNow(T0);
    }
    expect(dbFingerprint(t.store.db) === before).toBe(true);
    await expectCode(await fetch(`${t.url}/oid4vci/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=password' }), 400, 'TOKEN_REQUEST_INVALID');
  });

  it('asks for the PIN, counts wrong ones and spends the offer after three', async () => {
    const { id } = await issueWithOffer({ ...ISSUE_FROM_CATALOGUE });
    const made = await post(t, '/oid4vci/offers', { credentialIds: [id], txCode: true });
    expect(made.status).toBe(201);
    const offer = await made.json() as { uri: string; walletUrl: string; txCode: string };
    expect(offer.txCode).toMatch(/^\d{6}$/);
    expect(offer.walletUrl).toBe(`${t.url}/wallet#offer=${encodeURIComponent(offer.uri)}`);
    // The PIN's shape and a short description a wallet shows beside its PIN field.
    const grant = (JSON.parse(new URL(offer.uri).searchParams.get('credential_offer')!) as { grants: Record<string, { tx_code?: unknown }> }).grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']!;
    expect(grant.tx_code).toEqual({ input_mode: 'numeric', length: 6, description: 'PIN sent to you with this offer' });
    const code = codeOf(offer.uri);
    const wrong = offer.txCode === '000000' ? '111111' : '000000';
    await expectCode(await token(code), 400, 'TX_CODE_REQUIRED', 'invalid_request');
    expect((await expectCode(await token(code, { tx_code: wrong }), 400, 'TX_CODE_WRONG', 'invalid_grant')).attemptsLeft).toBe(2);
    expect((await expectCode(await token(code, { tx_code: wrong }), 400, 'TX_CODE_WRONG')).attemptsLeft).toBe(1);
    await expectCode(await token(code, { tx_code: wrong }), 400, 'TX_CODE_LOCKED');
    await expectCode(await token(code, { tx_code: offer.txCode }), 400, 'TX_CODE_LOCKED');

    const fresh = await (await post(t, '/oid4vci/offers', { credentialIds: [id], txCode: true })).json() as { uri: string; txCode: string };
    expect((await token(codeOf(fresh.uri), { tx_code: fresh.txCode })).status).toBe(200);
  });

  it('refuses a missing proof, a stale or unknown nonce, a proof signed by another key and an unsupported configuration', async () => {
    const { credentialOffer } = await issueWithOffer();
    const tok = await (await token(codeOf(credentialOffer.uri))).json() as { access_token: string; c_nonce: string };
    const cfg = { credential_configuration_id: 'AchievementCredential_ldp_vc' };
    const before = dbFingerprint(t.store.db);
    await expectCode(await credentialRequest(tok.access_token, cfg), 400, 'PROOF_MISSING', 'invalid_proof');
    await expectCode(await credentialRequest(tok.access_token, { ...cfg, proof: { proof_type: 'jwt', jwt: await proofJwt('never-issued') } }), 400, 'PROOF_NONCE_STALE', 'invalid_nonce');
    const other = await generateKeyPair();
    await expectCode(await credentialRequest(tok.access_token, { ...cfg, proof: { proof_type: 'jwt', jwt: await proofJwt(tok.c_nonce, { signWith: other }) } }), 400, 'PROOF_INVALID', 'invalid_proof');
    await expectCode(await credentialRequest(tok.access_token, { credential_configuration_id: 'UniversityDegree_ldp_vc', proof: { proof_type: 'jwt', jwt: await proofJwt(tok.c_nonce) } }), 400, 'CREDENTIAL_CONFIGURATION_UNSUPPORTED');
    await expectCode(await credentialRequest(tok.access_token, { credential_configuration_id: 'ClrCredential_ldp_vc', proof: { proof_type: 'jwt', jwt: await proofJwt(tok.c_nonce) } }), 400, 'CREDENTIAL_CONFIGURATION_UNSUPPORTED');
    await expectCode(await credentialRequest('forged.token.here', { ...cfg, proof: { proof_type: 'jwt', jwt: await proofJwt(tok.c_nonce) } }), 401, 'ACCESS_TOKEN_INVALID', 'invalid_token');
    expect(dbFingerprint(t.store.db) === before).toBe(true);

    // The nonce is single use: the first request spends it, a replay of the same proof is stale.
    const proof = { proof_type: 'jwt', jwt: await proofJwt(tok.c_nonce) };
    expect((await credentialRequest(tok.access_token, { ...cfg, proof })).status).toBe(200);
    const second = await issueWithOffer();
    const tok2 = await (await token(codeOf(second.credentialOffer.uri))).json() as { access_token: string };
    await expectCode(await credentialRequest(tok2.access_token, { ...cfg, proof }), 400, 'PROOF_NONCE_STALE');
  });
});

// Our wallet (`lp wallet receive OFFER_URI`) against Sphereon's @sphereon/oid4vci-issuer, an
// independent issuer library, behind a thin express app on 127.0.0.1 port 0. The credential is an
// OB 3.0 AchievementCredential that Sphereon's signer callback signs with @digitalbazaar/vc
// (eddsa-rdfc-2022) under a foreign did:key the wallet's trust bundle names: our wallet must
// redeem the offer, prove possession of its key, and keep the credential only after verifying it.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import * as jose from 'jose';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { MemoryStates, VcIssuerBuilder, createAccessTokenResponse } from '@sphereon/oid4vci-issuer';
import type { CNonceState, CredentialOfferSession, Jwt, JwtVerifyResult } from '@sphereon/oid4vci-common';
import { createDocumentLoader } from '@lp/contexts';
import { didKeyFromPublicKey, keyPairFromSeed, multikeyFromPublicKey, publicKeyFromDidKey, publicKeyToJwk, secretMultikeyFromSeed } from '@lp/crypto';
import { buildTrustBundle, describeIssuer, signTrustBundle } from '@lp/trust';
import { party } from '../../packages/verify/test/lib/make-world.ts';
import { givenCredential } from '../../issuer/test/issuer-helpers.ts';

const LP = fileURLToPath(new URL('../../cli/bin/lp.js', import.meta.url));
const NOW = new Date();

let work: string;
let server: Server;
let base = '';
let offerUri = '';
let issuerDid = '';
let holder = '';

const wallet = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const env = { PATH: process.env.PATH ?? '', HOME: work, LP_WALLET_DIR: join(work, 'w'), LP_PASSPHRASE: 'learner pass', LP_NOW: NOW.toISOString() };
    execFile(process.execPath, [LP, 'wallet', ...args], { cwd: work, env }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'lp-wallet-sphereon-'));
  const seed = new Uint8Array(32).fill(11);
  const issuerKey = await keyPairFromSeed(seed);
  issuerDid = didKeyFromPublicKey(issuerKey.publicKey);
  const vm = `${issuerDid}#${issuerDid.slice(8)}`;
  const signingKey = await Ed25519Multikey.from({ id: vm, controller: issuerDid, type: 'Multikey', publicKeyMultibase: multikeyFromPublicKey(issuerKey.publicKey), secretKeyMultibase: secretMultikeyFromSeed(seed) });
  const suite = new DataIntegrityProof({ signer: signingKey.signer(), cryptosuite: eddsaRdfc2022 });
  const documentLoader = createDocumentLoader();
  const accessKey = await jose.generateKeyPair('EdDSA');

  const app = express();
  app.disable('x-powered-by');
  server = await new Promise((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
  const a = server.address();
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;

  const asMetadata = { issuer: base, token_endpoint: `${base}/token`, grant_types_supported: ['urn:ietf:params:oauth:grant-type:pre-authorized_code'], 'pre-authorized_grant_anonymous_access_supported': true };
  const cNonces = new MemoryStates<CNonceState>();
  const sessions = new MemoryStates<CredentialOfferSession>();
  const vcIssuer = new VcIssuerBuilder()
    .withCredentialIssuer(base)
    .withAuthorizationServers(base)
    .withCredentialEndpoint(`${base}/credentials`)
    .withTokenEndpoint(`${base}/token`)
    .withNonceEndpoint(`${base}/nonce`)
    .withIssuerDisplay({ name: 'Sphereon test issuer', locale: 'en' })
    .withCredentialConfigurationsSupported({
      OpenBadge_ldp_vc: {
        format: 'ldp_vc',
        credential_definition: { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'], type: ['VerifiableCredential', 'AchievementCredential'] },
        cryptographic_binding_methods_supported: ['did:key'],
        credential_signing_alg_values_supported: ['eddsa-rdfc-2022'],
        proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['EdDSA'] } },
        credential_metadata: { display: [{ name: 'Open Badge', locale: 'en' }] },
      } as never,
    })
    .withAuthorizationMetadata(asMetadata as never)
    .withCNonceStateManager(cNonces)
    .withCredentialOfferStateManager(sessions)
    .withInMemoryCredentialOfferURIState()
    // The wallet's proof, verified against the did:key its header names (Sphereon asks the host to resolve keys).
    .withJWTVerifyCallback(async ({ jwt }: { jwt: string }): Promise<JwtVerifyResult> => {
      const header = jose.decodeProtectedHeader(jwt);
      const did = String(header.kid).split('#')[0]!;
      const key = await jose.importJWK({ ...publicKeyToJwk(publicKeyFromDidKey(did)), alg: 'EdDSA' }, 'EdDSA');
      const { payload } = await jose.jwtVerify(jwt, key);
      return { jwt: { header, payload } as unknown as Jwt, kid: String(header.kid), alg: String(header.alg), did, didDocument: { id: did } };
    })
    .withCredentialSignerCallback(async ({ credential, jwtVerifyResult }) => {
      const unsigned = { ...(credential as Record<string, unknown>) };
      unsigned.credentialSubject = { ...(unsigned.credentialSubject as object), id: jwtVerifyResult.did };
      return await vc.issue({ credential: unsigned, suite, documentLoader }) as never;
    })
    .build();

  app.get('/.well-known/openid-credential-issuer', (_req, res) => { res.json(vcIssuer.issuerMetadata); });
  app.get('/.well-known/oauth-authorization-server', (_req, res) => {
    res.json(asMetadata);
  });
  app.post('/token', express.urlencoded({ extended: false }), async (req, res) => {
    try {
      res.json(await createAccessTokenResponse(req.body, {
        credentialOfferSessions: sessions, cNonces, tokenExpiresIn: 300, accessTokenIssuer: base,
        accessTokenSignerCallback: async (jwt: Jwt) => new jose.SignJWT(jwt.payload as jose.JWTPayload).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' }).sign(accessKey.privateKey),
      }));
    } catch (e) {
      res.status(400).json({ error: 'invalid_grant', error_description: (e as Error).message });
    }
  });
  // OpenID4VCI 1.0 §7: Sphereon keeps c_nonces in a state manager; the host serves the endpoint.
  app.post('/nonce', async (_req, res) => {
    const cNonce = crypto.randomUUID();
    await cNonces.set(cNonce, { cNonce, createdAt: Date.now() });
    res.set('Cache-Control', 'no-store').json({ c_nonce: cNonce });
  });
  app.post('/credentials', express.json(), async (req, res) => {
    try {
      const token = String(req.get('authorization') ?? '').replace(/^(Bearer|DPoP) /, '');
      const { payload } = await jose.jwtVerify(token, accessKey.publicKey);
      const credential = givenCredential({ id: issuerDid, type: ['Profile'], name: 'Sphereon test issuer' });
      res.json(await vcIssuer.issueCredential({
        credentialRequest: req.body, issuerCorrelation: { preAuthorizedCode: String(payload.preAuthorizedCode) },
        credential: { ...credential, id: `urn:uuid:${crypto.randomUUID()}`, validFrom: NOW.toISOString() } as never,
      }));
    } catch (e) {
      res.status(400).json({ error: 'invalid_credential_request', error_description: (e as Error).message });
    }
  });

  const offer = await vcIssuer.createCredentialOfferURI({
    credential_configuration_ids: ['OpenBadge_ldp_vc'],
    grants: { 'urn:ietf:params:oauth:grant-type:pre-authorized_code': { 'pre-authorized_code': 'sphereon-code-1' } } as never,
    offerMode: 'VALUE',
  } as never);
  offerUri = offer.uri;

  const init = await wallet(['init']);
  expect(init.code).toBe(0);
  holder = init.stdout.trim().split('\n').at(-1)!;
  const anchor = await party(1);
  const fragment = describeIssuer({ id: issuerDid, keys: [{ id: vm, publicKey: issuerDid.slice(8) }], names: { en: 'Sphereon test issuer' }, kind: 'school', now: NOW });
  const payload = buildTrustBundle({ fragments: [fragment], sequence: 1, issuedAt: NOW.toISOString(), expires: new Date(NOW.getTime() + 90 * 86400_000).toISOString(), anchorDid: anchor.did });
  writeFileSync(join(work, 'bundle.json'), JSON.stringify(await signTrustBundle(payload, anchor.keyPair)));
  expect((await wallet(['trust', 'bundle.json', '--anchor', anchor.did])).code).toBe(0);
}, 300_000);

afterAll(async () => {
  await new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
});

describe('our wallet against Sphereon\'s OpenID4VCI issuer', () => {
  test('redeems the offer, proves possession of its key and keeps the credential only once it verifies VALID', async () => {
    expect(offerUri).toMatch(/^openid-credential-offer:\/\//);
    const r = await wallet(['receive', offerUri, '--json']);
    expect(r.stderr).toBe('');
    const line = JSON.parse(r.stdout) as { outcome: string; id: string; verdict: string };
    expect(line).toMatchObject({ outcome: 'added', verdict: 'VALID' });
    const shown = JSON.parse((await wallet(['show', line.id, '--json'])).stdout) as { issuer: { id: string }; credentialSubject: { id: string } };
    expect(shown.issuer.id).toBe(issuerDid);
    expect(shown.credentialSubject.id).toBe(holder);
  }, 300_000);
});

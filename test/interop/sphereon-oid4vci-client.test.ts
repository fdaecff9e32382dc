// Sphereon's OpenID4VCI client (an independent implementation) against our issuer on port 0:
// it resolves our offer, redeems the pre-authorized code, proves possession of its own key and
// receives a credential that our verifier and @digitalbazaar/vc both accept, bound to its DID.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as jose from 'jose';
import { OpenID4VCIClientV1_0_15 } from '@sphereon/oid4vci-client';
import type { Jwt } from '@sphereon/oid4vci-common';
import { didKeyFromPublicKey, generateKeyPair, privateKeyToJwk } from '@lp/crypto';
import type { Ed25519KeyPair } from '@lp/crypto';
import { contextDigests } from '@lp/contexts';
import { buildTrustBundle, signTrustBundle, verifyTrustBundle } from '@lp/trust';
import type { TrustFragment } from '@lp/trust';
import { verifyAny } from '@lp/verify';
import { keyPairFromSeed } from '@lp/crypto';
import { ISSUE_FROM_CATALOGUE, post, startTestIssuer, T0, verifyDi } from '../../issuer/test/issuer-helpers.ts';
import type { TestIssuer } from '../../issuer/test/issuer-helpers.ts';

let t: TestIssuer;
let holder: Ed25519KeyPair;
let holderDid: string;

beforeAll(async () => {
  t = await startTestIssuer();
  holder = await generateKeyPair();
  holderDid = didKeyFromPublicKey(holder.publicKey);
});
afterAll(async () => { await t.stop(); });

/** Sphereon's proof callback: it builds header and payload, the wallet key signs them. */
async function signCallback(jwt: Jwt): Promise<string> {
  const key = await jose.importJWK({ ...privateKeyToJwk(holder), alg: 'EdDSA' }, 'EdDSA');
  return new jose.SignJWT(jwt.payload as jose.JWTPayload).setProtectedHeader({ ...jwt.header, alg: 'EdDSA' } as jose.JWTHeaderParameters).sign(key);
}

async function ourVerdict(credential: object): Promise<string> {
  const fragment = await (await fetch(`${t.url}/trust/fragment`)).json() as TrustFragment;
  const anchor = await keyPairFromSeed(new Uint8Array(32).fill(7));
  const anchorDid = didKeyFromPublicKey(anchor.publicKey);
  const jws = await signTrustBundle(buildTrustBundle({ fragments: [fragment], sequence: 1, issuedAt: T0, expires: '2027-01-01T00:00:00Z', anchorDid, contexts: contextDigests() }), anchor);
  const bundle = await verifyTrustBundle(JSON.stringify(jws), { anchors: [anchorDid], now: T0 });
  if (!bundle.ok) throw new Error(`bundle refused: ${bundle.code}`);
  return (await verifyAny(credential, { bundle, now: new Date(T0.getTime() + 60_000) })).verdict;
}

describe('Sphereon @sphereon/oid4vci-client against our OpenID4VCI issuer', () => {
  it('receives an OB 3.0 credential (ldp_vc) bound to its did:key that our verifier and @digitalbazaar/vc accept', async () => {
    const issued = await post(t, '/credentials/issue', { ...ISSUE_FROM_CATALOGUE, options: { ...ISSUE_FROM_CATALOGUE.options, pickup: true } });
    const { id, credentialOffer } = await issued.json() as { id: string; credentialOffer: { uri: string } };

    const client = await OpenID4VCIClientV1_0_15.fromURI({ uri: credentialOffer.uri, kid: `${holderDid}#${holderDid.slice(8)}`, alg: 'EdDSA', retrieveServerMetadata: true });
    await client.acquireAccessToken();
    const response = await client.acquireCredentials({
      credentialConfigurationId: 'AchievementCredential_ldp_vc', credentialTypes: ['VerifiableCredential', 'AchievementCredential'],
      format: 'ldp_vc', proofCallbacks: { signCallback }, kid: `${holderDid}#${holderDid.slice(8)}`, alg: 'EdDSA',
    });
    const r = response as unknown as { credential?: unknown; credentials?: { credential: unknown }[] };
    const credential = (r.credentials?.[0]?.credential ?? r.credential) as Record<string, any>;
    expect(credential.id).toBe(id);
    expect(credential.credentialSubject.id).toBe(holderDid);

    expect((await verifyDi(credential)).verified).toBe(true);
    expect(await ourVerdict(credential)).toBe('VALID');
  });
});

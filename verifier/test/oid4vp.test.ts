// OpenID4VP 1.0 (DCQL, direct_post) at the verifier: a request made on port 0, answered by the
// holder side of @openid4vc/openid4vp (resolve, create, submit) carrying a presentation our
// wallet core signs; VALID once, then RESPONSE_ALREADY_RECEIVED; a presentation for another nonce
// or another audience is refused with its code.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import express from 'express';
import {
  createOpenid4vpAuthorizationResponse, parseOpenid4vpAuthorizationRequest, resolveOpenid4vpAuthorizationRequest, submitOpenid4vpAuthorizationResponse,
} from '@openid4vc/openid4vp';
import { createDocumentLoader, contextDigests } from '@lp/contexts';
import { didKeyFromPublicKey, keyPairFromSeed } from '@lp/crypto';
import { createJoseCallbacks } from '@lp/oid4vc';
import { buildTrustBundle, signTrustBundle, verifyTrustBundle } from '@lp/trust';
import type { TrustFragment, VerifiedTrustBundle } from '@lp/trust';
import { createHolderKey, createPresentation, importCredential, memoryStorage, Vault } from '../../wallet/src/index.ts';
import { createOid4vpRouter } from '../src/oid4vp/create-oid4vp-router.ts';
import { ISSUE_FROM_CATALOGUE, post, startTestIssuer, T0, tempDir } from '../../issuer/test/issuer-helpers.ts';
import { startServer } from '../../cli/src/server.ts';
import fs from 'node:fs';
import path from 'node:path';
import type { TestIssuer } from '../../issuer/test/issuer-helpers.ts';
import { answerPresentationRequest } from '../../wallet/src/oid4vc/answer-presentation-request.ts';
import Database from 'better-sqlite3';

const NOW = new Date(T0.getTime() + 60_000);
const documentLoader = createDocumentLoader();
const callbacks = { ...createJoseCallbacks(), fetch } as never;
let issuer: TestIssuer;
let server: Server;
let url = '';
let bundle: VerifiedTrustBundle;
let vault: Vault;
let jwsText = '';
let anchorOf = '';
/** The router's clock: tests move it past a request's lifetime. */
let clock = NOW;

beforeAll(async () => {
  issuer = await startTestIssuer();
  const holder = await createHolderKey();
  vault = await Vault.create(memoryStorage(), { profile: 'amal', passphrase: 'amal pass', holder, now: NOW });
  const res = await post(issuer, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, subject: { ...ISSUE_FROM_CATALOGUE.options.subject, id: holder.did } } });
  const issued = await res.json() as { verifiableCredential: object };
  const fragment = await (await fetch(`${issuer.url}/trust/fragment`)).json() as TrustFragment;
  const anchor = await keyPairFromSeed(new Uint8Array(32).fill(3));
  const anchorDid = didKeyFromPublicKey(anchor.publicKey);
  const jws = await signTrustBundle(buildTrustBundle({ fragments: [fragment], sequence: 1, issuedAt: T0, expires: '2027-01-01T00:00:00Z', anchorDid, contexts: contextDigests() }), anchor);
  jwsText = JSON.stringify(jws);
  anchorOf = anchorDid;
  const v = await verifyTrustBundle(JSON.stringify(jws), { anchors: [anchorDid], now: T0 });
  if (!v.ok) throw new Error(v.code);
  bundle = v;
  await importCredential(vault, { fullRecord: JSON.stringify(issued.verifiableCredential), source: 'file' }, { bundle, now: NOW });

  const app = express();
  server = await new Promise((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
  const a = server.address();
  url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  app.use(createOid4vpRouter({ baseUrl: url, context: () => ({ bundle }), documentLoader, now: () => clock }));
}, 120_000);
afterAll(async () => {
  await new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
  await issuer.stop();
});

async function newRequest(): Promise<{ id: string; uri: string; qrPng: string; nonce: string; clientId: string; expiresAt: string; readKey: string }> {
  const res = await fetch(`${url}/oid4vp/requests`, { method: 'POST' });
  expect(res.status).toBe(201);
  return await res.json() as never;
}

/** The holder side, by the library: read the request, sign a presentation, post it to response_uri. */
async function answer(uri: string, sign: { challenge?: string; domain?: string } = {}): Promise<Response> {
  const parsed = parseOpenid4vpAuthorizationRequest({ authorizationRequest: uri });
  const resolved = await resolveOpenid4vpAuthorizationRequest({ authorizationRequestPayload: parsed.params as never, callbacks, responseMode: { type: 'direct_post' } } as never);
  const request = resolved.authorizationRequestPayload as { nonce: string; client_id: string };
  const vp = await createPresentation(vault, { challenge: sign.challenge ?? request.nonce, domain: sign.domain ?? request.client_id, documentLoader, now: NOW });
  const response = await createOpenid4vpAuthorizationResponse({ authorizationRequestPayload: request as never, authorizationResponsePayload: { vp_token: { learning_record: [vp] } } as never, callbacks });
  const submitted = await submitOpenid4vpAuthorizationResponse({ authorizationRequestPayload: request as never, authorizationResponsePayload: response.authorizationResponsePayload, callbacks });
  return submitted.response as unknown as Response;
}

describe('OpenID4VP request at the verifier (DCQL, direct_post)', () => {
  it('makes a request with our DCQL query, a nonce and a client id, shown as a QR', async () => {
    const r = await newRequest();
    expect(r.uri).toMatch(/^openid4vp:\/\/\?/);
    expect(r.qrPng).toMatch(/^data:image\/png;base64,/);
    const params = new URL(r.uri).searchParams;
    expect(JSON.parse(params.get('dcql_query')!).credentials[0].format).toBe('ldp_vc');
    expect(params.get('response_mode')).toBe('direct_post');
    expect(params.get('nonce')).toBe(r.nonce);
    expect(params.get('client_id')).toBe(r.clientId);
  });

  it('accepts the wallet\'s presentation once (VALID, shown to the page), then RESPONSE_ALREADY_RECEIVED', async () => {
    const r = await newRequest();
    expect(r.expiresAt).toBe(new Date(NOW.getTime() + 300_000).toISOString());
    expect(await (await fetch(`${url}/oid4vp/requests/${r.id}`)).json()).toEqual({ status: 'pending', expiresAt: r.expiresAt });
    const first = await answer(r.uri);
    expect(first.status).toBe(200);
    const page = await (await fetch(`${url}/oid4vp/requests/${r.id}`)).json() as { status: string; verdict: string };
    expect([page.status, page.verdict]).toEqual(['answered', 'VALID']);
    // The records presented go only to the page holding the request's read key.
    expect(page).not.toHaveProperty('records');
    const withKey = await (await fetch(`${url}/oid4vp/requests/${r.id}`, { headers: { 'X-LP-Read-Key': r.readKey } })).json() as { records: { type: string[] }[] };
    expect(withKey.records.map((c) => c.type)).toEqual([['VerifiableCredential', 'AchievementCredential']]);
    const wrongKey = await (await fetch(`${url}/oid4vp/requests/${r.id}`, { headers: { 'X-LP-Read-Key': 'not-the-key' } })).json();
    expect(wrongKey).not.toHaveProperty('records');
    const second = await answer(r.uri);
    expect(second.status).toBe(409);
    expect(((await second.json()) as { code: string }).code).toBe('RESPONSE_ALREADY_RECEIVED');
    // A wallet page on another origin reads either answer (test/browser/wallet-openid.test.ts).
    expect([first.headers.get('access-control-allow-origin'), second.headers.get('access-control-allow-origin')]).toEqual(['*', '*']);
  });

  it('refuses a presentation signed for another nonce or another audience', async () => {
    const wrongNonce = await newRequest();
    const r1 = await answer(wrongNonce.uri, { challenge: 'lpc_not-this-one' });
    const b1 = await r1.json() as { verdict: string; presentations: { checks: { code: string }[] }[] };
    expect([r1.status, b1.verdict]).toEqual([422, 'INVALID']);
    expect(b1.presentations[0]!.checks.map((c) => c.code)).toEqual(['PRESENTATION_CHALLENGE_MISMATCH']);

    const wrongAudience = await newRequest();
    const r2 = await answer(wrongAudience.uri, { domain: 'redirect_uri:https://elsewhere.example/cb' });
    const b2 = await r2.json() as { verdict: string; presentations: { checks: { code: string }[] }[] };
    expect([r2.status, b2.verdict]).toEqual([422, 'INVALID']);
    expect(b2.presentations[0]!.checks.map((c) => c.code)).toEqual(['PRESENTATION_DOMAIN_MISMATCH']);
  });
});

describe('OpenID4VP request lifetime', () => {
  it('an unanswered request reads as expired after 5 minutes, and an answer then is REQUEST_EXPIRED (nothing recorded)', async () => {
    const r = await newRequest();
    clock = new Date(NOW.getTime() + 300_000);
    try {
      expect(await (await fetch(`${url}/oid4vp/requests/${r.id}`)).json()).toEqual({ status: 'expired', expiresAt: r.expiresAt });
      const late = await answer(r.uri);
      expect(late.status).toBe(410);
      expect(((await late.json()) as { code: string }).code).toBe('REQUEST_EXPIRED');
      expect(((await (await fetch(`${url}/oid4vp/requests/${r.id}`)).json()) as { status: string }).status).toBe('expired');
    } finally {
      clock = NOW;
    }
  });

  it('an answer that could not be checked (the trust source failed) reads as UNKNOWN VERIFICATION_FAILED, not as pending for ever', async () => {
    const app = express();
    const broken: Server = await new Promise((r) => { const srv = app.listen(0, '127.0.0.1', () => r(srv)); });
    const a = broken.address();
    const base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
    app.use(createOid4vpRouter({ baseUrl: base, context: () => { throw new Error('bundle unreadable'); }, documentLoader, now: () => NOW }));
    try {
      const r = await (await fetch(`${base}/oid4vp/requests`, { method: 'POST' })).json() as { id: string; uri: string; readKey: string };
      expect((await answer(r.uri)).status).toBe(500);
      const read = await (await fetch(`${base}/oid4vp/requests/${r.id}`, { headers: { 'X-LP-Read-Key': r.readKey } })).json() as { status: string; verdict: string; error: string; records: unknown[] };
      expect([read.status, read.verdict, read.error, read.records.length]).toEqual(['answered', 'UNKNOWN', 'VERIFICATION_FAILED', 1]);
    } finally {
      await new Promise<void>((r) => { broken.closeAllConnections(); broken.close(() => r()); });
    }
  });

  it('an unknown request is REQUEST_NOT_FOUND, to the page and to a wallet', async () => {
    const res = await fetch(`${url}/oid4vp/requests/no-such-request`);
    expect([res.status, ((await res.json()) as { code: string }).code]).toEqual([404, 'REQUEST_NOT_FOUND']);
    const posted = await fetch(`${url}/oid4vp/responses/no-such-request`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'vp_token=%7B%7D' });
    expect([posted.status, ((await posted.json()) as { code: string }).code]).toEqual([404, 'REQUEST_NOT_FOUND']);
  });
});

describe('OpenID4VP in lp serve', () => {
  it('serves POST /oid4vp/requests with the response URI under the address it is reached at, and takes the answer', async () => {
    const tmp = tempDir('lp-oid4vp-serve-');
    fs.writeFileSync(path.join(tmp.dir, 'bundle.json'), jwsText);
    const served = await startServer({ port: 0, env: { LP_TRUST_BUNDLE: path.join(tmp.dir, 'bundle.json'), LP_TRUST_ANCHORS: anchorOf, LP_DATA_DIR: path.join(tmp.dir, 'data'), LP_DEMO: '0' }, cwd: tmp.dir, log: () => {}, now: () => NOW });
    try {
      const res = await fetch(`${served.url}/oid4vp/requests`, { method: 'POST' });
      expect(res.status).toBe(201);
      const r = await res.json() as { uri: string; id: string };
      expect(new URL(r.uri).searchParams.get('response_uri')).toBe(`${served.url}/oid4vp/responses/${r.id}`);
      const answered = await answer(r.uri);
      expect(answered.status).toBe(200);
    } finally {
      await served.stop();
      tmp.cleanup();
    }
  }, 120_000);

  it('with an SQLite issuer in LP_DATA_DIR, a request made by one lp serve is answered at another on the same data directory', async () => {
    const tmp = tempDir('lp-oid4vp-sqlite-');
    fs.writeFileSync(path.join(tmp.dir, 'bundle.json'), jwsText);
    const env = { LP_TRUST_BUNDLE: path.join(tmp.dir, 'bundle.json'), LP_TRUST_ANCHORS: anchorOf, LP_DATA_DIR: issuer.dir, LP_DEMO: '0' };
    const one = await startServer({ port: 0, env, cwd: tmp.dir, log: () => {}, now: () => NOW });
    const two = await startServer({ port: 0, env, cwd: tmp.dir, log: () => {}, now: () => NOW });
    try {
      const r = await (await fetch(`${one.url}/oid4vp/requests`, { method: 'POST' })).json() as { id: string; uri: string };
      const toTwo: typeof fetch = (input, init) => fetch(String(input instanceof Request ? input.url : input).replace(one.url, two.url), init);
      const out = await answerPresentationRequest(vault, r.uri, { documentLoader, now: NOW, fetch: toTwo });
      expect([out.status, (out.body as { verdict: string }).verdict]).toEqual([200, 'VALID']);
      const read = await (await fetch(`${one.url}/oid4vp/requests/${r.id}`)).json() as { status: string; verdict: string };
      expect([read.status, read.verdict]).toEqual(['answered', 'VALID']);
      const db = new Database(path.join(issuer.dir, 'issuer.sqlite'), { readonly: true });
      try {
        expect(db.prepare('SELECT answered_at IS NOT NULL AS answered FROM oid4vp_requests WHERE id = ?').get(r.id)).toEqual({ answered: 1 });
      } finally {
        db.close();
      }
    } finally {
      await one.stop();
      await two.stop();
      tmp.cleanup();
    }
  }, 120_000);
});

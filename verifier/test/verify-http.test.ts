import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDocumentLoader } from '@lp/contexts';
import { signCredentialDi, signCredentialJwt } from '@lp/formats';
import { startServer, type RunningServer } from '../../cli/src/server.ts';
import { grade9, testKey } from './helpers.ts';

// POST /credentials/verify on the real server (cli/src/server.ts), port 0.
let server: RunningServer;
let signed: Record<string, unknown>;
let jwt: string;

beforeAll(async () => {
  server = await startServer({ port: 0, env: {}, cwd: process.cwd(), log: () => {} });
  const key = await testKey();
  const cred = grade9();
  (cred.issuer as Record<string, unknown>).id = key.did;
  signed = await signCredentialDi(cred, { keyPair: key.keyPair, verificationMethod: key.vm, documentLoader: createDocumentLoader() });
  jwt = await signCredentialJwt(cred, { keyPair: key.keyPair, kid: key.vm });
});
afterAll(() => server.stop());

const post = (body: string | Buffer, type = 'application/json') =>
  fetch(`${server.url}/credentials/verify`, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : new Uint8Array(body) });

describe('POST /credentials/verify', () => {
  it('a valid Data Integrity credential, no trust bundle on the server → 422 UNKNOWN: the issuer is not established', async () => {
    const res = await post(JSON.stringify({ verifiableCredential: signed, options: {} }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { verified: boolean; verdict: string; checks: { id: string; status: string; code: string }[] };
    expect(body).toMatchObject({ verified: false, verdict: 'UNKNOWN' });
    expect(body.checks.find((c) => c.id === 'signature')?.code).toBe('SIGNATURE_VALID');
    expect(body.checks.find((c) => c.id === 'issuer_trust')).toMatchObject({ status: 'unknown', code: 'TRUST_BUNDLE_MISSING' });
  });

  it('the narrower question (checks: proof, validity, profile) → 200 with the result', async () => {
    const res = await post(JSON.stringify({ verifiableCredential: signed, options: { checks: ['proof', 'validity', 'profile'] } }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { verified: boolean; verdict: string; checks: { id: string; code: string }[] };
    expect(body).toMatchObject({ verified: true, verdict: 'VALID' });
    expect(body.checks.find((c) => c.id === 'signature')?.code).toBe('SIGNATURE_VALID');
  });

  it('a valid vc+jwt string → 422 UNKNOWN without a bundle, 200 for checks: proof', async () => {
    expect((await post(JSON.stringify({ verifiableCredential: jwt }))).status).toBe(422);
    expect((await post(JSON.stringify({ verifiableCredential: jwt, options: { checks: ['proof'] } }))).status).toBe(200);
  });

  it('a tampered credential → 422 with the failing check', async () => {
    const t = structuredClone(signed) as { name: string };
    t.name += '!';
    const res = await post(JSON.stringify({ verifiableCredential: t }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { verdict: string; checks: { id: string; code: string }[] };
    expect(body.verdict).toBe('INVALID');
    expect(body.checks.find((c) => c.id === 'signature')?.code).toBe('SIGNATURE_INVALID');
  });

  it.each([
    ['not JSON', '{"verifiableCredential": ', 'BODY_NOT_JSON'],
    ['no verifiableCredential', '{"credential": {}}', 'BODY_INVALID'],
    ['verifiableCredential a number', '{"verifiableCredential": 5}', 'BODY_INVALID'],
    ['an unknown check', '{"verifiableCredential": {}, "options": {"checks": ["colour"]}}', 'BODY_INVALID'],
    ['a credential sent as JSON text in a string', () => JSON.stringify({ verifiableCredential: JSON.stringify(signed) }), 'BODY_INVALID'],
    ['a seal in a string', '{"verifiableCredential": "LP1:6BF..."}', 'BODY_INVALID'],
    ['a key twice in the credential', () => JSON.stringify({ verifiableCredential: signed }).replace('"verifiableCredential":{', '"verifiableCredential":{"name":"Forged",'), 'JSON_DUPLICATE_KEY'],
    ['a key twice at the top', () => `{"verifiableCredential": ${JSON.stringify(signed)}, "verifiableCredential": {}}`, 'JSON_DUPLICATE_KEY'],
    ['invalid UTF-8', () => Buffer.concat([Buffer.from('{"verifiableCredential": {"name": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}}')]), 'ENCODING_INVALID'],
  ] as [string, string | (() => string | Buffer), string][])('%s → 400 problem+json', async (_l, body, code) => {
    const res = await post(typeof body === 'function' ? body() : body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 400, code });
  });

  it('over 1 MB → 413 problem+json', async () => {
    const res = await post(JSON.stringify({ verifiableCredential: { pad: 'x'.repeat(1024 * 1024 + 10) } }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
  });

  it('text/plain → 415 problem+json', async () => {
    const res = await post(JSON.stringify({ verifiableCredential: signed }), 'text/plain');
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDocumentLoader } from '@lp/contexts';
import { signCredentialDi, signCredentialJwt } from '@lp/formats';
import { startServer, type RunningServer } from '../../cli/src/server.ts';
import { testKey } from './helpers.ts';

// POST /credentials/verify as the W3C suites call it: `options: {checks: ['proof']}` (VC-API names).
let server: RunningServer;
let signed: Record<string, unknown>;
let key: Awaited<ReturnType<typeof testKey>>;
const loader = createDocumentLoader();

beforeAll(async () => {
  server = await startServer({ port: 0, env: {}, cwd: process.cwd(), log: () => {} });
  key = await testKey();
  signed = await sign({});
});
afterAll(() => server.stop());

function sign(extra: Record<string, unknown>): Promise<Record<string, unknown>> {
  const cred = {
    '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: key.did,
    validFrom: '2026-01-01T00:00:00Z', credentialSubject: { id: 'did:example:subject' }, ...extra,
  };
  return signCredentialDi(cred, { keyPair: key.keyPair, verificationMethod: key.vm, documentLoader: loader });
}

const verify = async (verifiableCredential: unknown, checks: string[]) => {
  const res = await fetch(`${server.url}/credentials/verify`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verifiableCredential, options: { checks } }),
  });
  return { status: res.status, body: (await res.json()) as { verified?: boolean; code?: string; checks?: { id: string; status: string; code: string }[] } };
};

describe('POST /credentials/verify with VC-API check names', () => {
  it("'proof' means the signature check → 200", async () => {
    const r = await verify(signed, ['proof']);
    expect(r.status).toBe(200);
    expect(r.body.verified).toBe(true);
    expect(r.body.checks?.find((c) => c.id === 'signature')).toMatchObject({ status: 'pass', code: 'SIGNATURE_VALID' });
  });

  it("'credentialStatus' and our own ids are accepted; an unknown name is a 400", async () => {
    expect((await verify(signed, ['proof', 'credentialStatus', 'validity'])).status).toBe(200);
    const r = await verify(signed, ['teleport']);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('BODY_INVALID');
  });

  it('a malformed document fails even when only the proof was asked for (parse always counts)', async () => {
    // Signed as is: validUntil before validFrom is a data-model error, not a signature error.
    const bad = await sign({ validUntil: '2025-01-01T00:00:00Z' });
    const r = await verify(bad, ['proof']);
    expect(r.status).toBe(422);
    expect(r.body.checks?.find((c) => c.id === 'parse')).toMatchObject({ status: 'fail', code: 'CREDENTIAL_MALFORMED' });
  });

  it('a credential sent as JSON text inside a string is not a map: 400, never verified', async () => {
    // What the W3C vc-di-eddsa suite sends for "securedDocument is not a map".
    for (const text of [JSON.stringify(signed), `  \n${JSON.stringify(signed)}`, JSON.stringify([signed])]) {
      const r = await verify(text, ['proof']);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('BODY_INVALID');
    }
  });

  it('a proof that is null is not a map: 422', async () => {
    const r = await verify({ ...signed, proof: null }, ['proof']);
    expect(r.status).toBe(422);
    expect(r.body.verified).toBe(false);
  });

  it('a related resource we hold with a wrong digest fails parse even under checks: [proof] (VC 2.0 §5.3); a right one passes', async () => {
    const V2 = 'https://www.w3.org/ns/credentials/v2';
    const wrong = await sign({ relatedResource: [{ id: V2, digestSRI: 'sha384-NSOcNpmdIVUxIJGvGUoe22FjTWrXiaXlsZ8q6912LdnR3KraQO2n75Ica4wK4Qeg' }] });
    const r = await verify(wrong, ['proof']);
    expect(r.status).toBe(422);
    expect(r.body.checks?.find((c) => c.id === 'parse')).toMatchObject({ status: 'fail', code: 'RELATED_RESOURCE_DIGEST_MISMATCH' });
    const right = await sign({ relatedResource: [{ id: V2, digestSRI: 'sha384-l/HrjlBCNWyAX91hr6LFV2Y3heB5Tcr6IeE4/Tje8YyzYBM8IhqjHWiWpr8+ZbYU' }] });
    expect((await verify(right, ['proof'])).status).toBe(200);
  });

  it('the same related-resource answer for the vc+jwt form of a credential', async () => {
    const cred = (relatedResource: unknown) => ({
      '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: key.did,
      validFrom: '2026-01-01T00:00:00Z', credentialSubject: { id: 'did:example:subject' }, relatedResource,
    });
    const V2 = 'https://www.w3.org/ns/credentials/v2';
    const wrong = await signCredentialJwt(cred({ id: V2, digestMultibase: 'uEiB' + 'A'.repeat(43) }), { keyPair: key.keyPair, kid: key.vm });
    const r = await verify(wrong, ['proof']);
    expect(r.status).toBe(422);
    expect(r.body.checks?.find((c) => c.id === 'parse')).toMatchObject({ status: 'fail', code: 'RELATED_RESOURCE_DIGEST_MISMATCH' });
    const right = await signCredentialJwt(cred({ id: V2, digestMultibase: 'uEiBZlVztZpfWHgPyslVv6-UwirFoQoRvW1htfx963sknNA' }), { keyPair: key.keyPair, kid: key.vm });
    expect((await verify(right, ['proof'])).status).toBe(200);
  });

  it('credentialSubject [] (or a non-object subject) fails parse with CREDENTIAL_SUBJECT_MISSING, under checks: [proof] too, in both forms', async () => {
    const jwtOf = (credentialSubject: unknown) => signCredentialJwt({
      '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: key.did,
      validFrom: '2026-01-01T00:00:00Z', credentialSubject,
    }, { keyPair: key.keyPair, kid: key.vm });
    // Signed as they are (the signature is good), and sent unsigned-over (what the W3C VC-API
    // verifier suite does: the signed vector with its subject replaced).
    const inputs: [unknown, string][] = [
      [await sign({ credentialSubject: [] }), 'CREDENTIAL_SUBJECT_MISSING'], [{ ...signed, credentialSubject: [] }, 'CREDENTIAL_SUBJECT_MISSING'],
      [await jwtOf([]), 'CREDENTIAL_SUBJECT_MISSING'], [await jwtOf([4]), 'CREDENTIAL_SUBJECT_MISSING'],
      // A string subject in a Data Integrity record: @digitalbazaar/vc's own rule catches it first.
      [{ ...signed, credentialSubject: ['did:example:x'] }, 'CREDENTIAL_MALFORMED'],
    ];
    for (const [input, code] of inputs) {
      for (const checks of [['proof'], ['proof', 'credentialStatus', 'validity', 'profile']]) {
        const r = await verify(input, checks);
        expect(r.status).toBe(422);
        expect(r.body.checks?.find((c) => c.id === 'parse')).toMatchObject({ status: 'fail', code });
      }
    }
  });
});

import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createDocumentLoader } from '@lp/contexts';
import { FormatsError, signCredentialDi, signCredentialJwt, verifyCredentialJwt, verifyFullRecord } from '../src/index.ts';
import { grade9, issuerKey, LP_CONTEXT, NOW, readJson } from './helpers/fixtures.ts';

const documentLoader = createDocumentLoader();
let key: Awaited<ReturnType<typeof issuerKey>>;
beforeAll(async () => {
  key = await issuerKey();
});

function clrTranscript(issuerDid: string): Record<string, unknown> {
  const text = JSON.stringify(readJson('test/fixtures/example-clr-credential-grade9-transcript.json'));
  const cred = JSON.parse(text.replaceAll('https://learning-passport.example/contexts/lp-v1.jsonld', LP_CONTEXT)) as Record<string, unknown>;
  (cred.issuer as Record<string, unknown>).id = issuerDid;
  delete cred.proof; // the fixture's top-level proof is an elided placeholder
  return cred;
}

describe('CLR 2.0 transcript (test/fixtures, context URL replaced by the permanent one)', () => {
  it('signs and verifies as Data Integrity', async () => {
    const signed = await signCredentialDi(clrTranscript(key.did), { keyPair: key.keyPair, verificationMethod: key.vm, created: NOW, documentLoader });
    const r = await verifyFullRecord(JSON.stringify(signed), { now: NOW, documentLoader });
    expect(r.checks.find((c) => c.id === 'signature')?.code).toBe('SIGNATURE_VALID');
    expect(r.checks.find((c) => c.id === 'profile')?.status).toBe('pass');
    expect(r.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}:${c.status}:${c.code}`)).toEqual(['status:unknown:STATUS_NOT_CHECKED']);
    // Its status entry was not checked (no checkStatus given): never VALID by omission.
    expect(r.verdict).toBe('UNKNOWN');
  });
});

describe('FormatsError for what cannot be signed', () => {
  it.each([
    ['an array', []],
    ['null', null],
  ])('%s → CREDENTIAL_INVALID', async (_l, input) => {
    await expect(signCredentialDi(input as unknown as object, { keyPair: key.keyPair, verificationMethod: key.vm, documentLoader })).rejects.toMatchObject({ code: 'CREDENTIAL_INVALID' });
    await expect(signCredentialJwt(input as unknown as object, { keyPair: key.keyPair, kid: key.vm })).rejects.toMatchObject({ code: 'CREDENTIAL_INVALID' });
  });

  it('an undeclared property → CREDENTIAL_NOT_SIGNABLE naming it', async () => {
    const cred = { ...grade9(key.did), favouriteColour: 'blue' };
    const err = await signCredentialDi(cred, { keyPair: key.keyPair, verificationMethod: key.vm, documentLoader }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FormatsError);
    expect((err as FormatsError).code).toBe('CREDENTIAL_NOT_SIGNABLE');
    expect((err as FormatsError).message).toContain('favouriteColour');
  });

  it('a context that is not bundled → CREDENTIAL_NOT_SIGNABLE', async () => {
    const cred = grade9(key.did);
    (cred['@context'] as string[]).push('https://contexts.example.org/x');
    await expect(signCredentialDi(cred, { keyPair: key.keyPair, verificationMethod: key.vm, documentLoader })).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_SIGNABLE' });
  });

  it('a 64-byte secret key or an empty kid → KEY_INVALID', async () => {
    const keyPair = { publicKey: key.keyPair.publicKey, secretKey: new Uint8Array(64) };
    await expect(signCredentialDi(grade9(key.did), { keyPair, verificationMethod: key.vm, documentLoader })).rejects.toMatchObject({ code: 'KEY_INVALID' });
    await expect(signCredentialJwt(grade9(key.did), { keyPair: key.keyPair, kid: '' })).rejects.toMatchObject({ code: 'KEY_INVALID' });
  });

  it('a JWT payload without issuer → CREDENTIAL_INVALID', async () => {
    const cred = grade9(key.did);
    delete cred.issuer;
    await expect(signCredentialJwt(cred, { keyPair: key.keyPair, kid: key.vm })).rejects.toMatchObject({ code: 'CREDENTIAL_INVALID' });
  });
});

describe('properties', () => {
  it('vc+jwt: any name (any Unicode) round-trips VALID and unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), async (name) => {
        const cred = { ...grade9(key.did), name };
        const jwt = await signCredentialJwt(cred, { keyPair: key.keyPair, kid: key.vm, now: NOW });
        const r = await verifyCredentialJwt(jwt, { now: NOW });
        expect(r.checks.find((c) => c.id === 'signature')?.code).toBe('SIGNATURE_VALID');
        expect(r.credential?.name).toBe(name);
      }),
      { numRuns: 25 },
    );
  });

  it('Data Integrity: any name round-trips with a valid signature; changing it breaks it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), async (name) => {
        const signed = await signCredentialDi({ ...grade9(key.did), name }, { keyPair: key.keyPair, verificationMethod: key.vm, created: NOW, documentLoader });
        const ok = await verifyFullRecord(signed, { now: NOW, documentLoader });
        expect(ok.checks.find((c) => c.id === 'signature')?.code).toBe('SIGNATURE_VALID');
        const bad = await verifyFullRecord({ ...signed, name: `${name}x` }, { now: NOW, documentLoader });
        expect(bad.checks.find((c) => c.id === 'signature')?.code).toBe('SIGNATURE_INVALID');
      }),
      { numRuns: 4 },
    );
  });
});

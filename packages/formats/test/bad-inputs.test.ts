import { afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { base64url } from 'jose';
import { sign } from '@lp/crypto';
import { createDocumentLoader } from '@lp/contexts';
import type { Check } from '@lp/model';
import { MAX_FULL_RECORD_BYTES, signCredentialDi, signCredentialJwt, verifyFullRecord, type FullRecordResult } from '../src/index.ts';
import { grade9, issuerKey, NOW } from './helpers/fixtures.ts';

// Every bad input gets its own stable code and an INVALID verdict; nothing throws, nothing is
// fetched (a spy replaces globalThis.fetch for the whole file).
const documentLoader = createDocumentLoader();
const P256_DID = 'did:key:zDnaegE6RR3atJtHKwTRTWHsJ3kNHqFwv7n9YjTgmU7TyfU76';
let key: Awaited<ReturnType<typeof issuerKey>>;
let signed: Record<string, unknown> & { proof: Record<string, unknown> };
let jwt: string;

const realFetch = globalThis.fetch;
let fetchSpy: jest.Mock<typeof fetch>;
beforeEach(() => {
  fetchSpy = jest.fn<typeof fetch>();
  globalThis.fetch = fetchSpy;
});
afterEach(() => {
  globalThis.fetch = realFetch;
  expect(fetchSpy).not.toHaveBeenCalled();
});

beforeAll(async () => {
  key = await issuerKey();
  signed = (await signCredentialDi(grade9(key.did), { keyPair: key.keyPair, verificationMethod: key.vm, created: NOW, documentLoader })) as typeof signed;
  jwt = await signCredentialJwt(grade9(key.did), { keyPair: key.keyPair, kid: key.vm, now: NOW });
});

function failing(r: FullRecordResult): Check {
  expect(r.verdict).toBe('INVALID');
  const f = r.checks.filter((c) => c.status === 'fail');
  expect(f.length).toBeGreaterThan(0);
  return f[0]!;
}

const verify = (input: string | Uint8Array | object) => verifyFullRecord(input, { now: NOW, documentLoader });
const tamper = (fn: (c: typeof signed) => void) => {
  const c = structuredClone(signed);
  fn(c);
  return JSON.stringify(c);
};

async function jwtWith(header: Record<string, unknown>, payload: Record<string, unknown>, sig?: string): Promise<string> {
  const input = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}`;
  return `${input}.${sig ?? base64url.encode(await sign(key.keyPair.secretKey, new TextEncoder().encode(input)))}`;
}

describe('decode', () => {
  it.each([
    ['empty string', ''],
    ['only whitespace', ' \n\t '],
    ['empty bytes', new Uint8Array(0)],
  ])('%s → INPUT_EMPTY', async (_l, input) => {
    expect(failing(await verify(input))).toMatchObject({ id: 'decode', code: 'INPUT_EMPTY' });
  });

  it.each([
    ['truncated JSON', '{"@context": ['],
    ['trailing garbage', '{} x'],
    ['an array', '[1,2]'],
    ['a bare word', 'hello'],
  ])('%s → JSON_MALFORMED', async (_l, input) => {
    expect(failing(await verify(input))).toMatchObject({ id: 'decode', code: 'JSON_MALFORMED' });
  });

  it('a signed record with a key twice (the second copy changes the result) → JSON_DUPLICATE_KEY with its path, text and bytes', async () => {
    const text = JSON.stringify(signed).replace('"credentialSubject":{', '"credentialSubject":{"result":[{"type":["Result"],"value":"599"}],');
    for (const input of [text, new TextEncoder().encode(text)]) {
      expect(failing(await verify(input))).toMatchObject({ id: 'decode', code: 'JSON_DUPLICATE_KEY', details: { path: '$.credentialSubject.result' } });
    }
  });

  it('over 10 MB (string and bytes) → INPUT_TOO_LARGE, refused before JSON.parse', async () => {
    const parse = jest.spyOn(JSON, 'parse');
    try {
      const big = `{"a":"${'x'.repeat(MAX_FULL_RECORD_BYTES)}"}`;
      expect(failing(await verify(big))).toMatchObject({ id: 'decode', code: 'INPUT_TOO_LARGE' });
      expect(failing(await verify(new TextEncoder().encode(big)))).toMatchObject({ id: 'decode', code: 'INPUT_TOO_LARGE' });
      // 6M Arabic letters (2 bytes each in UTF-8): under 10 M characters but over 10 MB.
      const wide = `{"a":"${'ع'.repeat(6 * 1024 * 1024)}"}`;
      expect(failing(await verify(wide))).toMatchObject({ code: 'INPUT_TOO_LARGE' });
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });
});

describe('Data Integrity', () => {
  it('the untouched credential passes every check it can run; its unchecked status leaves it UNKNOWN (control)', async () => {
    const r = await verify(JSON.stringify(signed));
    expect(r.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}:${c.status}:${c.code}`)).toEqual(['status:unknown:STATUS_NOT_CHECKED']);
    // Its status entry was not checked (no checkStatus given): never VALID by omission.
    expect(r.verdict).toBe('UNKNOWN');
  });

  it('missing required OB 3.0 field (achievement) → profile PROFILE_INVALID', async () => {
    const cred = grade9(key.did);
    delete (cred.credentialSubject as Record<string, unknown>).achievement;
    const s = await signCredentialDi(cred, { keyPair: key.keyPair, verificationMethod: key.vm, created: NOW, documentLoader });
    const r = await verify(JSON.stringify(s));
    expect(r.checks.find((c) => c.id === 'signature')?.status).toBe('pass');
    expect(failing(r)).toMatchObject({ id: 'profile', code: 'PROFILE_INVALID' });
  });

  it('no proof → PROOF_MISSING', async () => {
    expect(failing(await verify(tamper((c) => delete (c as Record<string, unknown>).proof)))).toMatchObject({ id: 'signature', code: 'PROOF_MISSING' });
  });

  // A proof this verifier does not understand is reported, not judged: the signature check could
  // not run, so the verdict is UNKNOWN (never VALID by omission, never INVALID for what we cannot read).
  it.each([['ecdsa-rdfc-2019'], ['bbs-2023']])('cryptosuite %s alone → signature unknown PROOF_CRYPTOSUITE_UNSUPPORTED', async (suite) => {
    const r = await verify(tamper((c) => (c.proof.cryptosuite = suite)));
    expect(r.verdict).toBe('UNKNOWN');
    expect(r.checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'unknown', code: 'PROOF_CRYPTOSUITE_UNSUPPORTED', details: { cryptosuite: suite } });
  });

  it('an eddsa-rdfc-2022 signature relabelled eddsa-jcs-2022 → SIGNATURE_INVALID (JCS is understood, and this one does not verify)', async () => {
    expect(failing(await verify(tamper((c) => (c.proof.cryptosuite = 'eddsa-jcs-2022'))))).toMatchObject({ id: 'signature', code: 'SIGNATURE_INVALID' });
  });

  it('the proof relabelled Ed25519Signature2020 → SIGNATURE_INVALID', async () => {
    expect(failing(await verify(tamper((c) => (c.proof.type = 'Ed25519Signature2020'))))).toMatchObject({ id: 'signature', code: 'SIGNATURE_INVALID' });
  });

  it.each([
    ['not multibase z', (v: string) => `u${v.slice(1)}`],
    ['63 bytes', (v: string) => v.slice(0, -2)],
    ['not base58 (0OIl)', (v: string) => `${v.slice(0, 10)}0OIl${v.slice(14)}`],
    ['empty', () => ''],
    ['huge', (v: string) => v.repeat(100)],
  ])('proofValue %s → PROOF_VALUE_MALFORMED', async (_l, change) => {
    expect(failing(await verify(tamper((c) => (c.proof.proofValue = change(c.proof.proofValue as string)))))).toMatchObject({ id: 'signature', code: 'PROOF_VALUE_MALFORMED' });
  });

  it('verification method a P-256 did:key → VERIFICATION_METHOD_NOT_ED25519', async () => {
    const r = await verify(tamper((c) => {
      c.proof.verificationMethod = `${P256_DID}#${P256_DID.slice(8)}`;
      (c.issuer as Record<string, unknown>).id = P256_DID;
    }));
    expect(failing(r)).toMatchObject({ id: 'signature', code: 'VERIFICATION_METHOD_NOT_ED25519' });
  });

  it('unknown @context URL → CONTEXT_NOT_BUNDLED, nothing fetched', async () => {
    const r = await verify(tamper((c) => (c['@context'] as string[]).push('https://contexts.example.org/unknown/v1')));
    expect(failing(r)).toMatchObject({ id: 'signature', code: 'CONTEXT_NOT_BUNDLED', details: { url: 'https://contexts.example.org/unknown/v1' } });
  });

  it('undeclared property added after signing → JSONLD_SAFE_MODE', async () => {
    const r = await verify(tamper((c) => ((c.credentialSubject as Record<string, unknown>).favouriteColour = 'blue')));
    expect(failing(r)).toMatchObject({ id: 'signature', code: 'JSONLD_SAFE_MODE' });
  });

  it.each([
    ['the Arabic achievement name', (c: typeof signed) => {
      const a = (c.credentialSubject as { achievement: { name: string } }).achievement;
      a.name = a.name.replace('ا', 'أ');
    }],
    ['the score', (c: typeof signed) => ((c.credentialSubject as { result: { value?: string }[] }).result[0]!.value = '552')],
    ['the issuer name', (c: typeof signed) => ((c.issuer as { name: string }).name += '.')],
    ['validFrom', (c: typeof signed) => (c.validFrom = '2024-07-21T00:00:00Z')],
  ])('one character changed in %s → SIGNATURE_INVALID', async (_l, change) => {
    expect(failing(await verify(tamper(change)))).toMatchObject({ id: 'signature', code: 'SIGNATURE_INVALID' });
  });

  it('signed by another key than the issuer → ISSUER_KEY_MISMATCH', async () => {
    const other = await issuerKey(9);
    const s = await signCredentialDi(grade9(key.did), { keyPair: other.keyPair, verificationMethod: other.vm, created: NOW, documentLoader });
    expect(failing(await verify(JSON.stringify(s)))).toMatchObject({ id: 'signature', code: 'ISSUER_KEY_MISMATCH' });
  });
});

describe('vc+jwt', () => {
  it('the untouched JWT passes every check it can run; its unchecked status leaves it UNKNOWN (control)', async () => {
    const r = await verify(jwt);
    expect(r.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}:${c.status}:${c.code}`)).toEqual(['status:unknown:STATUS_NOT_CHECKED']);
    // Its status entry was not checked (no checkStatus given): never VALID by omission.
    expect(r.verdict).toBe('UNKNOWN');
  });

  it.each([['none'], ['HS256'], ['HS512'], ['PS256'], ['ES384'], ['Ed25519']])('alg %s → JWT_ALG_NOT_ALLOWED', async (alg) => {
    const payload = { ...grade9(key.did), iss: key.did };
    const token = await jwtWith({ alg, typ: 'vc+jwt', kid: key.vm }, payload, alg === 'none' ? '' : undefined);
    expect(failing(await verify(token))).toMatchObject({ code: 'JWT_ALG_NOT_ALLOWED' });
  });

  it.each([['RS256'], ['ES256']])('alg %s with no key from a trust bundle → signature unknown JWT_KEY_UNRESOLVED (never the header\'s word)', async (alg) => {
    const token = await jwtWith({ alg, typ: 'vc+jwt', kid: key.vm }, { ...grade9(key.did), iss: key.did });
    const r = await verify(token);
    expect(r.verdict).toBe('UNKNOWN');
    expect(r.checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'unknown', code: 'JWT_KEY_UNRESOLVED' });
  });

  it('typ JWT → JWT_TYP_INVALID', async () => {
    const token = await jwtWith({ alg: 'EdDSA', typ: 'JWT', kid: key.vm }, { ...grade9(key.did), iss: key.did });
    expect(failing(await verify(token))).toMatchObject({ code: 'JWT_TYP_INVALID' });
  });

  it('iss ≠ issuer → JWT_ISS_MISMATCH', async () => {
    const token = await jwtWith({ alg: 'EdDSA', typ: 'vc+jwt', kid: key.vm }, { ...grade9(key.did), iss: 'did:web:evil.example' });
    expect(failing(await verify(token))).toMatchObject({ code: 'JWT_ISS_MISMATCH' });
  });

  it('signed with a did:key that is not the issuer → ISSUER_KEY_MISMATCH', async () => {
    const other = await issuerKey(9);
    const token = await signCredentialJwt(grade9(key.did), { keyPair: other.keyPair, kid: other.vm, now: NOW });
    expect(failing(await verify(token))).toMatchObject({ id: 'signature', code: 'ISSUER_KEY_MISMATCH' });
  });

  it.each([
    ['cut in the signature', (t: string) => t.slice(0, -10)],
    ['cut in the payload', (t: string) => t.slice(0, t.indexOf('.') + 20)],
    ['cut after the header', (t: string) => t.slice(0, t.indexOf('.'))],
    ['extra part', (t: string) => `${t}.abc`],
  ])('truncated/malformed JWT (%s) → JWT_MALFORMED', async (_l, cut) => {
    expect(failing(await verify(cut(jwt)))).toMatchObject({ code: 'JWT_MALFORMED' });
  });

  it.each([
    ['payload', (t: string) => { const i = t.indexOf('.') + 30; return t.slice(0, i) + (t[i] === 'A' ? 'B' : 'A') + t.slice(i + 1); }],
    ['signature', (t: string) => { const i = t.length - 20; return t.slice(0, i) + (t[i] === 'A' ? 'B' : 'A') + t.slice(i + 1); }],
  ])('one character changed in the %s → SIGNATURE_INVALID or JWT_MALFORMED', async (_l, change) => {
    expect(['SIGNATURE_INVALID', 'JWT_MALFORMED']).toContain(failing(await verify(change(jwt))).code);
  });

  it('a validly signed vc+jwt whose payload has a key twice → JSON_DUPLICATE_KEY (RFC 7515 §5.2)', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'EdDSA', typ: 'vc+jwt', kid: key.vm }));
    const body = JSON.stringify({ ...grade9(key.did), iss: key.did }).replace(/^\{/, '{"iss":"did:web:evil.example",');
    const input = `${header}.${base64url.encode(body)}`;
    const token = `${input}.${base64url.encode(await sign(key.keyPair.secretKey, new TextEncoder().encode(input)))}`;
    expect(failing(await verify(token))).toMatchObject({ id: 'parse', code: 'JSON_DUPLICATE_KEY' });
  });

  it('one character changed inside the decoded payload (re-encoded) → SIGNATURE_INVALID', async () => {
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const payload = JSON.parse(new TextDecoder().decode(base64url.decode(p))) as Record<string, unknown>;
    (payload.credentialSubject as { result: { value?: string }[] }).result[0]!.value = '552';
    const token = `${h}.${base64url.encode(JSON.stringify(payload))}.${s}`;
    expect(failing(await verify(token))).toMatchObject({ id: 'signature', code: 'SIGNATURE_INVALID' });
  });
});

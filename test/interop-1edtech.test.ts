// Credentials issued on other stacks verify here through a trust bundle that lists their issuers:
// every OB 3.0 / CLR 2.0 example of 1EdTech's validator (test/vectors/1edtech, one row per file)
// and credentials of the Digital Credentials Consortium (test/vectors/dcc). The bundle is built the
// way an anchor does it: describeIssuer (what `lp trust describe-issuer` runs) per foreign issuer,
// buildTrustBundle, signTrustBundle, then verifyTrustBundle as a verifier does. Nothing is fetched.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createPrivateKey, createSign, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CompactSign, importJWK } from 'jose';
import { createDocumentLoader } from '@lp/contexts';
import { didKeyFromPublicKey, keyPairFromSeed, multikeyFromPublicKey } from '@lp/crypto';
import { signCredentialDi } from '@lp/formats';
import { buildStatusListCredential, createBitstring, encodeList, setBit, statusEntry } from '@lp/status';
import { describeIssuer, type TrustFragment, type VerifiedTrustBundle } from '@lp/trust';
import { verifyAny, type VerificationResult } from '@lp/verify';
import { lp, tempDir } from '../issuer/test/issuer-helpers.ts';

import { DCC, EDTECH, EXAMPLE_COM, EXAMPLE_EDU, foreignFragments, K1, makeBundle, NOW, read, signedBundle, VECTORS } from './lib/foreign-issuers.ts';
import { startServer, type RunningServer } from '../cli/src/server.ts';

let bundle: VerifiedTrustBundle;
const realFetch = globalThis.fetch;
let fetchSpy: jest.Mock<typeof fetch>;
beforeAll(async () => {
  bundle = await makeBundle(foreignFragments());
});
beforeEach(() => {
  fetchSpy = jest.fn<typeof fetch>();
  globalThis.fetch = fetchSpy;
});
afterEach(() => {
  globalThis.fetch = realFetch;
  expect(fetchSpy).not.toHaveBeenCalled();
});

const verify = (input: string | object, b: VerifiedTrustBundle | undefined = bundle) => verifyAny(input, { bundle: b, now: NOW });
const check = (r: VerificationResult, id: string) => r.checks.find((c) => c.id === id)!;

type Row = [file: string, verdict: 'VALID' | 'INVALID' | 'UNKNOWN', check: string, status: 'pass' | 'fail' | 'unknown', code: string];
// One row per file: the verdict and the check that decides it. VALID rows name the signature.
const ROWS: Row[] = [
  ['clr20/complex.json', 'VALID', 'signature', 'pass', 'SIGNATURE_VALID'],
  ['clr20/simple-noproof.json', 'INVALID', 'signature', 'fail', 'PROOF_MISSING'],
  ['clr20/simple.json', 'VALID', 'signature', 'pass', 'SIGNATURE_VALID'],
  // RS256 verifies with the bundle's key; the payload uses CLR's draft context, which no profile accepts.
  ['clr20/simple.jwt', 'INVALID', 'profile', 'fail', 'PROFILE_INVALID'],
  // Signed under a draft context URL that was never published: nothing to canonicalize with.
  ['clr20/simple_old_safesigned.json', 'INVALID', 'signature', 'fail', 'CONTEXT_NOT_BUNDLED'],
  ['clr20/simple_v1.json', 'VALID', 'signature', 'pass', 'SIGNATURE_VALID'],
  // statusListIndex is a JSON number; VC Bitstring Status List §2.1 makes it a string of digits.
  ['ob30/bit-string-list/credential-status-revoked-blank-nodes.json', 'INVALID', 'status', 'fail', 'STATUS_ENTRY_MALFORMED'],
  ['ob30/bit-string-list/credential-status-revoked.json', 'INVALID', 'status', 'fail', 'STATUS_ENTRY_MALFORMED'],
  // A valid proof, but its status is a 1EdTechRevocationList, which cannot be read here.
  ['ob30/complete.json', 'UNKNOWN', 'status', 'unknown', 'STATUS_TYPE_UNSUPPORTED'],
  ['ob30/complete_v1.json', 'INVALID', 'validity', 'fail', 'EXPIRED'],
  ['ob30/credential-status-revoked.json', 'UNKNOWN', 'status', 'unknown', 'STATUS_TYPE_UNSUPPORTED'],
  ['ob30/endorsement-err-schema-status-refresh.json', 'INVALID', 'signature', 'fail', 'SIGNATURE_INVALID'],
  ['ob30/endorsement-valid.json', 'VALID', 'signature', 'pass', 'SIGNATURE_VALID'],
  // ecdsa-sd-2023 is not verified here (reported, not judged); its language-map name fails OB 3.0's string.
  ['ob30/sd/derivedcredential.json', 'INVALID', 'signature', 'unknown', 'PROOF_CRYPTOSUITE_UNSUPPORTED'],
  ['ob30/simple-context-alias.json', 'VALID', 'signature', 'pass', 'SIGNATURE_VALID'],
  ['ob30/simple-context-version.json', 'VALID', 'signature', 'pass', 'SIGNATURE_VALID'],
  ['ob30/simple-did-key-method.json', 'VALID', 'signature', 'pass', 'SIGNATURE_VALID'],
  ['ob30/simple-did-web-method.json', 'VALID', 'signature', 'pass', 'SIGNATURE_VALID'],
  // "eddsa-2022" is the draft name of the suite; only the standard names are understood.
  ['ob30/simple-eddsa-2022.json', 'UNKNOWN', 'signature', 'unknown', 'PROOF_CRYPTOSUITE_UNSUPPORTED'],
  ['ob30/simple-err-context.json', 'INVALID', 'parse', 'fail', 'CREDENTIAL_MALFORMED'],
  ['ob30/simple-err-credential-subject-achievement-result-description-type.json', 'INVALID', 'signature', 'fail', 'JSONLD_SAFE_MODE'],
  ['ob30/simple-err-credential-subject-identifier-type.json', 'INVALID', 'signature', 'fail', 'JSONLD_SAFE_MODE'],
  ['ob30/simple-err-credential-subject-profile-type.json', 'INVALID', 'signature', 'fail', 'JSONLD_SAFE_MODE'],
  ['ob30/simple-err-credential-subject-result-type.json', 'INVALID', 'signature', 'fail', 'JSONLD_SAFE_MODE'],
  ['ob30/simple-err-credential-subject-type.json', 'INVALID', 'signature', 'fail', 'JSONLD_SAFE_MODE'],
  ['ob30/simple-err-evidence-type.json', 'INVALID', 'signature', 'fail', 'JSONLD_SAFE_MODE'],
  ['ob30/simple-err-expired.json', 'INVALID', 'validity', 'fail', 'EXPIRED'],
  ['ob30/simple-err-issued.json', 'INVALID', 'validity', 'fail', 'NOT_YET_VALID'],
  ['ob30/simple-err-issuer-otheridentifier-type.json', 'INVALID', 'signature', 'fail', 'JSONLD_SAFE_MODE'],
  ['ob30/simple-err-issuer-parentorg-type.json', 'INVALID', 'signature', 'fail', 'JSONLD_SAFE_MODE'],
  ['ob30/simple-err-issuer-type.json', 'INVALID', 'signature', 'fail', 'JSONLD_SAFE_MODE'],
  ['ob30/simple-err-issuer.json', 'INVALID', 'parse', 'fail', 'CREDENTIAL_MALFORMED'],
  ['ob30/simple-err-proof-method-no-scheme.json', 'INVALID', 'signature', 'fail', 'VERIFICATION_METHOD_INVALID'],
  // Methods the bundle does not list for a listed issuer: the signature cannot be checked.
  ['ob30/simple-err-proof-method-unknown-did-method.json', 'UNKNOWN', 'signature', 'unknown', 'VERIFICATION_METHOD_UNKNOWN'],
  ['ob30/simple-err-proof-method-unknown-scheme.json', 'UNKNOWN', 'signature', 'unknown', 'VERIFICATION_METHOD_UNKNOWN'],
  ['ob30/simple-err-proof-method.json', 'UNKNOWN', 'signature', 'unknown', 'VERIFICATION_METHOD_UNKNOWN'],
  ['ob30/simple-err-proof-value.json', 'INVALID', 'signature', 'fail', 'SIGNATURE_INVALID'],
  ['ob30/simple-err-type.json', 'INVALID', 'signature', 'fail', 'JSONLD_SAFE_MODE'],
  ['ob30/simple-jwt.png-itxt.jwt', 'VALID', 'signature', 'pass', 'SIGNATURE_VALID'],
  ['ob30/simple-jwt_v1.png-itxt.jwt', 'VALID', 'signature', 'pass', 'SIGNATURE_VALID'],
  ['ob30/simple-multiple-proofs.json', 'VALID', 'signature', 'pass', 'SIGNATURE_VALID'],
  ['ob30/simple-noproof.json', 'INVALID', 'signature', 'fail', 'PROOF_MISSING'],
  ['ob30/simple.json', 'VALID', 'signature', 'pass', 'SIGNATURE_VALID'],
  // Neither kid nor jwk: none of the issuer's bundled RS256 keys signed it.
  ['ob30/simple.jwt', 'INVALID', 'signature', 'fail', 'SIGNATURE_INVALID'],
  ['ob30/simple_v1.json', 'VALID', 'signature', 'pass', 'SIGNATURE_VALID'],
  // A Velocity Network issuer no anchor listed here.
  ['ob30/velocity.jwt', 'INVALID', 'issuer_trust', 'fail', 'ISSUER_NOT_TRUSTED'],
];

describe('1EdTech validator examples, one row per file', () => {
  it('the table covers every example file', () => {
    const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    const files = walk(path.join(VECTORS, '1edtech')).filter((f) => /\.(json|jwt)$/.test(f)).map((f) => path.relative(path.join(VECTORS, '1edtech'), f)).sort();
    expect(files).toEqual(ROWS.map((r) => r[0]).sort());
  });

  it.each(ROWS)('%s → %s (%s %s %s)', async (file, verdict, id, status, code) => {
    const r = await verify(read(`1edtech/${file}`));
    expect(r.verdict).toBe(verdict);
    expect(check(r, id)).toMatchObject({ status, code });
    if (verdict === 'VALID') {
      expect(check(r, 'issuer_trust')).toMatchObject({ status: 'pass', code: 'ISSUER_TRUSTED' });
      expect(r.display?.issuer).toMatchObject({ listed: true });
    }
  });

  it('the examples the validator calls genuine are VALID only through a bundle that lists their issuer', async () => {
    const genuine = ROWS.filter((r) => r[1] === 'VALID').map((r) => r[0]);
    expect(genuine).toEqual(expect.arrayContaining(['ob30/simple.json', 'ob30/simple-did-key-method.json', 'ob30/simple-multiple-proofs.json', 'ob30/simple_v1.json', 'ob30/simple-context-version.json', 'clr20/simple.json', 'clr20/simple_v1.json']));
    const dccOnly = await makeBundle(foreignFragments().filter((f) => f.id === DCC));
    for (const file of genuine) {
      const r = await verify(read(`1edtech/${file}`), dccOnly);
      expect([file, r.verdict, check(r, 'issuer_trust').code]).toEqual([file, 'INVALID', 'ISSUER_NOT_TRUSTED']);
    }
  });

  it('what makes them pass: https method from the bundle, bare did:key, a proof set with an unknown proof, VC 1.1 + Ed25519Signature2020, RS256', async () => {
    const simple = await verify(read('1edtech/ob30/simple.json'));
    expect(check(simple, 'signature').details).toMatchObject({ verificationMethod: `${EXAMPLE_COM}#${K1}` });
    expect(simple.display?.issuer).toMatchObject({ id: EXAMPLE_COM, name: { text: 'Example issuer (1EdTech examples)' }, kind: 'university' });
    const bare = await verify(read('1edtech/ob30/simple-did-key-method.json'));
    expect(check(bare, 'issuer_trust').details).toMatchObject({ keyId: `did:key:${K1}` });
    const multi = await verify(read('1edtech/ob30/simple-multiple-proofs.json'));
    expect(check(multi, 'signature').details).toMatchObject({ unsupportedProofs: [{ type: 'SomeProofType' }] });
    const v1 = await verify(read('1edtech/ob30/simple_v1.json'));
    expect(check(v1, 'signature').message).toContain('Ed25519Signature2020');
    expect(check(v1, 'profile').details).toMatchObject({ dataModel: '1.1' });
    const rs = await verify(read('1edtech/ob30/simple-jwt.png-itxt.jwt'));
    expect(check(rs, 'signature').details).toMatchObject({ alg: 'RS256', kid: `${EDTECH}#rsa-1` });
    const clrJwt = await verify(read('1edtech/clr20/simple.jwt'));
    expect(check(clrJwt, 'signature')).toMatchObject({ status: 'pass', details: { alg: 'RS256', kid: `${EXAMPLE_EDU}#rsa-1` } });
  });
});

describe('DCC credentials', () => {
  it.each([
    ['v2NoStatus.json', 'VALID', 'Ed25519Signature2020'],
    ['v2OBv3SpecExample.json', 'VALID', 'eddsa-rdfc-2022'],
    ['v1OBv3SpecExample.json', 'VALID', 'eddsa-rdfc-2022'],
  ])('%s → %s (%s)', async (file, verdict, suite) => {
    const r = await verify(read(`dcc/${file}`));
    expect(r.verdict).toBe(verdict);
    expect(check(r, 'signature').message).toContain(suite);
    expect(r.display?.issuer).toMatchObject({ id: DCC, name: { text: 'DCC test issuer (Mock university)' } });
  });

  it('a proof set of eddsa-rdfc-2022 and Ed25519Signature2020: both proofs verify; the subject has neither id nor identifier (OB 3.0 §B.1.3) → PROFILE_INVALID', async () => {
    const r = await verify(read('dcc/v2DoubleSigWithValidStatus.json'));
    expect(check(r, 'signature')).toMatchObject({ status: 'pass', message: expect.stringContaining('all 2 proofs are valid') });
    expect(r.verdict).toBe('INVALID');
    expect(check(r, 'profile')).toMatchObject({ status: 'fail', code: 'PROFILE_INVALID' });
  });
});

describe('bad inputs', () => {
  it('an https verification method not in the bundle → UNKNOWN naming the method, never CONTEXT_NOT_BUNDLED', async () => {
    const r = await verify(read('1edtech/ob30/simple-err-proof-method.json'));
    const vm = 'https://example.edu/issuers/565049#z6MkjZRsdasZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
    expect(r.verdict).toBe('UNKNOWN');
    expect(check(r, 'signature')).toMatchObject({ status: 'unknown', code: 'VERIFICATION_METHOD_UNKNOWN', details: { verificationMethod: vm } });
    expect(check(r, 'issuer_trust')).toMatchObject({ status: 'unknown', code: 'KEY_NOT_IN_BUNDLE', details: { verificationMethod: vm } });
    expect(JSON.stringify(r.checks)).not.toContain('CONTEXT_NOT_BUNDLED');
  });

  it('an Ed25519Signature2020 proof over tampered data → SIGNATURE_INVALID', async () => {
    const c = JSON.parse(read('1edtech/ob30/simple_v1.json'));
    c.name += '!';
    const r = await verify(c);
    expect(r.verdict).toBe('INVALID');
    expect(check(r, 'signature')).toMatchObject({ status: 'fail', code: 'SIGNATURE_INVALID' });
  });

  describe('proof sets', () => {
    let withWitness: Record<string, unknown>;
    beforeAll(async () => {
      // A second, valid proof by a key nobody lists (a witness), beside 1EdTech's trusted proof.
      const witness = await keyPairFromSeed(new Uint8Array(32).fill(9));
      const did = didKeyFromPublicKey(witness.publicKey);
      const original = JSON.parse(read('1edtech/ob30/simple.json'));
      const { proof, ...unsigned } = original;
      const signed = await signCredentialDi(unsigned, { keyPair: witness, verificationMethod: `${did}#${did.slice(8)}`, created: NOW, documentLoader: createDocumentLoader() });
      withWitness = { ...unsigned, proof: [...[proof].flat(), signed.proof] };
    });

    it('the trusted proof and a valid witness proof → VALID, trust judged on the issuer\'s key', async () => {
      const r = await verify(withWitness);
      expect(r.verdict).toBe('VALID');
      expect(check(r, 'issuer_trust').details).toMatchObject({ keyId: `${EXAMPLE_COM}#${K1}` });
    });

    it('the only trusted proof fails (the witness proof is fine) → INVALID SIGNATURE_INVALID', async () => {
      const c = structuredClone(withWitness) as { proof: { proofValue: string }[] };
      const pv = c.proof[0]!.proofValue;
      c.proof[0]!.proofValue = pv.slice(0, 20) + (pv[20] === 'A' ? 'B' : 'A') + pv.slice(21);
      const r = await verify(c);
      expect(r.verdict).toBe('INVALID');
      expect(check(r, 'signature')).toMatchObject({ status: 'fail', code: 'SIGNATURE_INVALID', details: { verificationMethod: `${EXAMPLE_COM}#${K1}` } });
    });

    it('only the witness proof, by a key the issuer does not control → INVALID ISSUER_KEY_MISMATCH', async () => {
      const c = { ...withWitness, proof: (withWitness.proof as unknown[])[1] };
      const r = await verify(c);
      expect(r.verdict).toBe('INVALID');
      expect(check(r, 'signature')).toMatchObject({ status: 'fail', code: 'ISSUER_KEY_MISMATCH' });
    });
  });

  describe('JWTs signed by others', () => {
    const ISS = EXAMPLE_EDU;
    // The payload of 1EdTech's VC-JWT example of this issuer (typ JWT, credential in the vc claim).
    const payload = () => JSON.parse(Buffer.from(read('1edtech/ob30/simple-jwt_v1.png-itxt.jwt').trim().split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const sign = async (header: Record<string, unknown>, privateJwk: Record<string, unknown>, alg: string) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(payload()))).setProtectedHeader(header as { alg: string }).sign(await importJWK(privateJwk, alg));
    const pair = (opts: Parameters<typeof generateKeyPairSync>[1], type: 'rsa' | 'ec') => {
      const { privateKey, publicKey } = generateKeyPairSync(type as 'rsa', opts as { modulusLength: number });
      return { priv: privateKey.export({ format: 'jwk' }) as Record<string, unknown>, pub: publicKey.export({ format: 'jwk' }) as Record<string, unknown> };
    };

    it('ES256 and RS256 with a kid the bundle lists → VALID; the same tokens without the key in the bundle → UNKNOWN', async () => {
      const ec = pair({ namedCurve: 'P-256' }, 'ec');
      const rsa = pair({ modulusLength: 2048 }, 'rsa');
      const f = describeIssuer({ id: ISS, keys: [{ id: `${ISS}#ec`, publicKey: ec.pub }, { id: `${ISS}#rsa`, publicKey: rsa.pub }], names: { en: 'Example University' }, now: NOW });
      const own = await makeBundle([f]);
      const es = await sign({ alg: 'ES256', typ: 'JWT', kid: `${ISS}#ec` }, ec.priv, 'ES256');
      const rs = await sign({ alg: 'RS256', typ: 'JWT', kid: '#rsa' }, rsa.priv, 'RS256');
      for (const [token, alg] of [[es, 'ES256'], [rs, 'RS256']] as const) {
        const ok = await verify(token, own);
        expect(check(ok, 'signature')).toMatchObject({ status: 'pass', details: { alg } });
        expect(check(ok, 'issuer_trust')).toMatchObject({ status: 'pass' });
        const unknown = await verify(token);
        expect(check(unknown, 'signature')).toMatchObject({ status: 'unknown', code: 'JWT_KEY_UNRESOLVED' });
        expect(unknown.verdict).toBe('UNKNOWN');
      }
    });

    it('an RS256 key under 2048 bits: never in a bundle (TRUST_KEY_TOO_SHORT), and a token naming it in its jwk header is not verified with it', async () => {
      const weak = pair({ modulusLength: 1024 }, 'rsa');
      expect(() => describeIssuer({ id: ISS, keys: [{ id: `${ISS}#weak`, publicKey: weak.pub }], names: { en: 'X' }, now: NOW })).toThrow(expect.objectContaining({ code: 'TRUST_KEY_TOO_SHORT' }));
      // Forced into a fragment by hand, the bundle schema refuses it too.
      const f = describeIssuer({ id: ISS, keys: [{ id: `${ISS}#ok`, publicKey: pair({ modulusLength: 2048 }, 'rsa').pub }], names: { en: 'X' }, now: NOW });
      const forced = { ...f, keys: [{ ...f.keys[0]!, publicKeyJwk: { kty: 'RSA', n: weak.pub.n, e: weak.pub.e } }] };
      await expect(makeBundle([forced as TrustFragment])).rejects.toMatchObject({ code: 'TRUST_FRAGMENT_MALFORMED' });
      // jose refuses to sign with such a key, so node:crypto signs it (RSASSA-PKCS1-v1_5 SHA-256).
      const input = `${Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', jwk: weak.pub })).toString('base64url')}.${Buffer.from(JSON.stringify(payload())).toString('base64url')}`;
      const sig = createSign('RSA-SHA256').update(input).sign(createPrivateKey({ key: weak.priv, format: 'jwk' } as Parameters<typeof createPrivateKey>[0]));
      const token = `${input}.${sig.toString('base64url')}`;
      const r = await verify(token);
      expect(r.verdict).not.toBe('VALID');
      expect(check(r, 'signature')).toMatchObject({ status: 'unknown', code: 'JWT_KEY_UNRESOLVED' });
    });

    it.each([['none'], ['HS256']])('alg %s → JWT_ALG_NOT_ALLOWED, whatever the bundle holds', async (alg) => {
      const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const token = `${enc({ alg, typ: 'JWT', kid: `${ISS}#rsa-1` })}.${enc(payload())}.${alg === 'none' ? '' : enc({ mac: 1 })}`;
      const r = await verify(token);
      expect(r.verdict).toBe('INVALID');
      expect(check(r, 'parse')).toMatchObject({ status: 'fail', code: 'JWT_ALG_NOT_ALLOWED' });
    });
  });
});

describe('lp trust describe-issuer → lp trust build → lp verify (real CLI)', () => {
  const tmp = tempDir('lp-interop-');
  afterAll(() => tmp.cleanup());

  it('a school adds 1EdTech\'s test issuer and verifies its example: VALID (exit 0); another file of an issuer it did not add: INVALID (exit 1)', async () => {
    const env = { LP_PASSPHRASE: 'anchor passphrase', LP_DATA_DIR: 'school-data' };
    const run = (args: string[]) => lp(args, { cwd: tmp.dir, env });
    const d = await run(['trust', 'describe-issuer', '--id', EXAMPLE_COM, '--key', `${EXAMPLE_COM}#${K1}=${K1}`, '--name', '1EdTech test issuer', '--kind', 'university', '--out', 'edtech.json']);
    expect(d.stderr).toBe('');
    const anchor = await run(['trust', 'init-anchor', '--out', 'anchor.json']);
    const anchorDid = anchor.stdout.trim().split('\n').at(-1)!;
    const b = await run(['trust', 'build', '--anchor', 'anchor.json', '--add', 'edtech.json', '--sequence', '1', '--expires', '2099-01-01', '--out', 'bundle.json']);
    expect(b.stderr).toBe('');
    const ok = await run(['verify', path.join(VECTORS, '1edtech/ob30/simple.json'), '--trust', 'bundle.json', '--anchor', anchorDid, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ verdict: 'VALID' });
    const other = await run(['verify', path.join(VECTORS, '1edtech/clr20/simple.json'), '--trust', 'bundle.json', '--anchor', anchorDid, '--json']);
    expect(other.code).toBe(1);
    expect(JSON.parse(other.stdout).checks.find((c: { id: string }) => c.id === 'issuer_trust')).toMatchObject({ code: 'ISSUER_NOT_TRUSTED' });
  });
});

describe('a university on another stack, with its revocation list, through the real CLI', () => {
  const tmp = tempDir('lp-uni-');
  afterAll(() => tmp.cleanup());

  it('describe-issuer --status-list → build → lp verify: VALID (exit 0) with "not revoked", and its revoked record INVALID STATUS_REVOKED (exit 1)', async () => {
    // The university signs with a key named by its https id, as a DCC or 1EdTech issuer does.
    const UNI = 'https://registrar.uni.example/issuers/1';
    const VM = `${UNI}#key-2026`;
    const LIST = 'https://registrar.uni.example/status/rev-1';
    const key = await keyPairFromSeed(new Uint8Array(32).fill(77));
    const documentLoader = createDocumentLoader();
    const bits = createBitstring();
    setBit(bits, 41, true);
    const list = await signCredentialDi(buildStatusListCredential({ id: LIST, issuer: UNI, purpose: 'revocation', encodedList: encodeList(bits), validFrom: '2026-01-01T00:00:00Z' }), { keyPair: key, verificationMethod: VM, created: NOW, documentLoader });
    const record = (index: number) => {
      const c = JSON.parse(read('1edtech/ob30/simple.json'));
      delete c.proof;
      c.issuer = { ...c.issuer, id: UNI, name: 'Registrar, Example University' };
      c.credentialStatus = statusEntry({ listUrl: LIST, index, purpose: 'revocation' });
      return signCredentialDi(c, { keyPair: key, verificationMethod: VM, created: NOW, documentLoader });
    };
    fs.writeFileSync(path.join(tmp.dir, 'list.json'), JSON.stringify(list));
    fs.writeFileSync(path.join(tmp.dir, 'good.json'), JSON.stringify(await record(7)));
    fs.writeFileSync(path.join(tmp.dir, 'revoked.json'), JSON.stringify(await record(41)));

    const env = { LP_PASSPHRASE: 'anchor passphrase', LP_DATA_DIR: 'school-data' };
    const run = (args: string[]) => lp(args, { cwd: tmp.dir, env });
    const d = await run(['trust', 'describe-issuer', '--id', UNI, '--key', `${VM}=${multikeyFromPublicKey(key.publicKey)}`, '--name', 'Example University', '--country', 'NL', '--kind', 'university', '--status-list', `${LIST}=list.json`, '--out', 'uni.json']);
    expect(d.stderr).toBe('');
    expect(JSON.parse(fs.readFileSync(path.join(tmp.dir, 'uni.json'), 'utf8')).statusLists).toMatchObject([{ url: LIST, purpose: 'revocation' }]);
    const anchorDid = (await run(['trust', 'init-anchor', '--out', 'anchor.json'])).stdout.trim().split('\n').at(-1)!;
    expect((await run(['trust', 'build', '--anchor', 'anchor.json', '--add', 'uni.json', '--sequence', '1', '--expires', '2099-01-01', '--out', 'bundle.json'])).code).toBe(0);
    const good = await run(['verify', 'good.json', '--trust', 'bundle.json', '--anchor', anchorDid, '--json']);
    expect(good.code).toBe(0);
    const g = JSON.parse(good.stdout) as { verdict: string; checks: { id: string; code: string }[] };
    expect(g.verdict).toBe('VALID');
    expect(g.checks.find((c) => c.id === 'status')).toMatchObject({ code: 'STATUS_NOT_REVOKED' });
    const revoked = await run(['verify', 'revoked.json', '--trust', 'bundle.json', '--anchor', anchorDid, '--json']);
    expect(revoked.code).toBe(1);
    expect(JSON.parse(revoked.stdout).checks.find((c: { id: string }) => c.id === 'status')).toMatchObject({ code: 'STATUS_REVOKED' });
    // A status list that is not one is refused when describing, and nothing is written.
    fs.writeFileSync(path.join(tmp.dir, 'not-a-list.json'), JSON.stringify({ credentialSubject: {} }));
    const bad = await run(['trust', 'describe-issuer', '--id', UNI, '--key', `${VM}=${multikeyFromPublicKey(key.publicKey)}`, '--name', 'X', '--status-list', `${LIST}=not-a-list.json`, '--out', 'bad.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('TRUST_FRAGMENT_MALFORMED');
    expect(fs.existsSync(path.join(tmp.dir, 'bad.json'))).toBe(false);
  });
});

describe('the verifier server (VC-API POST /credentials/verify) with foreign issuers in LP_TRUST_BUNDLE', () => {
  const tmp = tempDir('lp-foreign-server-');
  let server: RunningServer;
  beforeAll(async () => {
    const { jws, anchorDid } = await signedBundle(foreignFragments(), '2099-01-01T00:00:00Z');
    fs.writeFileSync(path.join(tmp.dir, 'bundle.json'), JSON.stringify(jws));
    server = await startServer({ port: 0, env: { LP_TRUST_BUNDLE: path.join(tmp.dir, 'bundle.json'), LP_TRUST_ANCHORS: anchorDid, LP_DATA_DIR: path.join(tmp.dir, 'data') }, cwd: tmp.dir, log: () => {} });
  });
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });
  // The request goes out with the real fetch; the spy of this file still proves the server fetched nothing.
  it.each([
    ['1edtech/ob30/simple.json', 200, 'SIGNATURE_VALID'],
    ['1edtech/ob30/simple_v1.json', 200, 'SIGNATURE_VALID'],
    ['dcc/v2NoStatus.json', 200, 'SIGNATURE_VALID'],
    ['1edtech/ob30/simple-err-proof-method.json', 422, 'VERIFICATION_METHOD_UNKNOWN'],
    ['1edtech/ob30/simple-err-proof-value.json', 422, 'SIGNATURE_INVALID'],
  ])('%s → %d (%s)', async (file, status, code) => {
    const res = await realFetch(`${server.url}/credentials/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verifiableCredential: JSON.parse(read(file)) }) });
    expect(res.status).toBe(status);
    const body = (await res.json()) as { checks: { id: string; code: string }[] };
    expect(body.checks.find((c) => c.id === 'signature')).toMatchObject({ code });
  });
});

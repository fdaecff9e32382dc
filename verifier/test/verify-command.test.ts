import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { cryptosuite as stockSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { encryptKeyFile, multikeyFromPublicKey, secretMultikeyFromSeed } from '@lp/crypto';
import { createDocumentLoader } from '@lp/contexts';
import { grade9, lp, testKey } from './helpers.ts';

// The real CLI as a child process: `lp sign` → @digitalbazaar/vc; vc.issue → `lp verify`.
const documentLoader = createDocumentLoader();
const env = { LP_PASSPHRASE: 'correct horse battery staple' };
let dir: string;
let key: Awaited<ReturnType<typeof testKey>>;
let vcIssued: Record<string, unknown>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lp-verify-'));
  key = await testKey();
  writeFileSync(join(dir, 'key.json'), JSON.stringify(await encryptKeyFile(key.keyPair, env.LP_PASSPHRASE)));
  const unsigned = grade9();
  delete (unsigned.issuer as Record<string, unknown>).id;
  delete unsigned.id;
  writeFileSync(join(dir, 'unsigned.json'), JSON.stringify(unsigned));

  const signerKey = await Ed25519Multikey.from({
    '@context': 'https://w3id.org/security/multikey/v1', type: 'Multikey', id: key.vm, controller: key.did,
    publicKeyMultibase: multikeyFromPublicKey(key.keyPair.publicKey), secretKeyMultibase: secretMultikeyFromSeed(key.keyPair.secretKey),
  });
  const cred = grade9();
  (cred.issuer as Record<string, unknown>).id = key.did;
  vcIssued = await vc.issue({ credential: cred, suite: new DataIntegrityProof({ signer: signerKey.signer(), cryptosuite: stockSuite }), documentLoader });
  writeFileSync(join(dir, 'vc-issued.json'), JSON.stringify(vcIssued));
  const tampered = structuredClone(vcIssued) as { credentialSubject: { result: { value?: string }[] } };
  tampered.credentialSubject.result[0]!.value = '552';
  writeFileSync(join(dir, 'tampered.json'), JSON.stringify(tampered));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lp sign', () => {
  it('signs (filling issuer, id, validFrom); @digitalbazaar/vc verifies it directly', async () => {
    const r = await lp(['sign', 'unsigned.json', '--key', 'key.json', '--out', 'signed.json'], { cwd: dir, env });
    expect(r.stderr).toContain(key.did);
    expect(r.code).toBe(0);
    const signed = JSON.parse(readFileSync(join(dir, 'signed.json'), 'utf8')) as Record<string, unknown>;
    expect((signed.issuer as Record<string, unknown>).id).toBe(key.did);
    expect(signed.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(signed.validFrom).toBe('2024-07-20T00:00:00Z');
    const result = await vc.verifyCredential({ credential: signed, suite: new DataIntegrityProof({ cryptosuite: stockSuite }), documentLoader, checkStatus: async () => ({ verified: true }) });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('--format jwt writes a compact vc+jwt that lp verify accepts from stdin', async () => {
    const s = await lp(['sign', 'unsigned.json', '--key', 'key.json', '--format', 'jwt'], { cwd: dir, env });
    expect(s.code).toBe(0);
    expect(s.stdout.trim()).toMatch(/^ey[\w-]+\.ey[\w-]+\.[\w-]+$/);
    // No trust bundle here: the narrower question (intact, in date, well formed) is the one asked.
    const v = await lp(['verify', '-', '--json', '--checks', 'signature,validity,profile'], { cwd: dir, input: s.stdout });
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ verdict: 'VALID' });
  });

  it('--cryptosuite eddsa-jcs-2022 signs with JCS, which Digital Bazaar\'s own JCS suite verifies; another suite exits 2 and writes nothing', async () => {
    const r = await lp(['sign', 'unsigned.json', '--key', 'key.json', '--cryptosuite', 'eddsa-jcs-2022', '--out', 'signed-jcs.json'], { cwd: dir, env });
    expect(r.code).toBe(0);
    const signed = JSON.parse(readFileSync(join(dir, 'signed-jcs.json'), 'utf8')) as Record<string, unknown>;
    expect(signed.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022' });
    const result = await vc.verifyCredential({ credential: signed, suite: new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() }), documentLoader, checkStatus: async () => ({ verified: true }) });
    expect(result.verified).toBe(true);
    const bad = await lp(['sign', 'unsigned.json', '--key', 'key.json', '--cryptosuite', 'bbs-2023', '--out', 'signed-bbs.json'], { cwd: dir, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--cryptosuite');
    expect(() => readFileSync(join(dir, 'signed-bbs.json'))).toThrow();
  });

  it('an Open Badges credential without issuer gets a Profile {id, type, name} that lp verify accepts (no PROFILE_INVALID)', async () => {
    const unsigned = grade9();
    delete unsigned.issuer;
    writeFileSync(join(dir, 'no-issuer.json'), JSON.stringify(unsigned));
    const r = await lp(['sign', 'no-issuer.json', '--key', 'key.json', '--issuer-name', 'Example Board', '--out', 'no-issuer-signed.json'], { cwd: dir, env });
    expect(r.code).toBe(0);
    const signed = JSON.parse(readFileSync(join(dir, 'no-issuer-signed.json'), 'utf8')) as Record<string, unknown>;
    expect(signed.issuer).toEqual({ id: key.did, type: ['Profile'], name: 'Example Board' });
    const v = await lp(['verify', 'no-issuer-signed.json', '--json'], { cwd: dir });
    const out = JSON.parse(v.stdout) as { verdict: string; checks: { id: string; status: string; code: string }[] };
    expect(out.checks.find((c) => c.id === 'profile')).toMatchObject({ status: 'pass' });
    expect(out.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(out.verdict).not.toBe('INVALID');
  });

  it('a plain VC 2.0 credential without issuer keeps the DID string', async () => {
    writeFileSync(join(dir, 'plain.json'), JSON.stringify({
      '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], credentialSubject: { id: 'did:example:learner' },
    }));
    const r = await lp(['sign', 'plain.json', '--key', 'key.json'], { cwd: dir, env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).issuer).toBe(key.did);
  });

  it('a file with a duplicate key or invalid UTF-8 is refused (exit 2, JSON_DUPLICATE_KEY / ENCODING_INVALID), nothing written', async () => {
    writeFileSync(join(dir, 'dup.json'), '{"type":["VerifiableCredential"],"credentialSubject":{"id":"did:example:a"},"credentialSubject":{"id":"did:example:b"}}');
    const d = await lp(['sign', 'dup.json', '--key', 'key.json', '--out', 'dup-signed.json'], { cwd: dir, env });
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('JSON_DUPLICATE_KEY');
    writeFileSync(join(dir, 'bad-utf8.json'), Buffer.concat([Buffer.from('{"type":["VerifiableCredential"],"name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]));
    const u = await lp(['sign', 'bad-utf8.json', '--key', 'key.json', '--out', 'bad-signed.json'], { cwd: dir, env });
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('ENCODING_INVALID');
    expect(() => readFileSync(join(dir, 'dup-signed.json'))).toThrow();
    expect(() => readFileSync(join(dir, 'bad-signed.json'))).toThrow();
  });

  it('a wrong passphrase exits 2 with the key file code', async () => {
    const r = await lp(['sign', 'unsigned.json', '--key', 'key.json'], { cwd: dir, env: { LP_PASSPHRASE: 'wrong' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('KEY_FILE_PASSPHRASE');
  });
});

describe('lp verify', () => {
  it('a credential issued by @digitalbazaar/vc directly, without a trust bundle → UNKNOWN, exit 3: the issuer is not established', async () => {
    const r = await lp(['verify', 'vc-issued.json'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/signature\s+SIGNATURE_VALID/);
    expect(r.stdout).toMatch(/\?\?\s+issuer_trust\s+TRUST_BUNDLE_MISSING/);
    expect(r.stdout).toContain('the issuer is not established');
    expect(r.stdout).toContain('verdict: UNKNOWN');
    // It calls itself "Ministry of Education"; without a bundle that name is never shown as the issuer's.
    expect(r.stdout).toContain('issuer:      (not in the trust bundle)');
    expect(r.stdout).not.toContain('Ministry of Education');
    const j = await lp(['verify', 'vc-issued.json', '--json'], { cwd: dir });
    expect(j.code).toBe(3);
    expect(JSON.parse(j.stdout)).toMatchObject({ verdict: 'UNKNOWN', verified: false });
    expect((JSON.parse(j.stdout) as { checks: { id: string; status: string }[] }).checks.find((c) => c.id === 'issuer_trust')?.status).toBe('unknown');
  });

  it('--checks signature,validity,profile asks the narrower question → VALID, exit 0, one line per check', async () => {
    const r = await lp(['verify', 'vc-issued.json', '--checks', 'signature,validity,profile'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/signature\s+SIGNATURE_VALID/);
    for (const id of ['decode', 'parse', 'signature', 'issuer_trust', 'key_status', 'status', 'validity', 'profile']) {
      expect(r.stdout.split('\n').filter((l) => new RegExp(`^\\S+\\s+${id}\\s`).test(l))).toHaveLength(1);
    }
    expect(r.stdout).toContain('verdict: VALID');
  });

  it('a signed record with a key twice → INVALID at decode, JSON_DUPLICATE_KEY (exit 1)', async () => {
    writeFileSync(join(dir, 'twice.json'), JSON.stringify(vcIssued).replace('"name":', '"name":"Forged","name":'));
    const r = await lp(['verify', 'twice.json', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { verdict: string; checks: { id: string; status: string; code: string }[] };
    expect(out.checks[0]).toMatchObject({ id: 'decode', status: 'fail', code: 'JSON_DUPLICATE_KEY' });
  });

  it('tampered → INVALID, exit 1; --json gives {verdict, checks}', async () => {
    const r = await lp(['verify', 'tampered.json', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { verdict: string; checks: { id: string; status: string; code: string; message: string }[] };
    expect(out.verdict).toBe('INVALID');
    expect(out.checks.find((c) => c.id === 'signature')).toMatchObject({ id: 'signature', status: 'fail', code: 'SIGNATURE_INVALID', message: expect.any(String) });
  });

  it('--checks validity,profile: the failing signature is reported skipped and the verdict is VALID', async () => {
    const r = await lp(['verify', 'tampered.json', '--json', '--checks', 'validity,profile'], { cwd: dir });
    const out = JSON.parse(r.stdout) as { verdict: string; checks: { id: string; status: string }[] };
    expect(out.checks.find((c) => c.id === 'signature')?.status).toBe('skipped');
    expect(out.verdict).toBe('VALID');
    expect(r.code).toBe(0);
  });

  it('a missing file exits 2; an unknown check exits 2', async () => {
    const a = await lp(['verify', 'missing.json'], { cwd: dir });
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('missing.json');
    const b = await lp(['verify', 'vc-issued.json', '--checks', 'signature,colour'], { cwd: dir });
    expect(b.code).toBe(2);
  });
});

import { beforeAll, describe, expect, it } from '@jest/globals';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as stockSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { secretMultikeyFromSeed, multikeyFromPublicKey } from '@lp/crypto';
import { createDocumentLoader } from '@lp/contexts';
import { signCredentialDi, signCredentialJwt, verifyCredentialDi, verifyCredentialJwt, verifyFullRecord } from '../src/index.ts';
import { grade9, issuerKey, NOW } from './helpers/fixtures.ts';

const documentLoader = createDocumentLoader();
const ARABIC = 'امتحان شهادة التعليم الأساسي – الرياضيات';
const okStatus = async () => ({ id: 'status' as const, status: 'pass' as const, code: 'STATUS_OK', message: 'not revoked' });

let key: Awaited<ReturnType<typeof issuerKey>>;
beforeAll(async () => {
  key = await issuerKey();
});

describe('Grade 9 example (OB 3.0 AchievementCredential, Arabic + English)', () => {
  it('signs and verifies as Data Integrity, Arabic intact', async () => {
    const signed = await signCredentialDi(grade9(key.did), { keyPair: key.keyPair, verificationMethod: key.vm, created: new Date('2024-07-20T00:00:00Z'), documentLoader });
    const text = JSON.stringify(signed);
    const r = await verifyFullRecord(text, { now: NOW, checkStatus: okStatus });
    expect(r.checks.map((c) => [c.id, c.status, c.code])).toEqual([
      ['decode', 'pass', 'DECODED_JSON'],
      ['parse', 'pass', 'CREDENTIAL_WELL_FORMED'],
      ['signature', 'pass', 'SIGNATURE_VALID'],
      ['status', 'pass', 'STATUS_OK'],
      ['validity', 'pass', 'VALIDITY_OK'],
      ['profile', 'pass', 'PROFILE_VALID'],
    ]);
    expect(r.verdict).toBe('VALID');
    const achievement = ((r.credential!.credentialSubject as Record<string, unknown>).achievement as Record<string, unknown>);
    expect(achievement.name).toBe(ARABIC);
  });

  it('without a status checker, status is reported skipped and the verdict still follows the other checks', async () => {
    const signed = await signCredentialDi(grade9(key.did), { keyPair: key.keyPair, verificationMethod: key.vm, created: NOW, documentLoader });
    const r = await verifyCredentialDi(signed, { documentLoader, now: NOW });
    expect(r.checks.find((c) => c.id === 'status')).toMatchObject({ status: 'skipped', code: 'STATUS_NOT_CHECKED' });
    expect(r.verdict).toBe('VALID');
  });

  it('signs and verifies as vc+jwt, Arabic intact', async () => {
    const jwt = await signCredentialJwt(grade9(key.did), { keyPair: key.keyPair, kid: key.vm, now: NOW });
    const [h] = jwt.split('.');
    expect(JSON.parse(Buffer.from(h!, 'base64url').toString())).toEqual({ alg: 'EdDSA', typ: 'vc+jwt', kid: key.vm });
    const r = await verifyFullRecord(jwt, { now: NOW });
    expect(r.format).toBe('jwt');
    expect(r.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}:${c.status}:${c.code}`)).toEqual(['status:unknown:STATUS_NOT_CHECKED']);
    // Its status entry was not checked (no checkStatus given): never VALID by omission.
    expect(r.verdict).toBe('UNKNOWN');
    expect(r.checks.find((c) => c.id === 'signature')?.code).toBe('SIGNATURE_VALID');
    expect(r.credential).toEqual(grade9(key.did));
    expect(JSON.stringify(r.credential)).toContain(ARABIC);
    const direct = await verifyCredentialJwt(jwt, { now: NOW });
    expect(direct.verdict).toBe('VALID');
  });

  it('reports EXPIRED and NOT_YET_VALID from the validity period, with a valid signature', async () => {
    const cred = { ...grade9(key.did), validUntil: '2024-12-31T00:00:00Z' };
    const signed = await signCredentialDi(cred, { keyPair: key.keyPair, verificationMethod: key.vm, created: new Date('2024-07-20T00:00:00Z'), documentLoader });
    const late = await verifyCredentialDi(signed, { documentLoader, now: NOW });
    expect(late.checks.find((c) => c.id === 'signature')?.status).toBe('pass');
    expect(late.checks.find((c) => c.id === 'validity')).toMatchObject({ status: 'fail', code: 'EXPIRED' });
    expect(late.verdict).toBe('INVALID');
    const early = await verifyCredentialDi(signed, { documentLoader, now: new Date('2024-01-01T00:00:00Z') });
    expect(early.checks.find((c) => c.id === 'validity')).toMatchObject({ status: 'fail', code: 'NOT_YET_VALID' });
  });
});

describe('cross-check with @digitalbazaar/vc used directly (stock cryptosuite)', () => {
  it('a credential signed by signCredentialDi verifies with vc.verifyCredential', async () => {
    const signed = await signCredentialDi(grade9(key.did), { keyPair: key.keyPair, verificationMethod: key.vm, created: NOW, documentLoader });
    const result = await vc.verifyCredential({
      credential: signed,
      suite: new DataIntegrityProof({ cryptosuite: stockSuite }),
      documentLoader,
      now: NOW,
      checkStatus: async () => ({ verified: true }),
    });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('a credential signed by vc.issue verifies with verifyCredentialDi', async () => {
    const keyPair = await Ed25519Multikey.from({
      '@context': 'https://w3id.org/security/multikey/v1',
      type: 'Multikey',
      id: key.vm,
      controller: key.did,
      publicKeyMultibase: multikeyFromPublicKey(key.keyPair.publicKey),
      secretKeyMultibase: secretMultikeyFromSeed(key.keyPair.secretKey),
    });
    const suite = new DataIntegrityProof({ signer: keyPair.signer(), date: NOW, cryptosuite: stockSuite });
    const signed = await vc.issue({ credential: grade9(key.did), suite, documentLoader });
    const r = await verifyCredentialDi(signed, { documentLoader, now: NOW });
    expect(r.checks.find((c) => c.id === 'signature')?.code).toBe('SIGNATURE_VALID');
    expect(r.verdict).toBe('VALID');
  });
});

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as stockSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { multikeyFromPublicKey, secretMultikeyFromSeed, sign } from '@lp/crypto';
import { base64url } from 'jose';
import { verifyAny, type VerificationResult } from '../src/index.ts';
import { documentLoader, forbidNetwork, grade9, issue, makeBundle, makeWorld, type Issued, type World } from './lib/make-world.ts';

// The key window bounds WHEN THE KEY SIGNED (DESIGN.md "Time"): the fixtures sign on 2024-07-20
// (proof.created, JWT iat, seal claim 13) with a key valid 2024-01-01 … 2026-01-01.
let world: World;
let net: ReturnType<typeof forbidNetwork>;
beforeAll(async () => {
  net = forbidNetwork();
  world = await makeWorld();
}, 300_000);
afterAll(() => {
  net.restore();
  expect(net.calls).toEqual([]);
});

const check = (r: VerificationResult, id: string) => r.checks.find((c) => c.id === id)!;
const forms = (i: Issued) => [['seal', i.seal], ['di', i.di], ['jwt', i.jwt]] as const;
const awardedIn = (date: string) => (c: Record<string, any>) => {
  c.validFrom = date;
  c.awardedDate = date;
};

describe('a result awarded long before the key existed', () => {
  test.each(['2012-06-30T00:00:00Z', '2019-06-30T00:00:00Z', '2024-07-20T00:00:00Z'])('awarded %s, signed 2024-07-20 with a key from 2024-01-01 → VALID in every form, showing the award date', async (date) => {
    const issued = await issue(world.issuer, { mutate: awardedIn(date) });
    expect(issued.claims.signedAt).toBe(Date.parse('2024-07-20T00:00:00Z') / 1000);
    for (const [form, input] of forms(issued)) {
      const r = await verifyAny(input, world.ctx());
      expect([form, r.verdict, r.checks.filter((c) => c.status !== 'pass' && c.status !== 'skipped')]).toEqual([form, 'VALID', []]);
      expect([form, check(r, 'issuer_trust').code]).toEqual([form, 'ISSUER_TRUSTED']);
      expect([form, r.display?.achievements[0]?.awardedAt]).toEqual([form, new Date(date).toISOString()]);
      expect([form, r.display?.signedAt]).toEqual([form, '2024-07-20T00:00:00.000Z']);
    }
  });

  test('the signing time decides, not validFrom: validFrom inside the window, signed before it → INVALID with the existing code', async () => {
    const issued = await issue(world.issuer, { mutate: awardedIn('2024-09-01T00:00:00Z') });
    const { bundle } = await makeBundle(world.anchor, world.issuer, [world.lists.revocation], { key: { validFrom: '2024-08-01T00:00:00Z' } });
    const sources = { seal: 'seal claim 13', di: 'proof.created', jwt: 'iat' };
    for (const [form, input] of forms(issued)) {
      const r = await verifyAny(input, world.ctx({ bundle }));
      expect([form, r.verdict]).toEqual([form, 'INVALID']);
      expect(check(r, 'issuer_trust')).toMatchObject({
        status: 'fail', code: 'KEY_NOT_YET_VALID_AT_ISSUANCE',
        details: { signedAt: '2024-07-20T00:00:00.000Z', signedAtSource: sources[form], validFrom: '2024-08-01T00:00:00Z' },
      });
    }
  });

  test('signed after the key window closed → INVALID KEY_EXPIRED_AT_ISSUANCE, however old the award', async () => {
    const issued = await issue(world.issuer, { mutate: awardedIn('2019-06-30T00:00:00Z') });
    const { bundle } = await makeBundle(world.anchor, world.issuer, [world.lists.revocation], { key: { validFrom: '2019-01-01T00:00:00Z', validUntil: '2024-07-01T00:00:00Z' } });
    for (const [form, input] of forms(issued)) {
      const r = await verifyAny(input, world.ctx({ bundle }));
      expect([form, r.verdict, check(r, 'issuer_trust').code]).toEqual([form, 'INVALID', 'KEY_EXPIRED_AT_ISSUANCE']);
    }
  });

  test('a revoked key invalidates what it signed, whatever the award date', async () => {
    const issued = await issue(world.issuer, { mutate: awardedIn('2012-06-30T00:00:00Z') });
    const { bundle } = await makeBundle(world.anchor, world.issuer, [world.lists.revocation], { key: { revokedAt: '2024-12-01T00:00:00Z' } });
    for (const [form, input] of forms(issued)) {
      const r = await verifyAny(input, world.ctx({ bundle }));
      expect([form, r.verdict, check(r, 'key_status').code]).toEqual([form, 'INVALID', 'KEY_REVOKED']);
    }
  });
});

describe('a seal made before claim 13 existed is judged by claim 4 (the old rule)', () => {
  const withoutClaim13 = { sealClaims: ({ signedAt: _s, ...rest }: Issued['claims']) => rest };

  test('claim 4 inside the key window → VALID (such seals were signed when validFrom says)', async () => {
    const issued = await issue(world.issuer, withoutClaim13);
    expect(issued.claims.signedAt).toBeUndefined();
    const r = await verifyAny(issued.seal, world.ctx());
    expect(r.verdict).toBe('VALID');
    expect(r.display?.signedAt).toBeUndefined();
  });

  test('claim 4 before the key → INVALID KEY_NOT_YET_VALID_AT_ISSUANCE from claim 4: never more lenient than the signing time', async () => {
    const issued = await issue(world.issuer, { ...withoutClaim13, mutate: awardedIn('2019-06-30T00:00:00Z') });
    const r = await verifyAny(issued.seal, world.ctx());
    expect(r.verdict).toBe('INVALID');
    expect(check(r, 'issuer_trust')).toMatchObject({ code: 'KEY_NOT_YET_VALID_AT_ISSUANCE', details: { signedAt: '2019-06-30T00:00:00.000Z', signedAtSource: 'seal claim 4' } });
  });
});

describe('a Data Integrity proof without `created` (optional in VC Data Integrity) is judged by validFrom', () => {
  /** Signed by Digital Bazaar's own suite with `date: null`, so the proof has no `created`. */
  async function signWithoutCreated(validFrom: string): Promise<Record<string, any>> {
    const keyPair = await Ed25519Multikey.from({
      '@context': 'https://w3id.org/security/multikey/v1', type: 'Multikey', id: world.issuer.vm, controller: world.issuer.did,
      publicKeyMultibase: multikeyFromPublicKey(world.issuer.keyPair.publicKey),
      secretKeyMultibase: secretMultikeyFromSeed(world.issuer.keyPair.secretKey),
    });
    const credential = grade9(world.issuer.did, (c) => { delete c.credentialStatus; c.validFrom = validFrom; c.awardedDate = validFrom; });
    const suite = new DataIntegrityProof({ signer: keyPair.signer(), date: null, cryptosuite: stockSuite });
    const signed = await vc.issue({ credential, suite, documentLoader });
    expect(signed.proof.created).toBeUndefined();
    return signed;
  }

  test('validFrom inside the key window → VALID, no signing time shown', async () => {
    const r = await verifyAny(await signWithoutCreated('2024-07-20T00:00:00Z'), world.ctx());
    expect(check(r, 'issuer_trust').code).toBe('ISSUER_TRUSTED');
    expect(r.verdict).toBe('VALID');
    expect(r.display?.signedAt).toBeUndefined();
  });

  test('validFrom before the key → INVALID KEY_NOT_YET_VALID_AT_ISSUANCE from validFrom (nothing better is known)', async () => {
    const r = await verifyAny(await signWithoutCreated('2019-06-30T00:00:00Z'), world.ctx());
    expect(r.verdict).toBe('INVALID');
    expect(check(r, 'issuer_trust')).toMatchObject({ code: 'KEY_NOT_YET_VALID_AT_ISSUANCE', details: { signedAtSource: 'validFrom' } });
  });
});

describe('a vc+jwt without `iat` (optional in RFC 7519) is judged by validFrom', () => {
  async function jwtWithoutIat(validFrom: string): Promise<string> {
    const credential = grade9(world.issuer.did, (c) => { delete c.credentialStatus; c.validFrom = validFrom; c.awardedDate = validFrom; });
    const part = (o: object) => base64url.encode(new TextEncoder().encode(JSON.stringify(o)));
    const input = `${part({ alg: 'EdDSA', typ: 'vc+jwt', kid: world.issuer.vm })}.${part({ ...credential, iss: world.issuer.did })}`;
    return `${input}.${base64url.encode(await sign(world.issuer.keyPair.secretKey, new TextEncoder().encode(input)))}`;
  }

  test('validFrom inside the key window → VALID; before it → INVALID from validFrom', async () => {
    const inside = await verifyAny(await jwtWithoutIat('2024-07-20T00:00:00Z'), world.ctx());
    expect([inside.verdict, check(inside, 'issuer_trust').code]).toEqual(['VALID', 'ISSUER_TRUSTED']);
    const before = await verifyAny(await jwtWithoutIat('2019-06-30T00:00:00Z'), world.ctx());
    expect(before.verdict).toBe('INVALID');
    expect(check(before, 'issuer_trust')).toMatchObject({ code: 'KEY_NOT_YET_VALID_AT_ISSUANCE', details: { signedAtSource: 'validFrom' } });
  });
});

describe('in a proof set, the time that counts is the trusted key\'s own proof', () => {
  test('a co-signer\'s proof made before the issuer\'s key existed does not date the issuer\'s proof', async () => {
    const { signCredentialDi } = await import('@lp/formats');
    const { party } = await import('./lib/make-world.ts');
    const notary = await party(47);
    const issued = await issue(world.issuer);
    const { proof: issuerProof, ...unsigned } = issued.di as Record<string, unknown>;
    // A notary (any did:key) countersigned on 2023-01-01, before the issuer's key (2024-01-01 …).
    const notarised = await signCredentialDi(unsigned, { keyPair: notary.keyPair, verificationMethod: notary.vm, documentLoader, created: new Date('2023-01-01T00:00:00Z') });
    const set = { ...unsigned, proof: [notarised.proof, issuerProof] };
    const r = await verifyAny(set, world.ctx());
    expect([r.verdict, check(r, 'signature').code, check(r, 'issuer_trust').code]).toEqual(['VALID', 'SIGNATURE_VALID', 'ISSUER_TRUSTED']);
    expect(check(r, 'issuer_trust').details).toMatchObject({ keyId: world.issuer.vm });
    expect(r.display?.signedAt).toBe('2024-07-20T00:00:00.000Z');
  });
});

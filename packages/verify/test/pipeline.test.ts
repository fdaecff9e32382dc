import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { verifyAny, verifyFullRecordWithTrust, verifySeal, type VerificationResult } from '../src/index.ts';
import { forbidNetwork, issue, makeWorld, NOW, type World } from './lib/make-world.ts';

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

const summary = (r: VerificationResult) => r.checks.map((c) => `${c.id}:${c.status}:${c.code}`);

describe('the Grade 9 example verifies in every form', () => {
  test('seal', async () => {
    const r = await verifySeal(world.good.seal, world.ctx({ lang: 'fr' }));
    expect(summary(r)).toEqual([
      'decode:pass:SEAL_DECODED', 'parse:pass:SEAL_CLAIMS_VALID', 'signature:pass:SIGNATURE_VALID', 'issuer_trust:pass:ISSUER_TRUSTED',
      'key_status:pass:KEY_NOT_REVOKED', 'status:pass:STATUS_NOT_REVOKED', 'validity:pass:VALIDITY_OK', 'profile:pass:SEAL_PROFILE_OK',
    ]);
    expect(r.verdict).toBe('VALID');
    expect(r.display?.achievements[0]).toMatchObject({ code: "BECE-MATH", name: { lang: "fr" }, original: { lang: "ar", dir: "rtl" }, result: "452", levelCode: "244" });
  });
  test('full record DI', async () => {
    const r = await verifyFullRecordWithTrust(world.good.di, world.ctx());

    expect(r.verdict).toBe('VALID');
  });
  test('full record JWT', async () => {
    const r = await verifyAny(world.good.jwt, world.ctx());

    expect(r.verdict).toBe('VALID');
  });
});

describe("the learner's identity is displayed for comparison with an identity document", () => {
  test('name as written, name in Latin letters and date of birth, from the seal and from the full record', async () => {
    const issued = await issue(world.issuer, {
      learnerName: 'ليلى أحمد',
      mutate: (c) => {
        c.credentialSubject.identifier.push(
          { type: 'IdentityObject', identityType: 'ext:nameLatin', hashed: false, identityHash: 'Layla Ahmad' },
          { type: 'IdentityObject', identityType: 'ext:birthDate', hashed: false, identityHash: '2008-03-14' },
        );
      },
    });
    expect(issued.claims.learnerNameLatin).toBe('Layla Ahmad');
    for (const input of [issued.seal, issued.di]) {
      const r = await verifyAny(typeof input === 'string' ? input : JSON.stringify(input), world.ctx());
      expect(r.verdict).toBe('VALID');
      expect(r.display?.learner).toEqual({ name: 'ليلى أحمد', nameLatin: 'Layla Ahmad', birthDate: '2008-03-14' });
    }
  });
});

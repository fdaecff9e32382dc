import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { encode } from 'cborg';
import { unzlibSync, zlibSync } from 'fflate';
import fc from 'fast-check';
import { sign } from '@lp/crypto';
import { decodeBase45, encodeBase45, encodeSeal } from '@lp/formats';
import { acceptBundle } from '@lp/trust';
import { verifyAny, verifyFullRecordWithTrust, verifySeal, type VerificationResult } from '../src/index.ts';
import {
  forbidNetwork, GOOD_INDEX, issue, makeBundle, makeWorld, NOW, party, REVOKED_INDEX, statusList, SUSPENDED_INDEX, REVOCATION_LIST, type World,
} from './lib/make-world.ts';

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
const forms = (i: { seal: string; di: object; jwt: string }) => [['seal', i.seal], ['di', i.di], ['jwt', i.jwt]] as const;

/** The COSE bytes inside a seal, and a seal around any bytes. */
const coseOf = (seal: string) => unzlibSync(decodeBase45(seal.slice(4)));
const wrap = (bytes: Uint8Array) => `LP1:${encodeBase45(zlibSync(bytes, { level: 9 }))}`;

/** Arrays nested `depth` deep, each holding a random byte so that zlib cannot shrink it (a ratio limit would fire first). */
function deepCbor(depth: number): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < depth; i++) out.push(0x82, 0x41, ...crypto.getRandomValues(new Uint8Array(1)));
  out.push(0x00);
  return Uint8Array.from(out);
}

describe('seal codec failures become a failing decode check with the codec code', () => {
  const cases: [string, () => string, string, string][] = [
    ['wrong prefix', () => 'LP2:' + world.good.seal.slice(4), 'decode', 'SEAL_PREFIX'],
    ['characters outside base45', () => 'LP1:abc!def', 'decode', 'SEAL_BASE45'],
    ['zlib bomb', () => wrap(new Uint8Array(0)).slice(0, 4) + encodeBase45(zlibSync(new Uint8Array(2_000_000), { level: 9 })), 'decode', 'SEAL_DECOMPRESSED_TOO_LARGE'],
    ['trailing bytes after COSE', () => wrap(Uint8Array.from([...coseOf(world.good.seal), 0x00])), 'decode', 'SEAL_TRAILING_BYTES'],
    ['CBOR nested 1,000 deep', () => wrap(deepCbor(1000)), 'decode', 'SEAL_CBOR_TOO_DEEP'],
    ['not zlib', () => `LP1:${encodeBase45(new TextEncoder().encode('hello'))}`, 'decode', 'SEAL_ZLIB_INVALID'],
    ['claims outside the schema', () => wrap(encode([encode(new Map<number, unknown>([[1, -8], [4, new TextEncoder().encode('#k')]])), new Map(), encode(new Map([[1, 'x']])), new Uint8Array(64)])), 'parse', 'SEAL_CLAIMS_INVALID'],
  ];
  test.each(cases)('%s', async (_name, make, id, code) => {
    const r = await verifySeal(make(), world.ctx());
    expect(r.verdict).toBe('INVALID');
    expect(check(r, id)).toMatchObject({ status: 'fail', code });
    expect(r.checks).toHaveLength(8);
  });

  test('one character changed anywhere fails (decode or signature), never VALID', async () => {
    const s = world.good.seal;
    for (const at of [5, 40, Math.floor(s.length / 2), s.length - 3]) {
      const c = s[at] === 'A' ? 'B' : 'A';
      const r = await verifySeal(s.slice(0, at) + c + s.slice(at + 1), world.ctx());
      expect(r.verdict).toBe('INVALID');
      expect(r.checks.some((x) => (x.id === 'decode' || x.id === 'signature' || x.id === 'parse') && x.status === 'fail')).toBe(true);
    }
  });

  test('junk text of any kind never throws and is never VALID', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string().map((x) => `LP1:${x.toUpperCase()}`)), async (text) => {
        const r = await verifyAny(text, world.ctx());
        expect(r.verdict).not.toBe('VALID');
      }),
      { numRuns: 60 },
    );
  });
});

describe('trust', () => {
  test('a seal signed by a key the bundle does not list for the issuer: unchecked, so UNKNOWN (as a full record)', async () => {
    const other = await party(3);
    const claims = { ...world.good.claims, keyId: `${world.issuer.did}#rogue` };
    const seal = await encodeSeal(claims, { sign: (b) => sign(other.keyPair.secretKey, b), kid: '#rogue' });
    const r = await verifySeal(seal, world.ctx());
    expect(r.verdict).toBe('UNKNOWN');
    expect(check(r, 'signature')).toMatchObject({ status: 'unknown', code: 'SIGNATURE_KEY_UNKNOWN' });
    expect(check(r, 'issuer_trust')).toMatchObject({ status: 'unknown', code: 'KEY_NOT_IN_BUNDLE' });
  });

  test('an issuer the bundle does not list: signature from its did:key passes, trust fails', async () => {
    const stranger = await issue(await party(4));
    for (const [form, input] of forms(stranger)) {
      const r = await verifyAny(input, world.ctx());
      expect([form, r.verdict]).toEqual([form, 'INVALID']);
      expect(check(r, 'signature').status).toBe('pass');
      expect(check(r, 'issuer_trust')).toMatchObject({ status: 'fail', code: 'ISSUER_NOT_TRUSTED' });
      expect(r.display?.issuer).toMatchObject({ listed: false, name: undefined });
    }
  });

  test('a revoked key (revokedAt) invalidates everything it signed', async () => {
    const { bundle } = await makeBundle(world.anchor, world.issuer, [world.lists.revocation], { key: { revokedAt: '2024-12-01T00:00:00Z' } });
    for (const [form, input] of forms(world.good)) {
      const r = await verifyAny(input, world.ctx({ bundle }));
      expect([form, r.verdict]).toEqual([form, 'INVALID']);
      expect(check(r, 'key_status')).toMatchObject({ status: 'fail', code: 'KEY_REVOKED', details: { revokedAt: '2024-12-01T00:00:00Z' } });
    }
  });

  test.each([
    [{ validFrom: '2024-08-01T00:00:00Z' }, 'KEY_NOT_YET_VALID_AT_ISSUANCE'],
    [{ validFrom: '2023-01-01T00:00:00Z', validUntil: '2024-07-01T00:00:00Z' }, 'KEY_EXPIRED_AT_ISSUANCE'],
    [{ achievements: ['BECE-ARAB'] }, 'KEY_NOT_AUTHORIZED_FOR_ACHIEVEMENT'],
  ])('key %o → %s', async (key, code) => {
    const { bundle } = await makeBundle(world.anchor, world.issuer, [world.lists.revocation], { key });
    for (const [form, input] of forms(world.good)) {
      const r = await verifyAny(input, world.ctx({ bundle }));
      expect([form, r.verdict]).toEqual([form, 'INVALID']);
      expect(check(r, 'issuer_trust')).toMatchObject({ status: 'fail', code });
      expect(check(r, 'signature').status).toBe('pass');
    }
  });

  test('an expired bundle gives UNKNOWN with TRUST_BUNDLE_EXPIRED, never VALID', async () => {
    const { bundle } = await makeBundle(world.anchor, world.issuer, [world.lists.revocation], { expires: '2025-01-15T00:00:00Z' });
    expect(bundle.expired).toBe(true);
    const r = await verifySeal(world.good.seal, world.ctx({ bundle }));
    expect(r.verdict).toBe('UNKNOWN');
    expect(check(r, 'issuer_trust')).toMatchObject({ status: 'unknown', code: 'TRUST_BUNDLE_EXPIRED' });
    expect(r.display?.bundle?.expired).toBe(true);
  });

  test('no bundle: issuer trust UNKNOWN (TRUST_BUNDLE_MISSING); signature,validity,profile alone give VALID for a did:key issuer', async () => {
    for (const [form, input] of forms(world.good)) {
      const r = await verifyAny(input, { bundle: undefined, now: NOW });
      expect([form, r.verdict]).toEqual([form, 'UNKNOWN']);
      expect(check(r, 'issuer_trust')).toMatchObject({ status: 'unknown', code: 'TRUST_BUNDLE_MISSING' });
      const only = await verifyAny(input, { bundle: undefined, now: NOW, requiredChecks: ['signature', 'validity', 'profile'] });
      expect([form, only.verdict]).toEqual([form, 'VALID']);
      expect(check(only, 'issuer_trust')).toMatchObject({ status: 'skipped', details: { wouldBe: 'unknown' } });
    }
  });

  test('bundles with a bad signature, another anchor or a lower sequence are refused; the previous stays', async () => {
    const held = world.bundle;
    const bad = { ...world.jws, signature: world.jws.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) };
    const other = await makeBundle(await party(5), world.issuer, [], { sequence: 9 });
    const older = await makeBundle(world.anchor, world.issuer, [], { sequence: 4 });
    const opts = { anchors: [world.anchor.did], now: NOW };
    for (const [candidate, code] of [[bad, 'TRUST_BAD_SIGNATURE'], [other.jws, 'TRUST_ANCHOR_NOT_PINNED'], [older.jws, 'TRUST_SEQUENCE_ROLLBACK']] as const) {
      const r = await acceptBundle(held, candidate, opts);
      expect(r).toMatchObject({ ok: false, code, kept: held });
    }
  });
});

describe('status', () => {
  test.each([
    ['revoked', [{ purpose: 'revocation' as const, index: REVOKED_INDEX }], 'STATUS_REVOKED'],
    ['suspended', [{ purpose: 'revocation' as const, index: GOOD_INDEX }, { purpose: 'suspension' as const, index: SUSPENDED_INDEX }], 'STATUS_SUSPENDED'],
  ])('a %s credential is INVALID in every form', async (_n, status, code) => {
    const issued = await issue(world.issuer, { status });
    for (const [form, input] of forms(issued)) {
      const r = await verifyAny(input, world.ctx());
      expect([form, r.verdict]).toEqual([form, 'INVALID']);
      expect(check(r, 'status')).toMatchObject({ status: 'fail', code });
    }
  });

  test('a snapshot older than the policy gives UNKNOWN showing its age, never VALID', async () => {
    const { bundle } = await makeBundle(world.anchor, world.issuer, [world.lists.revocation], { fetchedAt: '2024-11-01T00:00:00Z' });
    const r = await verifySeal(world.good.seal, world.ctx({ bundle }));
    expect(r.verdict).toBe('UNKNOWN');
    expect(check(r, 'status')).toMatchObject({ status: 'unknown', code: 'STATUS_STALE', details: { ageSeconds: 75 * 86400 + 12 * 3600, asOf: '2024-11-01T00:00:00.000Z' } });
    // A looser policy accepts it, saying "as of".
    const loose = await verifySeal(world.good.seal, world.ctx({ bundle, policy: { maxStatusAgeSeconds: 90 * 86400 } }));
    expect(loose.verdict).toBe('VALID');
    expect(loose.display?.statusAsOf).toBe('2024-11-01T00:00:00.000Z');
  });

  test('a fresher list the device cached is used: clean → VALID, revoking → INVALID', async () => {
    const { bundle } = await makeBundle(world.anchor, world.issuer, [world.lists.revocation], { fetchedAt: '2024-11-01T00:00:00Z' });
    const fresh = { credential: world.lists.revocation, fetchedAt: '2025-01-15T08:00:00Z' };
    const ok = await verifySeal(world.good.seal, world.ctx({ bundle, statusCache: { get: (u) => (u === REVOCATION_LIST ? fresh : undefined) } }));
    expect(ok.verdict).toBe('VALID');
    expect(check(ok, 'status').details).toMatchObject({ source: 'cache' });
    const revoking = await statusList(world.issuer, REVOCATION_LIST, 'revocation', [GOOD_INDEX]);
    const bad = await verifySeal(world.good.seal, world.ctx({ bundle, statusCache: { get: () => ({ credential: revoking, fetchedAt: '2025-01-15T08:00:00Z' }) } }));
    expect(check(bad, 'status')).toMatchObject({ status: 'fail', code: 'STATUS_REVOKED' });
  });

  test('a status list signed by someone else is not used', async () => {
    const forged = await statusList(await party(6), REVOCATION_LIST, 'revocation', []);
    const { bundle } = await makeBundle(world.anchor, world.issuer, [{ ...forged, issuer: world.issuer.did }]);
    const r = await verifySeal(world.good.seal, world.ctx({ bundle }));
    expect(r.verdict).toBe('UNKNOWN');
    expect(check(r, 'status')).toMatchObject({ status: 'unknown', code: 'STATUS_LIST_UNVERIFIED' });
  });

  test('a list the bundle does not hold: UNKNOWN (nothing is fetched)', async () => {
    const { bundle } = await makeBundle(world.anchor, world.issuer, []);
    const r = await verifyFullRecordWithTrust(world.good.di, world.ctx({ bundle }));
    expect(check(r, 'status')).toMatchObject({ status: 'unknown', code: 'STATUS_LIST_UNAVAILABLE' });
  });
});

describe('full records', () => {
  test('a changed result in the DI record or the JWT fails the signature', async () => {
    const di = structuredClone(world.good.di) as any;
    di.credentialSubject.result[0].value = '600';
    const r = await verifyFullRecordWithTrust(di, world.ctx());
    expect(check(r, 'signature')).toMatchObject({ status: 'fail', code: 'SIGNATURE_INVALID' });
    const [h, p, s] = world.good.jwt.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    payload.credentialSubject.result[0].value = '600';
    const jwt = [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.');
    const j = await verifyAny(jwt, world.ctx());
    expect(check(j, 'signature')).toMatchObject({ status: 'fail', code: 'SIGNATURE_INVALID' });
  });
});

describe('strings from the credential are plain data', () => {
  const evil = '<script>alert(1)</script> \u202Edcba\u202C ليلى';
  test('<script> and U+202E in the learner name survive verbatim in the JSON result', async () => {
    const issued = await issue(world.issuer, { learnerName: evil });
    for (const [form, input] of forms(issued)) {
      const r = await verifyAny(input, world.ctx());
      expect([form, r.verdict]).toEqual([form, 'VALID']);
      expect(r.display?.learner.name).toBe(evil);
      expect(JSON.parse(JSON.stringify(r)).display.learner.name).toBe(evil);
    }
  });

  test('the issuer name comes from the bundle, never from the credential', async () => {
    const issued = await issue(world.issuer, { mutate: (c) => { c.issuer.name = 'Totally Official Ministry'; } });
    const r = await verifyFullRecordWithTrust(issued.di, world.ctx({ lang: 'ar' }));
    expect(r.display?.issuer?.name).toEqual({ text: 'وزارة التربية – مديرية الامتحانات الوطنية', lang: 'ar', dir: 'rtl' });
    expect(JSON.stringify(r.display)).not.toContain('Totally Official');
  });
});

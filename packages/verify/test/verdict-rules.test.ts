import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { verifyAny, type VerificationResult, type VerifyContext } from '../src/index.ts';
import { forbidNetwork, issue, makeBundle, makeWorld, NOW, type World } from './lib/make-world.ts';

// No VALID by omission (DESIGN.md "Verdict rules"): every form (seal, Data Integrity, JWT) gives
// the same verdict for the same question.
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
const noBundle = (o: Partial<VerifyContext> = {}): VerifyContext => ({ bundle: undefined, now: NOW, ...o });

describe('without a trust bundle', () => {
  test('by default: UNKNOWN, issuer_trust and key_status unknown (TRUST_BUNDLE_MISSING), status unknown (no list held)', async () => {
    for (const [form, input] of forms(world.good)) {
      const r = await verifyAny(input, noBundle());
      expect([form, r.verdict, check(r, 'signature').status, check(r, 'issuer_trust').status, check(r, 'issuer_trust').code, check(r, 'key_status').status, check(r, 'status').code])
        .toEqual([form, 'UNKNOWN', 'pass', 'unknown', 'TRUST_BUNDLE_MISSING', 'unknown', 'STATUS_LIST_UNAVAILABLE']);
    }
  });

  test('the narrower question signature,validity,profile: VALID', async () => {
    for (const [form, input] of forms(world.good)) {
      expect([form, (await verifyAny(input, noBundle({ requiredChecks: ['signature', 'validity', 'profile'] }))).verdict]).toEqual([form, 'VALID']);
    }
  });

  test('status requested but no list held: UNKNOWN, never VALID', async () => {
    for (const [form, input] of forms(world.good)) {
      const r = await verifyAny(input, noBundle({ requiredChecks: ['status'] }));
      expect([form, r.verdict, check(r, 'status').status]).toEqual([form, 'UNKNOWN', 'unknown']);
    }
  });

  test('status requested on a tampered credential: status was not checked, so UNKNOWN (not VALID)', async () => {
    const t = structuredClone(world.good.di) as Record<string, unknown>;
    t.name = 'forged';
    const r = await verifyAny(t, noBundle({ requiredChecks: ['status'] }));
    expect([r.verdict, check(r, 'status').status, check(r, 'signature').status]).toEqual(['UNKNOWN', 'unknown', 'skipped']);
  });
});

describe('with a trust bundle', () => {
  test('a credential without a status entry: nothing to check (STATUS_NONE stays skipped), VALID; asked for status alone it is UNKNOWN', async () => {
    const none = await issue(world.issuer, { status: [] });
    for (const [form, input] of forms(none)) {
      const all = await verifyAny(input, world.ctx());
      expect([form, all.verdict, check(all, 'status').status, check(all, 'status').code]).toEqual([form, 'VALID', 'skipped', 'STATUS_NONE']);
      expect([form, (await verifyAny(input, world.ctx({ requiredChecks: ['status'] }))).verdict]).toEqual([form, 'UNKNOWN']);
      expect([form, (await verifyAny(input, world.ctx({ requiredChecks: ['signature', 'status'] }))).verdict]).toEqual([form, 'VALID']);
    }
  });

  test('a bundle without the credential\'s status list: UNKNOWN STATUS_LIST_UNAVAILABLE; an injected fetcher is asked and its refusal code is the status code', async () => {
    const { bundle } = await makeBundle(world.anchor, world.issuer, [], { sequence: 8 });
    for (const [form, input] of forms(world.good)) {
      const r = await verifyAny(input, { bundle, now: NOW });
      expect([form, r.verdict, check(r, 'status').code]).toEqual([form, 'UNKNOWN', 'STATUS_LIST_UNAVAILABLE']);
      const asked: string[] = [];
      const refused = await verifyAny(input, { bundle, now: NOW, fetchStatusList: async (url) => { asked.push(url); return { ok: false, code: 'STATUS_FETCH_HOST_REFUSED', message: 'private address' }; } });
      expect([form, refused.verdict, check(refused, 'status').code, asked.length]).toEqual([form, 'UNKNOWN', 'STATUS_FETCH_HOST_REFUSED', 1]);
      const threw = await verifyAny(input, { bundle, now: NOW, fetchStatusList: async () => { throw new Error('socket hang up'); } });
      expect([form, threw.verdict, check(threw, 'status').code]).toEqual([form, 'UNKNOWN', 'STATUS_FETCH_FAILED']);
      const fetched = await verifyAny(input, { bundle, now: NOW, fetchStatusList: async () => ({ ok: true, credential: world.lists.revocation, fetchedAt: NOW }) });
      expect([form, fetched.verdict, check(fetched, 'status').details?.source]).toEqual([form, 'VALID', 'fetched']);
    }
  });

  test('the bundle\'s own snapshot is used before any fetch', async () => {
    const asked: string[] = [];
    const r = await verifyAny(world.good.seal, world.ctx({ fetchStatusList: async (url) => { asked.push(url); return { ok: false, code: 'STATUS_FETCH_FAILED', message: 'x' }; } }));
    expect([r.verdict, asked]).toEqual(['VALID', []]);
  });
});

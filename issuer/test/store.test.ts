import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import { openSqliteStore } from '../src/store/index.ts';
import type { ConsumePickupResult, IssuerStore } from '../src/store/index.ts';
import { MIGRATIONS } from '../src/store/migrations.ts';
import { STORE_BACKENDS } from './store-backends.ts';
import type { StoreLocation } from './store-backends.ts';
import { T0, credential, storeCode, tempDb } from './store-helpers.ts';

/** Two consumers raced: which one wins is the database's choice; exactly one does. */
const sortByOk = (r: ConsumePickupResult[]): ConsumePickupResult[] => [...r].sort((a, b) => Number(b.ok) - Number(a.ok));

describe.each(STORE_BACKENDS)('$name store', (backend) => {
  let loc: StoreLocation;
  let store: IssuerStore;
  beforeAll(() => backend.setup(), 60_000);
  afterAll(() => backend.teardown());
  beforeEach(async () => {
    loc = await backend.fresh();
    store = await loc.open();
  });
  afterEach(async () => {
    await store.close();
    await loc.cleanup();
  });

  describe('opening and migrations', () => {
    it('records every migration', async () => {
      const versions = (await loc.query('SELECT version FROM schema_migrations ORDER BY version')).map((r) => Number(r.version));
      expect(versions).toEqual(MIGRATIONS.map((_, i) => i + 1));
    });

    it('upgrades a v1 database and keeps its rows', async () => {
      const old = await backend.fresh();
      await old.migrateTo(1);
      await old.query(`INSERT INTO achievements (code, entry, created_at, updated_at) VALUES ('MATH-9', '{"n":1}', '${T0}', '${T0}')`);
      await expect(old.query('SELECT * FROM bulk_runs')).rejects.toThrow();

      const s = await old.open();
      expect((await s.getAchievement('MATH-9'))?.entry).toEqual({ n: 1 });
      await s.startBulkRun({ id: 'run-1', session: '2026-06', startedAt: T0 });
      expect((await s.getBulkRun('run-1'))?.session).toBe('2026-06');
      expect(await old.count('SELECT MAX(version) FROM schema_migrations')).toBe(MIGRATIONS.length);
      await s.close();
      await old.cleanup();
    });

    it('upgrades a v3 database: its pick-up codes (one credential each) keep working once', async () => {
      const old = await backend.fresh();
      await old.migrateTo(3);
      // v3 rows, as the v3 code wrote them (one credential per code).
      await old.query(`INSERT INTO credentials (id, kind, subject, achievement_codes, record, format, created_at) VALUES ('urn:uuid:v3', 'achievement', '{}', '[]', '{}', 'di', '${T0}')`);
      await old.query(`INSERT INTO pickup_codes (code_hash, credential_id, created_at, expires_at) VALUES ('old', 'urn:uuid:v3', '${T0}', '2026-07-01T00:00:00.000Z')`);
      await old.query(`INSERT INTO pickup_codes (code_hash, credential_id, created_at, expires_at, used_at) VALUES ('spent', 'urn:uuid:v3', '${T0}', '2026-07-01T00:00:00.000Z', '${T0}')`);
      await expect(old.query('SELECT * FROM pickup_code_items')).rejects.toThrow();

      const s = await old.open();
      expect(await old.count('SELECT MAX(version) FROM schema_migrations')).toBe(MIGRATIONS.length);
      expect(await s.consumePickupCode('spent', T0)).toEqual({ ok: false, reason: 'used' });
      expect(await s.consumePickupCode('old', T0)).toEqual({ ok: true, credentialIds: ['urn:uuid:v3'] });
      expect(await s.consumePickupCode('old', T0)).toEqual({ ok: false, reason: 'used' });
      await s.close();
      await old.cleanup();
    });

    it('refuses a database from a newer version', async () => {
      await loc.query("INSERT INTO schema_migrations VALUES (99, 'x')");
      await store.close();
      expect(await storeCode(loc.open())).toBe('STORE_SCHEMA_TOO_NEW');
    });

    it('refuses use after close', async () => {
      await store.close();
      expect(await storeCode(store.getProfile())).toBe('STORE_CLOSED');
    });

    it('upgrades a v6 database (OpenID4VCI, the last version before shared rate limits and challenges): its open offer is redeemed once', async () => {
      const old = await backend.fresh();
      await old.migrateTo(6);
      await old.query(`INSERT INTO credentials (id, kind, subject, achievement_codes, record, format, created_at) VALUES ('urn:uuid:v6', 'achievement', '{}', '[]', '{}', 'di', '${T0}')`);
      await old.query(`INSERT INTO oid4vci_offers (id, code_hash, created_at, expires_at) VALUES ('o6', 'c6', '${T0}', '2026-07-01T00:00:00.000Z')`);
      await old.query(`INSERT INTO oid4vci_offer_items (offer_id, position, credential_id) VALUES ('o6', 0, 'urn:uuid:v6')`);
      await expect(old.query('SELECT * FROM presentation_challenges')).rejects.toThrow();

      const s = await old.open();
      expect(await old.count('SELECT MAX(version) FROM schema_migrations')).toBe(MIGRATIONS.length);
      expect(await s.redeemCredentialOffer('c6', null, T0, 3)).toEqual({ ok: true, offerId: 'o6', credentialIds: ['urn:uuid:v6'] });
      expect(await s.redeemCredentialOffer('c6', null, T0, 3)).toEqual({ ok: false, reason: 'used' });
      await s.putChallenge({ challenge: 'lpc_v6', expiresAt: '2026-06-01T09:05:00.000Z', createdAt: T0 });
      expect(await s.consumeChallenge('lpc_v6', T0)).toBe('ok');
      await s.close();
      await old.cleanup();
    });
  });

  describe('profile, keys, catalogue', () => {
    it('sets and gets the one profile row', async () => {
      expect(await store.getProfile()).toBeNull();
      const p = { id: 'did:key:z6MkA', names: { en: 'Demo Board', ar: 'مجلس' }, country: 'JO', didMethod: 'key', createdAt: T0 };
      await store.setProfile(p);
      await store.setProfile({ ...p, country: 'LB' });
      expect(await store.getProfile()).toEqual({ ...p, country: 'LB' });
      expect(await loc.count('SELECT COUNT(*) FROM issuer_profile')).toBe(1);
    });

    it('adds, lists, rotates, retires and revokes keys', async () => {
      const k1 = { kid: 'did:key:z1#z1', publicKeyMultibase: 'z1', keyFile: { kdf: 'argon2id', ct: 'x' }, validFrom: T0 };
      await store.addKey(k1);
      expect((await store.getActiveKey())?.kid).toBe(k1.kid);
      // A second active key is refused: rotation is retire + add in one transaction.
      expect(await storeCode(store.addKey({ ...k1, kid: 'did:key:z2#z2' }))).toBe('STORE_CONFLICT');
      await store.transaction(async (tx) => {
        await tx.retireKey(k1.kid, '2026-07-01T00:00:00.000Z');
        await tx.addKey({ ...k1, kid: 'did:key:z2#z2', publicKeyMultibase: 'z2', validFrom: '2026-07-01T00:00:00.000Z' });
      });
      const keys = await store.listKeys();
      expect(keys.map((k) => [k.kid, k.status, k.validUntil, k.revokedAt])).toEqual([
        ['did:key:z1#z1', 'retired', '2026-07-01T00:00:00.000Z', null],
        ['did:key:z2#z2', 'active', null, null],
      ]);
      expect(keys[0]?.keyFile).toEqual(k1.keyFile);
      await store.revokeKey('did:key:z1#z1', '2026-08-01T00:00:00.000Z');
      expect((await store.listKeys())[0]?.revokedAt).toBe('2026-08-01T00:00:00.000Z');
      expect(await storeCode(store.retireKey('nope', T0))).toBe('NOT_FOUND');
      expect(await storeCode(store.addKey({ ...k1, kid: 'did:key:z2#z2' }))).toBe('STORE_CONFLICT');
    });

    it('upserts the catalogue', async () => {
      await store.upsertAchievement('MATH-9', { name: { en: 'Maths' } }, T0);
      const r = await store.upsertAchievement('MATH-9', { name: { en: 'Mathematics' } }, '2026-06-02T00:00:00.000Z');
      expect(r).toEqual({ code: 'MATH-9', entry: { name: { en: 'Mathematics' } }, createdAt: T0, updatedAt: '2026-06-02T00:00:00.000Z' });
      await store.upsertAchievement('ARAB-9', {}, T0);
      expect((await store.listAchievements()).map((a) => a.code)).toEqual(['ARAB-9', 'MATH-9']);
      expect(await store.getAchievement('NONE')).toBeNull();
    });
  });

  describe('credentials and status', () => {
    it('inserts with allocations in one transaction, reads back exact record text, pages', async () => {
      const c = await store.transaction(async (tx) => {
        const rev = await tx.allocateStatus('revocation');
        const sus = await tx.allocateStatus('suspension');
        const cred = credential('urn:uuid:1', [rev, sus], { jwt: 'a.b.c', seal: 'LP1:XYZ', bulkKey: { candidateNumber: 'C-1', achievementCode: 'MATH-9', session: '2026-06' } });
        await tx.insertCredential(cred);
        return cred;
      });
      const got = await store.getCredential('urn:uuid:1');
      expect(got?.record).toBe(c.record);
      expect(got?.status).toEqual([...c.status].sort((a, b) => a.purpose.localeCompare(b.purpose)));
      expect(got).toMatchObject({ kind: 'achievement', jwt: 'a.b.c', seal: 'LP1:XYZ', revoked: false, suspended: false, achievementCodes: ['MATH-9'] });
      expect((await store.getCredentialByBulkKey({ candidateNumber: 'C-1', achievementCode: 'MATH-9', session: '2026-06' }))?.id).toBe('urn:uuid:1');
      expect(await store.getCredentialByBulkKey({ candidateNumber: 'C-1', achievementCode: 'MATH-9', session: '2026-07' })).toBeNull();

      for (let i = 2; i <= 5; i++) await store.insertCredential(credential(`urn:uuid:${i}`, [await store.allocateStatus('revocation')]));
      expect(await store.countCredentials()).toBe(5);
      expect((await store.listCredentials({ limit: 2, offset: 2 })).map((r) => r.id)).toEqual(['urn:uuid:3', 'urn:uuid:4']);
    });

    it('refuses a second credential with the same bulk key (a bulk rerun is idempotent)', async () => {
      const bulkKey = { candidateNumber: 'C-7', achievementCode: 'MATH-9', session: '2026-06' };
      await store.insertCredential(credential('urn:uuid:a', [await store.allocateStatus('revocation')], { bulkKey }));
      expect(await storeCode(store.insertCredential(credential('urn:uuid:b', [await store.allocateStatus('revocation')], { bulkKey })))).toBe('STORE_CONFLICT');
      expect(await store.getCredential('urn:uuid:b')).toBeNull();
    });

    it('refuses an allocation that is unknown, of another purpose, or already bound', async () => {
      const a = await store.allocateStatus('revocation');
      await store.insertCredential(credential('urn:uuid:a', [a]));
      expect(await storeCode(store.insertCredential(credential('urn:uuid:b', [a])))).toBe('STORE_CONFLICT');
      expect(await storeCode(store.insertCredential(credential('urn:uuid:c', [{ ...a, index: (a.index + 1) % 131072 }])))).toBe('STORE_CONFLICT');
      const s = await store.allocateStatus('suspension');
      expect(await storeCode(store.insertCredential(credential('urn:uuid:d', [{ ...s, purpose: 'revocation' }])))).toBe('STORE_CONFLICT');
      expect(await store.countCredentials()).toBe(1);
    });

    it('setStatus round trip: bits, flags, version; revocation is irreversible', async () => {
      const rev = await store.allocateStatus('revocation');
      const sus = await store.allocateStatus('suspension');
      await store.insertCredential(credential('urn:uuid:1', [rev, sus]));
      const bitOf = async (listId: string, i: number) => {
        const l = await store.getStatusList(listId);
        return ((l!.bits[i >> 3]! >> (7 - (i & 7))) & 1) === 1;
      };

      const s1 = await store.setStatus('urn:uuid:1', 'suspension', true);
      expect(s1).toMatchObject({ listId: sus.listId, index: sus.index, changed: true, version: 2 });
      expect(await bitOf(sus.listId, sus.index)).toBe(true);
      expect((await store.getCredential('urn:uuid:1'))?.suspended).toBe(true);
      expect((await store.setStatus('urn:uuid:1', 'suspension', true)).changed).toBe(false);
      await store.setStatus('urn:uuid:1', 'suspension', false);
      expect(await bitOf(sus.listId, sus.index)).toBe(false);
      expect((await store.getCredential('urn:uuid:1'))?.suspended).toBe(false);

      await store.setStatus('urn:uuid:1', 'revocation', true);
      expect(await bitOf(rev.listId, rev.index)).toBe(true);
      expect((await store.getCredential('urn:uuid:1'))?.revoked).toBe(true);
      expect(await storeCode(store.setStatus('urn:uuid:1', 'revocation', false))).toBe('REVOCATION_IRREVERSIBLE');
      expect(await storeCode(store.setStatus('urn:uuid:none', 'revocation', true))).toBe('NOT_FOUND');

      await store.insertCredential(credential('urn:uuid:2', [await store.allocateStatus('revocation')]));
      expect(await storeCode(store.setStatus('urn:uuid:2', 'suspension', true))).toBe('NOT_FOUND');
    });

    it('caches the signed list and tells when it is stale', async () => {
      const rev = await store.allocateStatus('revocation');
      await store.insertCredential(credential('urn:uuid:1', [rev]));
      await store.setSignedStatusList(rev.listId, { json: '{"signed":1}', version: 1, signedAt: T0 });
      expect((await store.getStatusList(rev.listId))?.signed).toEqual({ json: '{"signed":1}', version: 1, signedAt: T0 });
      await store.setStatus('urn:uuid:1', 'revocation', true);
      const l = await store.getStatusList(rev.listId);
      expect(l!.signed!.version < l!.version).toBe(true);
      expect(await storeCode(store.setSignedStatusList('nope', { json: '{}', version: 1, signedAt: T0 }))).toBe('NOT_FOUND');
      expect((await store.listStatusLists('revocation')).map((x) => x.id)).toEqual(['revocation-1']);
    });
  });

  describe('audit log, API keys, pick-up codes, bulk runs', () => {
    it('appends and lists the audit log; UPDATE and DELETE are refused by triggers', async () => {
      const id1 = await store.appendAudit({ at: T0, actor: 'admin', action: 'credential.issue', target: 'urn:uuid:1', details: { n: 1 } });
      const id2 = await store.appendAudit({ at: T0, actor: 'admin', action: 'credential.revoke' });
      expect(id2).toBe(id1 + 1);
      expect(await store.listAudit({ afterId: id1 })).toEqual([{ id: id2, at: T0, actor: 'admin', action: 'credential.revoke', target: null, details: {} }]);

      // Another connection (a person with sqlite3 or psql at hand, or a bug) cannot rewrite history.
      await expect(loc.query("UPDATE audit_log SET actor = 'x'")).rejects.toThrow(/append-only/);
      await expect(loc.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      expect((await store.listAudit()).length).toBe(2);
    });

    it('creates, finds, lists and revokes API keys by hash', async () => {
      const hash = 'a'.repeat(64);
      await store.createApiKey({ id: 'k1', label: 'bulk upload', hash, createdAt: T0 });
      expect(await store.findApiKeyByHash(hash)).toEqual({ id: 'k1', label: 'bulk upload', hash, createdAt: T0, revokedAt: null });
      expect(await storeCode(store.createApiKey({ id: 'k2', label: 'dup', hash, createdAt: T0 }))).toBe('STORE_CONFLICT');
      await store.revokeApiKey('k1', '2026-06-02T00:00:00.000Z');
      expect((await store.listApiKeys())[0]?.revokedAt).toBe('2026-06-02T00:00:00.000Z');
      expect(await store.findApiKeyByHash('b'.repeat(64))).toBeNull();
      expect(await storeCode(store.revokeApiKey('nope', T0))).toBe('NOT_FOUND');
    });

    it('consumes a pick-up code exactly once and not after expiry', async () => {
      await store.insertCredential(credential('urn:uuid:1', [await store.allocateStatus('revocation')]));
      const exp = '2026-06-02T09:00:00.000Z';
      await store.createPickupCode({ codeHash: 'h1', credentialIds: ['urn:uuid:1'], createdAt: T0, expiresAt: exp });
      await store.createPickupCode({ codeHash: 'h2', credentialIds: ['urn:uuid:1'], createdAt: T0, expiresAt: exp });
      expect(await storeCode(store.createPickupCode({ codeHash: 'h3', credentialIds: ['urn:uuid:none'], createdAt: T0, expiresAt: exp }))).toBe('NOT_FOUND');
      const both = await Promise.all([store.consumePickupCode('h1', T0), store.consumePickupCode('h1', T0)]);
      expect(sortByOk(both)).toEqual([{ ok: true, credentialIds: ['urn:uuid:1'] }, { ok: false, reason: 'used' }]);
      expect(await store.consumePickupCode('h2', exp)).toEqual({ ok: false, reason: 'expired' });
      expect(await store.consumePickupCode('nope', T0)).toEqual({ ok: false, reason: 'unknown' });
    });

    it('a pick-up code covers several credentials, in order, all or nothing', async () => {
      for (const id of ['urn:uuid:1', 'urn:uuid:2', 'urn:uuid:3']) await store.insertCredential(credential(id, [await store.allocateStatus('revocation')]));
      const exp = '2026-06-02T09:00:00.000Z';
      await store.createPickupCode({ codeHash: 'm1', credentialIds: ['urn:uuid:3', 'urn:uuid:1', 'urn:uuid:2'], createdAt: T0, expiresAt: exp });
      // One unknown credential: neither the code nor any of its items is stored.
      expect(await storeCode(store.createPickupCode({ codeHash: 'm2', credentialIds: ['urn:uuid:1', 'urn:uuid:none'], createdAt: T0, expiresAt: exp }))).toBe('NOT_FOUND');
      expect(await loc.count("SELECT COUNT(*) FROM pickup_code_items WHERE code_hash = 'm2'")).toBe(0);
      expect(await store.consumePickupCode('m2', T0)).toEqual({ ok: false, reason: 'unknown' });
      await expect(store.createPickupCode({ codeHash: 'm3', credentialIds: [], createdAt: T0, expiresAt: exp })).rejects.toThrow(TypeError);
      await expect(store.createPickupCode({ codeHash: 'm4', credentialIds: ['urn:uuid:1', 'urn:uuid:1'], createdAt: T0, expiresAt: exp })).rejects.toThrow(TypeError);
      expect(await storeCode(store.createPickupCode({ codeHash: 'm1', credentialIds: ['urn:uuid:1'], createdAt: T0, expiresAt: exp }))).toBe('STORE_CONFLICT');
      const both = await Promise.all([store.consumePickupCode('m1', T0), store.consumePickupCode('m1', T0)]);
      expect(sortByOk(both)).toEqual([{ ok: true, credentialIds: ['urn:uuid:3', 'urn:uuid:1', 'urn:uuid:2'] }, { ok: false, reason: 'used' }]);
    });

    it('counts rate-limit windows: the limit holds per key, a new window starts again', async () => {
      const w1 = Date.parse(T0);
      const taken = await Promise.all(Array.from({ length: 5 }, () => store.takeRateLimit('api-key:k1', w1, 3)));
      expect(taken.filter(Boolean).length).toBe(3);
      expect(await store.takeRateLimit('api-key:k2', w1, 3)).toBe(true); // another key has its own count
      expect(await store.takeRateLimit('api-key:k1', w1 + 60_000, 3)).toBe(true);
    });

    it('holds presentation challenges: consumed once, raced consumers get one ok, expired after its time', async () => {
      await store.putChallenge({ challenge: 'lpc_a', expiresAt: '2026-06-01T09:05:00.000Z', createdAt: T0 });
      await store.putChallenge({ challenge: 'lpc_b', expiresAt: '2026-06-01T09:05:00.000Z', createdAt: T0 });
      expect(await storeCode(store.putChallenge({ challenge: 'lpc_a', expiresAt: '2026-06-01T09:05:00.000Z', createdAt: T0 }))).toBe('STORE_CONFLICT');
      const raced = await Promise.all([store.consumeChallenge('lpc_a', T0), store.consumeChallenge('lpc_a', T0)]);
      expect([...raced].sort()).toEqual(['ok', 'used']);
      expect(await store.consumeChallenge('lpc_b', '2026-06-01T09:05:00.000Z')).toBe('expired');
      expect(await store.consumeChallenge('lpc_b', T0)).toBe('used');
      expect(await store.consumeChallenge('lpc_none', T0)).toBe('unknown');
      // Issuing a later one drops those expired before it.
      await store.putChallenge({ challenge: 'lpc_c', expiresAt: '2026-06-01T10:05:00.000Z', createdAt: '2026-06-01T10:00:00.000Z' });
      expect(await store.consumeChallenge('lpc_a', '2026-06-01T10:00:00.000Z')).toBe('unknown');
    });

    it('holds OpenID4VP requests: one answer across raced claims, its result read back, expired ones refused then purged', async () => {
      const request = (id: string, expiresAt: string) => ({ id, nonce: `lpc_${id}`, clientId: `redirect_uri:https://v.example/oid4vp/responses/${id}`, payload: JSON.stringify({ nonce: `lpc_${id}` }), readKeyHash: `hash-${id}`, createdAt: T0, expiresAt });
      await store.putPresentationRequest(request('r1', '2026-06-01T09:05:00.000Z'), T0);
      await store.putPresentationRequest(request('r2', '2026-06-01T09:05:00.000Z'), T0);
      expect(await storeCode(store.putPresentationRequest(request('r1', '2026-06-01T09:05:00.000Z'), T0))).toBe('STORE_CONFLICT');
      expect(await store.getPresentationRequest('r1')).toEqual({ ...request('r1', '2026-06-01T09:05:00.000Z'), answeredAt: null, result: null });
      const raced = await Promise.all([store.claimPresentationRequest('r1', T0), store.claimPresentationRequest('r1', T0)]);
      expect([...raced].sort()).toEqual(['answered', 'ok']);
      await store.setPresentationResult('r1', '{"verdict":"VALID"}');
      expect(await store.getPresentationRequest('r1')).toMatchObject({ answeredAt: T0, result: '{"verdict":"VALID"}' });
      expect(await store.claimPresentationRequest('r2', '2026-06-01T09:05:00.000Z')).toBe('expired');
      // An expired request records nothing: it stays unanswered.
      expect((await store.getPresentationRequest('r2'))?.answeredAt).toBeNull();
      expect(await store.claimPresentationRequest('nope', T0)).toBe('unknown');
      expect(await storeCode(store.setPresentationResult('nope', '{}'))).toBe('NOT_FOUND');
      // A later request drops those expired before the time it is given, answered or not.
      await store.putPresentationRequest(request('r3', '2026-06-01T11:05:00.000Z'), '2026-06-01T10:00:00.000Z');
      expect(await store.getPresentationRequest('r1')).toBeNull();
      expect(await store.getPresentationRequest('r2')).toBeNull();
      expect(await store.getPresentationRequest('r3')).not.toBeNull();
    });

    describe('OpenID4VCI offers and nonces', () => {
      const EXP = '2026-06-01T09:10:00.000Z';
      const offer = (id: string, credentialIds: string[], extra: { txCodeHash?: string | null; codeHash?: string } = {}) => ({
        id, codeHash: extra.codeHash ?? `code-${id}`, txCodeHash: extra.txCodeHash ?? null, credentialIds, createdAt: T0, expiresAt: EXP,
      });
      const three = async () => {
        for (const id of ['urn:uuid:1', 'urn:uuid:2', 'urn:uuid:3']) await store.insertCredential(credential(id, [await store.allocateStatus('revocation')]));
      };

      it('creates an offer with its credentials in order; bad offers store nothing', async () => {
        await three();
        await store.createCredentialOffer(offer('o1', ['urn:uuid:3', 'urn:uuid:1']));
        expect(await store.getOfferItems('o1')).toEqual([
          { credentialId: 'urn:uuid:3', holder: null, deliveredAt: null },
          { credentialId: 'urn:uuid:1', holder: null, deliveredAt: null },
        ]);
        expect(await store.getOfferItems('nope')).toBeNull();
        // One unknown credential: neither the offer nor any item is kept.
        expect(await storeCode(store.createCredentialOffer(offer('o2', ['urn:uuid:1', 'urn:uuid:none'])))).toBe('NOT_FOUND');
        expect(await store.getOfferItems('o2')).toBeNull();
        expect(await loc.count("SELECT COUNT(*) FROM oid4vci_offer_items WHERE offer_id = 'o2'")).toBe(0);
        // The same pre-authorized code twice, or the same offer id twice.
        expect(await storeCode(store.createCredentialOffer(offer('o3', ['urn:uuid:2'], { codeHash: 'code-o1' })))).toBe('STORE_CONFLICT');
        expect(await storeCode(store.createCredentialOffer(offer('o1', ['urn:uuid:2'], { codeHash: 'other' })))).toBe('STORE_CONFLICT');
        await expect(store.createCredentialOffer(offer('o4', []))).rejects.toThrow(TypeError);
        await expect(store.createCredentialOffer(offer('o5', ['urn:uuid:1', 'urn:uuid:1']))).rejects.toThrow(TypeError);
        expect(await loc.count('SELECT COUNT(*) FROM oid4vci_offers')).toBe(1);
      });

      it('redeems an offer once, raced from two store instances, and not after expiry', async () => {
        await three();
        await store.createCredentialOffer(offer('o1', ['urn:uuid:2', 'urn:uuid:1']));
        await store.createCredentialOffer(offer('o2', ['urn:uuid:3']));
        const other = await loc.open();
        const raced = await Promise.all([store.redeemCredentialOffer('code-o1', null, T0, 3), other.redeemCredentialOffer('code-o1', null, T0, 3)]);
        expect([...raced].sort((a, b) => Number(b.ok) - Number(a.ok))).toEqual([
          { ok: true, offerId: 'o1', credentialIds: ['urn:uuid:2', 'urn:uuid:1'] }, { ok: false, reason: 'used' },
        ]);
        expect(await other.redeemCredentialOffer('code-o2', null, EXP, 3)).toEqual({ ok: false, reason: 'expired' });
        expect(await store.redeemCredentialOffer('code-none', null, T0, 3)).toEqual({ ok: false, reason: 'unknown' });
        await other.close();
      });

      it('counts wrong PINs across instances and spends the offer at the last one allowed', async () => {
        await three();
        await store.createCredentialOffer(offer('o1', ['urn:uuid:1'], { txCodeHash: 'pin-hash' }));
        await store.createCredentialOffer(offer('o2', ['urn:uuid:2'], { txCodeHash: 'pin-hash' }));
        const other = await loc.open();
        expect(await store.redeemCredentialOffer('code-o1', null, T0, 3)).toEqual({ ok: false, reason: 'tx_code_missing' });
        // Three wrong guesses at once from two instances: each is counted, none lost to the race.
        const guesses = await Promise.all([
          store.redeemCredentialOffer('code-o1', 'wrong-1', T0, 3), other.redeemCredentialOffer('code-o1', 'wrong-2', T0, 3), other.redeemCredentialOffer('code-o1', 'wrong-3', T0, 3),
        ]);
        expect(guesses.map((g) => (g.ok ? 'ok' : `${g.reason}:${String(g.attemptsLeft)}`)).sort()).toEqual(['tx_code_locked:0', 'tx_code_wrong:1', 'tx_code_wrong:2']);
        // The right PIN after the lock is too late.
        expect(await store.redeemCredentialOffer('code-o1', 'pin-hash', T0, 3)).toEqual({ ok: false, reason: 'tx_code_locked' });
        expect(await other.redeemCredentialOffer('code-o2', 'wrong', T0, 3)).toEqual({ ok: false, reason: 'tx_code_wrong', attemptsLeft: 2 });
        expect(await store.redeemCredentialOffer('code-o2', 'pin-hash', T0, 3)).toEqual({ ok: true, offerId: 'o2', credentialIds: ['urn:uuid:2'] });
        await other.close();
      });

      it('delivers each credential of an offer once, all or nothing', async () => {
        await three();
        await store.createCredentialOffer(offer('o1', ['urn:uuid:1', 'urn:uuid:2']));
        const other = await loc.open();
        const copy = (credentialId: string, holder: string) => ({ credentialId, holder, format: 'ldp_vc', record: `{"id":"${credentialId}","holder":"${holder}"}` });
        const at = '2026-06-01T09:01:00.000Z';
        const raced = await Promise.all([
          store.markOfferDelivered('o1', [copy('urn:uuid:1', 'did:key:a')], at).then(() => 'ok', (e: unknown) => storeCode(Promise.reject(e))),
          other.markOfferDelivered('o1', [copy('urn:uuid:1', 'did:key:b')], at).then(() => 'ok', (e: unknown) => storeCode(Promise.reject(e))),
        ]);
        expect([...raced].sort()).toEqual(['STORE_CONFLICT', 'ok']);
        const holder = (await store.getOfferItems('o1'))![0]!.holder;
        expect(['did:key:a', 'did:key:b']).toContain(holder);
        // One of two already delivered: the other is not written either.
        expect(await storeCode(store.markOfferDelivered('o1', [copy('urn:uuid:2', 'did:key:a'), copy('urn:uuid:1', 'did:key:a')], at))).toBe('STORE_CONFLICT');
        expect((await store.getOfferItems('o1'))![1]).toEqual({ credentialId: 'urn:uuid:2', holder: null, deliveredAt: null });
        expect(await storeCode(store.markOfferDelivered('o1', [copy('urn:uuid:3', 'did:key:a')], at))).toBe('NOT_FOUND');
        await store.markOfferDelivered('o1', [copy('urn:uuid:2', 'did:key:a')], at);
        expect((await store.getOfferItems('o1'))![1]).toEqual({ credentialId: 'urn:uuid:2', holder: 'did:key:a', deliveredAt: at });
        expect(await loc.count("SELECT COUNT(*) FROM oid4vci_offer_items WHERE record IS NOT NULL")).toBe(2);
        await other.close();
      });

      it('consumes a c_nonce once, raced from two store instances, and not after expiry', async () => {
        await store.createNonce('n1', EXP);
        await store.createNonce('n2', EXP);
        expect(await storeCode(store.createNonce('n1', EXP))).toBe('STORE_CONFLICT');
        const other = await loc.open();
        const raced = await Promise.all([store.consumeNonce('n1', T0), other.consumeNonce('n1', T0)]);
        expect([...raced].sort((a, b) => Number(b.ok) - Number(a.ok))).toEqual([{ ok: true }, { ok: false, reason: 'used' }]);
        expect(await other.consumeNonce('n2', EXP)).toEqual({ ok: false, reason: 'expired' });
        expect(await store.consumeNonce('n0', T0)).toEqual({ ok: false, reason: 'unknown' });
        await expect(store.consumeNonce('n2', 'not a date')).rejects.toThrow(TypeError);
        await other.close();
      });
    });

    it('records bulk runs', async () => {
      await store.startBulkRun({ id: 'r1', session: '2026-06', startedAt: T0 });
      await store.finishBulkRun('r1', '2026-06-01T10:00:00.000Z', { issued: 10, skipped: 2, failed: 1 });
      expect(await store.listBulkRuns()).toEqual([{ id: 'r1', session: '2026-06', startedAt: T0, finishedAt: '2026-06-01T10:00:00.000Z', counts: { issued: 10, skipped: 2, failed: 1 } }]);
      expect(await storeCode(store.finishBulkRun('nope', T0, { issued: 0, skipped: 0, failed: 0 }))).toBe('NOT_FOUND');
    });
  });
});

describe('sqlite store only', () => {
  it('sets WAL, synchronous=FULL and foreign keys', async () => {
    const db = tempDb();
    const s = await openSqliteStore(db.file);
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1);
    await s.close();
    db.cleanup();
  });

  it('refuses a file that is not a database', async () => {
    const junk = tempDb();
    fs.writeFileSync(junk.file, 'this is not a database, just text long enough to fill a header '.repeat(100));
    expect(await storeCode(openSqliteStore(junk.file))).toBe('STORE_CORRUPT');
    junk.cleanup();
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import net from 'node:net';
import { openPostgresStore, openSqliteStore } from '../src/store/index.ts';
import type { IssuerStore, SqliteIssuerStore, StoreError } from '../src/store/index.ts';
import { STORE_BACKENDS } from './store-backends.ts';
import type { StoreLocation } from './store-backends.ts';
import { T0, credential, storeCode, tempDb } from './store-helpers.ts';

describe.each(STORE_BACKENDS)('$name store errors', (backend) => {
  let loc: StoreLocation;
  let store: IssuerStore;
  beforeAll(() => backend.setup(), 60_000);
  afterAll(() => backend.teardown());
  beforeEach(async () => {
    loc = await backend.fresh();
    store = await loc.open({ busyTimeoutMs: 50 });
  });
  afterEach(async () => {
    await store.close();
    await loc.cleanup();
  });

  it('STORE_BUSY while another connection holds a write transaction, then recovers', async () => {
    const other = await loc.holdWriteLock();
    expect(await storeCode(store.allocateStatus('revocation'))).toBe('STORE_BUSY');
    expect(await storeCode(store.transaction(async (tx) => tx.appendAudit({ at: T0, actor: 'a', action: 'b' })))).toBe('STORE_BUSY');
    expect(await storeCode(store.appendAudit({ at: T0, actor: 'a', action: 'b' }))).toBe('STORE_BUSY');
    expect(await store.countCredentials()).toBe(0); // readers are not blocked in WAL
    await other.release();
    await store.appendAudit({ at: T0, actor: 'a', action: 'b' });
    expect((await store.listAudit()).map((e) => e.actor)).toEqual(['other', 'a']);
  });

  it('a failed insert in a transaction leaves no allocation, credential or audit row', async () => {
    const bulkKey = { candidateNumber: 'C-1', achievementCode: 'MATH-9', session: '2026-06' };
    await store.insertCredential(credential('urn:uuid:1', [await store.allocateStatus('revocation')], { bulkKey }));
    const before = (await store.listStatusLists())[0]!.usedCount;
    const err = await storeCode(store.transaction(async (tx) => {
      await tx.appendAudit({ at: T0, actor: 'bulk', action: 'credential.issue' });
      const a = await tx.allocateStatus('revocation');
      const b = await tx.allocateStatus('suspension');
      await tx.insertCredential(credential('urn:uuid:2', [a, b], { bulkKey }));
    }));
    expect(err).toBe('STORE_CONFLICT');
    expect(await store.countCredentials()).toBe(1);
    expect(await store.listAudit()).toEqual([]);
    expect((await store.listStatusLists()).map((l) => [l.id, l.usedCount])).toEqual([['revocation-1', before]]);

    // Outside a transaction, insertCredential alone is atomic too: a bad allocation undoes the row.
    const ok = await store.allocateStatus('revocation');
    expect(await storeCode(store.insertCredential(credential('urn:uuid:3', [ok, { ...ok, listId: 'revocation-9' }])))).toBe('STORE_CONFLICT');
    expect(await store.getCredential('urn:uuid:3')).toBeNull();
    await store.insertCredential(credential('urn:uuid:3', [ok]));
  });
});

describe('sqlite store errors only', () => {
  let db: ReturnType<typeof tempDb>;
  let sq: SqliteIssuerStore;
  beforeEach(async () => {
    db = tempDb();
    sq = await openSqliteStore(db.file, { busyTimeoutMs: 50 });
  });
  afterEach(async () => {
    await sq.close();
    db.cleanup();
  });

  it('STORE_FULL when the disk (here: max_page_count) is full, and nothing is half-written', async () => {
    await sq.upsertAchievement('MATH-9', {}, T0);
    const pages = sq.db.pragma('page_count', { simple: true }) as number;
    // SQLite answers SQLITE_FULL once the database would grow past max_page_count: a real disk-full path.
    sq.db.pragma(`max_page_count = ${pages + 2}`);
    const big = 'x'.repeat(200_000);
    const err = await storeCode(sq.transaction(async (tx) => {
      const a = await tx.allocateStatus('revocation');
      await tx.appendAudit({ at: T0, actor: 'bulk', action: 'credential.issue' });
      await tx.insertCredential(credential('urn:uuid:big', [a], { record: big }));
    }));
    expect(err).toBe('STORE_FULL');
    expect(await sq.getCredential('urn:uuid:big')).toBeNull();
    expect(await sq.listAudit()).toEqual([]);
    expect(await sq.listStatusLists()).toEqual([]);
    expect(await storeCode(sq.insertCredential(credential('urn:uuid:big2', [], { record: big })))).toBe('STORE_FULL');

    sq.db.pragma('max_page_count = 1073741823');
    await sq.insertCredential(credential('urn:uuid:big', [await sq.allocateStatus('revocation')], { record: big }));
    expect((await sq.getCredential('urn:uuid:big'))?.record).toBe(big);
  });

  it('STORE_IO when the directory does not exist', async () => {
    expect(await storeCode(openSqliteStore('/nonexistent-dir-lp/x.sqlite'))).toBe('STORE_IO');
  });
});

describe('postgres store errors only', () => {
  it('STORE_UNREACHABLE naming host and port when nothing listens there', async () => {
    // A port that was just free: nothing listens on it.
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const err = await openPostgresStore(`postgres://lp:secret-pw@127.0.0.1:${port}/issuer`, { connectTimeoutMs: 2000 }).catch((e: unknown) => e as StoreError);
    expect((err as StoreError).code).toBe('STORE_UNREACHABLE');
    expect((err as StoreError).message).toContain(`127.0.0.1:${port}`);
    expect((err as StoreError).message).not.toContain('secret-pw');
  });
});

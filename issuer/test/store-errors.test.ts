import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/store/index.ts';
import type { SqliteIssuerStore } from '../src/store/index.ts';
import { T0, credential, storeCode, tempDb } from './store-helpers.ts';

let db: ReturnType<typeof tempDb>;
let store: SqliteIssuerStore;
beforeEach(async () => {
  db = tempDb();
  store = await openSqliteStore(db.file, { busyTimeoutMs: 50 });
});
afterEach(async () => {
  await store.close();
  db.cleanup();
});

describe('store errors', () => {
  it('STORE_BUSY while another connection holds a write transaction, then recovers', async () => {
    const other = new Database(db.file);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    other.prepare("INSERT INTO audit_log (at, actor, action, details) VALUES (?, 'other', 'x', '{}')").run(T0);
    expect(await storeCode(store.allocateStatus('revocation'))).toBe('STORE_BUSY');
    expect(await storeCode(store.transaction(async (tx) => tx.appendAudit({ at: T0, actor: 'a', action: 'b' })))).toBe('STORE_BUSY');
    expect(await storeCode(store.appendAudit({ at: T0, actor: 'a', action: 'b' }))).toBe('STORE_BUSY');
    expect(await store.countCredentials()).toBe(0); // readers are not blocked in WAL
    other.exec('COMMIT');
    other.close();
    await store.appendAudit({ at: T0, actor: 'a', action: 'b' });
    expect((await store.listAudit()).map((e) => e.actor)).toEqual(['other', 'a']);
  });

  it('STORE_FULL when the disk (here: max_page_count) is full, and nothing is half-written', async () => {
    await store.upsertAchievement('MATH-9', {}, T0);
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    // SQLite answers SQLITE_FULL once the database would grow past max_page_count: a real disk-full path.
    store.db.pragma(`max_page_count = ${pages + 2}`);
    const big = 'x'.repeat(200_000);
    const err = await storeCode(store.transaction(async (tx) => {
      const a = await tx.allocateStatus('revocation');
      await tx.appendAudit({ at: T0, actor: 'bulk', action: 'credential.issue' });
      await tx.insertCredential(credential('urn:uuid:big', [a], { record: big }));
    }));
    expect(err).toBe('STORE_FULL');
    expect(await store.getCredential('urn:uuid:big')).toBeNull();
    expect(await store.listAudit()).toEqual([]);
    expect(await store.listStatusLists()).toEqual([]);
    expect(await storeCode(store.insertCredential(credential('urn:uuid:big2', [], { record: big })))).toBe('STORE_FULL');

    store.db.pragma('max_page_count = 1073741823');
    await store.insertCredential(credential('urn:uuid:big', [await store.allocateStatus('revocation')], { record: big }));
    expect((await store.getCredential('urn:uuid:big'))?.record).toBe(big);
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

  it('STORE_IO when the directory does not exist', async () => {
    expect(await storeCode(openSqliteStore('/nonexistent-dir-lp/x.sqlite'))).toBe('STORE_IO');
  });
});

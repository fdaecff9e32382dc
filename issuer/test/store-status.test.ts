import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { IssuerStore, StatusAllocation } from '../src/store/index.ts';
import { STORE_BACKENDS } from './store-backends.ts';
import type { StoreLocation } from './store-backends.ts';
import { T0, credential, storeCode } from './store-helpers.ts';

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

  describe('status index allocation', () => {
    it('allocates 10,000 distinct indexes that persist across reopen and are never handed out again', async () => {
      const seen = new Set<number>();
      for (let batch = 0; batch < 10; batch++) {
        await store.transaction(async (tx) => {
          for (let k = 0; k < 1000; k++) {
            const a = await tx.allocateStatus('revocation');
            if (a.listId !== 'revocation-1' || seen.has(a.index) || a.index < 0 || a.index >= 131072) throw new Error(`bad allocation ${JSON.stringify(a)}`);
            seen.add(a.index);
          }
        });
      }
      expect(seen.size).toBe(10_000);
      await store.close();

      const stored = (await loc.query("SELECT idx FROM status_allocations WHERE list_id = 'revocation-1'")).map((r) => Number(r.idx));
      expect(new Set(stored)).toEqual(seen);

      store = await loc.open();
      expect((await store.listStatusLists('revocation'))[0]).toMatchObject({ usedCount: 10_000, full: false });
      for (let k = 0; k < 200; k++) {
        const a = await store.allocateStatus('revocation');
        expect(seen.has(a.index)).toBe(false);
        seen.add(a.index);
      }
    });

    it('fills a list completely, then opens the next one', async () => {
      await store.close();
      store = await loc.open({ listLength: 64, allowShortList: true });
      const got: StatusAllocation[] = [];
      await store.transaction(async (tx) => {
        for (let k = 0; k < 66; k++) got.push(await tx.allocateStatus('suspension'));
      });
      const first = got.filter((a) => a.listId === 'suspension-1').map((a) => a.index);
      expect(new Set(first).size).toBe(64);
      expect(got.slice(64).map((a) => a.listId)).toEqual(['suspension-2', 'suspension-2']);
      expect((await store.listStatusLists('suspension')).map((l) => [l.id, l.usedCount, l.full])).toEqual([
        ['suspension-1', 64, true], ['suspension-2', 2, false],
      ]);
      expect(await store.listStatusLists('revocation')).toEqual([]);
    });

    it('allocateStatuses hands out many at once as allocateStatus would: distinct, filling a list then opening the next', async () => {
      await store.close();
      store = await loc.open({ listLength: 64, allowShortList: true });
      const got = await store.transaction(async (tx) => [...(await tx.allocateStatuses('revocation', 40)), ...(await tx.allocateStatuses('revocation', 30))]);
      expect(got).toHaveLength(70);
      expect(new Set(got.map((a) => `${a.listId}#${a.index}`)).size).toBe(70);
      expect(got.filter((a) => a.listId === 'revocation-1')).toHaveLength(64);
      expect((await store.listStatusLists('revocation')).map((l) => [l.id, l.usedCount, l.full])).toEqual([
        ['revocation-1', 64, true], ['revocation-2', 6, false],
      ]);
      expect(await store.allocateStatuses('revocation', 0)).toEqual([]);
      await expect(store.allocateStatuses('revocation', -1)).rejects.toThrow(TypeError);
      await expect(store.allocateStatuses('revocation', 1.5)).rejects.toThrow(TypeError);
    });

    it('insertCredentials stores a batch with its audit entries, or nothing when one credential conflicts', async () => {
      const ok = await store.transaction(async (tx) => {
        const a = await tx.allocateStatuses('revocation', 2);
        await tx.insertCredentials(
          [credential('urn:uuid:b1', [a[0]!]), credential('urn:uuid:b2', [a[1]!])],
          [{ at: T0, actor: 'bulk:r', action: 'credential.issue', target: 'urn:uuid:b1' }, { at: T0, actor: 'bulk:r', action: 'credential.issue', target: 'urn:uuid:b2' }],
        );
        return a;
      });
      expect((await store.getCredential('urn:uuid:b2'))?.status).toEqual([ok[1]]);
      expect((await store.listAudit()).map((e) => e.target)).toEqual(['urn:uuid:b1', 'urn:uuid:b2']);

      // b1 again: the whole call is refused and b3 before it is not kept either.
      const code = await storeCode(store.transaction(async (tx) => {
        const a = await tx.allocateStatuses('revocation', 2);
        await tx.insertCredentials(
          [credential('urn:uuid:b3', [a[0]!]), credential('urn:uuid:b1', [a[1]!])],
          [{ at: T0, actor: 'bulk:r', action: 'credential.issue' }, { at: T0, actor: 'bulk:r', action: 'credential.issue' }],
        );
      }));
      expect(code).toBe('STORE_CONFLICT');
      expect(await store.getCredential('urn:uuid:b3')).toBeNull();
      expect(await store.countCredentials()).toBe(2);
      expect(await store.listAudit()).toHaveLength(2);
      await expect(store.insertCredentials([credential('urn:uuid:b4', [])], [])).rejects.toThrow(TypeError);
      expect(await store.countCredentials()).toBe(2);
    });

    it('refuses lists shorter than 131,072 entries without the test option', async () => {
      await store.close();
      store = await loc.open({ listLength: 64 });
      const e = await store.allocateStatus('revocation').catch((x: unknown) => x);
      expect((e as { code?: string }).code).toBe('LIST_TOO_SMALL');
    });

    it('concurrent transactions are serialised and get distinct indexes', async () => {
      const ids = Array.from({ length: 8 }, (_, i) => `urn:uuid:${i}`);
      const allocs = await Promise.all(ids.map((id) => store.transaction(async (tx) => {
        const a = await tx.allocateStatus('revocation');
        await tx.insertCredential(credential(id, [a]));
        return a.index;
      })));
      expect(new Set(allocs).size).toBe(8);
      expect(await store.countCredentials()).toBe(8);
    });

    it('a rolled-back transaction leaves nothing: no credential, no audit row, no used index', async () => {
      // Fixed "random" bytes make the allocator pick the same index every time it is free.
      await store.close();
      store = await loc.open({ random: (n) => new Uint8Array(n).fill(7) });
      const boom = new Error('signing failed');
      let inside: StatusAllocation | undefined;
      const err = await store.transaction(async (tx) => {
        inside = await tx.allocateStatus('revocation');
        await tx.insertCredential(credential('urn:uuid:1', [inside]));
        await tx.appendAudit({ at: T0, actor: 'bulk', action: 'credential.issue', target: 'urn:uuid:1' });
        throw boom;
      }).catch((e: unknown) => e);
      expect(err).toBe(boom); // the caller's own error comes back unchanged
      expect(await store.getCredential('urn:uuid:1')).toBeNull();
      expect(await store.listAudit()).toEqual([]);
      expect(await store.listStatusLists()).toEqual([]); // even the list it opened is gone
      // Rollback means the credential never existed, so handing the index out again is harmless
      // (see allocateStatus in lib/sqlite-ops.ts and lib/postgres-ops.ts): only committed indexes are never reused.
      const again = await store.allocateStatus('revocation');
      expect(again).toEqual(inside);
      expect(await storeCode(store.allocateStatus('revocation').then((a) => {
        if (a.index === again.index) throw new Error('reused a committed index');
      }))).toBeUndefined();
    });

    it('the transaction handle is dead after the transaction', async () => {
      let leaked: Parameters<Parameters<IssuerStore['transaction']>[0]>[0] | undefined;
      await store.transaction(async (tx) => { leaked = tx; });
      expect(await storeCode(leaked!.countCredentials())).toBe('STORE_CLOSED');
    });
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import crypto from 'node:crypto';
import type { IssuerStore, StatusAllocation } from '../src/store/index.ts';
import { postgresBackend } from './store-backends.ts';
import type { StoreLocation } from './store-backends.ts';

/**
 * Two instances on one PostgreSQL database: while one holds a transaction with uncommitted
 * status indexes (a bulk batch signing), the other must not wait for it when it draws one of
 * those indexes; it takes another at once. The random source is injected so that the draws are
 * known: each number below is the next 32-bit draw, and below the list length it is the index.
 */
function draws(...xs: number[]): (n: number) => Uint8Array {
  const queue = [...xs];
  return (n) => {
    const x = queue.shift();
    if (x === undefined) return new Uint8Array(crypto.randomBytes(n));
    const b = new Uint8Array(n);
    new DataView(b.buffer).setUint32(0, x);
    return b;
  };
}

/** Transactions held open by a test: released after it, so a failed test does not hang the cleanup. */
const holders: Deferred<void>[] = [];

interface Deferred<T> { promise: Promise<T>; resolve: (v: T) => void }
function deferred<T = void>(): Deferred<T> {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

/**
 * Store A runs `allocate` in a transaction and keeps it open until `commit` is called; `held`
 * resolves with what it allocated while the transaction is still open.
 */
function holdOpen(a: IssuerStore, allocate: (tx: Parameters<Parameters<IssuerStore['transaction']>[0]>[0]) => Promise<StatusAllocation[]>) {
  const held = deferred<StatusAllocation[]>();
  const release = deferred();
  const state = { committed: false };
  holders.push(release);
  const done = a.transaction(async (tx) => {
    const got = await allocate(tx);
    held.resolve(got);
    await release.promise;
    return got;
  }).then((got) => { state.committed = true; return got; });
  return { held: held.promise, commit: async () => { release.resolve(); return done; }, state };
}

describe('postgres store: status allocation beside an open transaction', () => {
  let loc: StoreLocation;
  beforeAll(() => postgresBackend.setup(), 60_000);
  afterAll(() => postgresBackend.teardown());
  beforeEach(async () => { loc = await postgresBackend.fresh(); });
  afterEach(async () => {
    for (const h of holders.splice(0)) h.resolve();
    await loc.cleanup();
  });

  const committed = (idx: number) => loc.count(`SELECT COUNT(*) FROM status_allocations WHERE idx = ${idx}`);

  it('a single allocation that draws an index held by another open transaction takes another at once', async () => {
    // The list exists (committed) before: opening a list is another matter than drawing from it.
    const a = await loc.open({ random: draws(1, 1000) });
    expect((await a.allocateStatus('revocation')).index).toBe(1);
    const open = holdOpen(a, async (tx) => [await tx.allocateStatus('revocation')]);
    const [inA] = await open.held;
    expect(inA!.index).toBe(1000);
    expect(await committed(1000)).toBe(0); // held, not committed

    // Waiting on the held index would end in STORE_BUSY after the lock timeout, not hang.
    const b = await loc.open({ random: draws(1000, 2000), busyTimeoutMs: 2000 });
    const inB = await b.allocateStatus('revocation');
    expect(open.state.committed).toBe(false); // B had its answer while A was still open
    expect(inB).toEqual({ purpose: 'revocation', listId: inA!.listId, index: 2000 });

    await open.commit();
    const rows = await loc.query('SELECT idx FROM status_allocations ORDER BY idx');
    expect(rows.map((r) => r.idx)).toEqual([1, 1000, 2000]);
    // Now committed, 1000 is a conflict for ever: another draw of it moves on too.
    const again = await (await loc.open({ random: draws(1000, 3000) })).allocateStatus('revocation');
    expect(again.index).toBe(3000);
  });

  it('a batch that draws indexes held by another open batch takes others at once, all distinct after both commit', async () => {
    const a = await loc.open({ random: draws(1, 1001, 1002, 1003) });
    expect((await a.allocateStatus('revocation')).index).toBe(1);
    const open = holdOpen(a, (tx) => tx.allocateStatuses('revocation', 3));
    expect((await open.held).map((s) => s.index)).toEqual([1001, 1002, 1003]);

    // B's first allocation takes the slow path (no list known yet), the next ones the fast path
    // (the list B used last): both meet held indexes.
    const b = await loc.open({ random: draws(1002, 1003, 2001, 1001, 2002, 2003), busyTimeoutMs: 2000 });
    const inB = await b.allocateStatuses('revocation', 3);
    expect(open.state.committed).toBe(false);
    expect(inB.map((s) => s.index)).toEqual([2001, 2002, 2003]);

    await open.commit();
    expect(await loc.count('SELECT COUNT(*) FROM status_allocations')).toBe(7);
    expect(await loc.count('SELECT COUNT(DISTINCT idx) FROM status_allocations')).toBe(7);
  });

  it('an open batch does not make a single API allocation wait, and the batch still commits its own indexes', async () => {
    const a = await loc.open({ random: draws(1, 500, 501) });
    expect((await a.allocateStatus('suspension')).index).toBe(1);
    const open = holdOpen(a, (tx) => tx.allocateStatuses('suspension', 2));
    await open.held;
    const b = await loc.open({ random: draws(501, 500, 502), busyTimeoutMs: 2000 });
    expect((await b.transaction((tx) => tx.allocateStatus('suspension'))).index).toBe(502);
    expect(open.state.committed).toBe(false);
    expect((await open.commit()).map((s) => s.index)).toEqual([500, 501]);
    expect((await loc.query('SELECT idx FROM status_allocations ORDER BY idx')).map((r) => r.idx)).toEqual([1, 500, 501, 502]);
  });
});

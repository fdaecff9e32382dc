import type { IssuerStore, IssuerStoreOps } from '../../store/index.ts';

/**
 * An IssuerStore whose every call runs inside the open transaction `tx`, and whose `transaction`
 * joins it instead of opening another. Handing it to `issueCredential` lets a bulk run put ~100
 * issuances in ONE transaction (one fsync instead of 100): they commit together or not at all,
 * so a SIGKILL loses at most the batch in flight, which the next run re-does (bulk keys).
 */
export function storeInTransaction(tx: IssuerStoreOps): IssuerStore {
  return new Proxy(tx as IssuerStore, {
    get(target, prop) {
      if (prop === 'transaction') return <T>(fn: (t: IssuerStoreOps) => Promise<T>): Promise<T> => fn(target);
      if (prop === 'close') return (): Promise<void> => Promise.resolve();
      const v = (target as unknown as Record<PropertyKey, unknown>)[prop];
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

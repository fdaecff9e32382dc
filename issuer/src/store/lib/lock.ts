/**
 * Runs tasks one after another. One SQLite connection has one transaction at a time, so while a
 * `transaction(fn)` awaits, other callers must wait rather than have their statements land inside
 * it (PostgreSQL gets the same effect from one pooled client per transaction).
 */
export class Lock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.then(() => undefined, () => undefined);
    return result;
  }
}

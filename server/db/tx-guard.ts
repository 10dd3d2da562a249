import { AsyncLocalStorage } from 'node:async_hooks';

// Marks the async context of an open transaction. A query on the root handle from inside that
// context would wait forever for PGlite's single connection (or silently run outside the
// transaction on PostgreSQL), so it throws at once instead.
const context = new AsyncLocalStorage<{ open: boolean }>();

export class RootQueryInTransactionError extends Error {
  constructor() {
    super(
      '在事务内使用了根数据库句柄：事务中的所有查询必须使用事务执行器 (query on the root handle inside a transaction)',
    );
  }
}

export function runInTransactionContext<T>(fn: () => Promise<T>): Promise<T> {
  return context.run({ open: false }, fn);
}

/**
 * Runs `fn` outside any transaction context. Callbacks fired from inside a transaction (PGlite
 * delivers NOTIFY while the committing query runs) must not inherit its context.
 */
export function outsideTransactionContext<T>(fn: () => T): T {
  return context.exit(fn);
}

/** Called when a connection is acquired; throws when the caller already owns a transaction. */
export function guardAcquire(): { markOpen(): void; markClosed(): void } | undefined {
  const store = context.getStore();
  if (!store) return undefined;
  if (store.open) throw new RootQueryInTransactionError();
  return {
    markOpen: () => {
      store.open = true;
    },
    markClosed: () => {
      store.open = false;
    },
  };
}

/**
 * A per-request view of a store with a time budget: every call made for one GraphQL operation
 * races the time left, and once it is spent the operation fails with QueryTimeoutError (the API
 * answers TIMEOUT) instead of holding a connection. Neo4j also gets the budget as its
 * transaction timeout, so the database stops working on it too.
 */
import { QueryTimeoutError, RequestAbortedError, type GraphStore } from './GraphStore';

/**
 * `signal`: the client's hang-up. Once it aborts, calls in flight reject with
 * RequestAbortedError and new ones are refused, so the operation asks nothing more.
 */
export function withBudget(store: GraphStore, budgetMs: number, now: () => number = performance.now.bind(performance), signal?: AbortSignal): GraphStore {
  const deadline = now() + budgetMs;
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'close') return value;
      return (...args: unknown[]) => {
        if (signal?.aborted) return Promise.reject(new RequestAbortedError());
        const left = deadline - now();
        if (left <= 0) return Promise.reject(new QueryTimeoutError(`the query used up its ${budgetMs} ms time budget`));
        let timer: NodeJS.Timeout | undefined;
        let onAbort: (() => void) | undefined;
        const stop = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new QueryTimeoutError(`the query used up its ${budgetMs} ms time budget`)), left);
          onAbort = () => reject(new RequestAbortedError());
          signal?.addEventListener('abort', onAbort, { once: true });
        });
        return Promise.race([(value as (...a: unknown[]) => Promise<unknown>).apply(target, args), stop]).finally(() => {
          clearTimeout(timer);
          if (onAbort) signal?.removeEventListener('abort', onAbort);
        });
      };
    },
  });
}

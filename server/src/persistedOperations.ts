/**
 * Persisted operations: the explorer's own operations (client/src/api/operations.ts) are
 * registered when the server starts, keyed by the SHA-256 of their text, so the explorer sends a
 * hash (`extensions.persistedQuery.sha256Hash`, the APQ convention) instead of the text, and the
 * server skips parsing what it already knows. Other clients still send any operation; an unknown
 * hash answers PERSISTED_QUERY_NOT_FOUND and the explorer then sends the text.
 */
import { createHash } from 'node:crypto';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { EXPLORER_OPERATIONS } from '../../client/src/api/operations';

export const operationHash = (text: string) => createHash('sha256').update(text).digest('hex');

/** The registered operations by hash. */
export const PERSISTED_OPERATIONS: ReadonlyMap<string, string> = new Map(Object.values(EXPLORER_OPERATIONS).map((text) => [operationHash(text), text]));

export function persistedOperations<C extends Record<string, unknown>>(): Plugin<C> {
  return usePersistedOperations<C>({
    getPersistedOperation: (hash) => PERSISTED_OPERATIONS.get(hash) ?? null,
    allowArbitraryOperations: true,
    customErrors: {
      notFound: { message: 'PersistedQueryNotFound: this server has no operation with that hash; send the operation text', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
    },
  }) as Plugin<C>;
}

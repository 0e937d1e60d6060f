/**
 * Driver errors translated into the store's vocabulary: Neo4j unreachable, restarting or refusing
 * our credentials is StoreUnavailableError (the API answers SERVICE_UNAVAILABLE); a query that ran
 * out of its time budget is QueryTimeoutError. Anything else passes through to be masked.
 */
import { Neo4jError } from 'neo4j-driver';
import { QueryTimeoutError, StoreUnavailableError } from '../GraphStore';

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.ClientError.Security.Unauthorized', 'Neo.ClientError.Security.AuthenticationRateLimit', 'Neo.ClientError.Database.DatabaseNotFound']);
const TIMEOUT = new Set(['Neo.ClientError.Transaction.TransactionTimedOut', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration']);

export function storeError(e: unknown): Error {
  if (e instanceof StoreUnavailableError || e instanceof QueryTimeoutError) return e;
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string') {
    if (TIMEOUT.has(code)) return new QueryTimeoutError('the query ran out of its time budget', { cause: e });
    if (UNAVAILABLE.has(code) || code.startsWith('Neo.TransientError.') || (e instanceof Neo4jError && e.retryable)) {
      return new StoreUnavailableError(`Neo4j is unavailable: ${(e as Error).message.split('\n')[0]}`, { cause: e });
    }
  }
  // The driver's own failures carry no code: no connection to be had within its wait (every one
  // of the pool in use, or the database frozen) is the store not answering, not our fault.
  if (/ECONNREFUSED|ECONNRESET|EPIPE|socket hang up|Connection acquisition timed out/i.test((e as Error)?.message ?? '')) {
    return new StoreUnavailableError(`Neo4j is unavailable: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * Every operation the explorer sends, by name. The server registers them as persisted operations
 * when it starts (server/src/persistedOperations.ts), keyed by the SHA-256 of their text, and the
 * test suite validates each against the schema (tests/api/explorer-operations.test.ts), so a
 * schema change that breaks the explorer fails the tests.
 */
import { DISCREPANCIES, DOCUMENT, ENTITY, ENTITY_REF, FINDINGS, NEIGHBORHOOD, PATH, SEARCH, TABLES, TIMELINE } from './queries';

export const EXPLORER_OPERATIONS: Readonly<Record<string, string>> = {
  SEARCH,
  ENTITY_REF,
  ENTITY,
  NEIGHBORHOOD,
  PATH,
  DOCUMENT,
  FINDINGS,
  TABLES,
  DISCREPANCIES,
  TIMELINE,
};

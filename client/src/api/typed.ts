/**
 * The explorer's answer types checked against the schema at type-check time. Each operation's
 * result, as gql.tada reads it from the schema, must fit the type the views use (queries.ts):
 * a field removed, renamed or retyped in the schema breaks `npm run typecheck`, and so `npm test`.
 * Nothing imports this module; the type checker reads it.
 */
import type { TadaDocumentNode } from 'gql.tada';
import { graphql } from './graphql';
import * as Q from './queries';

/** A document whose result fits `Declared`, whatever its variables. */
type Answering<Declared> = TadaDocumentNode<Declared, any>;

export const EXPLORER_RESULT_CHECKS: Answering<unknown>[] = [
  graphql(Q.SEARCH) satisfies Answering<Q.SearchData>,
  graphql(Q.ENTITY_REF) satisfies Answering<{ entity: Q.EntityRef | null }>,
  graphql(Q.ENTITY) satisfies Answering<Q.EntityResult>,
  graphql(Q.NEIGHBORHOOD) satisfies Answering<Q.NeighborhoodData>,
  graphql(Q.PATH) satisfies Answering<Q.PathData>,
  graphql(Q.DOCUMENT) satisfies Answering<Q.DocumentData>,
  graphql(Q.FINDINGS) satisfies Answering<Q.FindingsData>,
  graphql(Q.TABLES) satisfies Answering<{ tables: Q.TableData[] }>,
  graphql(Q.DISCREPANCIES) satisfies Answering<{ discrepancies: Q.DiscrepancyData[] }>,
  graphql(Q.TIMELINE) satisfies Answering<Q.TimelineData>,
];

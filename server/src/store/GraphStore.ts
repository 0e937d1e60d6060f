/**
 * The port between the GraphQL layer and a graph backend. Two adapters implement it, memory
 * (the embedded default) and Neo4j, and answer every method identically; one contract test suite
 * runs against both. Batch methods take a list of keys and return one answer per key, in order,
 * so that DataLoader can gather one operation's lookups into a few store round trips.
 */
import type { Citation, Discrepancy, DocumentRecord, Entity, Figure, Mention, Passage, Relation, Table } from '../../../graph-seed/src/model/bundle';

export type Direction = 'OUT' | 'IN' | 'BOTH';

export interface SearchOptions {
  /**
   * The caller reads only id, type, name and aliases of the hits: a store may leave properties
   * and evidence empty rather than read them.
   */
  namesOnly?: boolean;
  /** Only entities that appear in this document (report). */
  document?: string | null;
}

export interface SearchHit {
  entity: Entity;
  score: number;
}

export interface Subgraph {
  nodes: Entity[];
  relations: Relation[];
  truncated: boolean;
}

export interface GraphPath {
  nodes: Entity[];
  relations: Relation[];
}

export interface TypeCount {
  type: string;
  count: number;
}

export interface Stats {
  entities: number;
  relations: number;
  passages: number;
  mentions: number;
  entityTypes: TypeCount[];
  relationTypes: TypeCount[];
}

export interface RelationQuery {
  direction: Direction;
  types: string[] | null;
  limit: number;
  /** How many of the first relations (in answer order) to pass over; 0 when absent. */
  offset?: number;
}

/** One entity's relations to fetch (a key of a relationsFor batch). */
export interface RelationKey extends RelationQuery {
  id: string;
}

/**
 * How much of each record an operation reads. A false field lets a store leave that content
 * empty (properties {}, evidence []) in what it answers and reads along.
 */
export interface Shape {
  /** False: the operation reads nothing of an entity but its id, type, name and aliases (and what has loaders of its own). */
  entityContent?: false;
  /** False: the operation reads nothing of a relation but its id, type and ends. */
  relationContent?: false;
}

/**
 * Records a store read along with an answer, handed to the caller's caches (the per-request
 * DataLoaders prime themselves with them). A store fills them only when asked, so a GraphQL
 * operation needs one round trip per level of its query instead of one per kind of record.
 */
export interface Companions extends Shape {
  entities(list: Entity[]): void;
  /** Absent when the operation reads nothing of a passage but its id: no passage is read along. */
  passages?(list: Passage[]): void;
}

/** A passage's mentions and citations, each in text order. */
export interface PassageLinks {
  mentions: Mention[];
  citations: Citation[];
}

/** Orders an entity list can take; every order ends with the id, so pages never overlap. */
export type EntityOrderField = 'ID' | 'NAME' | 'MENTIONS' | 'DEGREE' | 'FIRST_MENTION';

export interface EntityOrder {
  field: EntityOrderField;
  direction: 'ASC' | 'DESC';
}

/** A relation an entity must have: of one of `types` (any when null), in `direction`, to `to` when given. */
export interface RelationFilter {
  types: string[] | null;
  direction: Direction;
  to?: string | null;
}

/**
 * Which entities a list holds. Every condition given must hold. Names compare folded (lower
 * case, no accents, runs of other characters one space; see searchText) against the name and
 * aliases together.
 */
export interface EntityFilter {
  types?: string[] | null;
  /** The folded name or an alias contains this folded text. */
  nameContains?: string | null;
  /**
   * The entity is among the best 1,000 answers of entity search for this phrase (every word
   * found exactly, as a prefix or with a typo or two).
   */
  nameMatches?: string | null;
  /** Mentioned in a passage of this document. */
  document?: string | null;
  /** Has at least one relation matching each entry. */
  relations?: RelationFilter[] | null;
  minMentions?: number | null;
  /** A top-level property equal to this string (a finding's origin). */
  property?: { key: string; value: string } | null;
}

/** One page of a list, and the size of the whole list when it was asked for. */
export interface Page<T> {
  items: T[];
  total: number | null;
}

/**
 * The property filter's test: the properties' JSON (as Neo4j holds them) contains the pair, so
 * both stores answer alike without parsing it.
 */
export const propertyNeedle = (key: string, value: string) => `${JSON.stringify(key)}:${JSON.stringify(value)}`;

/** The most entities `nameMatches` considers. */
export const NAME_MATCHES_CAP = 1000;

export interface StoreInfo {
  backend: 'memory' | 'neo4j';
  /** The bundle version the store serves. */
  version: string;
}

export interface GraphStore {
  /**
   * A view of the store for one GraphQL operation, when the store batches reads: reads made
   * through it travel together only with reads of the same operation. Absent when the store
   * needs no such view.
   */
  forOperation?(options?: OperationOrigin): GraphStore;
  /** Which backend answers and which bundle version it holds. */
  info(): Promise<StoreInfo>;
  /** Resolves when the store can answer queries; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  /** Entities by id, null for unknown ids, in the order asked; companions: their evidence passages. */
  entities(ids: readonly string[], companions?: Companions): Promise<(Entity | null)[]>;
  /** Entities of one type (or all), ordered by id; with `document`, only those appearing in it. */
  listEntities(type: string | null, limit: number, offset: number, document?: string | null): Promise<Entity[]>;
  /**
   * Entities matching the filter, in the order asked (then by id), `limit` from `offset`; with
   * `count`, also how many match in all.
   */
  findEntities(filter: EntityFilter, order: readonly EntityOrder[], limit: number, offset: number, count: boolean): Promise<Page<Entity>>;
  /** Each entity's relations that a key asks for, counted (what relationsFor would list without a limit). */
  relationCounts(keys: readonly Omit<RelationKey, 'limit' | 'offset'>[]): Promise<number[]>;
  /** The passages that mention an entity, each once, in reading order, paged; with `count`, how many in all. */
  passagesMentioning(id: string, limit: number, offset: number, count: boolean): Promise<Page<Passage>>;
  /** A document's passages in reading order, paged; with `count`, how many in all. */
  documentPassages(documentId: string, limit: number, offset: number, count: boolean): Promise<Page<Passage>>;
  /**
   * Ranked passage search, `limit` from `offset`: passages holding any of the terms, those
   * matching more of them (and the rarer ones) first; `total` is how many matched among the
   * candidates ranked (see searchCandidates).
   */
  searchPassagesPage(query: string, limit: number, offset: number, document?: string | null): Promise<Page<Passage>>;
  /** Ranked search over names and aliases, tolerant of case, accents and small typos. */
  search(query: string, types: string[] | null, limit: number, options?: SearchOptions): Promise<SearchHit[]>;
  /** Each entity's relations, ordered by type then id; `limit` applies per entity. */
  relationsOf(ids: readonly string[], q: RelationQuery): Promise<Relation[][]>;
  /**
   * Relations for keys that may each ask differently (direction, types, limit), in one round
   * trip; companions: the entities at both ends and the passages of the evidence.
   */
  relationsFor(keys: readonly RelationKey[], companions?: Companions): Promise<Relation[][]>;
  /** Each entity's mentions in reading order, paged per entity; companions: the passages. */
  mentionsOf(ids: readonly string[], limit: number, offset: number, companions?: Companions): Promise<Mention[][]>;
  /** How many mentions each entity has. */
  mentionCounts(ids: readonly string[]): Promise<number[]>;
  /** Passages by id, null for unknown ids. */
  passages(ids: readonly string[]): Promise<(Passage | null)[]>;
  /** Passages by document and reading order (for previous/next), null where none. */
  passagesAt(keys: readonly { documentId: string; order: number }[]): Promise<(Passage | null)[]>;
  /** Each passage's mentions in text order; companions: the entities mentioned. */
  mentionsIn(passageIds: readonly string[], companions?: Companions): Promise<Mention[][]>;
  /** Each passage's citations in text order; companions: the studies cited. */
  citationsIn(passageIds: readonly string[], companions?: Companions): Promise<Citation[][]>;
  /**
   * mentionsIn and citationsIn in one round trip; companions: the passages themselves, the
   * entities mentioned and the studies cited.
   */
  linksIn(passageIds: readonly string[], companions?: Companions): Promise<PassageLinks[]>;
  /** Full-text search over passage text, best first; with `document`, in that document only. */
  searchPassages(query: string, limit: number, document?: string | null): Promise<Passage[]>;
  /** Entities within `depth` hops of `ids` and the relations among them. */
  neighborhood(ids: string[], depth: number, relationTypes: string[] | null, entityTypes: string[] | null, limit: number, shape?: Shape): Promise<Subgraph>;
  /** A shortest path ignoring direction, or null when none within maxLength. */
  path(from: string, to: string, maxLength: number, relationTypes: string[] | null, shape?: Shape): Promise<GraphPath | null>;
  /** Findings, optionally only those ABOUT one entity, ordered by id. */
  findings(about: string | null, limit: number): Promise<Entity[]>;
  discrepancies(): Promise<Discrepancy[]>;
  tables(): Promise<Table[]>;
  /** Figures in numbering order. */
  figures(): Promise<Figure[]>;
  documents(): Promise<DocumentRecord[]>;
  stats(): Promise<Stats>;
  close(): Promise<void>;
}

/** Who an operation's reads are for: the client's hang-up, and the client (its address). */
export interface OperationOrigin {
  signal?: AbortSignal;
  client?: string;
}

/** The backend cannot answer now (Neo4j down, starting, unreachable). */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** The backend has more work of one kind waiting than it takes on; the client may try again shortly. */
export class StoreBusyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreBusyError';
  }
}

/** The client hung up before its operation was answered: what the operation still does is for nobody. */
export class RequestAbortedError extends Error {
  constructor(message = 'the client closed the request', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RequestAbortedError';
  }
}

/** A query ran past its time budget (QUERY_TIMEOUT_MS). */
export class QueryTimeoutError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QueryTimeoutError';
  }
}

/**
 * The Neo4j adapter. Every query is parameterised and starts from the active GraphState, so it
 * reads one whole generation (see graph-seed/src/export/neo4j-model.ts). Reads are auto-commit
 * queries in read sessions with a transaction timeout, retried on transient errors for a short
 * while before the store reports itself unavailable.
 * Relationship types in patterns come only from the ontology's closed list.
 */
import neo4j, { type Driver, type QueryResult, type RecordShape } from 'neo4j-driver';
import { ACTIVE_STATE, CITATION_REL, MENTION_REL, type RelationCounts } from '../../../../graph-seed/src/export/neo4j-model';
import type { Citation, Discrepancy, DocumentRecord, Entity, Figure, Mention, Passage, Relation, Table } from '../../../../graph-seed/src/model/bundle';
import { ENTITY_TYPES, RELATION_TYPES, type RelationType } from '../../../../graph-seed/src/model/ontology';
import { NAME_MATCHES_CAP, RequestAbortedError, StoreUnavailableError, type EntityFilter, type EntityOrder, type Page, type Companions, type GraphPath, type GraphStore, type OperationOrigin, type PassageLinks, type RelationKey, type RelationQuery, type SearchHit, type Shape, type SearchOptions, type Stats, type StoreInfo, type Subgraph } from '../GraphStore';
import { rankEntities, rankPassages, searchCandidates, termsOf, type EntityTokens } from '../ranking';
import { storeError } from './errors';
import { luceneQuery } from './lucene';
import { ReadBatcher, type Origin } from './batch';
import { Vocabulary } from './vocabulary';
import { PLAN_GATE_DEFAULTS, PlanGate, planKey, type PlanGateOptions } from './plans';
import { entityListQuery } from './entityLists';
import { selectBreadthFirst } from '../traversal';

export interface Neo4jOptions {
  uri: string;
  user: string;
  password: string;
  database: string;
  /** Budget of one read transaction, in ms. */
  queryTimeoutMs: number;
  /** How long a read keeps retrying transient failures before the store says it is unavailable. */
  maxRetryTimeMs?: number;
  /** How new query texts are let through to Neo4j's planner (see PlanGate). */
  plans?: Partial<PlanGateOptions>;
}

const STATE = `MATCH (s:GraphState {key: '${ACTIVE_STATE}'})`;
// Entities, relations and mentions come back as lists, not maps: the driver decodes a map's keys
// for every record, and an answer holds hundreds of records.
/** An entity's record (see toEntity); without its content (properties and evidence) when the operation reads none (see Shape). */
const ENTITY = (v: string, shape?: Shape) => `[${v}.id, ${v}.type, ${v}.name, ${v}.aliases${shape?.entityContent === false ? '' : `, ${v}.properties, ${v}.evidence`}]`;
/** A relation's record (see toRelation); without its content when the operation reads none (see Shape). */
const RELATION = (v: string, shape?: Shape) =>
  `[${v}.id, type(${v}), startNode(${v}).id, endNode(${v}).id${shape?.relationContent === false ? '' : `, ${v}.properties, ${v}.evidence`}]`;
/** A mention's record (see toMention). */
const MENTION = (m: string, entity: string, passage: string) => `[${entity}.id, ${passage}.id, ${m}.start, ${m}.end, ${m}.text]`;
const PASSAGE = (v: string) => `${v} {.id, .documentId, .order, .kind, .chapter, .section, .label, .leadInId, .noteIds, .text, .rawText, .page, .pageLabel}`;
/** The passages an entity's or a relation's evidence quotes (`list` is a Cypher list of them), as a subquery. */
const EVIDENCE_PASSAGES = (list: string) =>
  `COLLECT { UNWIND ${list} AS x UNWIND coalesce(x.passageIds, []) AS pid WITH DISTINCT pid MATCH (p:Passage {uid: s.gen + '|' + pid}) RETURN ${PASSAGE('p')} }`;

type Row = Record<string, unknown>;

/**
 * Calls `f` with V8's stack traces off. session.run() records the caller's stack trace for every
 * query (an Error created and its stack formatted, through source maps under tsx), to show it if
 * the query fails. Profiled on `RETURN 1` at 32 concurrent reads, that was a quarter of the
 * driver's CPU per query. Queries here fail into storeError(), which names the failure by its
 * Neo4j code; the caller's frames would only name send().
 */
export function withoutStackTraces<T>(f: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return f();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The relation counts of one generation's hubs, by entity id. */
interface Hubs {
  gen: string;
  counts: Map<string, RelationCounts>;
}

/** What the store keeps per generation of the graph. */
interface Tables {
  vocabulary: Vocabulary;
  hubs: Hubs;
}

/**
 * Of the types asked, in answer order, those that hold a hub's first `limit` relations in the
 * direction asked (all of the types asked when they hold fewer).
 */
export function firstTypes(types: readonly string[], direction: RelationKey['direction'], limit: number, counts: RelationCounts): string[] {
  const slot = direction === 'OUT' ? 0 : direction === 'IN' ? 1 : 2;
  const taken: string[] = [];
  let total = 0;
  for (const t of [...types].sort()) {
    const n = counts[t as RelationType]?.[slot] ?? 0;
    if (!n) continue;
    taken.push(t);
    total += n;
    if (total >= limit) return taken;
  }
  return [...types];
}

/**
 * Relationship-type alternation for a pattern, from the closed list only, in its order and each
 * type once: a client's order or repeats make no new Cypher text for Neo4j to plan.
 */
function typesPattern(types: readonly string[] | null): string | null {
  const list = types ? RELATION_TYPES.filter((t) => types.includes(t)) : [...RELATION_TYPES];
  return list.length ? list.join('|') : null;
}

type Fields = unknown[];

/** The properties and evidence that end an entity's or a relation's record, when they were read. */
const contentOf = (f: Fields) => ({
  properties: f.length > 4 ? JSON.parse(f[4] as string) : {},
  evidence: f.length > 5 ? JSON.parse(f[5] as string) : [],
});

const toEntity = (r: unknown): Entity => {
  const f = r as Fields;
  return { id: f[0] as string, type: f[1] as Entity['type'], name: f[2] as string, aliases: (f[3] as string[] | null) ?? [], ...contentOf(f) };
};

const toRelation = (r: unknown): Relation => {
  const f = r as Fields;
  return { id: f[0] as string, type: f[1] as Relation['type'], source: f[2] as string, target: f[3] as string, ...contentOf(f) };
};

const toMention = (r: unknown): Mention => {
  const [entityId, passageId, start, end, text] = r as Fields;
  return { entityId: entityId as string, passageId: passageId as string, start: start as number, end: end as number, text: text as string };
};

const toPassage = (r: Row): Passage => ({
  id: r.id as string,
  documentId: r.documentId as string,
  order: r.order as number,
  kind: r.kind as Passage['kind'],
  chapter: (r.chapter as string | null) ?? null,
  section: (r.section as string | null) ?? null,
  label: (r.label as string | null) ?? null,
  leadInId: (r.leadInId as string | null) ?? null,
  noteIds: (r.noteIds as string[] | null) ?? [],
  text: r.text as string,
  rawText: r.rawText as string,
  page: (r.page as number | null) ?? null,
  ...(r.pageLabel ? { pageLabel: r.pageLabel as string } : {}),
});

/** A query's text as sent: its indentation goes no further. */
const normalized = (cypher: string) => cypher.replace(/\s+/g, ' ');

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byRelation = (a: Relation, b: Relation) => (a.type < b.type ? -1 : a.type > b.type ? 1 : byId(a, b));
const int = (n: number) => neo4j.int(n);

/** Element-wise comparison of id sequences, for a deterministic choice among shortest paths. */
const compareSeq = (a: string[], b: string[]) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
};

export class Neo4jGraphStore implements GraphStore {
  /** State every view of the store shares (see forOperation()). */
  private readonly shared: {
    /** Read transactions sent since the store was opened (benchmarks count round trips with it). */
    roundTrips: number;
    /** Tables kept per generation (see perGeneration()): each being read or last read. */
    reads: { [K in keyof Tables]?: Promise<Tables[K]> };
    /** The last of each table read. */
    tables: { [K in keyof Tables]?: Tables[K] };
    /** Reads of concurrent operations that share a query (see ReadBatcher). */
    batcher: ReadBatcher;
    /** Texts new to Neo4j's planner wait their turn here. */
    plans: PlanGate;
  } = {
    roundTrips: 0,
    reads: {},
    tables: {},
    batcher: new ReadBatcher((cypher, params, origin) => this.send(cypher, params, origin)),
    plans: new PlanGate(PLAN_GATE_DEFAULTS),
  };
  /** Reads waiting for the end of the tick (see read()); each view has its own. */
  private queued: { cypher: string; params: Record<string, unknown>; columns: readonly string[]; resolve: (rows: Row[]) => void; reject: (e: unknown) => void }[] = [];
  /** Who a view reads for (see forOperation()); none for the server's own reads. */
  private origin: Origin | undefined;

  private constructor(
    readonly driver: Driver,
    private readonly opts: Neo4jOptions,
  ) {
    if (opts.plans) this.shared.plans = new PlanGate({ ...PLAN_GATE_DEFAULTS, ...opts.plans });
  }

  static open(opts: Neo4jOptions): Neo4jGraphStore {
    const driver = neo4j.driver(opts.uri, neo4j.auth.basic(opts.user, opts.password), {
      disableLosslessIntegers: true,
      maxTransactionRetryTime: opts.maxRetryTimeMs ?? 1500,
      connectionAcquisitionTimeout: 5000,
      connectionTimeout: 3000,
      maxConnectionPoolSize: 64,
      userAgent: 'policy-graph-explorer',
    });
    return new Neo4jGraphStore(driver, opts);
  }

  /**
   * Reads what the store keeps per generation of the graph (the hubs' relation counts), so that
   * the first request after start-up or a load does not wait for it.
   */
  async prepare(): Promise<void> {
    await this.hubs();
  }

  /** Read transactions sent since the store was opened, through any of its views. */
  get roundTrips(): number {
    return this.shared.roundTrips;
  }

  /**
   * A view for one GraphQL operation, with its own queue of reads: the reads one operation asks
   * for in one tick become one query, never mixed with another operation's. That query's text
   * then follows the shape of the operation, so Neo4j plans it once and reuses the plan; texts
   * that mixed concurrent operations would take a new shape, and a plan costing tens of
   * milliseconds or more, at nearly every request. Concurrent operations whose queries have the
   * same text then share one round trip (see ReadBatcher), whose text follows the same shape.
   * `signal`: the client's hang-up, which stops the view's queries, in line or running;
   * `client`: who asks, for its share of the planner (see PlanGate).
   */
  forOperation(options: OperationOrigin = {}): Neo4jGraphStore {
    const view = Object.create(this) as Neo4jGraphStore;
    view.queued = [];
    view.origin = { signal: options.signal, client: options.client ?? '' };
    return view;
  }

  /**
   * One read. With `columns` (the names its final RETURN gives), reads asked for in the same tick
   * travel together: the loaders of one query level (an entity's relations and its mentions)
   * then cost one round trip. Such a read's rows must be matched by key, never by their order:
   * the read may be batched with other operations' (see ReadBatcher). Without columns, it is
   * sent alone, as it is.
   */
  private read(cypher: string, params: Record<string, unknown> = {}, columns?: readonly string[]): Promise<Row[]> {
    if (!columns) return this.send(cypher, params, this.origin);
    return new Promise((resolve, reject) => {
      this.queued.push({ cypher, params, columns, resolve, reject });
      if (this.queued.length === 1) process.nextTick(() => this.flush());
    });
  }

  /**
   * Sends the reads queued in this tick as one query: each becomes a COLLECT subquery of its
   * own, with its parameters renamed apart, whose rows come back as a list of maps.
   */
  private flush(): void {
    const batch = this.queued.splice(0);
    if (batch.length === 1) {
      const [only] = batch;
      this.shared.batcher.read(only!.cypher, only!.params, only!.columns, this.origin).then(only!.resolve, only!.reject);
      return;
    }
    const params: Record<string, unknown> = {};
    const parts = batch.map((b, i) => {
      for (const [k, v] of Object.entries(b.params)) params[`q${i}_${k}`] = v;
      const inner = b.cypher.replace(/\$([A-Za-z_]\w*)/g, (_m, name: string) => `$q${i}_${name}`);
      return `COLLECT { CALL () { ${inner} } RETURN {${b.columns.map((c) => `${c}: ${c}`).join(', ')}} AS row } AS r${i}`;
    });
    const text = `RETURN ${parts.join(', ')}`;
    // A combination Neo4j has not planned lately would wait behind other new texts: its reads
    // then go one by one, each a text of the store's own few hundred, planned long ago.
    if (this.shared.plans.contended && !this.shared.plans.knows(planKey(normalized(text), params))) {
      for (const b of batch) this.shared.batcher.read(b.cypher, b.params, b.columns, this.origin).then(b.resolve, b.reject);
      return;
    }
    this.shared.batcher.read(text, params, parts.map((_p, i) => `r${i}`), this.origin).then(
      ([row]) => batch.forEach((b, i) => b.resolve((row?.[`r${i}`] as Row[] | undefined) ?? [])),
      (e) => batch.forEach((b) => b.reject(e)),
    );
  }

  /**
   * One query sent: an auto-commit query in a read session (one network round trip; a managed
   * transaction adds BEGIN and COMMIT), retried with backoff while the failure is transient and
   * the retry time lasts, as the driver's managed transactions would.
   */
  private async send(cypher: string, params: Record<string, unknown>, origin?: Origin): Promise<Row[]> {
    this.shared.roundTrips++;
    // The queries' indentation goes no further (Bolt sends the text with every query, in chunks
    // of 1,400 bytes, one socket write each). No query here holds a string literal with a run
    // of whitespace: values travel as parameters.
    cypher = normalized(cypher);
    // A client's text waits for its turn if Neo4j has not planned it lately; the server's own
    // (its readiness check, the tables it keeps) never wait behind clients.
    const release = origin ? await this.shared.plans.admit(planKey(cypher, params), this.opts.queryTimeoutMs, origin.signal, origin.client) : () => {};
    try {
      return await this.run(cypher, params, origin?.signal);
    } finally {
      release();
    }
  }

  /**
   * One query run, with its retries. When the signal aborts, the session is closed: the driver
   * then resets the connection, and Neo4j ends the query at once.
   */
  private async run(cypher: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<Row[]> {
    const started = Date.now();
    const retryFor = this.opts.maxRetryTimeMs ?? 1500;
    for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
      if (signal?.aborted) throw new RequestAbortedError();
      const session = this.driver.session({ defaultAccessMode: neo4j.session.READ, database: this.opts.database, bookmarkManager: undefined });
      const hangUp = () => void session.close().catch(() => {});
      signal?.addEventListener('abort', hangUp, { once: true });
      try {
        const res: QueryResult<RecordShape> = await withoutStackTraces(() => session.run(cypher, params, { timeout: this.opts.queryTimeoutMs }));
        return res.records.map((r) => r.toObject());
      } catch (e) {
        if (signal?.aborted) throw new RequestAbortedError();
        const err = storeError(e);
        if (!(err instanceof StoreUnavailableError) || Date.now() - started + delay > retryFor) throw err;
      } finally {
        signal?.removeEventListener('abort', hangUp);
        await session.close().catch(() => {});
      }
      await new Promise((r) => setTimeout(r, delay * (0.8 + Math.random() * 0.4)));
    }
  }

  async info(): Promise<StoreInfo> {
    const [row] = await this.read(`${STATE} RETURN s.version AS version`);
    if (!row) throw new StoreUnavailableError('Neo4j holds no loaded graph yet; load it with npm run seed -- --neo4j');
    return { backend: 'neo4j', version: row.version as string };
  }

  async ping(): Promise<void> {
    await this.info();
  }

  async entities(ids: readonly string[], companions?: Companions): Promise<(Entity | null)[]> {
    if (!ids.length) return [];
    // The passages of the entities' evidence come along, unless the operation reads no evidence.
    const withPassages = !!companions?.passages && companions.entityContent !== false;
    const rows = await this.read(
      `${STATE} UNWIND $ids AS id MATCH (e:Entity {uid: s.gen + '|' + id}) RETURN ${ENTITY('e', companions)} AS e${withPassages ? `, ${EVIDENCE_PASSAGES('[e]')} AS ps` : ''}`,
      { ids },
      withPassages ? ['e', 'ps'] : ['e'],
    );
    const found = new Map(rows.map((r) => toEntity(r.e)).map((e) => [e.id, e]));
    if (withPassages) companions!.passages!(rows.flatMap((r) => (r.ps as Row[]).map(toPassage)));
    return ids.map((id) => found.get(id) ?? null);
  }

  async listEntities(type: string | null, limit: number, offset: number, document: string | null = null): Promise<Entity[]> {
    if (type && !(ENTITY_TYPES as readonly string[]).includes(type)) return [];
    const label = type ? `:${type}` : '';
    const rows = await this.read(`${STATE} MATCH (x:Entity${label}) WHERE x.gen = s.gen AND ($document IS NULL OR $document IN x.documentIds) RETURN ${ENTITY('x')} AS e ORDER BY x.id SKIP $offset LIMIT $limit`, {
      document,
      offset: int(offset),
      limit: int(limit),
    });
    return rows.map((r) => toEntity(r.e));
  }

  async findEntities(filter: EntityFilter, order: readonly EntityOrder[], limit: number, offset: number, count: boolean): Promise<Page<Entity>> {
    const among = filter.nameMatches ? (await this.search(filter.nameMatches, filter.types ?? null, NAME_MATCHES_CAP, { namesOnly: true })).map((h) => h.entity.id) : null;
    const q = entityListQuery(filter, order, among, STATE);
    if (q.empty) return { items: [], total: count ? 0 : null };
    // The page and the count are read in the same tick: one round trip.
    const [page, total] = await Promise.all([
      this.read(`${q.match} ${q.order} SKIP $offset LIMIT $limit RETURN collect(${ENTITY('x')}) AS page`, { ...q.params, offset: int(offset), limit: int(limit) }, ['page']),
      count ? this.read(`${q.match} RETURN count(x) AS total`, q.params, ['total']) : Promise.resolve(null),
    ]);
    return { items: ((page[0]?.page as unknown[] | undefined) ?? []).map(toEntity), total: total ? ((total[0]?.total as number | undefined) ?? 0) : null };
  }

  async relationCounts(keys: readonly Omit<RelationKey, 'limit' | 'offset'>[]): Promise<number[]> {
    if (!keys.length) return [];
    const rows = await this.read(
      `${STATE} UNWIND range(0, size($keys) - 1) AS i WITH s, i, $keys[i] AS k MATCH (e:Entity {uid: s.gen + '|' + k.id})
       RETURN i, size(COLLECT { MATCH (e)-[r:!${MENTION_REL}&!${CITATION_REL}]-() WHERE (k.types IS NULL OR type(r) IN k.types)
         AND (k.direction = 'BOTH' OR (k.direction = 'OUT' AND startNode(r) = e) OR (k.direction = 'IN' AND endNode(r) = e)) RETURN DISTINCT r.id }) AS n`,
      { keys: keys.map((k) => ({ id: k.id, direction: k.direction, types: k.types })) },
      ['i', 'n'],
    );
    const by = new Map(rows.map((r) => [r.i as number, r.n as number]));
    return keys.map((_k, i) => by.get(i) ?? 0);
  }

  async passagesMentioning(id: string, limit: number, offset: number, count: boolean): Promise<Page<Passage>> {
    const rows = await this.read(
      `${STATE} MATCH (e:Entity {uid: s.gen + '|' + $id})
       CALL (e) { MATCH (e)-[:${MENTION_REL}]->(p:Passage) WITH DISTINCT p ORDER BY p.order, p.id RETURN collect(p) AS ps }
       RETURN [q IN ps[$offset..$end] | ${PASSAGE('q')}] AS page, size(ps) AS total`,
      { id, offset: int(offset), end: int(offset + limit) },
      ['page', 'total'],
    );
    return { items: ((rows[0]?.page as Row[] | undefined) ?? []).map(toPassage), total: count ? ((rows[0]?.total as number | undefined) ?? 0) : null };
  }

  async documentPassages(documentId: string, limit: number, offset: number, count: boolean): Promise<Page<Passage>> {
    const match = `${STATE} MATCH (p:Passage) WHERE p.gen = s.gen AND p.documentId = $documentId`;
    const [page, total] = await Promise.all([
      this.read(`${match} WITH p ORDER BY p.order SKIP $offset LIMIT $limit RETURN collect(${PASSAGE('p')}) AS page`, { documentId, offset: int(offset), limit: int(limit) }, ['page']),
      count ? this.read(`${match} RETURN count(p) AS total`, { documentId }, ['total']) : Promise.resolve(null),
    ]);
    return { items: ((page[0]?.page as Row[] | undefined) ?? []).map(toPassage), total: total ? ((total[0]?.total as number | undefined) ?? 0) : null };
  }

  async search(query: string, types: string[] | null, limit: number, options: SearchOptions = {}): Promise<SearchHit[]> {
    if (!termsOf(query).length || limit === 0) return [];
    // Candidates travel light (names only); the shared ranking orders them, then the winners are
    // read whole. The query names each term's spelling variants from the vocabulary of the
    // generation it expects; the answer says which generation it read, and a graph reloaded in
    // between is searched again with the new vocabulary.
    let vocabulary = await this.vocabulary();
    let found: { gen: string; hits: Row[] } | null = null;
    for (let attempt = 0; attempt < 2 && found?.gen !== vocabulary.gen; attempt++) {
      if (found) vocabulary = await this.vocabulary(found.gen);
      const [row] = await this.read(
        `${STATE} CALL (s) {
           CALL db.index.fulltext.queryNodes('entity_search', $q, {limit: $cap}) YIELD node, score
           WITH node WHERE node.gen = s.gen AND ($types IS NULL OR node.type IN $types) AND ($document IS NULL OR $document IN node.documentIds)
           RETURN collect({id: node.id, type: node.type, name: node.name, aliases: node.aliases, mentions: node.mentionCount}) AS hits }
         RETURN s.gen AS gen, hits`,
        { q: luceneQuery(query, (t) => vocabulary.variants(t)), cap: int(searchCandidates(limit) * (options.document ? 4 : 1)), types, document: options.document ?? null },
        ['gen', 'hits'],
      );
      if (!row) return [];
      found = { gen: row.gen as string, hits: row.hits as Row[] };
    }
    const rows = found!.hits;
    const mentions = new Map(rows.map((r) => [r.id as string, r.mentions as number]));
    const candidates = rows.map((r) => {
      const entity = { id: r.id, type: r.type, name: r.name, aliases: (r.aliases as string[] | null) ?? [], properties: {}, evidence: [] } as Entity;
      return { entity, tokens: vocabulary.tokens(entity.id, entity.name, entity.aliases) };
    });
    const ranked = rankEntities(query, candidates, (id) => mentions.get(id) ?? 0).slice(0, limit);
    if (!ranked.length || options.namesOnly) return ranked;
    const whole = await this.entities(ranked.map((h) => h.entity.id));
    return ranked.flatMap((h, i) => (whole[i] ? [{ entity: whole[i]!, score: h.score }] : []));
  }

  /**
   * The entity-search vocabulary of the active generation, read once per generation (concurrent
   * searches share the read). `gen`, when given, is the generation a search found active: a
   * vocabulary of another one is read again.
   */
  private vocabulary(gen?: string): Promise<Vocabulary> {
    return this.perGeneration(
      'vocabulary',
      `${STATE} RETURN s.gen AS gen, COLLECT { MATCH (e:Entity) WHERE e.gen = s.gen UNWIND split(e.searchText, ' ') AS t WITH DISTINCT t WHERE t <> '' RETURN t } AS terms`,
      (row) => new Vocabulary((row?.gen as string | undefined) ?? '', (row?.terms as string[] | undefined) ?? []),
      gen,
    );
  }

  /**
   * A table of the active generation, read once and shared by every view (concurrent callers
   * share the read; a failed read is tried again by the next caller). `gen`, when given, is the
   * generation a read found active: a table of another one is read again.
   */
  private async perGeneration<K extends keyof Tables>(name: K, cypher: string, build: (row: Row | undefined) => Tables[K], gen?: string): Promise<Tables[K]> {
    const reads = this.shared.reads as Record<K, Promise<Tables[K]> | undefined>;
    const current = reads[name] ? await reads[name].catch(() => null) : null;
    if (current && (gen === undefined || current.gen === gen)) return current;
    // The server's own read, shared by every operation: neither one client's hang-up nor the
    // planner's line (see PlanGate) holds it.
    const read = this.send(cypher, {}).then(([row]) => {
      const table = build(row);
      if (reads[name] === read) (this.shared.tables as Record<K, Tables[K]>)[name] = table;
      return table;
    });
    reads[name] = read;
    read.catch(() => {
      if (reads[name] === read) delete reads[name];
    });
    return read;
  }

  async relationsOf(ids: readonly string[], q: RelationQuery): Promise<Relation[][]> {
    return this.relationsFor(ids.map((id) => ({ id, ...q })));
  }

  async relationsFor(keys: readonly RelationKey[], companions?: Companions): Promise<Relation[][]> {
    const wanted = keys.filter((k) => k.limit > 0 && typesPattern(k.types));
    if (!wanted.length) return keys.map(() => []);
    // Read without waiting when the hubs are known, so that this read still travels with the
    // others of its tick.
    let hubs = this.shared.tables.hubs ?? (await this.hubs());
    for (let attempt = 0; ; attempt++) {
      const { rows, gen, narrowed, withPassages } = await this.readRelations(wanted, hubs, companions);
      if (gen !== null && gen !== hubs.gen) {
        // The graph was reloaded since the hubs were read. The counts are read again for later
        // reads; an answer narrowed by the old counts is asked again with the new ones, or, when
        // the graph changed again meanwhile, with none (every type asked, always right).
        const fresh = this.hubs(gen).catch(() => null);
        if (narrowed) {
          hubs = (attempt === 0 && (await fresh)) || { gen, counts: new Map() };
          continue;
        }
      }
      const by = new Map(rows.map((r) => [wanted[r.i as number]!, (r.rels as unknown[]).map(toRelation).sort(byRelation)]));
      if (companions) {
        companions.entities(rows.flatMap((r) => (r.ends as unknown[]).map(toEntity)));
        if (withPassages) companions.passages!(rows.flatMap((r) => (r.ps as Row[]).map(toPassage)));
      }
      return keys.map((k) => by.get(k) ?? []);
    }
  }

  /**
   * One query for a batch of relation keys. A hub's key asks only for the types that hold its
   * first `limit` relations (by the hubs' counts), so a hub with thousands of relations is not
   * read whole to answer the first hundred.
   */
  private async readRelations(wanted: readonly RelationKey[], hubs: Hubs, companions?: Companions): Promise<{ rows: Row[]; gen: string | null; narrowed: boolean; withPassages: boolean }> {
    let narrowed = false;
    const asked = wanted.map((k) => {
      const all = (k.types ?? RELATION_TYPES).filter((t) => (RELATION_TYPES as readonly string[]).includes(t));
      const counts = hubs.counts.get(k.id);
      const types = counts ? firstTypes(all, k.direction, (k.offset ?? 0) + k.limit, counts) : all;
      if (types.length < all.length) narrowed = true;
      return { id: k.id, direction: k.direction, types, offset: int(k.offset ?? 0), end: int((k.offset ?? 0) + k.limit) };
    });
    // One pattern for the whole batch: the union of the types asked and, when every key agrees,
    // the direction; a key's own types and direction, where they differ, then filter its rows.
    // Every type, the common case, is written short (an entity's other relationships are its
    // mentions and the citations of a study). Bolt sends the text with every query, in chunks of
    // 1,400 bytes, one socket write each: the usual query fits in one.
    const unionTypes = [...new Set(asked.flatMap((k) => k.types))];
    const union = unionTypes.length === RELATION_TYPES.length ? `!${MENTION_REL}&!${CITATION_REL}` : typesPattern(unionTypes)!;
    const keys = asked.map((k) => ({ ...k, types: new Set(k.types).size === unionTypes.length ? null : k.types }));
    const directions = new Set(wanted.map((k) => k.direction));
    const only = directions.size === 1 ? [...directions][0] : 'BOTH';
    const pattern = only === 'OUT' ? `(e)-[r:${union}]->()` : only === 'IN' ? `(e)<-[r:${union}]-()` : `(e)-[r:${union}]-()`;
    const filters = [
      ...(keys.some((k) => k.types) ? ['(k.types IS NULL OR type(r) IN k.types)'] : []),
      ...(directions.size > 1 ? ["(k.direction = 'BOTH' OR (k.direction = 'OUT' AND startNode(r) = e) OR (k.direction = 'IN' AND endNode(r) = e))"] : []),
    ];
    // The passages of the relations' evidence come along, unless the operation reads no evidence.
    const withPassages = !!companions?.passages && companions.relationContent !== false;
    const rows = await this.read(
      `${STATE} UNWIND range(0, size($keys) - 1) AS i WITH s, i, $keys[i] AS k MATCH (e:Entity {uid: s.gen + '|' + k.id})
       CALL (e, k) {
         MATCH ${pattern}${filters.length ? ` WHERE ${filters.join(' AND ')}` : ''}
         WITH DISTINCT r ORDER BY type(r), r.id LIMIT $most
         RETURN collect(r) AS all }
       WITH s, i, e, all[k.offset..k.end] AS rs
       RETURN i, s.gen AS gen, [r IN rs | ${RELATION('r', companions)}] AS rels${
         companions
           ? `, COLLECT { UNWIND [e] + [r IN rs | startNode(r)] + [r IN rs | endNode(r)] AS x WITH DISTINCT x RETURN ${ENTITY('x', companions)} } AS ends${withPassages ? `, ${EVIDENCE_PASSAGES('rs')} AS ps` : ''}`
           : ''
       }`,
      // The first `most` of each key in answer order (a partial sort: a hub's relations are not
      // sorted whole), then each key's own limit.
      { keys, most: int(Math.max(...wanted.map((k) => (k.offset ?? 0) + k.limit))) },
      ['i', 'gen', 'rels', ...(companions ? ['ends'] : []), ...(withPassages ? ['ps'] : [])],
    );
    return { rows, gen: (rows[0]?.gen as string | undefined) ?? null, narrowed, withPassages };
  }

  /**
   * The relation counts of the active generation's hubs (records the loader writes; see
   * HUB_DEGREE), read once per generation and shared. `gen`, when given, is the generation a
   * read found active: counts of another one are read again.
   */
  private hubs(gen?: string): Promise<Hubs> {
    return this.perGeneration(
      'hubs',
      `${STATE} RETURN s.gen AS gen, COLLECT { MATCH (r:Record) WHERE r.gen = s.gen AND r.kind = 'hub' RETURN [r.id, r.json] } AS hubs`,
      (row) => ({ gen: (row?.gen as string | undefined) ?? '', counts: new Map(((row?.hubs as [string, string][] | undefined) ?? []).map(([id, json]) => [id, JSON.parse(json) as RelationCounts])) }),
      gen,
    );
  }

  async mentionsOf(ids: readonly string[], limit: number, offset: number, companions?: Companions): Promise<Mention[][]> {
    if (!ids.length || limit === 0) return ids.map(() => []);
    const rows = await this.read(
      `${STATE} UNWIND $ids AS id MATCH (e:Entity {uid: s.gen + '|' + id})
       CALL (e) { MATCH (e)-[m:MENTIONED_IN]->(p:Passage) WITH m, p ORDER BY p.order, m.start, m.end SKIP $offset LIMIT $limit
         RETURN collect(${MENTION('m', 'e', 'p')}) AS ms${companions?.passages ? `, collect(DISTINCT ${PASSAGE('p')}) AS ps` : ''} }
       RETURN id, ms${companions?.passages ? ', ps' : ''}`,
      { ids, offset: int(offset), limit: int(limit) },
      companions?.passages ? ['id', 'ms', 'ps'] : ['id', 'ms'],
    );
    const by = new Map(rows.map((r) => [r.id as string, (r.ms as unknown[]).map(toMention)]));
    companions?.passages?.(rows.flatMap((r) => (r.ps as Row[]).map(toPassage)));
    return ids.map((id) => by.get(id) ?? []);
  }

  async mentionCounts(ids: readonly string[]): Promise<number[]> {
    if (!ids.length) return [];
    const rows = await this.read(`${STATE} UNWIND $ids AS id MATCH (e:Entity {uid: s.gen + '|' + id}) RETURN id, e.mentionCount AS n`, { ids }, ['id', 'n']);
    const by = new Map(rows.map((r) => [r.id as string, r.n as number]));
    return ids.map((id) => by.get(id) ?? 0);
  }

  async passages(ids: readonly string[]): Promise<(Passage | null)[]> {
    if (!ids.length) return [];
    const rows = await this.read(`${STATE} UNWIND $ids AS id MATCH (p:Passage {uid: s.gen + '|' + id}) RETURN ${PASSAGE('p')} AS p`, { ids }, ['p']);
    const by = new Map(rows.map((r) => [(r.p as Row).id as string, toPassage(r.p as Row)]));
    return ids.map((id) => by.get(id) ?? null);
  }

  async passagesAt(keys: readonly { documentId: string; order: number }[]): Promise<(Passage | null)[]> {
    if (!keys.length) return [];
    const rows = await this.read(
      `${STATE} UNWIND $keys AS k MATCH (p:Passage) WHERE p.gen = s.gen AND p.documentId = k.documentId AND p.order = k.order RETURN ${PASSAGE('p')} AS p`,
      { keys: keys.map((k) => ({ documentId: k.documentId, order: int(k.order) })) },
    );
    const by = new Map(rows.map((r) => [`${(r.p as Row).documentId}#${(r.p as Row).order}`, toPassage(r.p as Row)]));
    return keys.map((k) => by.get(`${k.documentId}#${k.order}`) ?? null);
  }

  async mentionsIn(passageIds: readonly string[], companions?: Companions): Promise<Mention[][]> {
    return (await this.passageLinks(passageIds, { mentions: true, citations: false }, companions)).map((l) => l.mentions);
  }

  async citationsIn(passageIds: readonly string[], companions?: Companions): Promise<Citation[][]> {
    return (await this.passageLinks(passageIds, { mentions: false, citations: true }, companions)).map((l) => l.citations);
  }

  async linksIn(passageIds: readonly string[], companions?: Companions): Promise<PassageLinks[]> {
    return this.passageLinks(passageIds, { mentions: true, citations: true }, companions);
  }

  /**
   * Passages' mentions and/or citations in one query; companions: the entities mentioned, the
   * studies cited and, when both are asked (a passage read with its links), the passages.
   */
  private async passageLinks(passageIds: readonly string[], want: { mentions: boolean; citations: boolean }, companions?: Companions): Promise<PassageLinks[]> {
    if (!passageIds.length) return [];
    // Without companions, an empty list, written as an aggregate: a literal there would be a
    // grouping key, and a passage without mentions (or without citations) would lose its row.
    const entities = (v: string) => (companions ? `, collect(DISTINCT ${ENTITY(v, companions)})` : ', collect(null)');
    const rows = await this.read(
      `${STATE} UNWIND $ids AS id MATCH (p:Passage {uid: s.gen + '|' + id})
       ${
         want.mentions
           ? `CALL (p) { MATCH (e:Entity)-[m:MENTIONED_IN]->(p) WITH e, m ORDER BY m.start, m.end, e.id
         RETURN collect(${MENTION('m', 'e', 'p')}) AS ms${entities('e')} AS es }`
           : 'WITH s, id, p, [] AS ms, [] AS es'
       }
       ${
         want.citations
           ? `CALL (p) { MATCH (p)-[c:CITATION]->(st:Entity) WITH c, st ORDER BY c.seq
         RETURN collect({passageId: p.id, studyId: st.id, evidence: c.evidence, inherited: c.inherited}) AS cs${entities('st')} AS sts }`
           : 'WITH id, p, ms, es, [] AS cs, [] AS sts'
       }
       RETURN id, ms, cs, es, sts${companions?.passages && want.mentions && want.citations ? `, ${PASSAGE('p')} AS p` : ''}`,
      { ids: passageIds },
      ['id', 'ms', 'cs', 'es', 'sts', ...(companions?.passages && want.mentions && want.citations ? ['p'] : [])],
    );
    const by = new Map(
      rows.map((r) => [r.id as string, { mentions: (r.ms as unknown[]).map(toMention), citations: (r.cs as Row[]).map((c) => ({ ...c, evidence: JSON.parse(c.evidence as string) }) as Citation) }]),
    );
    if (companions) {
      if (companions.passages && want.mentions && want.citations) companions.passages(rows.map((r) => toPassage(r.p as Row)));
      companions.entities(rows.flatMap((r) => [...(r.es as unknown[]), ...(r.sts as unknown[])].map(toEntity)));
    }
    return passageIds.map((id) => by.get(id) ?? { mentions: [], citations: [] });
  }

  async searchPassages(query: string, limit: number, document: string | null = null): Promise<Passage[]> {
    return (await this.searchPassagesPage(query, limit, 0, document)).items;
  }

  async searchPassagesPage(query: string, limit: number, offset: number, document: string | null = null): Promise<Page<Passage>> {
    const q = luceneQuery(query, undefined, { every: false });
    if (!q) return { items: [], total: 0 };
    const rows = await this.read(
      `${STATE} CALL (s) {
         CALL db.index.fulltext.queryNodes('passage_search', $q, {limit: $cap}) YIELD node
         WITH node WHERE node.gen = s.gen AND ($document IS NULL OR node.documentId = $document)
         RETURN collect({p: ${PASSAGE('node')}, tokens: node.searchText}) AS hits }
       RETURN s.stats AS stats, hits`,
      { q, cap: int(searchCandidates(offset + limit) * (document ? 4 : 1)), document },
      ['stats', 'hits'],
    );
    const [row] = rows;
    if (!row) return { items: [], total: 0 };
    const candidates = (row.hits as Row[]).map((h) => ({ passage: toPassage(h.p as Row), tokens: (h.tokens as string).split(' ') }));
    const ranked = rankPassages(query, candidates, { passages: (JSON.parse(row.stats as string) as Stats).passages });
    return { items: ranked.slice(offset, offset + limit), total: ranked.length };
  }

  async neighborhood(ids: string[], depth: number, relationTypes: string[] | null, entityTypes: string[] | null, limit: number, shape?: Shape): Promise<Subgraph> {
    const types = typesPattern(relationTypes);
    const requested = [...new Set(ids)].sort();
    // Breadth first, one round trip per level: each frontier entity's unseen neighbours in id
    // order, taken in the memory store's order until the limit.
    const expand = async (frontier: string[], seen: ReadonlySet<string>, cap: number) => {
      if (!types) return { existing: frontier, next: new Map<string, string[]>() };
      const rows = await this.read(
        `${STATE} UNWIND $frontier AS id MATCH (e:Entity {uid: s.gen + '|' + id})
         CALL (e) { MATCH (e)-[:${types}]-(m:Entity) WHERE ($entityTypes IS NULL OR m.type IN $entityTypes) AND NOT m.id IN $seen
           WITH DISTINCT m ORDER BY m.id LIMIT $cap RETURN collect(m.id) AS ns }
         RETURN id, ns`,
        { frontier, seen: [...seen], entityTypes, cap: int(cap) },
        ['id', 'ns'],
      );
      return { existing: rows.map((r) => r.id as string), next: new Map(rows.map((r) => [r.id as string, r.ns as string[]])) };
    };

    // The first level's query also tells which seeds exist.
    let seeds: string[];
    let firstLevel: Map<string, string[]> | null = null;
    if (depth > 0 && types) {
      const first = await expand(requested, new Set(requested), limit);
      seeds = requested.filter((id) => first.existing.includes(id));
      firstLevel = first.next;
    } else {
      seeds = (await this.entities(requested)).filter((e): e is Entity => e !== null).map((e) => e.id);
    }
    const { seen, truncated } = await selectBreadthFirst(seeds, types ? depth : 0, limit, async (frontier, taken) => {
      if (firstLevel) {
        const level = firstLevel;
        firstLevel = null;
        return level;
      }
      return (await expand(frontier, taken, limit - taken.size + 1)).next;
    });
    if (!seen.size) return { nodes: [], relations: [], truncated };
    const ids2 = [...seen];
    const rows = await this.read(
      `${STATE} UNWIND $ids AS id MATCH (e:Entity {uid: s.gen + '|' + id})
       CALL (e, s) { ${types ? `MATCH (e)-[r:${types}]->(m:Entity) WHERE m.id IN $ids RETURN collect(${RELATION('r', shape)}) AS rels` : 'RETURN [] AS rels'} }
       RETURN ${ENTITY('e', shape)} AS e, rels`,
      { ids: ids2 },
      ['e', 'rels'],
    );
    const relations = new Map<string, Relation>();
    for (const r of rows) for (const rel of (r.rels as unknown[]).map(toRelation)) relations.set(rel.id, rel);
    return { nodes: rows.map((r) => toEntity(r.e)).sort(byId), relations: [...relations.values()].sort(byId), truncated };
  }

  async path(from: string, to: string, maxLength: number, relationTypes: string[] | null, shape?: Shape): Promise<GraphPath | null> {
    if (!Number.isInteger(maxLength) || maxLength < 1) return null;
    if (from === to) {
      const [e] = await this.entities([from], { entities: () => {}, ...shape });
      return e ? { nodes: [e], relations: [] } : null;
    }
    const types = typesPattern(relationTypes);
    if (!types) return null;
    // Of all shortest paths, the one whose node ids come first in order, as the memory store picks.
    const rows = await this.read(
      `${STATE} MATCH (a:Entity {uid: s.gen + '|' + $from}) MATCH (b:Entity {uid: s.gen + '|' + $to})
       MATCH p = allShortestPaths((a)-[:${types}*..${maxLength}]-(b))
       WITH p LIMIT 1000 RETURN [n IN nodes(p) | n.id] AS ids`,
      { from, to },
      ['ids'],
    );
    if (!rows.length) return null;
    const best = rows.map((r) => r.ids as string[]).sort(compareSeq)[0]!;
    const hops = await this.read(
      `${STATE} UNWIND range(0, size($ids) - 1) AS i MATCH (e:Entity {uid: s.gen + '|' + $ids[i]})
       CALL (e, s, i) {
         OPTIONAL MATCH (e)-[r:${types}]-(:Entity {uid: s.gen + '|' + $ids[i + 1]})
         WITH r ORDER BY type(r), r.id LIMIT 1
         RETURN CASE WHEN r IS NULL THEN null ELSE ${RELATION('r', shape)} END AS rel }
       RETURN i, ${ENTITY('e', shape)} AS e, rel`,
      { ids: best },
      ['i', 'e', 'rel'],
    );
    hops.sort((a, b) => (a.i as number) - (b.i as number));
    return {
      nodes: hops.map((h) => toEntity(h.e)),
      relations: hops.filter((h) => h.rel).map((h) => toRelation(h.rel)),
    };
  }

  async findings(about: string | null, limit: number): Promise<Entity[]> {
    if (limit === 0) return [];
    const rows = about
      ? await this.read(
          `${STATE} MATCH (a:Entity {uid: s.gen + '|' + $about})<-[:ABOUT]-(f:Finding) WITH DISTINCT f RETURN ${ENTITY('f')} AS e ORDER BY f.id LIMIT $limit`,
          { about, limit: int(limit) },
        )
      : await this.read(`${STATE} MATCH (f:Entity:Finding) WHERE f.gen = s.gen RETURN ${ENTITY('f')} AS e ORDER BY f.id LIMIT $limit`, { limit: int(limit) });
    return rows.map((r) => toEntity(r.e));
  }

  private async records<T>(kind: string): Promise<T[]> {
    const rows = await this.read(`${STATE} MATCH (r:Record) WHERE r.gen = s.gen AND r.kind = $kind RETURN r.json AS json ORDER BY r.seq`, { kind });
    return rows.map((r) => JSON.parse(r.json as string) as T);
  }

  async discrepancies(): Promise<Discrepancy[]> {
    return (await this.records<Discrepancy>('discrepancy')).sort(byId);
  }

  async tables(): Promise<Table[]> {
    return (await this.records<Table>('table')).sort((a, b) => a.number.localeCompare(b.number, 'en', { numeric: true }));
  }

  async figures(): Promise<Figure[]> {
    return (await this.records<Figure>('figure')).sort((a, b) => a.number.localeCompare(b.number, 'en', { numeric: true }));
  }

  async documents(): Promise<DocumentRecord[]> {
    return this.records<DocumentRecord>('document');
  }

  async stats(): Promise<Stats> {
    const [row] = await this.read(`${STATE} RETURN s.stats AS stats`);
    if (!row) throw new StoreUnavailableError('Neo4j holds no loaded graph yet; load it with npm run seed -- --neo4j');
    return JSON.parse(row.stats as string) as Stats;
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

/**
 * The embedded store: the bundle held in memory, relations in a graphology multigraph (an
 * undirected twin answers shortest paths), entity names in impact-ordered term lists
 * (./candidates.ts) and passage text in a MiniSearch index.
 */
import { MultiDirectedGraph, MultiUndirectedGraph } from 'graphology';
import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { typoMatches } from '../typos';
import type { Citation, Entity, GraphBundle, Mention, Passage, Relation } from '../../../../graph-seed/src/model/bundle';
import { groupBy, typeCounts } from '../../../../graph-seed/src/model/group';
import { NAME_MATCHES_CAP, type Companions, type EntityFilter, type EntityOrder, type GraphPath, type GraphStore, type Page, type PassageLinks, type RelationKey, type RelationQuery, type SearchHit, type SearchOptions, type Stats, type StoreInfo, type Subgraph } from '../GraphStore';
import { EntityLists } from './entityLists';
import { selectBreadthFirst } from '../traversal';
import { entityTokens, maxEdits, rankEntities, rankPassages, searchCandidates, termsOf, type EntityTokens } from '../ranking';
import { searchText } from '../../../../graph-seed/src/export/neo4j-model';
import { EntityCandidates } from './candidates';
import { entityDocuments } from '../../../../graph-seed/src/model/documents';

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** Entities with at least this many relations (or neighbours) keep them sorted between requests. */
const KEEP_SORTED_FROM = 64;
const byRelation = (a: Relation, b: Relation) => (a.type < b.type ? -1 : a.type > b.type ? 1 : byId(a, b));

export class MemoryGraphStore implements GraphStore {
  private readonly graph = new MultiDirectedGraph({ allowSelfLoops: true });
  private readonly undirected = new MultiUndirectedGraph({ allowSelfLoops: true });
  private readonly entityById = new Map<string, Entity>();
  private readonly relationById = new Map<string, Relation>();
  private readonly passageById = new Map<string, Passage>();
  private readonly passageAt = new Map<string, Passage>();
  private readonly mentionsByEntity: Map<string, Mention[]>;
  private readonly mentionsByPassage: Map<string, Mention[]>;
  private readonly citationsByPassage: Map<string, Citation[]>;
  private readonly entityIndex: EntityCandidates;
  private readonly passageIndex: MiniSearch<{ id: string; text: string }>;
  private readonly entityTokens = new Map<string, EntityTokens>();
  private readonly passageTokens = new Map<string, string[]>();
  private readonly sortedEntities: Entity[];
  private readonly relationsCache = new Map<string, Relation[]>();
  private readonly neighboursCache = new Map<string, string[]>();
  /** The documents each entity appears in, for lists and searches of one document. */
  private readonly documentsOf: Map<string, string[]>;
  private passageTermMap: SearchableMap<true> | null = null;
  /** Built on first use: a graph served only by id and search never pays for it. */
  private lists: EntityLists | null = null;
  private passagesByDocument: Map<string, Passage[]> | null = null;

  constructor(readonly bundle: GraphBundle) {
    this.documentsOf = entityDocuments(bundle);
    for (const e of bundle.entities) {
      this.entityById.set(e.id, e);
      this.graph.addNode(e.id);
      this.undirected.addNode(e.id);
    }
    for (const r of bundle.relations) {
      this.relationById.set(r.id, r);
      this.graph.addDirectedEdgeWithKey(r.id, r.source, r.target);
      this.undirected.addUndirectedEdgeWithKey(r.id, r.source, r.target);
    }
    for (const p of bundle.passages) {
      this.passageById.set(p.id, p);
      this.passageAt.set(`${p.documentId}#${p.order}`, p);
    }
    const passageOrder = (id: string) => this.passageById.get(id)?.order ?? 0;
    this.mentionsByEntity = groupBy(bundle.mentions, (m) => m.entityId);
    for (const list of this.mentionsByEntity.values()) list.sort((a, b) => passageOrder(a.passageId) - passageOrder(b.passageId) || a.start - b.start || a.end - b.end);
    this.mentionsByPassage = groupBy(bundle.mentions, (m) => m.passageId);
    for (const list of this.mentionsByPassage.values()) list.sort((a, b) => a.start - b.start || a.end - b.end || (a.entityId < b.entityId ? -1 : 1));
    this.citationsByPassage = groupBy(bundle.citations, (c) => c.passageId);
    this.sortedEntities = [...bundle.entities].sort(byId);

    // The indexes find candidates over the same folded terms the Neo4j indexes hold; the shared
    // ranking decides (see ../ranking.ts).
    this.passageIndex = new MiniSearch<{ id: string; text: string }>({
      fields: ['text'],
      storeFields: [],
      tokenize: (t) => t.split(' '),
      searchOptions: { prefix: true, fuzzy: 0.2, combineWith: 'OR' },
    });
    for (const e of bundle.entities) this.entityTokens.set(e.id, entityTokens(e));
    this.entityIndex = new EntityCandidates(
      bundle.entities.map((e) => ({ tokens: this.entityTokens.get(e.id)!, mentions: this.mentionsByEntity.get(e.id)?.length ?? 0, names: [e.name, ...e.aliases].map((n) => searchText(n)) })),
    );
    for (const p of bundle.passages) {
      const tokens = termsOf(p.text);
      this.passageTokens.set(p.id, tokens);
      this.passageIndex.add({ id: p.id, text: tokens.join(' ') });
    }
  }

  async info(): Promise<StoreInfo> {
    return { backend: 'memory', version: this.bundle.version };
  }

  async ping(): Promise<void> {}

  async entities(ids: readonly string[], companions?: Companions): Promise<(Entity | null)[]> {
    const found = ids.map((id) => this.entityById.get(id) ?? null);
    companions?.passages?.(this.passagesOf(found.flatMap((e) => e?.evidence ?? [])));
    return found;
  }

  /** The passages of evidence lists, each once. */
  private passagesOf(evidence: readonly { passageId: string }[]): Passage[] {
    return [...new Set(evidence.map((e) => e.passageId))].map((id) => this.passageById.get(id)).filter((p): p is Passage => !!p);
  }

  private inDocument(entityId: string, document: string | null | undefined): boolean {
    return !document || (this.documentsOf.get(entityId)?.includes(document) ?? false);
  }

  async listEntities(type: string | null, limit: number, offset: number, document?: string | null): Promise<Entity[]> {
    const list = type || document ? this.sortedEntities.filter((e) => (!type || e.type === type) && this.inDocument(e.id, document)) : this.sortedEntities;
    return list.slice(offset, offset + limit);
  }

  async findEntities(filter: EntityFilter, order: readonly EntityOrder[], limit: number, offset: number, count: boolean): Promise<Page<Entity>> {
    this.lists ??= new EntityLists({
      entities: this.bundle.entities,
      graph: this.graph,
      relationType: (k) => this.relationById.get(k)!.type,
      mentionsByEntity: this.mentionsByEntity,
      passageById: this.passageById,
    });
    const among = filter.nameMatches ? new Set((await this.search(filter.nameMatches, filter.types ?? null, NAME_MATCHES_CAP)).map((h) => h.entity.id)) : null;
    return this.lists.page(filter, order, limit, offset, count, among);
  }

  async relationCounts(keys: readonly Omit<RelationKey, 'limit' | 'offset'>[]): Promise<number[]> {
    return (await this.relationsFor(keys.map((k) => ({ ...k, limit: Number.MAX_SAFE_INTEGER })))).map((l) => l.length);
  }

  async passagesMentioning(id: string, limit: number, offset: number, count: boolean): Promise<Page<Passage>> {
    const all = [...new Set((this.mentionsByEntity.get(id) ?? []).map((m) => m.passageId))].map((p) => this.passageById.get(p)!).sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
    return { items: all.slice(offset, offset + limit), total: count ? all.length : null };
  }

  async documentPassages(documentId: string, limit: number, offset: number, count: boolean): Promise<Page<Passage>> {
    if (!this.passagesByDocument) {
      this.passagesByDocument = groupBy(this.bundle.passages, (p) => p.documentId);
      for (const list of this.passagesByDocument.values()) list.sort((a, b) => a.order - b.order);
    }
    const all = this.passagesByDocument.get(documentId) ?? [];
    return { items: all.slice(offset, offset + limit), total: count ? all.length : null };
  }

  async search(query: string, types: string[] | null, limit: number, options: SearchOptions = {}): Promise<SearchHit[]> {
    const document = options.document;
    const terms = termsOf(query);
    if (!terms.length || limit === 0) return [];
    // The best matches by their terms' impact are ranked, as many as Neo4j's store takes from its
    // full-text index: ranking every match of a common word in a large graph takes seconds.
    const entities = this.bundle.entities;
    const cap = searchCandidates(limit) * (document ? 4 : 1);
    // A common word, unfiltered: only the entities that can make the answer are read and ranked.
    const docs =
      (!types && !document && terms.length === 1 && this.entityIndex.best(terms[0]!, limit, cap)) ||
      this.entityIndex.find(terms, cap, (doc) => (!types || types.includes(entities[doc]!.type)) && this.inDocument(entities[doc]!.id, document));
    const candidates = docs.map((doc) => ({ entity: entities[doc]!, tokens: this.entityTokens.get(entities[doc]!.id)! }));
    return rankEntities(query, candidates, (id) => this.mentionsByEntity.get(id)?.length ?? 0).slice(0, limit);
  }

  async relationsOf(ids: readonly string[], q: RelationQuery): Promise<Relation[][]> {
    return this.relationsFor(ids.map((id) => ({ id, ...q })));
  }

  /**
   * An entity's relations in answer order (type, then id). A hub's are sorted once and kept:
   * hubs are asked often and sorting thousands of relations is the cost of the answer. Smaller
   * lists are sorted each time, so that the kept lists stay few however much of a large graph
   * traversals visit (keeping every visited entity's list grows the heap without end, and a
   * large old generation written to makes every young collection slower).
   */
  private sortedRelations(id: string): Relation[] {
    let list = this.relationsCache.get(id);
    if (!list) {
      list = [...new Set(this.graph.edges(id))].map((k) => this.relationById.get(k)!).sort(byRelation);
      if (list.length >= KEEP_SORTED_FROM) this.relationsCache.set(id, list);
    }
    return list;
  }

  /** An entity's neighbours over any relation, distinct, in id order; a hub's kept like sortedRelations. */
  private sortedNeighbours(id: string): string[] {
    let list = this.neighboursCache.get(id);
    if (!list) {
      list = [...new Set(this.graph.neighbors(id))].sort();
      if (list.length >= KEEP_SORTED_FROM) this.neighboursCache.set(id, list);
    }
    return list;
  }

  async relationsFor(keys: readonly RelationKey[], companions?: Companions): Promise<Relation[][]> {
    const out = keys.map((q) => {
      if (!this.graph.hasNode(q.id) || q.limit <= 0) return [];
      const all = this.sortedRelations(q.id);
      const skip = q.offset ?? 0;
      if (!q.types && q.direction === 'BOTH') return all.slice(skip, skip + q.limit);
      const taken: Relation[] = [];
      let passed = 0;
      for (const r of all) {
        if (q.types && !q.types.includes(r.type)) continue;
        if (q.direction === 'OUT' && r.source !== q.id) continue;
        if (q.direction === 'IN' && r.target !== q.id) continue;
        if (passed++ < skip) continue;
        taken.push(r);
        if (taken.length >= q.limit) break;
      }
      return taken;
    });
    if (companions) {
      const all = out.flat();
      companions.entities(this.entitiesOf([...keys.map((k) => k.id), ...all.flatMap((r) => [r.source, r.target])]));
      companions.passages?.(this.passagesOf(all.flatMap((r) => r.evidence)));
    }
    return out;
  }

  async mentionsOf(ids: readonly string[], limit: number, offset: number, companions?: Companions): Promise<Mention[][]> {
    const out = ids.map((id) => (this.mentionsByEntity.get(id) ?? []).slice(offset, offset + limit));
    companions?.passages?.(this.passagesOf(out.flat()));
    return out;
  }

  async mentionCounts(ids: readonly string[]): Promise<number[]> {
    return ids.map((id) => this.mentionsByEntity.get(id)?.length ?? 0);
  }

  async passages(ids: readonly string[]): Promise<(Passage | null)[]> {
    return ids.map((id) => this.passageById.get(id) ?? null);
  }

  async passagesAt(keys: readonly { documentId: string; order: number }[]): Promise<(Passage | null)[]> {
    return keys.map((k) => this.passageAt.get(`${k.documentId}#${k.order}`) ?? null);
  }

  async mentionsIn(passageIds: readonly string[], companions?: Companions): Promise<Mention[][]> {
    const out = passageIds.map((id) => this.mentionsByPassage.get(id) ?? []);
    if (companions) companions.entities(this.entitiesOf(out.flat().map((m) => m.entityId)));
    return out;
  }

  async citationsIn(passageIds: readonly string[], companions?: Companions): Promise<Citation[][]> {
    const out = passageIds.map((id) => this.citationsByPassage.get(id) ?? []);
    if (companions) companions.entities(this.entitiesOf(out.flat().map((c) => c.studyId)));
    return out;
  }

  async linksIn(passageIds: readonly string[], companions?: Companions): Promise<PassageLinks[]> {
    const mentions = await this.mentionsIn(passageIds, companions);
    const citations = await this.citationsIn(passageIds, companions);
    companions?.passages?.(passageIds.map((id) => this.passageById.get(id)).filter((p): p is Passage => !!p));
    return passageIds.map((_id, i) => ({ mentions: mentions[i]!, citations: citations[i]! }));
  }

  private entitiesOf(ids: string[]): Entity[] {
    return [...new Set(ids)].map((id) => this.entityById.get(id)).filter((e): e is Entity => !!e);
  }

  /** Every term of the passages' text, for typo expansion (built on first use). */
  private passageTerms(): SearchableMap<true> {
    this.passageTermMap ??= SearchableMap.from([...new Set([...this.passageTokens.values()].flat())].map((t): [string, true] => [t, true]));
    return this.passageTermMap;
  }

  async searchPassages(query: string, limit: number, document?: string | null): Promise<Passage[]> {
    return (await this.searchPassagesPage(query, limit, 0, document)).items;
  }

  async searchPassagesPage(query: string, limit: number, offset: number, document?: string | null): Promise<Page<Passage>> {
    const terms = termsOf(query);
    if (!terms.length) return { items: [], total: 0 };
    const swapped = () => terms.flatMap((t) => [...typoMatches(this.passageTerms(), t, maxEdits(t)).keys()].filter((v) => !terms.includes(v)));
    const only = document ? (id: string) => this.passageById.get(id)?.documentId === document : undefined;
    const candidates = matches(this.passageIndex, terms, searchCandidates(offset + limit), swapped, only).map((h) => ({ passage: this.passageById.get(String(h.id))!, tokens: this.passageTokens.get(String(h.id))! }));
    const ranked = rankPassages(query, candidates, { passages: this.bundle.passages.length });
    return { items: ranked.slice(offset, offset + limit), total: ranked.length };
  }

  async neighborhood(ids: string[], depth: number, relationTypes: string[] | null, entityTypes: string[] | null, limit: number): Promise<Subgraph> {
    const keepRel = (r: Relation) => !relationTypes || relationTypes.includes(r.type);
    const keepNode = (id: string) => !entityTypes || entityTypes.includes(this.entityById.get(id)!.type);
    const seeds = [...new Set(ids)].filter((id) => this.graph.hasNode(id)).sort();
    const { seen, truncated } = await selectBreadthFirst(seeds, depth, limit, (frontier, taken) => {
      const level = new Map<string, string[]>();
      if (!relationTypes && !entityTypes) {
        // Unfiltered: each entity's neighbours in id order, kept (the selection skips taken ones).
        for (const id of frontier) level.set(id, this.sortedNeighbours(id));
        return level;
      }
      for (const id of frontier) {
        const around = [...new Set(this.graph.edges(id))]
          .map((k) => this.relationById.get(k)!)
          .filter(keepRel)
          .map((r) => (r.source === id ? r.target : r.source))
          .filter((n) => !taken.has(n) && keepNode(n));
        level.set(id, [...new Set(around)].sort());
      }
      return level;
    });
    const nodes = [...seen].map((id) => this.entityById.get(id)!).sort(byId);
    const relations: Relation[] = [];
    const take = (k: string) => {
      const r = this.relationById.get(k)!;
      if (seen.has(r.target) && keepRel(r)) relations.push(r);
    };
    for (const id of seen) {
      // A hub's relations are looked up pair by pair rather than all walked.
      if (this.graph.outDegree(id) > seen.size) for (const m of seen) this.graph.forEachOutEdge(id, m, take);
      else this.graph.forEachOutEdge(id, take);
    }
    return { nodes, relations: [...new Map(relations.map((r) => [r.id, r])).values()].sort(byId), truncated };
  }

  async path(from: string, to: string, maxLength: number, relationTypes: string[] | null): Promise<GraphPath | null> {
    if (!this.graph.hasNode(from) || !this.graph.hasNode(to)) return null;
    if (from === to) return { nodes: [this.entityById.get(from)!], relations: [] };
    if (!Number.isInteger(maxLength) || maxLength < 1) return null;
    const types = relationTypes ? new Set(relationTypes) : null;
    const around = (id: string, visit: (n: string) => void) => {
      if (!types) this.undirected.forEachNeighbor(id, (n) => visit(n));
      else this.undirected.forEachEdge(id, (k, _a, source, target) => types.has(this.relationById.get(k)!.type) && visit(source === id ? target : source));
    };
    const onPath = shortestPathLayers(from, to, maxLength, around);
    if (!onPath) return null;
    // Of all shortest paths, the one whose node ids come first in order (both adapters pick it):
    // from `from`, always the smallest neighbour on the next layer.
    const nodePath = [from];
    for (let i = 1; i < onPath.length; i++) {
      let best: string | null = null;
      around(nodePath[i - 1]!, (n) => {
        if (onPath[i]!.has(n) && (best === null || n < best)) best = n;
      });
      nodePath.push(best!);
    }
    const relations = nodePath.slice(1).map((n, i) => {
      const candidates = this.undirected
        .edges(nodePath[i]!, n)
        .map((k) => this.relationById.get(k)!)
        .filter((r) => !types || types.has(r.type))
        .sort(byRelation);
      return candidates[0]!;
    });
    return { nodes: nodePath.map((id) => this.entityById.get(id)!), relations };
  }

  async findings(about: string | null, limit: number): Promise<Entity[]> {
    let list = this.sortedEntities.filter((e) => e.type === 'Finding');
    if (about) {
      const ids = new Set(
        [...this.relationById.values()].filter((r) => r.type === 'ABOUT' && r.target === about).map((r) => r.source),
      );
      list = list.filter((f) => ids.has(f.id));
    }
    return list.slice(0, limit);
  }

  async discrepancies() {
    return [...this.bundle.discrepancies].sort(byId);
  }

  async tables() {
    return [...this.bundle.tables].sort((a, b) => a.number.localeCompare(b.number, 'en', { numeric: true }));
  }

  async figures() {
    return [...this.bundle.figures].sort((a, b) => a.number.localeCompare(b.number, 'en', { numeric: true }));
  }

  async documents() {
    return this.bundle.documents ?? [this.bundle.document];
  }

  async stats(): Promise<Stats> {
    return {
      entities: this.bundle.entities.length,
      relations: this.bundle.relations.length,
      passages: this.bundle.passages.length,
      mentions: this.bundle.mentions.length,
      entityTypes: typeCounts(this.bundle.entities.map((e) => e.type)),
      relationTypes: typeCounts(this.bundle.relations.map((r) => r.type)),
    };
  }

  async close(): Promise<void> {}
}

/**
 * The best `cap` index matches for the terms. Typo-tolerant (fuzzy) matching walks the whole term
 * dictionary, which in a large graph holds hundreds of thousands of terms: it runs only when exact
 * and prefix matches do not already fill the candidates (always, for a report-sized graph).
 */
function matches(index: MiniSearch<{ id: string; text: string }>, terms: string[], cap: number, swapped: () => string[], filter?: (id: string) => boolean) {
  const query = terms.join(' ');
  const only = filter ? { filter: (r: { id: unknown }) => filter(String(r.id)) } : {};
  const plain = index.search(query, { fuzzy: false, ...only });
  if (plain.length >= cap) return plain.slice(0, cap);
  // MiniSearch's fuzzy matching counts a swap of two letters as two edits; the indexed terms one
  // swap (and the allowance left) away are asked for by name, as Lucene's fuzzy queries find them.
  return index.search([query, ...swapped()].join(' '), only).slice(0, cap);
}

/**
 * The nodes on shortest paths between two nodes, layer by layer (layer i: the nodes i steps from
 * `from` on some shortest path), or null when none is at most maxLength long. A bidirectional
 * breadth-first search grows the smaller side a whole level at a time until the sides meet, so
 * it reads two balls of half the length instead of everything within reach of one end.
 */
export function shortestPathLayers(from: string, to: string, maxLength: number, around: (id: string, visit: (n: string) => void) => void): Set<string>[] | null {
  const distF = new Map([[from, 0]]);
  const distT = new Map([[to, 0]]);
  const layersF: string[][] = [[from]];
  const layersT: string[][] = [[to]];
  for (;;) {
    const a = layersF.length - 1;
    const b = layersT.length - 1;
    // Not met yet: every path is longer than a + b.
    if (a + b >= maxLength) return null;
    const forward = layersF[a]!.length <= layersT[b]!.length;
    const [dist, other, layers] = forward ? [distF, distT, layersF] : [distT, distF, layersT];
    const depth = layers.length;
    const next: string[] = [];
    let met = false;
    for (const id of layers[depth - 1]!) {
      around(id, (n) => {
        if (dist.has(n)) return;
        dist.set(n, depth);
        next.push(n);
        if (other.has(n)) met = true;
      });
    }
    if (!next.length) return null;
    layers.push(next);
    if (met) break;
  }
  const a = layersF.length - 1;
  const b = layersT.length - 1;
  const length = a + b;
  const onPath: Set<string>[] = new Array(length + 1);
  onPath[a] = new Set(layersF[a]!.filter((n) => distT.get(n) === b));
  for (let i = a - 1; i >= 0; i--) {
    const layer = new Set<string>();
    for (const id of onPath[i + 1]!) around(id, (n) => void (distF.get(n) === i && layer.add(n)));
    onPath[i] = layer;
  }
  for (let i = a + 1; i <= length; i++) {
    const layer = new Set<string>();
    for (const id of onPath[i - 1]!) around(id, (n) => void (distT.get(n) === length - i && layer.add(n)));
    onPath[i] = layer;
  }
  return onPath;
}

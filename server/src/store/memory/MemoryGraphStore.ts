/**
 * The embedded store: the bundle held in memory, relations in a graphology multigraph (an
 * undirected twin answers shortest paths), names and passage text in MiniSearch indexes.
 */
import { MultiDirectedGraph, MultiUndirectedGraph } from 'graphology';
import { singleSourceLength } from 'graphology-shortest-path/unweighted';
import MiniSearch, { type Options } from 'minisearch';
import type { Citation, Entity, GraphBundle, Mention, Passage, Relation } from '../../../../graph-seed/src/model/bundle';
import { groupBy, typeCounts } from '../../../../graph-seed/src/model/group';
import type { Companions, GraphPath, GraphStore, RelationKey, RelationQuery, SearchHit, Stats, StoreInfo, Subgraph } from '../GraphStore';
import { selectBreadthFirst } from '../traversal';
import { entityTokens, rankEntities, rankPassages, termsOf, type EntityTokens } from '../ranking';

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
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
  private readonly entityIndex: MiniSearch<{ id: string; text: string }>;
  private readonly passageIndex: MiniSearch<{ id: string; text: string }>;
  private readonly entityTokens = new Map<string, EntityTokens>();
  private readonly passageTokens = new Map<string, string[]>();
  private readonly sortedEntities: Entity[];
  private readonly relationsCache = new Map<string, Relation[]>();
  private readonly neighboursCache = new Map<string, string[]>();

  constructor(private readonly bundle: GraphBundle) {
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
    for (const list of this.mentionsByEntity.values()) list.sort((a, b) => passageOrder(a.passageId) - passageOrder(b.passageId) || a.start - b.start);
    this.mentionsByPassage = groupBy(bundle.mentions, (m) => m.passageId);
    for (const list of this.mentionsByPassage.values()) list.sort((a, b) => a.start - b.start || a.end - b.end || (a.entityId < b.entityId ? -1 : 1));
    this.citationsByPassage = groupBy(bundle.citations, (c) => c.passageId);
    this.sortedEntities = [...bundle.entities].sort(byId);

    // MiniSearch finds candidates over the same folded terms the Neo4j indexes hold; the shared
    // ranking decides (see ../ranking.ts).
    const options = (): Options<{ id: string; text: string }> => ({
      fields: ['text'],
      storeFields: [],
      tokenize: (t) => t.split(' '),
      searchOptions: { prefix: true, fuzzy: 0.2, combineWith: 'AND' },
    });
    this.entityIndex = new MiniSearch(options());
    this.passageIndex = new MiniSearch(options());
    for (const e of bundle.entities) {
      const tokens = entityTokens(e);
      this.entityTokens.set(e.id, tokens);
      this.entityIndex.add({ id: e.id, text: [...tokens.name, ...tokens.aliases].join(' ') });
    }
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
    if (companions) companions.passages(this.passagesOf(found.flatMap((e) => e?.evidence ?? [])));
    return found;
  }

  /** The passages of evidence lists, each once. */
  private passagesOf(evidence: readonly { passageId: string }[]): Passage[] {
    return [...new Set(evidence.map((e) => e.passageId))].map((id) => this.passageById.get(id)).filter((p): p is Passage => !!p);
  }

  async listEntities(type: string | null, limit: number, offset: number): Promise<Entity[]> {
    const list = type ? this.sortedEntities.filter((e) => e.type === type) : this.sortedEntities;
    return list.slice(offset, offset + limit);
  }

  async search(query: string, types: string[] | null, limit: number): Promise<SearchHit[]> {
    const terms = termsOf(query);
    if (!terms.length || limit === 0) return [];
    const candidates = this.entityIndex
      .search(terms.join(' '))
      .map((h) => this.entityById.get(String(h.id))!)
      .filter((e) => !types || types.includes(e.type))
      .map((entity) => ({ entity, tokens: this.entityTokens.get(entity.id)! }));
    return rankEntities(query, candidates, (id) => this.mentionsByEntity.get(id)?.length ?? 0).slice(0, limit);
  }

  async relationsOf(ids: readonly string[], q: RelationQuery): Promise<Relation[][]> {
    return this.relationsFor(ids.map((id) => ({ id, ...q })));
  }

  /** An entity's relations in answer order (type, then id), sorted once and kept: hubs are asked often. */
  private sortedRelations(id: string): Relation[] {
    let list = this.relationsCache.get(id);
    if (!list) {
      list = [...new Set(this.graph.edges(id))].map((k) => this.relationById.get(k)!).sort(byRelation);
      this.relationsCache.set(id, list);
    }
    return list;
  }

  /** An entity's neighbours over any relation, distinct, in id order; kept like sortedRelations. */
  private sortedNeighbours(id: string): string[] {
    let list = this.neighboursCache.get(id);
    if (!list) {
      list = [...new Set(this.graph.neighbors(id))].sort();
      this.neighboursCache.set(id, list);
    }
    return list;
  }

  async relationsFor(keys: readonly RelationKey[], companions?: Companions): Promise<Relation[][]> {
    const out = keys.map((q) => {
      if (!this.graph.hasNode(q.id) || q.limit <= 0) return [];
      const all = this.sortedRelations(q.id);
      if (!q.types && q.direction === 'BOTH') return all.slice(0, q.limit);
      const taken: Relation[] = [];
      for (const r of all) {
        if (q.types && !q.types.includes(r.type)) continue;
        if (q.direction === 'OUT' && r.source !== q.id) continue;
        if (q.direction === 'IN' && r.target !== q.id) continue;
        taken.push(r);
        if (taken.length >= q.limit) break;
      }
      return taken;
    });
    if (companions) {
      const all = out.flat();
      companions.entities([...new Set(all.flatMap((r) => [r.source, r.target]))].map((id) => this.entityById.get(id)!));
      companions.passages(this.passagesOf(all.flatMap((r) => r.evidence)));
    }
    return out;
  }

  async mentionsOf(ids: readonly string[], limit: number, offset: number, companions?: Companions): Promise<Mention[][]> {
    const out = ids.map((id) => (this.mentionsByEntity.get(id) ?? []).slice(offset, offset + limit));
    if (companions) companions.passages(this.passagesOf(out.flat()));
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

  private entitiesOf(ids: string[]): Entity[] {
    return [...new Set(ids)].map((id) => this.entityById.get(id)).filter((e): e is Entity => !!e);
  }

  async searchPassages(query: string, limit: number): Promise<Passage[]> {
    const terms = termsOf(query);
    if (!terms.length || limit === 0) return [];
    const candidates = this.passageIndex.search(terms.join(' ')).map((h) => ({ passage: this.passageById.get(String(h.id))!, tokens: this.passageTokens.get(String(h.id))! }));
    return rankPassages(query, candidates).slice(0, limit);
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
    for (const id of seen) {
      for (const k of this.graph.outEdges(id)) {
        const r = this.relationById.get(k)!;
        if (seen.has(r.target) && keepRel(r)) relations.push(r);
      }
    }
    return { nodes, relations: [...new Map(relations.map((r) => [r.id, r])).values()].sort(byId), truncated };
  }

  async path(from: string, to: string, maxLength: number, relationTypes: string[] | null): Promise<GraphPath | null> {
    if (!this.graph.hasNode(from) || !this.graph.hasNode(to)) return null;
    if (from === to) return { nodes: [this.entityById.get(from)!], relations: [] };
    const g = relationTypes ? this.filteredUndirected(relationTypes) : this.undirected;
    // Of all shortest paths, the one whose node ids come first in order (both adapters pick it):
    // distances to `to`, then a walk from `from` that always steps to the smallest closer id.
    const toTarget = singleSourceLength(g, to);
    const length = toTarget[from];
    if (length === undefined || length > maxLength) return null;
    const nodePath = [from];
    for (let left = length - 1; left >= 0; left--) {
      const here = nodePath[nodePath.length - 1]!;
      nodePath.push(g.neighbors(here).filter((n) => toTarget[n] === left).sort()[0]!);
    }
    const relations = nodePath.slice(1).map((n, i) => {
      const prev = nodePath[i]!;
      const candidates = g.edges(prev, n).map((k) => this.relationById.get(k)!).sort(byRelation);
      return candidates[0]!;
    });
    return { nodes: nodePath.map((id) => this.entityById.get(id)!), relations };
  }

  private filteredUndirected(types: string[]): MultiUndirectedGraph {
    const g = new MultiUndirectedGraph({ allowSelfLoops: true });
    this.undirected.forEachNode((n) => g.addNode(n));
    for (const r of this.relationById.values()) if (types.includes(r.type)) g.addUndirectedEdgeWithKey(r.id, r.source, r.target);
    return g;
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
    return [this.bundle.document];
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

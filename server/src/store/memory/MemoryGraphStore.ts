/**
 * The embedded store: the bundle held in memory, relations in a graphology multigraph (an
 * undirected twin answers shortest paths), names and passage text in MiniSearch indexes.
 */
import { MultiDirectedGraph, MultiUndirectedGraph } from 'graphology';
import { singleSourceLength } from 'graphology-shortest-path/unweighted';
import MiniSearch from 'minisearch';
import type { Citation, Entity, GraphBundle, Mention, Passage, Relation } from '../../../../graph-seed/src/model/bundle';
import type { GraphPath, GraphStore, RelationQuery, SearchHit, Stats, StoreInfo, Subgraph } from '../GraphStore';

/** Lower case without accents: "Côte" and "cote" are one term. */
export const foldTerm = (term: string) => term.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byRelation = (a: Relation, b: Relation) => (a.type < b.type ? -1 : a.type > b.type ? 1 : byId(a, b));

function group<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

/**
 * Final ranking shared by the adapters: a name or alias equal to the query comes first, then the
 * text score weighted by how often the report mentions the entity, then the id.
 */
export function rankHits(query: string, hits: SearchHit[], mentionCount: (id: string) => number): SearchHit[] {
  const q = foldTerm(query).replace(/\s+/g, ' ').trim();
  const exact = (e: Entity) => [e.name, ...e.aliases].some((n) => foldTerm(n).replace(/\s+/g, ' ').trim() === q);
  return hits
    .map((h) => ({ entity: h.entity, score: (exact(h.entity) ? 1000 : 0) + h.score * (1 + Math.log1p(mentionCount(h.entity.id)) / 4) }))
    .sort((a, b) => b.score - a.score || byId(a.entity, b.entity));
}

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
  private readonly entityIndex: MiniSearch<{ id: string; name: string; aliases: string[]; type: string }>;
  private readonly passageIndex: MiniSearch<{ id: string; text: string }>;
  private readonly sortedEntities: Entity[];

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
    this.mentionsByEntity = group(bundle.mentions, (m) => m.entityId);
    for (const list of this.mentionsByEntity.values()) list.sort((a, b) => passageOrder(a.passageId) - passageOrder(b.passageId) || a.start - b.start);
    this.mentionsByPassage = group(bundle.mentions, (m) => m.passageId);
    for (const list of this.mentionsByPassage.values()) list.sort((a, b) => a.start - b.start || a.end - b.end || (a.entityId < b.entityId ? -1 : 1));
    this.citationsByPassage = group(bundle.citations, (c) => c.passageId);
    this.sortedEntities = [...bundle.entities].sort(byId);

    this.entityIndex = new MiniSearch({
      fields: ['name', 'aliases'],
      storeFields: [],
      extractField: (doc, field) => {
        const v = (doc as Record<string, unknown>)[field];
        return Array.isArray(v) ? v.join(' \u2029 ') : String(v ?? '');
      },
      processTerm: foldTerm,
      searchOptions: { boost: { name: 2 }, prefix: true, fuzzy: 0.2, combineWith: 'AND' },
    });
    this.entityIndex.addAll(bundle.entities.map((e) => ({ id: e.id, name: e.name, aliases: e.aliases, type: e.type })));
    this.passageIndex = new MiniSearch({ fields: ['text'], storeFields: [], processTerm: foldTerm, searchOptions: { prefix: true, fuzzy: 0.2, combineWith: 'AND' } });
    this.passageIndex.addAll(bundle.passages.map((p) => ({ id: p.id, text: p.text })));
  }

  async info(): Promise<StoreInfo> {
    return { backend: 'memory', version: this.bundle.version };
  }

  async ping(): Promise<void> {}

  async entities(ids: readonly string[]): Promise<(Entity | null)[]> {
    return ids.map((id) => this.entityById.get(id) ?? null);
  }

  async listEntities(type: string | null, limit: number, offset: number): Promise<Entity[]> {
    const list = type ? this.sortedEntities.filter((e) => e.type === type) : this.sortedEntities;
    return list.slice(offset, offset + limit);
  }

  async search(query: string, types: string[] | null, limit: number): Promise<SearchHit[]> {
    const hits = this.entityIndex.search(query, types ? { filter: (r) => types.includes(this.entityById.get(String(r.id))!.type) } : {});
    return rankHits(
      query,
      hits.map((h) => ({ entity: this.entityById.get(String(h.id))!, score: h.score })),
      (id) => this.mentionsByEntity.get(id)?.length ?? 0,
    ).slice(0, limit);
  }

  async relationsOf(ids: readonly string[], q: RelationQuery): Promise<Relation[][]> {
    return ids.map((id) => {
      if (!this.graph.hasNode(id)) return [];
      const keys = q.direction === 'OUT' ? this.graph.outEdges(id) : q.direction === 'IN' ? this.graph.inEdges(id) : this.graph.edges(id);
      return [...new Set(keys)]
        .map((k) => this.relationById.get(k)!)
        .filter((r) => !q.types || q.types.includes(r.type))
        .sort(byRelation)
        .slice(0, q.limit);
    });
  }

  async mentionsOf(ids: readonly string[], limit: number, offset: number): Promise<Mention[][]> {
    return ids.map((id) => (this.mentionsByEntity.get(id) ?? []).slice(offset, offset + limit));
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

  async mentionsIn(passageIds: readonly string[]): Promise<Mention[][]> {
    return passageIds.map((id) => this.mentionsByPassage.get(id) ?? []);
  }

  async citationsIn(passageIds: readonly string[]): Promise<Citation[][]> {
    return passageIds.map((id) => this.citationsByPassage.get(id) ?? []);
  }

  async searchPassages(query: string, limit: number): Promise<Passage[]> {
    return this.passageIndex
      .search(query)
      .map((h) => ({ p: this.passageById.get(String(h.id))!, score: h.score }))
      .sort((a, b) => b.score - a.score || a.p.order - b.p.order)
      .slice(0, limit)
      .map((x) => x.p);
  }

  async neighborhood(ids: string[], depth: number, relationTypes: string[] | null, entityTypes: string[] | null, limit: number): Promise<Subgraph> {
    const keepRel = (r: Relation) => !relationTypes || relationTypes.includes(r.type);
    const keepNode = (id: string) => !entityTypes || entityTypes.includes(this.entityById.get(id)!.type);
    const seen = new Set<string>();
    let truncated = false;
    let frontier = [...new Set(ids)].filter((id) => this.graph.hasNode(id)).sort();
    for (const id of frontier) {
      if (seen.size >= limit) {
        truncated = true;
        break;
      }
      seen.add(id);
    }
    for (let d = 0; d < depth && frontier.length && !truncated; d++) {
      const next: string[] = [];
      for (const id of frontier) {
        const neighbours = [...new Set(this.graph.edges(id))]
          .map((k) => this.relationById.get(k)!)
          .filter(keepRel)
          .map((r) => (r.source === id ? r.target : r.source))
          .filter((n) => !seen.has(n) && keepNode(n))
          .sort();
        for (const n of neighbours) {
          if (seen.has(n)) continue;
          if (seen.size >= limit) {
            truncated = true;
            break;
          }
          seen.add(n);
          next.push(n);
        }
        if (truncated) break;
      }
      frontier = next;
    }
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
    const count = (xs: string[]) =>
      [...group(xs, (x) => x)].map(([type, list]) => ({ type, count: list.length })).sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : 1));
    return {
      entities: this.bundle.entities.length,
      relations: this.bundle.relations.length,
      passages: this.bundle.passages.length,
      mentions: this.bundle.mentions.length,
      entityTypes: count(this.bundle.entities.map((e) => e.type)),
      relationTypes: count(this.bundle.relations.map((r) => r.type)),
    };
  }

  async close(): Promise<void> {}
}

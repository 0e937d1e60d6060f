/**
 * Filtered, ordered entity lists for the memory store. What the filters and orders read of an
 * entity (folded names, mention count, degree, first mention, documents) is computed once, and
 * each order's full sequence is sorted on first use and kept: a page is then a walk of one sorted
 * sequence that tests each entity, stopping once the page is full unless the total is asked for.
 */
import type { MultiDirectedGraph } from 'graphology';
import type { Entity, Mention, Passage } from '../../../../graph-seed/src/model/bundle';
import { searchText } from '../../../../graph-seed/src/export/neo4j-model';
import { propertyNeedle, type EntityFilter, type EntityOrder, type EntityOrderField, type Page, type RelationFilter } from '../GraphStore';

interface Facts {
  entity: Entity;
  /** Folded name and aliases, as Neo4j's searchText. */
  folded: string;
  /** Lower-cased name: the NAME order. */
  sortName: string;
  mentions: number;
  degree: number;
  /** Reading order of the first passage that mentions it; null when none does. */
  firstMention: number | null;
  /** The documents whose passages mention it. */
  documents: Set<string>;
  /** Top-level properties as JSON (see matchesProperty). */
  propertiesJson: string;
}

export interface EntityListSources {
  entities: readonly Entity[];
  graph: MultiDirectedGraph;
  relationType(key: string): string;
  mentionsByEntity: Map<string, Mention[]>;
  passageById: Map<string, Passage>;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Compares two entities by one order field; entities without a value (never mentioned) come last either way. */
function compareBy(field: EntityOrderField, desc: boolean) {
  const sign = desc ? -1 : 1;
  return (a: Facts, b: Facts): number => {
    switch (field) {
      case 'ID':
        return sign * compareText(a.entity.id, b.entity.id);
      case 'NAME':
        return sign * compareText(a.sortName, b.sortName);
      case 'MENTIONS':
        return sign * (a.mentions - b.mentions);
      case 'DEGREE':
        return sign * (a.degree - b.degree);
      case 'FIRST_MENTION':
        if (a.firstMention === null || b.firstMention === null) return (a.firstMention === null ? 1 : 0) - (b.firstMention === null ? 1 : 0);
        return sign * (a.firstMention - b.firstMention);
    }
  };
}


export class EntityLists {
  private readonly facts: Facts[];
  private readonly sorted = new Map<string, Facts[]>();

  constructor(private readonly src: EntityListSources) {
    this.facts = src.entities.map((entity) => {
      const mentions = src.mentionsByEntity.get(entity.id) ?? [];
      const passages = mentions.map((m) => src.passageById.get(m.passageId)).filter((p): p is Passage => !!p);
      return {
        entity,
        folded: searchText(entity.name, ...entity.aliases),
        sortName: entity.name.toLowerCase(),
        mentions: mentions.length,
        degree: new Set(src.graph.edges(entity.id)).size,
        firstMention: passages.length ? Math.min(...passages.map((p) => p.order)) : null,
        documents: new Set(passages.map((p) => p.documentId)),
        propertiesJson: JSON.stringify(entity.properties),
      };
    });
  }

  /** The whole sequence in one order, sorted on first use and kept. */
  private inOrder(order: readonly EntityOrder[]): Facts[] {
    const key = order.map((o) => `${o.field}:${o.direction}`).join(',');
    let list = this.sorted.get(key);
    if (!list) {
      const comparators = [...order.map((o) => compareBy(o.field, o.direction === 'DESC')), compareBy('ID', false)];
      list = [...this.facts].sort((a, b) => {
        for (const c of comparators) {
          const d = c(a, b);
          if (d) return d;
        }
        return 0;
      });
      this.sorted.set(key, list);
    }
    return list;
  }

  private hasRelation(id: string, want: RelationFilter): boolean {
    const { graph } = this.src;
    const edges = want.direction === 'OUT' ? graph.outEdges(id) : want.direction === 'IN' ? graph.inEdges(id) : graph.edges(id);
    return edges.some((k) => {
      if (want.types && !want.types.includes(this.src.relationType(k))) return false;
      if (!want.to) return true;
      // The other end: the target of an outgoing relation, the source of an incoming one.
      const [s, t] = [graph.source(k), graph.target(k)];
      return (s === id ? t : s) === want.to;
    });
  }

  /**
   * A page of the entities that match. `among`, when given, are the only ids that may match (the
   * answers of a name search).
   */
  page(filter: EntityFilter, order: readonly EntityOrder[], limit: number, offset: number, count: boolean, among: Set<string> | null): Page<Entity> {
    const types = filter.types ? new Set(filter.types) : null;
    const source = this.inOrder(order);
    const contains = filter.nameContains ? searchText(filter.nameContains) : null;
    const needle = filter.property ? propertyNeedle(filter.property.key, filter.property.value) : null;
    const matches = (f: Facts) =>
      (!types || types.has(f.entity.type)) &&
      (!among || among.has(f.entity.id)) &&
      (contains === null || f.folded.includes(contains)) &&
      (!filter.document || f.documents.has(filter.document)) &&
      (filter.minMentions == null || f.mentions >= filter.minMentions) &&
      (!needle || f.propertiesJson.includes(needle)) &&
      (filter.relations ?? []).every((r) => this.hasRelation(f.entity.id, r));
    const items: Entity[] = [];
    let total = 0;
    for (const f of source) {
      if (!matches(f)) continue;
      if (total >= offset && items.length < limit) items.push(f.entity);
      total++;
      if (!count && items.length >= limit && total > offset + limit) break;
    }
    return { items, total: count ? total : null };
  }
}

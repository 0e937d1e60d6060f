/**
 * Curation as an override of what the rules read, by id, rather than a second copy of the graph:
 *   accept   an automatic relation becomes curated (its rule is kept as `readBy`);
 *   reject   an automatic relation, or an entity with its mentions and relations, goes;
 *   retype   an entity or a relation takes another type of the ontology;
 *   rename   an entity takes another name, the old one kept as an alias;
 *   add      a relation the rules missed, with a quote looked up in the text.
 * Unknown ids, unknown types and missing quotes are errors that name the entry.
 */
import { z } from 'zod';
import { ENTITY_TYPES, RELATION_TYPES, type RelationType } from '../model/ontology';
import type { Problem } from '../model/result';
import type { QuoteIndex } from './quotes';
import type { GraphDraft } from './registry';

const Id = z.string().min(1);
export const OverrideSchema = z.union([
  z.strictObject({ op: z.literal('accept'), relation: Id }),
  z.strictObject({ op: z.literal('reject'), relation: Id }),
  z.strictObject({ op: z.literal('reject'), entity: Id }),
  z.strictObject({ op: z.literal('retype'), entity: Id, type: z.enum(ENTITY_TYPES) }),
  z.strictObject({ op: z.literal('retype'), relation: Id, type: z.enum(RELATION_TYPES) }),
  z.strictObject({ op: z.literal('rename'), entity: Id, name: z.string().min(1) }),
  z.strictObject({ op: z.literal('add'), source: Id, type: z.enum(RELATION_TYPES), target: Id, quote: z.string().min(1) }),
]);
export type Override = z.infer<typeof OverrideSchema>;
export const OverridesSchema = z.array(OverrideSchema);

export function applyOverrides(graph: GraphDraft, overrides: Override[], quotes: QuoteIndex, file = 'overrides'): Problem[] {
  const problems: Problem[] = [];
  overrides.forEach((o, index) => {
    const entry = `#${index + 1} (${o.op})`;
    const problem = (code: string, message: string, quote?: string) => problems.push({ severity: 'error', code, message, file, entry, ...(quote ? { quote } : {}) });
    const relation = 'relation' in o ? graph.relations.get(o.relation) : undefined;
    const entity = 'entity' in o ? graph.entities.get(o.entity) : undefined;
    if ('relation' in o && !relation) return problem('UNKNOWN_RELATION', `no relation "${o.relation}" in the graph`);
    if ('entity' in o && !entity) return problem('UNKNOWN_ENTITY', `no entity "${o.entity}" in the graph`);
    switch (o.op) {
      case 'accept': {
        const { origin: _o, rule, confidence: _c, ...rest } = relation!.properties;
        relation!.properties = { ...rest, origin: 'curated', ...(rule ? { readBy: rule } : {}) };
        return;
      }
      case 'reject':
        if (relation) graph.relations.delete(relation.id);
        else removeEntity(graph, entity!.id);
        return;
      case 'retype':
        if (entity) entity.type = o.type as typeof entity.type;
        else {
          graph.relations.delete(relation!.id);
          const { origin: _o, confidence: _c, ...rest } = relation!.properties;
          graph.addRelation(relation!.source, o.type as RelationType, relation!.target, relation!.evidence, { ...rest, origin: 'curated' });
        }
        return;
      case 'rename':
        if (entity!.name !== o.name) entity!.aliases.add(entity!.name);
        entity!.name = o.name;
        return;
      case 'add': {
        for (const end of [o.source, o.target]) if (!graph.entities.has(end)) return problem('UNKNOWN_ENTITY', `no entity "${end}" in the graph`);
        const ev = quotes.find(o.quote);
        if (!ev) return problem('QUOTE_NOT_FOUND', 'the quote is not in the report text', o.quote);
        graph.addRelation(o.source, o.type, o.target, [ev], { origin: 'curated' });
        return;
      }
    }
  });
  return problems;
}

function removeEntity(graph: GraphDraft, id: string): void {
  graph.entities.delete(id);
  for (const [k, m] of graph.mentions) if (m.entityId === id) graph.mentions.delete(k);
  for (const [k, r] of graph.relations) if (r.source === id || r.target === id) graph.relations.delete(k);
}

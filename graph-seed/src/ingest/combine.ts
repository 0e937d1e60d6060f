/**
 * Several reports in one graph. Entities the reports share are resolved to one: the same id, or
 * the same name or alias within a compatible type (OECD, IOM, Thailand); what belongs to one
 * report (its passages, tables, findings, statistics; see scope.ts) stays apart. Relations
 * stated in several reports keep the evidence of each.
 */
import type { Entity, Evidence, GraphBundle, Relation } from '../model/bundle';
import type { Problem } from '../model/result';
import { emitBundle } from '../stages/emit';
import { validateGraph } from '../stages/validate';
import { REPORT_LOCAL_TYPES, renameIds } from './scope';

const norm = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** Types that name the same kind of thing; "Organization" is the kind the text did not settle. */
function compatible(a: Entity['type'], b: Entity['type']): boolean {
  return a === b || a === 'Organization' || b === 'Organization';
}

const evKey = (e: Evidence) => `${e.passageId}:${e.start}:${e.end}`;
const unionEvidence = (a: Evidence[], b: Evidence[]) => {
  const seen = new Set(a.map(evKey));
  return [...a, ...b.filter((e) => !seen.has(evKey(e)))];
};

function mergeEntity(into: Entity, from: Entity): Entity {
  const aliases = new Set([...into.aliases, ...from.aliases]);
  if (from.name !== into.name) aliases.add(from.name);
  aliases.delete(into.name);
  return {
    ...into,
    // A settled kind wins over "Organization".
    type: into.type === 'Organization' ? from.type : into.type,
    aliases: [...aliases].sort(),
    properties: { ...from.properties, ...into.properties },
    evidence: unionEvidence(into.evidence, from.evidence),
  };
}

export interface Combined {
  bundle: GraphBundle;
  /** Entities of later reports resolved to an entity of an earlier one by name or alias. */
  resolved: { from: string; into: string }[];
  problems: Problem[];
}

const firstDocument = (b: GraphBundle) => (b.documents ?? [b.document])[0]!.id;

/**
 * Reports in the order of their (first) document ids, whatever order they come in, so that the
 * same reports always make the same graph, in memory or in Neo4j; one report comes back unchanged.
 */
export function combineReports(given: GraphBundle[]): Combined {
  if (given.length === 1) return { bundle: given[0]!, resolved: [], problems: [] };
  const reports = [...given].sort((a, b) => (firstDocument(a) < firstDocument(b) ? -1 : firstDocument(a) > firstDocument(b) ? 1 : 0));
  const entities = new Map<string, Entity>();
  const byName = new Map<string, string[]>();
  const relations = new Map<string, Relation>();
  const resolved: Combined['resolved'] = [];
  const out = { passages: [] as GraphBundle['passages'], mentions: [] as GraphBundle['mentions'], citations: [] as GraphBundle['citations'], tables: [] as GraphBundle['tables'], figures: [] as GraphBundle['figures'], discrepancies: [] as GraphBundle['discrepancies'] };
  const documents: GraphBundle['document'][] = [];
  const index = (e: Entity) => {
    if (REPORT_LOCAL_TYPES.has(e.type)) return;
    for (const n of [e.name, ...e.aliases]) {
      const k = norm(n);
      if (!k) continue;
      const list = byName.get(k) ?? [];
      if (!list.includes(e.id)) list.push(e.id);
      byName.set(k, list);
    }
  };

  for (const report of reports) {
    // Which of this report's entities are already in the graph under another id.
    const ids = new Map<string, string>();
    for (const e of report.entities) {
      if (entities.has(e.id) || REPORT_LOCAL_TYPES.has(e.type)) continue;
      const match = [e.name, ...e.aliases]
        .flatMap((n) => byName.get(norm(n)) ?? [])
        .find((id) => compatible(entities.get(id)!.type, e.type));
      if (match) {
        ids.set(e.id, match);
        resolved.push({ from: e.id, into: match });
      }
    }
    const { format: _f, version: _v, ...content } = report;
    const r = ids.size ? renameIds(content, ids) : content;
    for (const e of r.entities) {
      const existing = entities.get(e.id);
      entities.set(e.id, existing ? mergeEntity(existing, e) : e);
      index(entities.get(e.id)!);
    }
    for (const rel of r.relations) {
      const id = `${rel.source}|${rel.type}|${rel.target}`;
      const existing = relations.get(id);
      relations.set(id, existing ? { ...existing, evidence: unionEvidence(existing.evidence, rel.evidence) } : { ...rel, id });
    }
    documents.push(...(r.documents ?? [r.document]));
    out.passages.push(...r.passages);
    out.mentions.push(...r.mentions);
    out.citations.push(...r.citations);
    out.tables.push(...r.tables);
    out.figures.push(...r.figures);
    out.discrepancies.push(...r.discrepancies);
  }
  const content = { document: documents[0]!, documents, ...out, entities: [...entities.values()], relations: [...relations.values()] };
  const problems = validateGraph(content);
  // Passages sort by order within each document; emitBundle sorts by order alone, so the
  // documents' passages interleave in the file but each document reads in its own order.
  return { bundle: emitBundle(content), resolved, problems };
}

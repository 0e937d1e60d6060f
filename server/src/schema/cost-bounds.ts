/**
 * The sizes the cost of an operation is counted with (see cost.ts): the largest of each list in
 * the loaded graph, read once from its bundle. A list the API sizes by an argument is never
 * counted above what the graph can return (`relations(limit: 500)` of a graph whose best-connected
 * entity has 33 relations counts 33), and lists that take no size argument count as their largest.
 */
import type { GraphBundle } from '../../../graph-seed/src/model/bundle';
import type { CostBounds } from './cost';
import { RELATED, type Hop } from './related';

const largestGroup = (keys: Iterable<string>): number => {
  const counts = new Map<string, number>();
  let max = 0;
  for (const k of keys) {
    const n = (counts.get(k) ?? 0) + 1;
    counts.set(k, n);
    if (n > max) max = n;
  }
  return max;
};

const largest = (xs: Iterable<number>): number => {
  let max = 0;
  for (const x of xs) if (x > max) max = x;
  return max;
};

/** Entity fields that list the entities across one entity's relations (bounded by its degree). */
const RELATED_FIELDS = [
  'parents', 'units', 'chairs', 'viceChairs', 'chairedBy', 'establishedBy', 'responsibleFor', 'mandatedBy', 'people', 'publishers', 'usesData', 'supports',
  'establishes', 'governs', 'mandates', 'parties', 'implementedBy', 'issuedBy', 'promotes', 'about', 'fundedBy', 'conductedBy', 'partOf', 'usedBy',
  'statistics', 'agreements', 'measures', 'basedOn', 'citations', 'datasets', 'studies', 'viceChairedBy', 'members', 'memberOf',
  'participants', 'participatesIn', 'focalPoints', 'focalPointOf', 'issued', 'published', 'funds', 'conducts', 'implements', 'partyTo',
  'predecessors', 'successors', 'supersedes', 'supersededBy', 'parts', 'governedBy', 'promotedBy', 'responsibleBodies', 'covers',
  'coveredBy', 'locatedIn', 'places', 'subjectOf', 'authored', 'measuredBy', 'recommendations',
];

/** The bounds of one loaded graph; several bundles (reports) served together add up. */
export function costBoundsFromBundles(bundles: readonly GraphBundle[]): CostBounds {
  const all = <T>(pick: (b: GraphBundle) => readonly T[]): T[] => bundles.flatMap(pick);
  const relations = all((b) => b.relations);
  const mentions = all((b) => b.mentions);
  const citations = all((b) => b.citations);
  const entities = all((b) => b.entities);
  const passages = all((b) => b.passages);
  // A bundle of several reports lists them all in `documents`; `document` is the first.
  const documents = bundles.flatMap((b) => b.documents ?? [b.document]);
  const degree = Math.max(1, largestGroup(relations.flatMap((r) => [r.source, r.target])));
  const evidence = Math.max(1, largest(relations.map((r) => r.evidence.length)), largest(entities.map((e) => e.evidence.length)));
  const bounds: CostBounds = {
    'Query.documents': documents.length,
    'Document.chapters': largest(documents.map((d) => d.chapters.length)),
    'Chapter.sections': largest(documents.flatMap((d) => d.chapters.map((c) => c.sections.length))),
    'Section.passages': largest(documents.flatMap((d) => d.chapters.flatMap((c) => c.sections.map((s) => s.passageIds.length)))),
    'Document.exhibits': largest(documents.map((d) => d.exhibits.length)),
    'Passage.mentions': largestGroup(mentions.map((m) => m.passageId)),
    'Passage.citations': largestGroup(citations.map((c) => c.passageId)),
    'Passage.notes': largest(passages.map((p) => p.noteIds.length)),
    '*.mentions': largestGroup(mentions.map((m) => m.entityId)),
    '*.relations': degree,
    '*.evidence': evidence,
    '*.evidenceSpans': evidence,
    '*.statements': Math.max(1, largest(all((b) => b.discrepancies).map((d) => d.statements.length))),
    '*.citedBy': largestGroup(citations.map((c) => c.studyId)),
    'Query.discrepancies': all((b) => b.discrepancies).length,
    'Query.tables': all((b) => b.tables).length,
    'Query.figures': all((b) => b.figures).length,
    'Table.rows': largest(all((b) => b.tables).map((t) => t.rows.length)),
    'Query.entities': entities.length,
    'Query.search': entities.length,
    'Query.passages': passages.length,
    'Query.findings': entities.filter((e) => e.type === 'Finding').length,
    'Subgraph.nodes': entities.length,
    'Subgraph.relations': relations.length,
    'Subgraph.relations*': degree,
    'Path.nodes': entities.length,
    'Path.relations': relations.length,
  };
  // Lists that partition their items (each item under one parent only): reached from the root
  // through such lists alone, they hold at most the graph's total.
  const sections = documents.flatMap((d) => d.chapters.flatMap((c) => c.sections));
  Object.assign(bounds, {
    // Searches rank every entity (names and aliases) or every passage, however few they return.
    'Query.search+': entities.length,
    'Query.searchConnection+': entities.length,
    'Query.passages+': passages.length,
    'Query.passagesConnection+': passages.length,
    'Query.documents!': documents.length,
    'Query.tables!': all((b) => b.tables).length,
    'Query.discrepancies!': all((b) => b.discrepancies).length,
    'Document.chapters!': documents.reduce((n, d) => n + d.chapters.length, 0),
    'Chapter.sections!': sections.length,
    'Section.passages!': sections.reduce((n, s) => n + s.passageIds.length, 0),
    'Document.exhibits!': documents.reduce((n, d) => n + d.exhibits.length, 0),
    'Passage.mentions!': mentions.length,
    'Passage.citations!': citations.length,
    'Passage.notes!': passages.reduce((n, p) => n + p.noteIds.length, 0),
    'Table.rows!': all((b) => b.tables).reduce((n, t) => n + t.rows.length, 0),
  });
  // A field that follows one hop lists at most as many entities as one entity has relations of
  // its types that way ("a study uses data" is bounded by the most datasets one study uses, not
  // by the graph's largest degree, so nested fields do not multiply hub degrees).
  const hop = hopBounds(relations);
  for (const fields of Object.values(RELATED)) {
    for (const [field, h] of Object.entries(fields)) bounds[`*.${field}`] = Math.max(bounds[`*.${field}`] ?? 1, hop(h));
  }
  for (const field of RELATED_FIELDS) bounds[`*.${field}`] ??= degree;
  return bounds;
}

/** The most relations of a hop's types that one entity has in the hop's direction. */
function hopBounds(relations: readonly { type: string; source: string; target: string }[]): (h: Hop) => number {
  const counts = new Map<string, { out: Map<string, number>; in: Map<string, number> }>();
  for (const r of relations) {
    let c = counts.get(r.type);
    if (!c) counts.set(r.type, (c = { out: new Map(), in: new Map() }));
    c.out.set(r.source, (c.out.get(r.source) ?? 0) + 1);
    c.in.set(r.target, (c.in.get(r.target) ?? 0) + 1);
  }
  return ([direction, types]) => {
    const per = new Map<string, number>();
    for (const t of types) {
      const c = counts.get(t);
      if (!c) continue;
      for (const side of direction === 'OUT' ? [c.out] : direction === 'IN' ? [c.in] : [c.out, c.in]) for (const [id, n] of side) per.set(id, (per.get(id) ?? 0) + n);
    }
    let most = 1;
    for (const n of per.values()) if (n > most) most = n;
    return most;
  };
}

/**
 * Bounds for an app given no graph to read them from: the sizes each list may reach under the
 * API's own limits (the related-entity lists read up to 1,000 relations).
 */
export const STATIC_COST_BOUNDS: CostBounds = Object.fromEntries(RELATED_FIELDS.map((f) => [`*.${f}`, 1000]));

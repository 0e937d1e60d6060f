/**
 * How a graph bundle is laid out in Neo4j. One module answers it for everyone who writes the graph
 * into Neo4j: the server's loader, the Cypher script export and the neo4j-admin CSV export.
 *
 *   (:Entity:<Type> {uid, gen, id, type, name, aliases, searchText, properties, evidence, passageIds,
 *                   mentionCount})
 *   (:Passage {uid, gen, id, documentId, order, kind, chapter, section, label, leadInId, noteIds,
 *              text, rawText, searchText})
 *   (:Entity)-[:<RELATION_TYPE> {id, gen, properties, evidence, passageIds}]->(:Entity)
 *   (:Entity)-[:MENTIONED_IN {gen, start, end, text}]->(:Passage)
 *   (:Passage)-[:CITATION {gen, seq, evidence, inherited}]->(:Entity:Study)
 *   (:Record {uid, gen, kind, id, seq, json})      tables, figures, discrepancies, the document,
 *                                                  and each hub's relation counts (see HUB_DEGREE)
 *   (:GraphState {key: 'active', gen, version, layout, stats})
 *
 * Every node carries the generation (`gen`) it was loaded in and a `uid` of gen and id, unique
 * under a constraint. Readers start from the active GraphState, so a new generation becomes
 * visible in one transaction and a load that stops part-way is never seen. JSON-valued
 * properties (properties, evidence, records) are stored as strings; labels and relationship
 * types come only from the ontology's closed lists.
 */
import { entityDocuments } from '../model/documents';
import type { GraphBundle } from '../model/bundle';
import { groupBy, typeCounts } from '../model/group';
import { ENTITY_TYPES, RELATION_TYPES, type EntityType, type RelationType } from '../model/ontology';

export const MENTION_REL = 'MENTIONED_IN';
export const CITATION_REL = 'CITATION';
export const ACTIVE_STATE = 'active';
/** Version of this layout: a graph loaded under another layout is reloaded even at the same bundle version. */
export const LAYOUT_VERSION = 4;
/**
 * Entities with at least this many relations are hubs: a record of the generation holds their
 * relation counts by type and direction, so that a reader asking for the first relations of a
 * hub in (type, id) order can expand only the types that hold them. Below this degree, reading
 * and sorting every relation costs a few milliseconds at most.
 */
export const HUB_DEGREE = 1000;

/** A hub's relations counted by type: outgoing, incoming, and either way (a loop counts once). */
export type RelationCounts = Partial<Record<RelationType, [outgoing: number, incoming: number, either: number]>>;

/** Relation counts by type of every entity with at least `min` relations. */
export function hubRelationCounts(relations: readonly { type: RelationType; source: string; target: string }[], min = HUB_DEGREE): Map<string, RelationCounts> {
  const degree = new Map<string, number>();
  for (const r of relations) {
    degree.set(r.source, (degree.get(r.source) ?? 0) + 1);
    if (r.target !== r.source) degree.set(r.target, (degree.get(r.target) ?? 0) + 1);
  }
  const hubs = new Map<string, RelationCounts>();
  for (const [id, d] of degree) if (d >= min) hubs.set(id, {});
  for (const r of relations) {
    for (const end of r.source === r.target ? [r.source] : [r.source, r.target]) {
      const counts = hubs.get(end);
      if (!counts) continue;
      const c = (counts[r.type] ??= [0, 0, 0]);
      if (r.source === end) c[0]++;
      if (r.target === end) c[1]++;
      c[2]++;
    }
  }
  return hubs;
}

/** Lower case, accents removed, every run of non-letters and non-digits one space. */
export function searchText(...parts: string[]): string {
  return parts
    .join(' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export const uid = (gen: string, id: string) => `${gen}|${id}`;

/** Constraints and indexes, each idempotent. The full-text indexes read the pre-folded searchText. */
export const SCHEMA_STATEMENTS: readonly string[] = [
  'CREATE CONSTRAINT entity_uid IF NOT EXISTS FOR (n:Entity) REQUIRE n.uid IS UNIQUE',
  'CREATE CONSTRAINT passage_uid IF NOT EXISTS FOR (n:Passage) REQUIRE n.uid IS UNIQUE',
  'CREATE CONSTRAINT record_uid IF NOT EXISTS FOR (n:Record) REQUIRE n.uid IS UNIQUE',
  'CREATE CONSTRAINT graph_state_key IF NOT EXISTS FOR (n:GraphState) REQUIRE n.key IS UNIQUE',
  'CREATE INDEX entity_gen_type IF NOT EXISTS FOR (n:Entity) ON (n.gen, n.type)',
  'CREATE INDEX passage_gen_position IF NOT EXISTS FOR (n:Passage) ON (n.gen, n.documentId, n.order)',
  'CREATE INDEX record_gen_kind IF NOT EXISTS FOR (n:Record) ON (n.gen, n.kind)',
  "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.searchText] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words', `fulltext.eventually_consistent`: true}}",
  "CREATE FULLTEXT INDEX passage_search IF NOT EXISTS FOR (n:Passage) ON EACH [n.searchText] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words', `fulltext.eventually_consistent`: true}}",
];

export interface EntityRow {
  uid: string;
  gen: string;
  id: string;
  type: EntityType;
  name: string;
  aliases: string[];
  searchText: string;
  properties: string;
  evidence: string;
  /** Distinct passages of the evidence, so a query can fetch them with the entity. */
  passageIds: string[];
  mentionCount: number;
  /** The documents (reports) the entity appears in. */
  documentIds: string[];
}

export interface PassageRow {
  uid: string;
  gen: string;
  id: string;
  documentId: string;
  order: number;
  kind: string;
  chapter: string | null;
  section: string | null;
  label: string | null;
  leadInId: string | null;
  noteIds: string[];
  text: string;
  rawText: string;
  searchText: string;
  page?: number | null;
  pageLabel?: string;
}

export interface RelationRow {
  from: string;
  to: string;
  id: string;
  gen: string;
  properties: string;
  evidence: string;
  /** Distinct passages of the evidence, so a query can fetch them with the relation. */
  passageIds: string[];
}

export interface MentionRow {
  from: string;
  to: string;
  gen: string;
  start: number;
  end: number;
  text: string;
}

export interface CitationRow {
  from: string;
  to: string;
  gen: string;
  seq: number;
  evidence: string;
  inherited: boolean;
}

export interface RecordRow {
  uid: string;
  gen: string;
  kind: 'document' | 'table' | 'figure' | 'discrepancy' | 'hub';
  id: string;
  seq: number;
  json: string;
}

export interface GraphRows {
  /** Entities grouped by type: each group gets its type as a second label. */
  entities: Map<EntityType, EntityRow[]>;
  passages: PassageRow[];
  /** Relations grouped by type: each group is written with its own relationship type. */
  relations: Map<RelationType, RelationRow[]>;
  mentions: MentionRow[];
  citations: CitationRow[];
  records: RecordRow[];
  stats: string;
}


/** The bundle as rows for generation `gen`. Labels and types are checked against the ontology. */
export function bundleRows(bundle: GraphBundle, gen: string): GraphRows {
  const documentsOf = entityDocuments(bundle);
  const mentionCount = new Map<string, number>();
  for (const m of bundle.mentions) mentionCount.set(m.entityId, (mentionCount.get(m.entityId) ?? 0) + 1);
  for (const e of bundle.entities) if (!(ENTITY_TYPES as readonly string[]).includes(e.type)) throw new Error(`entity ${e.id} has unknown type ${e.type}`);
  for (const r of bundle.relations) if (!(RELATION_TYPES as readonly string[]).includes(r.type)) throw new Error(`relation ${r.id} has unknown type ${r.type}`);
  const entities = groupBy(
    bundle.entities.map(
      (e): EntityRow => ({
        uid: uid(gen, e.id),
        gen,
        id: e.id,
        type: e.type,
        name: e.name,
        aliases: e.aliases,
        searchText: searchText(e.name, ...e.aliases),
        properties: JSON.stringify(e.properties),
        evidence: JSON.stringify(e.evidence),
        passageIds: evidencePassages(e.evidence),
        mentionCount: mentionCount.get(e.id) ?? 0,
        documentIds: documentsOf.get(e.id) ?? [],
      }),
    ),
    (r) => r.type,
  );
  const passages = bundle.passages.map(
    (p): PassageRow => ({ uid: uid(gen, p.id), gen, ...p, searchText: searchText(p.text) }),
  );
  const relations = groupBy(bundle.relations, (r) => r.type);
  const relationRows = new Map<RelationType, RelationRow[]>();
  for (const [type, list] of relations) {
    relationRows.set(
      type,
      list.map((r) => ({ from: uid(gen, r.source), to: uid(gen, r.target), id: r.id, gen, properties: JSON.stringify(r.properties), evidence: JSON.stringify(r.evidence), passageIds: evidencePassages(r.evidence) })),
    );
  }
  const records: RecordRow[] = [
    ...(bundle.documents ?? [bundle.document]).map((d, i): RecordRow => ({ uid: uid(gen, `document:${d.id}`), gen, kind: 'document', id: d.id, seq: i, json: JSON.stringify(d) })),
    ...bundle.tables.map((t, i): RecordRow => ({ uid: uid(gen, `table:${t.id}`), gen, kind: 'table', id: t.id, seq: i, json: JSON.stringify(t) })),
    ...bundle.figures.map((f, i): RecordRow => ({ uid: uid(gen, `figure:${f.id}`), gen, kind: 'figure', id: f.id, seq: i, json: JSON.stringify(f) })),
    ...bundle.discrepancies.map((d, i): RecordRow => ({ uid: uid(gen, `discrepancy:${d.id}`), gen, kind: 'discrepancy', id: d.id, seq: i, json: JSON.stringify(d) })),
    ...[...hubRelationCounts(bundle.relations)].map(([id, counts], i): RecordRow => ({ uid: uid(gen, `hub:${id}`), gen, kind: 'hub', id, seq: i, json: JSON.stringify(counts) })),
  ];
  const stats = JSON.stringify({
    entities: bundle.entities.length,
    relations: bundle.relations.length,
    passages: bundle.passages.length,
    mentions: bundle.mentions.length,
    entityTypes: typeCounts(bundle.entities.map((e) => e.type)),
    relationTypes: typeCounts(bundle.relations.map((r) => r.type)),
  });
  return {
    entities,
    passages,
    relations: relationRows,
    mentions: bundle.mentions.map((m) => ({ from: uid(gen, m.entityId), to: uid(gen, m.passageId), gen, start: m.start, end: m.end, text: m.text })),
    citations: bundle.citations.map((c, i) => ({ from: uid(gen, c.passageId), to: uid(gen, c.studyId), gen, seq: i, evidence: JSON.stringify(c.evidence), inherited: c.inherited })),
    records,
    stats,
  };
}

/** Write statements, one per row kind; each takes `$rows` (a batch). */
export const WRITE = {
  entities: (type: EntityType) => {
    if (!(ENTITY_TYPES as readonly string[]).includes(type)) throw new Error(`unknown entity type ${type}`);
    return `UNWIND $rows AS row CREATE (n:Entity:${type}) SET n = row, n.mentionCount = toInteger(row.mentionCount)`;
  },
  passages: 'UNWIND $rows AS row CREATE (n:Passage) SET n = row, n.order = toInteger(row.order)',
  records: 'UNWIND $rows AS row CREATE (n:Record) SET n = row, n.seq = toInteger(row.seq)',
  relations: (type: RelationType) => {
    if (!(RELATION_TYPES as readonly string[]).includes(type)) throw new Error(`unknown relation type ${type}`);
    return `UNWIND $rows AS row MATCH (a:Entity {uid: row.from}) MATCH (b:Entity {uid: row.to}) CREATE (a)-[r:${type}]->(b) SET r.id = row.id, r.gen = row.gen, r.properties = row.properties, r.evidence = row.evidence, r.passageIds = row.passageIds`;
  },
  mentions: `UNWIND $rows AS row MATCH (a:Entity {uid: row.from}) MATCH (b:Passage {uid: row.to}) CREATE (a)-[r:${MENTION_REL}]->(b) SET r.gen = row.gen, r.start = toInteger(row.start), r.end = toInteger(row.end), r.text = row.text`,
  citations: `UNWIND $rows AS row MATCH (a:Passage {uid: row.from}) MATCH (b:Entity {uid: row.to}) CREATE (a)-[r:${CITATION_REL}]->(b) SET r.gen = row.gen, r.seq = toInteger(row.seq), r.evidence = row.evidence, r.inherited = row.inherited`,
  /** Makes generation $gen the one readers see. */
  activate: `MERGE (s:GraphState {key: '${ACTIVE_STATE}'}) SET s.gen = $gen, s.version = $version, s.layout = $layout, s.stats = $stats, s.loadedAt = datetime()`,
} as const;

/** The passages an evidence list quotes, each once, in order. */
export const evidencePassages = (evidence: readonly { passageId: string }[]): string[] => [...new Set(evidence.map((e) => e.passageId))];

export function batches<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

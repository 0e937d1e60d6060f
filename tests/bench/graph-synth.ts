/**
 * Synthetic graph bundles shaped like the report's, at any number of relations: the report's
 * entity and relation types in the report's proportions, endpoints chosen by preferential
 * attachment (a heavy-tailed degree distribution with hubs, as ministries and key studies are in
 * the report), passages of generated text that name the entities they mention (mention spans and
 * evidence quotes point at real text), citations from passages to studies. Deterministic per seed.
 * Per relation: 0.5 entities, 0.1 passages, 1 mention.
 */
import type { Entity, Evidence, GraphBundle, Mention, Passage, Relation } from '../../graph-seed/src/model/bundle';
import { seededRandom } from '../../client/src/core/layout';
import { BUNDLE_FORMAT } from '../../graph-seed/src/model/bundle';
import type { EntityType, RelationType } from '../../graph-seed/src/model/ontology';

/** A small seeded generator (the explorer's own), so every run builds the same graph. */
const random = seededRandom;

const WORDS = 'labour migration remittance household province border agency training recruitment welfare policy survey workers return skills rural urban poverty income safety rights employment mobility village district council garment construction agriculture fishing domestic service'.split(' ');

/** Picks from weighted choices. */
function weighted<T>(rand: () => number, entries: [T, number][]): () => T {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let sum = 0;
  const cumulative = entries.map(([v, w]) => [v, (sum += w) / total] as const);
  return () => {
    const x = rand();
    return cumulative.find(([, c]) => x <= c)?.[0] ?? cumulative[cumulative.length - 1]![0];
  };
}

export interface SynthFixtures {
  /** The entity with the most relations. */
  hub: string;
  /** An entity of median degree. */
  typical: string;
  /** Two entities a few hops apart. */
  pathFrom: string;
  pathTo: string;
  /** A passage with mentions and a citation. */
  passage: string;
  /** A word that many entity names contain. */
  searchTerm: string;
}

export function syntheticBundle(relationCount: number, seed = 1, proportions?: { entityTypes: [EntityType, number][]; relationTypes: [RelationType, number][] }): { bundle: GraphBundle; fixtures: SynthFixtures } {
  const rand = random(seed);
  const entityTypes = proportions?.entityTypes ?? ([['Ministry', 3], ['GovernmentBody', 3], ['Committee', 2], ['Organization', 4], ['Study', 8], ['Policy', 4], ['Programme', 3], ['Country', 2], ['Statistic', 8], ['Finding', 4], ['LegalInstrument', 3]] as [EntityType, number][]);
  const relationTypes = proportions?.relationTypes ?? ([['ABOUT', 6], ['SUPPORTED_BY', 4], ['RESPONSIBLE_FOR', 3], ['PART_OF', 3], ['MEASURES', 4], ['CITES', 3], ['PARTY_TO', 2], ['ISSUED_BY', 2], ['MANDATES', 2], ['USES_DATA', 2]] as [RelationType, number][]);
  const pickEntityType = weighted(rand, entityTypes);
  const pickRelationType = weighted(rand, relationTypes);
  const word = () => WORDS[Math.floor(rand() * WORDS.length)]!;

  const entityCount = Math.max(10, Math.round(relationCount * 0.5));
  const passageCount = Math.max(5, Math.round(relationCount * 0.1));

  const entities: Entity[] = [];
  for (let i = 0; i < entityCount; i++) {
    const type = pickEntityType();
    const name = `${type} ${word()} ${word()} ${i}`;
    entities.push({ id: `${type.toLowerCase()}:s${i}`, type, name, aliases: i % 7 === 0 ? [`S${i}`] : [], properties: type === 'Study' ? { year: 2000 + (i % 20), authors: [`Author ${i % 97}`] } : {}, evidence: [] });
  }

  // Passages: generated sentences naming about ten entities each; every name is a mention.
  const passages: Passage[] = [];
  const mentions: Mention[] = [];
  const mentionsPerPassage = Math.max(1, Math.round(relationCount / passageCount));
  for (let i = 0; i < passageCount; i++) {
    let text = '';
    const named: Mention[] = [];
    const id = `p:s${i}`;
    for (let k = 0; k < mentionsPerPassage; k++) {
      const e = entities[Math.floor(rand() * entities.length)]!;
      text += `The ${word()} ${word()} of `;
      named.push({ entityId: e.id, passageId: id, start: text.length, end: text.length + e.name.length, text: e.name });
      text += `${e.name} shows ${word()} and ${word()}. `;
    }
    passages.push({ id, documentId: 'synthetic', order: i, kind: 'paragraph', chapter: String(1 + Math.floor(i / 500)), section: null, label: null, leadInId: null, noteIds: [], text, rawText: text });
    mentions.push(...named);
  }
  const mentionsOf = new Map<string, Mention[]>();
  for (const m of mentions) (mentionsOf.get(m.entityId) ?? mentionsOf.set(m.entityId, []).get(m.entityId)!).push(m);
  const evidenceFor = (id: string): Evidence => {
    const m = mentionsOf.get(id)?.[0];
    if (m) return { passageId: m.passageId, start: m.start, end: m.end, quote: m.text };
    const p = passages[Math.floor(rand() * passages.length)]!;
    return { passageId: p.id, start: 0, end: 3, quote: p.text.slice(0, 3) };
  };
  for (const e of entities) e.evidence = [evidenceFor(e.id)];

  // Relations by preferential attachment: each endpoint is a uniformly chosen earlier endpoint
  // (so chosen in proportion to degree) four times in five, a uniformly chosen entity otherwise.
  const endpoints: string[] = [];
  const relations: Relation[] = [];
  const seen = new Set<string>();
  const pick = () => (endpoints.length && rand() < 0.8 ? endpoints[Math.floor(rand() * endpoints.length)]! : entities[Math.floor(rand() * entities.length)]!.id);
  while (relations.length < relationCount) {
    const source = pick();
    const target = pick();
    if (source === target) continue;
    const type = pickRelationType();
    const id = `${source}|${type}|${target}`;
    if (seen.has(id)) continue;
    seen.add(id);
    relations.push({ id, type, source, target, properties: {}, evidence: [evidenceFor(source)] });
    endpoints.push(source, target);
  }

  const studies = entities.filter((e) => e.type === 'Study');
  const citations = passages.filter((_p, i) => i % 3 === 0 && studies.length).map((p) => {
    const s = studies[Math.floor(rand() * studies.length)]!;
    return { passageId: p.id, studyId: s.id, evidence: { passageId: p.id, start: 0, end: 3, quote: p.text.slice(0, 3) }, inherited: false };
  });

  const degree = new Map<string, number>();
  for (const r of relations) for (const x of [r.source, r.target]) degree.set(x, (degree.get(x) ?? 0) + 1);
  const byDegree = [...degree.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const hub = byDegree[0]![0];
  const typical = byDegree[Math.floor(byDegree.length / 2)]![0];
  // A path: two hops out from the typical entity, along relations in either direction.
  const around = (id: string) => relations.filter((r) => r.source === id || r.target === id).map((r) => (r.source === id ? r.target : r.source));
  const step1 = around(typical).find((x) => x !== hub) ?? around(typical)[0]!;
  const pathTo = around(step1).find((x) => x !== typical && x !== hub) ?? step1;
  const cited = citations[0]?.passageId ?? passages[0]!.id;

  const bundle: GraphBundle = {
    format: BUNDLE_FORMAT,
    version: `synthetic-${relationCount}-${seed}`,
    document: { id: 'synthetic', title: `Synthetic graph, ${relationCount} relations`, publisher: null, year: null, chapters: [], exhibits: [] },
    passages,
    entities,
    mentions,
    relations,
    citations,
    tables: [],
    figures: [],
    discrepancies: [],
  };
  return { bundle, fixtures: { hub, typical, pathFrom: typical, pathTo, passage: cited, searchTerm: 'migration' } };
}

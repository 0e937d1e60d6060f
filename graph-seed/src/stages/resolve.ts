/**
 * Stage 8 (resolve): one canonical entity per real thing. Acronym definitions join their long
 * and short forms to one entity (a curated one when it exists); places come from the
 * gazetteer; every name and alias is then matched over every passage; cited authors become
 * people or, when they name an organisation, the study's publisher.
 */
import type { Evidence, Passage } from '../model/bundle';
import { guessType } from '../extract/acronyms';
import { countryEntries, provinceEntries } from '../extract/gazetteer';
import { matchInflections } from '../extract/inflections';
import { AliasMatcher, type AliasEntry, isAcronymLike } from '../extract/matcher';
import { ID_PREFIX, slugify } from '../model/ontology';
import type { Problem } from '../model/result';
import { measureAuthors } from './exhibit-refs';
import type { Extracted } from './extract';
import type { GraphDraft } from './registry';

const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[’']/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();

/** name/alias -> entity id, exact for acronyms, folded otherwise. */
export class NameIndex {
  private readonly map = new Map<string, string>();
  constructor(graph: GraphDraft) {
    const order = { curated: 0, extracted: 1, gazetteer: 2 } as const;
    const sorted = [...graph.entities.values()].sort((a, b) => order[a.origin] - order[b.origin]);
    for (const e of sorted) for (const n of [e.name, ...e.aliases]) this.add(n, e.id);
  }
  private key(n: string) {
    return isAcronymLike(n) ? `=${n}` : fold(n);
  }
  add(name: string, id: string): void {
    const k = this.key(name);
    if (!this.map.has(k)) this.map.set(k, id);
  }
  get(name: string): string | undefined {
    return this.map.get(this.key(name)) ?? this.map.get(fold(name));
  }
}

/** Types whose names are matched in running text. */
const MATCHED_TYPES = new Set([
  'Ministry', 'GovernmentBody', 'Committee', 'InternationalOrganization', 'ResearchOrganization', 'Organization',
  'LegalInstrument', 'Agreement', 'Policy', 'Programme', 'Project', 'Dataset', 'Country', 'Region', 'Province',
  'Sector', 'MigrationDimension',
]);

/** Types named by common nouns, whose inflected and derived forms are mentions too. */
const CONCEPT_TYPES = new Set(['Sector', 'MigrationDimension']);

export function addPlaces(graph: GraphDraft): void {
  for (const p of [...countryEntries(), ...provinceEntries()]) {
    graph.upsertEntity({ id: p.id, type: p.type, name: p.name, aliases: p.aliases, properties: p.properties, origin: 'gazetteer' });
  }
}

export function resolveAcronyms(graph: GraphDraft, extracted: Extracted, passages: Map<string, Passage>): void {
  const index = new NameIndex(graph);
  for (const a of extracted.acronyms) {
    const p = passages.get(a.passageId)!;
    let id = index.get(a.short) ?? index.get(a.long) ?? index.get(a.short.replace(/s$/, ''));
    if (!id) {
      const type = guessType(a.long);
      if (!type) continue;
      id = `${ID_PREFIX[type]}:${slugify(a.short.replace(/s$/, ''))}`;
      graph.upsertEntity({ id, type, name: a.long, aliases: [a.short], properties: {}, origin: 'extracted' });
    }
    const e = graph.entities.get(id)!;
    for (const alias of [a.short, a.long]) {
      if (alias !== e.name) e.aliases.add(alias);
      index.add(alias, id);
    }
    const ev: Evidence = { passageId: p.id, start: a.longStart, end: a.shortStart + a.short.length + 1, quote: p.text.slice(a.longStart, a.shortStart + a.short.length + 1) };
    graph.addEvidence(id, ev);
  }
}

/** Matches every name over every passage; spans already taken by a citation are left to it. */
export function matchMentions(graph: GraphDraft, passages: Passage[]): Problem[] {
  const rank = { curated: 0, extracted: 1, gazetteer: 2 } as const;
  const entries: AliasEntry[] = [];
  for (const e of graph.entities.values()) {
    if (!MATCHED_TYPES.has(e.type)) continue;
    for (const alias of [e.name, ...e.aliases]) entries.push({ entityId: e.id, alias, priority: rank[e.origin] });
  }
  const matcher = new AliasMatcher(entries);
  const taken = new Map<string, [number, number][]>();
  for (const m of graph.mentions.values()) {
    const list = taken.get(m.passageId) ?? [];
    list.push([m.start, m.end]);
    taken.set(m.passageId, list);
  }
  for (const p of passages) {
    const spans = taken.get(p.id) ?? [];
    for (const m of matcher.match(p.text)) {
      if (spans.some(([a, b]) => m.start < b && m.end > a)) continue;
      graph.addMention({ entityId: m.entityId, passageId: p.id, start: m.start, end: m.end, text: m.text });
    }
  }
  // Nested mentions: "Delegation of the European Union" also names the European Union, and
  // "Cambodian Socio-Economic Survey (CSES) 2007" the CSES.
  // Every word run inside the outer name is read on its own: a run that starts at a later word
  // (a suffix) or ends before the last (a prefix) may be another entity's name.
  for (const outer of [...graph.mentions.values()]) {
    const bounds = [...outer.text.matchAll(/[\p{L}\p{N}]+/gu)].map((w) => ({ start: w.index, end: w.index + w[0].length }));
    if (bounds.length < 2) continue;
    const pieces = [...bounds.slice(1).map((b) => ({ from: b.start, to: outer.text.length })), ...bounds.slice(0, -1).map((b) => ({ from: 0, to: b.end }))];
    for (const piece of pieces) {
      const m = matcher.match(outer.text.slice(piece.from, piece.to))[0];
      if (!m || m.start !== 0 || m.entityId === outer.entityId) continue;
      const start = outer.start + piece.from + m.start;
      graph.addMention({ entityId: m.entityId, passageId: outer.passageId, start, end: start + m.text.length, text: m.text });
    }
  }
  // Common-noun concepts are also named by their word family ("agricultural", "emigrants").
  const concepts = [...graph.entities.values()].filter((e) => CONCEPT_TYPES.has(e.type)).map((e) => ({ id: e.id, names: [e.name, ...e.aliases] }));
  for (const m of matchInflections(concepts, passages, [...graph.mentions.values()])) graph.addMention(m);
  return matcher.conflicts.map((c) => ({
    severity: 'warning' as const,
    code: 'ALIAS_SHARED',
    message: `"${c.alias}" names both ${c.kept} and ${c.dropped}; it is read as ${c.kept}`,
  }));
}

export function resolveAuthors(graph: GraphDraft, extracted: Extracted, passages: Map<string, Passage>): void {
  const index = new NameIndex(graph);
  const { measures, others } = measureAuthors(graph, extracted.authors, passages);
  // "(HDI, 2015)" after "the Human Development Index": the citation is of the index itself.
  for (const m of measures) {
    graph.addRelation(m.studyId, 'USES_DATA', m.datasetId, [m.citation], { origin: 'extracted' });
    const study = graph.entities.get(m.studyId);
    if (study && typeof study.properties.title !== 'string') study.properties.title = graph.entities.get(m.datasetId)!.name;
    graph.addMention({ entityId: m.datasetId, passageId: m.mention.passageId, start: m.mention.start, end: m.mention.end, text: m.name });
  }
  for (const a of others) {
    let id = index.get(a.name);
    const target = id ? graph.entities.get(id) : undefined;
    if (!target) {
      const isOrg = /^[A-Z][A-Z&]+$/.test(a.name) || a.name.split(/\s+/).length > 1;
      id = isOrg ? `org:${slugify(a.name)}` : `person:${slugify(a.name)}`;
      graph.upsertEntity({ id, type: isOrg ? 'Organization' : 'Person', name: a.name, properties: {}, origin: 'extracted' });
      index.add(a.name, id);
    }
    const entity = graph.entities.get(id!)!;
    const rel = entity.type === 'Person' ? 'AUTHORED_BY' : 'PUBLISHED_BY';
    graph.addRelation(a.studyId, rel, entity.id, [a.citation], { origin: 'extracted' });
    graph.addMention({ entityId: entity.id, passageId: a.mention.passageId, start: a.mention.start, end: a.mention.end, text: a.name });
  }
}

/**
 * An entity read from the text is a curated entity when its name or alias is the curated one's
 * name or alias ("National Employment Policy" and "the 2015-2025 National Employment Policy"),
 * or when it is read at the very words the curation says name an entity of its type ("Strategic
 * Plans 2010-2013", curated as the ministry's plan).
 */
export function mergeIntoCurated(graph: GraphDraft): void {
  const curated = new Map<string, string>();
  for (const e of graph.entities.values()) {
    if (e.origin !== 'curated') continue;
    for (const n of [e.name, ...e.aliases]) if (!curated.has(fold(n))) curated.set(fold(n), e.id);
  }
  const span = (m: { passageId: string; start: number; end: number }) => `${m.passageId}:${m.start}:${m.end}`;
  const curatedAt = new Map<string, string>();
  const mentionsOf = new Map<string, string[]>();
  for (const m of graph.mentions.values()) {
    const e = graph.entities.get(m.entityId);
    if (e?.origin === 'curated') curatedAt.set(`${span(m)}:${e.type}`, e.id);
  }
  if (!curated.size && !curatedAt.size) return;
  // Where other entities are named, only when some curated entity is named somewhere.
  if (curatedAt.size)
    for (const m of graph.mentions.values()) {
      if (graph.entities.get(m.entityId)?.origin === 'curated') continue;
      const list = mentionsOf.get(m.entityId);
      if (list) list.push(span(m));
      else mentionsOf.set(m.entityId, [span(m)]);
    }
  for (const e of [...graph.entities.values()]) {
    if (e.origin === 'curated' || e.type === 'Study' || e.type === 'Statistic') continue;
    const target =
      [e.name, ...e.aliases].map((n) => curated.get(fold(n))).find((id) => id && id !== e.id) ??
      (mentionsOf.get(e.id) ?? []).map((k) => curatedAt.get(`${k}:${e.type}`)).find((id) => id && id !== e.id);
    if (target) graph.merge(e.id, target);
  }
}

/** Places no passage mentions and no relation uses are dropped from the graph. */
export function pruneUnused(graph: GraphDraft): void {
  const used = new Set<string>();
  for (const m of graph.mentions.values()) used.add(m.entityId);
  for (const r of graph.relations.values()) used.add(r.source).add(r.target);
  for (const [id, e] of graph.entities) if (e.origin === 'gazetteer' && !used.has(id)) graph.entities.delete(id);
}

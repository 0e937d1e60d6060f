/**
 * The entities and relations under construction: one record per id, aliases merged, relations
 * deduplicated by (source, type, target) with their evidence accumulated.
 */
import type { Entity, Evidence, Mention, Relation } from '../model/bundle';
import type { EntityType, RelationType } from '../model/ontology';

export type Origin = 'curated' | 'extracted' | 'gazetteer';

export interface EntityDraft {
  id: string;
  type: EntityType;
  name: string;
  aliases: Set<string>;
  properties: Record<string, unknown>;
  evidence: Evidence[];
  origin: Origin;
}

const ORIGIN_RANK: Record<Origin, number> = { curated: 0, extracted: 1, gazetteer: 2 };
/** A relation's origin: curation, a rule reading the text (with its confidence), or the reading of figures and citations. */
const RELATION_ORIGIN_RANK: Record<string, number> = { curated: 0, automatic: 1, extracted: 2 };
const evKey = (e: Evidence) => `${e.passageId}:${e.start}:${e.end}`;

/** A mention's key in GraphDraft.mentions. */
export const mentionKey = (m: Mention) => `${m.passageId}:${m.start}:${m.end}:${m.entityId}`;

export class GraphDraft {
  readonly entities = new Map<string, EntityDraft>();
  readonly relations = new Map<string, Relation>();
  readonly mentions = new Map<string, Mention>();

  upsertEntity(e: { id: string; type: EntityType; name: string; aliases?: Iterable<string>; properties?: Record<string, unknown>; origin: Origin }): EntityDraft {
    const existing = this.entities.get(e.id);
    if (!existing) {
      const draft: EntityDraft = { id: e.id, type: e.type, name: e.name, aliases: new Set(e.aliases ?? []), properties: { ...(e.properties ?? {}) }, evidence: [], origin: e.origin };
      this.entities.set(e.id, draft);
      return draft;
    }
    for (const a of e.aliases ?? []) existing.aliases.add(a);
    // Curated names and types win over extracted ones; extracted properties fill gaps only.
    if (ORIGIN_RANK[e.origin] < ORIGIN_RANK[existing.origin]) {
      if (existing.name !== e.name) existing.aliases.add(existing.name);
      existing.name = e.name;
      existing.type = e.type;
      existing.origin = e.origin;
      Object.assign(existing.properties, e.properties ?? {});
    } else {
      for (const [k, v] of Object.entries(e.properties ?? {})) if (!(k in existing.properties)) existing.properties[k] = v;
      // A name first met in a heading set in capitals ("LIGHT-HOUSE BOARD") takes the spelling
      // of running text when it is met there.
      if (ORIGIN_RANK[e.origin] === ORIGIN_RANK[existing.origin] && inCapitals(existing.name) && !inCapitals(e.name) && e.name.includes(' ')) {
        existing.aliases.add(existing.name);
        existing.name = e.name;
      }
    }
    return existing;
  }

  /** The keys of an evidence list, kept beside it: an entity named on every page of a long report gathers thousands. */
  private readonly evidenceKeys = new WeakMap<Evidence[], { length: number; keys: Set<string> }>();

  /** Adds the evidence to the list unless the list holds the same span already. */
  private addOnce(list: Evidence[], ev: Evidence): void {
    let seen = this.evidenceKeys.get(list);
    // A list changed by other hands is read again.
    if (!seen || seen.length !== list.length) this.evidenceKeys.set(list, (seen = { length: list.length, keys: new Set(list.map(evKey)) }));
    const key = evKey(ev);
    if (seen.keys.has(key)) return;
    list.push(ev);
    seen.keys.add(key);
    seen.length = list.length;
  }

  addEvidence(entityId: string, ev: Evidence): void {
    const e = this.entities.get(entityId);
    if (e) this.addOnce(e.evidence, ev);
  }

  addRelation(source: string, type: RelationType, target: string, evidence: Evidence[], properties: Record<string, unknown> = {}): Relation {
    const id = `${source}|${type}|${target}`;
    let rel = this.relations.get(id);
    if (!rel) {
      rel = { id, type, source, target, properties: { ...properties }, evidence: [] };
      this.relations.set(id, rel);
    } else {
      // The stronger origin stays: a curated relation read again by a rule is still curated.
      const kept = rel.properties.origin;
      Object.assign(rel.properties, properties);
      if ((RELATION_ORIGIN_RANK[String(kept)] ?? 9) < (RELATION_ORIGIN_RANK[String(properties.origin)] ?? 9)) rel.properties.origin = kept;
    }
    for (const ev of evidence) this.addOnce(rel.evidence, ev);
    return rel;
  }

  addMention(m: Mention): void {
    this.mentions.set(mentionKey(m), m);
  }

  /** Folds one entity into another: aliases, evidence, mentions and relations follow. */
  merge(fromId: string, intoId: string): void {
    const from = this.entities.get(fromId);
    const into = this.entities.get(intoId);
    if (!from || !into || fromId === intoId) return;
    into.aliases.add(from.name);
    for (const a of from.aliases) into.aliases.add(a);
    for (const [k, v] of Object.entries(from.properties)) if (!(k in into.properties)) into.properties[k] = v;
    for (const ev of from.evidence) this.addEvidence(intoId, ev);
    this.entities.delete(fromId);
    for (const [key, m] of [...this.mentions]) {
      if (m.entityId !== fromId) continue;
      this.mentions.delete(key);
      this.addMention({ ...m, entityId: intoId });
    }
    for (const [key, r] of [...this.relations]) {
      if (r.source !== fromId && r.target !== fromId) continue;
      this.relations.delete(key);
      const source = r.source === fromId ? intoId : r.source;
      const target = r.target === fromId ? intoId : r.target;
      if (source !== target) this.addRelation(source, r.type, target, r.evidence, r.properties);
    }
  }

  toEntities(): Entity[] {
    return [...this.entities.values()].map((e) => ({
      id: e.id,
      type: e.type,
      name: e.name,
      aliases: [...e.aliases].filter((a) => a !== e.name).sort(),
      properties: e.properties as Entity['properties'],
      evidence: e.evidence,
    }));
  }
}

/** A name of several words set wholly in capitals, as headings are. */
function inCapitals(name: string): boolean {
  return name.includes(' ') && /\p{Lu}/u.test(name) && !/\p{Ll}/u.test(name);
}

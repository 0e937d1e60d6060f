/**
 * Scores the relations a run read by rule against a reference graph. Entities of the two runs
 * are paired by the text spans that mention them (the same words of the same passage), then by
 * name or alias, so that "ministry:ministry-of-justice" read by rule meets "ministry:moj" of the
 * curation.
 */
import type { Entity, GraphBundle, Relation } from '../../graph-seed/src/model/bundle';
import type { EntityType, RelationType } from '../../graph-seed/src/model/ontology';

/** The relation families the rules are for: creation, leadership, structure, funding, work, agreements, law. */
export const INSTITUTIONAL_RELATIONS = new Set<RelationType>([
  'ESTABLISHED_BY', 'CHAIRS', 'VICE_CHAIRS', 'PART_OF', 'SUBORDINATE_TO', 'FUNDED_BY', 'CONDUCTED_BY', 'FOCAL_POINT_OF',
  'MEMBER_OF', 'PARTICIPATES_IN', 'ISSUED_BY', 'IMPLEMENTS', 'PARTY_TO', 'APPOINTED_BY', 'REPORTS_TO', 'AMENDS', 'REPEALS', 'SIGNED',
]);
export const INSTITUTIONAL_ENTITIES = new Set<EntityType>([
  'Ministry', 'GovernmentBody', 'Committee', 'InternationalOrganization', 'ResearchOrganization', 'Organization',
  'LegalInstrument', 'Agreement', 'Policy', 'Programme', 'Project', 'Dataset',
]);

const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[’']/g, "'").replace(/^the\s+/i, '').toLowerCase().trim();

export const isAutomatic = (r: Relation) => r.properties.origin === 'automatic';

/** Curated relations of the institutional families between institutions. */
export function institutionalRelations(b: GraphBundle): Relation[] {
  const type = new Map(b.entities.map((e) => [e.id, e.type]));
  return b.relations.filter((r) => !isAutomatic(r) && INSTITUTIONAL_RELATIONS.has(r.type) && INSTITUTIONAL_ENTITIES.has(type.get(r.source)!) && INSTITUTIONAL_ENTITIES.has(type.get(r.target)!));
}

/** auto entity id -> reference entity id. */
export function pairEntities(auto: GraphBundle, ref: GraphBundle): Map<string, string> {
  const bySpan = new Map<string, string[]>();
  for (const m of ref.mentions) {
    const k = `${m.passageId}:${m.start}:${m.end}`;
    bySpan.set(k, [...(bySpan.get(k) ?? []), m.entityId]);
  }
  const byName = new Map<string, string>();
  const refEntities = new Map(ref.entities.map((e) => [e.id, e]));
  for (const e of ref.entities) for (const n of [e.name, ...e.aliases]) if (!byName.has(fold(n))) byName.set(fold(n), e.id);
  const votes = new Map<string, Map<string, number>>();
  for (const m of auto.mentions) {
    for (const id of bySpan.get(`${m.passageId}:${m.start}:${m.end}`) ?? []) {
      const v = votes.get(m.entityId) ?? new Map<string, number>();
      v.set(id, (v.get(id) ?? 0) + 1);
      votes.set(m.entityId, v);
    }
  }
  const out = new Map<string, string>();
  for (const e of auto.entities) {
    if (refEntities.has(e.id)) {
      out.set(e.id, e.id);
      continue;
    }
    const v = votes.get(e.id);
    const best = v ? [...v].sort((a, b) => b[1] - a[1])[0]![0] : undefined;
    const named = [e.name, ...e.aliases].map((n) => byName.get(fold(n))).find(Boolean);
    const id = best ?? named;
    if (id) out.set(e.id, id);
  }
  return out;
}

export interface Score {
  automatic: number;
  correct: number;
  reference: number;
  found: number;
  precision: number;
  recall: number;
  wrong: string[];
  missed: string[];
}

export function scoreRelations(auto: GraphBundle, ref: GraphBundle): Score {
  const pair = pairEntities(auto, ref);
  const key = (s: string, t: string, target: string) => `${s}|${t}|${target}`;
  const refAll = new Set(ref.relations.filter((r) => !isAutomatic(r)).map((r) => key(r.source, r.type, r.target)));
  const refInst = institutionalRelations(ref);
  const autoRels = auto.relations.filter((r) => isAutomatic(r) && INSTITUTIONAL_RELATIONS.has(r.type));
  const mapped = new Set<string>();
  const wrong: string[] = [];
  const name = (b: GraphBundle) => new Map<string, Entity>(b.entities.map((e) => [e.id, e]));
  const autoNames = name(auto);
  let correct = 0;
  for (const r of autoRels) {
    const k = key(pair.get(r.source) ?? r.source, r.type, pair.get(r.target) ?? r.target);
    mapped.add(k);
    if (refAll.has(k)) correct++;
    else wrong.push(`${autoNames.get(r.source)?.name} ${r.type} ${autoNames.get(r.target)?.name} [${r.properties.rule}] "${r.evidence[0]!.quote}"`);
  }
  const missed = refInst.filter((r) => !mapped.has(key(r.source, r.type, r.target))).map((r) => `${r.source} ${r.type} ${r.target}`);
  const found = refInst.length - missed.length;
  return {
    automatic: autoRels.length,
    correct,
    reference: refInst.length,
    found,
    precision: autoRels.length ? correct / autoRels.length : 0,
    recall: refInst.length ? found / refInst.length : 0,
    wrong,
    missed,
  };
}

/**
 * The evidence check: a relation's evidence must name both of its ends. An end is named in a
 * span when the span holds one of its recorded mentions (a name, alias, acronym, inflected form
 * or a resolved reference such as "the Sub-decree"), one of its citations, its name or an alias
 * as printed, or, for things whose own text stands for them (findings, recommendations,
 * statistics, tables, figures), its own evidence. Anything else is a quote that does not say
 * what the relation claims.
 */
import type { Citation, Entity, Evidence, Mention, Relation } from '../model/bundle';
import { isAcronymLike } from '../extract/matcher';
import type { Problem } from '../model/result';

export type End = 'source' | 'target';

export interface EvidenceFailure {
  relation: Relation;
  missing: End[];
}

export interface EvidenceReport {
  checked: number;
  named: number;
  failures: EvidenceFailure[];
}

interface Graph {
  entities: Entity[];
  mentions: Mention[];
  relations: Relation[];
  citations: Citation[];
}

/** Types an own-evidence span stands for: the quote is the thing itself. */
const SELF_EVIDENT = new Set(['Finding', 'Recommendation', 'Statistic', 'Table', 'Figure']);

const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[‘’]/g, "'").replace(/\s+/g, ' ').toLowerCase();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const overlaps = (a: { passageId: string; start: number; end: number }, b: Evidence) => a.passageId === b.passageId && a.start < b.end && a.end > b.start;

/** A name as a whole-word pattern: acronyms with their own case, other names folded. */
function namePattern(name: string): { re: RegExp; folded: boolean } | null {
  const n = name.trim();
  if (n.length < 2) return null;
  const acronym = isAcronymLike(n);
  return { re: new RegExp(`(?<![\\p{L}\\p{N}])${escape(acronym ? n : fold(n))}(?![\\p{L}\\p{N}])`, 'u'), folded: !acronym };
}

export function checkRelationEnds(g: Graph, relations: Relation[] = g.relations): EvidenceReport {
  const entities = new Map(g.entities.map((e) => [e.id, e]));
  const mentionsOf = new Map<string, Mention[]>();
  for (const m of g.mentions) mentionsOf.set(m.entityId, [...(mentionsOf.get(m.entityId) ?? []), m]);
  const citationsOf = new Map<string, Evidence[]>();
  for (const c of g.citations) citationsOf.set(c.studyId, [...(citationsOf.get(c.studyId) ?? []), c.evidence]);

  const patternsOf = new Map<string, { re: RegExp; folded: boolean }[]>();
  const named = (id: string, spans: Evidence[]): boolean => {
    const e = entities.get(id);
    if (!e) return false;
    if ((mentionsOf.get(id) ?? []).some((m) => spans.some((s) => overlaps(m, s)))) return true;
    if ((citationsOf.get(id) ?? []).some((c) => spans.some((s) => overlaps(c, s)))) return true;
    let patterns = patternsOf.get(id);
    if (!patterns) patternsOf.set(id, (patterns = [e.name, ...e.aliases].map(namePattern).filter((p) => p !== null)));
    if (patterns.some((p) => spans.some((s) => p.re.test(p.folded ? fold(s.quote) : s.quote)))) return true;
    if (!SELF_EVIDENT.has(e.type)) return false;
    if (e.evidence.some((own) => spans.some((s) => overlaps(own, s)))) return true;
    const exhibit = e.properties.passageId;
    return typeof exhibit === 'string' && spans.some((s) => s.passageId === exhibit);
  };

  const failures: EvidenceFailure[] = [];
  for (const r of relations) {
    const missing = (['source', 'target'] as const).filter((end) => !named(r[end], r.evidence));
    if (missing.length) failures.push({ relation: r, missing });
  }
  return { checked: relations.length, named: relations.length - failures.length, failures };
}

export const share = (r: EvidenceReport) => (r.checked ? r.named / r.checked : 1);

export interface EvidenceCheck {
  overall: EvidenceReport;
  curated: EvidenceReport;
}

/**
 * The check over a whole graph: every failure is listed; a curated relation that fails is an
 * error naming its file, entry and quote, an extracted one a warning.
 */
export function checkEvidence(g: Graph, curated: Map<string, { file: string; entry: string; quotes: string[] }>): { check: EvidenceCheck; problems: Problem[] } {
  const overall = checkRelationEnds(g);
  const curatedReport = checkRelationEnds(g, g.relations.filter((r) => curated.has(r.id)));
  const problems: Problem[] = overall.failures.map(({ relation: r, missing }) => {
    const at = curated.get(r.id);
    const ends = missing.map((end) => `${end} ${r[end]}`).join(' and ');
    return {
      severity: at ? ('error' as const) : ('warning' as const),
      code: 'EVIDENCE_END_NOT_NAMED',
      message: `the evidence of ${r.id} does not name its ${ends}`,
      ...(at ? { file: at.file, entry: at.entry } : { passageId: r.evidence[0]?.passageId }),
      quote: at ? at.quotes.join(' | ') : r.evidence.map((e) => e.quote).join(' | '),
    };
  });
  return { check: { overall, curated: curatedReport }, problems };
}

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
type Span = { passageId: string; start: number; end: number };
const overlaps = (a: Span, b: Evidence) => a.passageId === b.passageId && a.start < b.end && a.end > b.start;

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The code point that ends just before index `i`, or '' at the start. */
function charBefore(text: string, i: number): string {
  if (i <= 0) return '';
  const low = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : (text[i - 1] ?? '');
}

/** A name to find as a whole word: acronyms with their own case, other names folded. */
interface NamePattern {
  needle: string;
  folded: boolean;
}

function namePattern(name: string): NamePattern | null {
  const n = name.trim();
  if (n.length < 2) return null;
  const acronym = isAcronymLike(n);
  return { needle: acronym ? n : fold(n), folded: !acronym };
}

/** Whether `needle` stands in `text` with no letter or digit right before or after it. */
function standsAsWord(text: string, needle: string): boolean {
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const after = text.codePointAt(at + needle.length);
    if (!WORD_CHAR.test(charBefore(text, at)) && (after === undefined || !WORD_CHAR.test(String.fromCodePoint(after)))) return true;
  }
  return false;
}

/** Spans indexed by passage, so that an overlap test reads only the spans of one passage. */
function byPassage<T extends { passageId: string }>(items: Iterable<[string, T]>): Map<string, Map<string, T[]>> {
  const out = new Map<string, Map<string, T[]>>();
  for (const [key, item] of items) {
    let perPassage = out.get(key);
    if (!perPassage) out.set(key, (perPassage = new Map()));
    const list = perPassage.get(item.passageId);
    if (list) list.push(item);
    else perPassage.set(item.passageId, [item]);
  }
  return out;
}

const overlapsAny = (index: Map<string, Span[]> | undefined, spans: Evidence[]) =>
  index !== undefined && spans.some((s) => (index.get(s.passageId) ?? []).some((m) => overlaps(m, s)));

export function checkRelationEnds(g: Graph, relations: Relation[] = g.relations): EvidenceReport {
  const entities = new Map(g.entities.map((e) => [e.id, e]));
  const mentionsOf = byPassage(g.mentions.map((m) => [m.entityId, m] as [string, Mention]));
  const citationsOf = byPassage(g.citations.map((c) => [c.studyId, c.evidence] as [string, Evidence]));

  const patternsOf = new Map<string, NamePattern[]>();
  const foldedQuote = new Map<Evidence, string>();
  const quoteAs = (s: Evidence, folded: boolean) => {
    if (!folded) return s.quote;
    let f = foldedQuote.get(s);
    if (f === undefined) foldedQuote.set(s, (f = fold(s.quote)));
    return f;
  };
  const named = (id: string, spans: Evidence[]): boolean => {
    const e = entities.get(id);
    if (!e) return false;
    if (overlapsAny(mentionsOf.get(id), spans) || overlapsAny(citationsOf.get(id), spans)) return true;
    if (SELF_EVIDENT.has(e.type)) {
      if (e.evidence.some((own) => spans.some((s) => overlaps(own, s)))) return true;
      const exhibit = e.properties.passageId;
      if (typeof exhibit === 'string' && spans.some((s) => s.passageId === exhibit)) return true;
    }
    let patterns = patternsOf.get(id);
    if (!patterns) patternsOf.set(id, (patterns = [e.name, ...e.aliases].map(namePattern).filter((p) => p !== null)));
    return patterns.some((p) => spans.some((s) => standsAsWord(quoteAs(s, p.folded), p.needle)));
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
  const curatedFailures = overall.failures.filter((f) => curated.has(f.relation.id));
  const curatedChecked = g.relations.filter((r) => curated.has(r.id)).length;
  const curatedReport: EvidenceReport = { checked: curatedChecked, named: curatedChecked - curatedFailures.length, failures: curatedFailures };
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

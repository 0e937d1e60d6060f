/**
 * Stage 4: the rule-based readers run over every passage: citations become Study entities and
 * passage citations (list items inherit their lead-in's), acronym definitions become aliases,
 * instruments and plans become entities, each with its mention span.
 */
import type { Citation, Evidence, Passage } from '../model/bundle';
import type { AcronymDefinition } from '../extract/acronyms';
import { extractAcronyms } from '../extract/acronyms';
import type { CitationMatch } from '../extract/citations';
import { extractCitations, studyId, studyName } from '../extract/citations';
import { extractInstruments } from '../extract/instruments';
import type { GraphDraft } from './registry';

export interface AuthorOccurrence {
  studyId: string;
  name: string;
  /** The whole citation, the evidence of authorship. */
  citation: Evidence;
  mention: { passageId: string; start: number; end: number };
}

export interface Extracted {
  citations: Citation[];
  acronyms: (AcronymDefinition & { passageId: string })[];
  authors: AuthorOccurrence[];
}

/** A lead-in that introduces a study's results or a source's content, not the report's own list. */
const REPORTS_RESULTS = /\b(?:found|finds?|shows?|showed|results?|suggests?|concluded?|proposed|measures|estimates?|reports?)\b/i;
const lastSentence = (text: string) => text.split(/(?<=[.!?])\s+/).pop() ?? text;

const span = (p: Passage, start: number, end: number): Evidence => ({ passageId: p.id, start, end, quote: p.text.slice(start, end) });

export function extractAll(passages: Passage[], graph: GraphDraft): Extracted {
  const citations: Citation[] = [];
  const acronyms: Extracted['acronyms'] = [];
  const authors: AuthorOccurrence[] = [];
  const own = new Map<string, Citation[]>();

  for (const p of passages) {
    const found: CitationMatch[] = extractCitations(p.text);
    const mine: Citation[] = [];
    for (const c of found) {
      const id = studyId(c);
      const props: Record<string, unknown> = { authors: c.authors, year: /^\d/.test(c.year) ? Number.parseInt(c.year, 10) : null };
      if (c.year === 'forthcoming') props.status = 'forthcoming';
      if (c.etAl) props.etAl = true;
      if (c.title) props.title = c.title;
      if (c.url) props.url = c.url;
      graph.upsertEntity({ id, type: 'Study', name: studyName(c), aliases: [c.text], properties: props, origin: 'extracted' });
      const ev = span(p, c.start, c.end);
      graph.addMention({ entityId: id, passageId: p.id, start: c.start, end: c.end, text: ev.quote });
      const citation: Citation = { passageId: p.id, studyId: id, evidence: ev, inherited: false };
      if (!mine.some((m) => m.studyId === id)) mine.push(citation);
      for (const a of c.authorSpans) authors.push({ studyId: id, name: a.name, citation: ev, mention: { passageId: p.id, start: a.start, end: a.end } });
    }
    own.set(p.id, mine);
    citations.push(...mine);

    for (const a of extractAcronyms(p.text)) acronyms.push({ ...a, passageId: p.id });

    for (const m of extractInstruments(p.text)) {
      // The printed name is an alias; a bare period ("and 2014-2018" after a plural) is not.
      const printed = p.text.slice(m.start, m.end);
      graph.upsertEntity({ id: m.id, type: m.type, name: m.name, aliases: /\p{L}/u.test(printed) ? [printed] : [], properties: m.properties, origin: 'extracted' });
      graph.addMention({ entityId: m.id, passageId: p.id, start: m.start, end: m.end, text: p.text.slice(m.start, m.end) });
    }
  }

  // A list item that reports a study's result without repeating the citation inherits it from
  // the lead-in that introduces the list ("Regression results found that:").
  const byId = new Map(passages.map((x) => [x.id, x]));
  for (const p of passages) {
    if (p.kind !== 'list-item' || !p.leadInId || (own.get(p.id) ?? []).length) continue;
    let lead = byId.get(p.leadInId);
    // Nested lists: climb to the first lead-in that cites something.
    const visited = new Set<string>();
    while (lead && !(own.get(lead.id) ?? []).length && lead.leadInId && !visited.has(lead.id)) {
      visited.add(lead.id);
      const next = lead.leadInId;
      lead = byId.get(next);
    }
    if (!lead || !REPORTS_RESULTS.test(lastSentence(lead.text))) continue;
    for (const c of own.get(lead.id) ?? []) citations.push({ passageId: p.id, studyId: c.studyId, evidence: c.evidence, inherited: true });
  }
  return { citations, acronyms, authors };
}

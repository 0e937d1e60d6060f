/**
 * Study titles where the report prints them next to the citation: the named document right
 * before a parenthetical citation is the cited work ("the Addis Ababa Action Agenda (UN, 2015)",
 * "its 2014-2018 National Strategic Development Plan (MOP, 2014)", "the IPPMD comparative report
 * (OECD, 2017)"). Titles from a table or figure source line are read by the citation stage.
 */
import type { Citation, Mention, Passage } from '../model/bundle';
import type { GraphDraft } from './registry';

const DOCUMENT_TYPES = new Set(['Policy', 'Agreement', 'LegalInstrument', 'Dataset']);
/** A noun phrase naming a document: capitalised or acronym modifiers, then a document noun. */
const DOCUMENT_PHRASE = /(?:\p{Lu}[\p{L}-]*\s+)+(?:\p{Ll}+\s+)?(?:report|plan|agenda|guideline|strategy|review|assessment|index|survey|database)$/u;

export function addStudyTitles(graph: GraphDraft, citations: Citation[], passages: Map<string, Passage>, mentions: Mention[]): void {
  // The mentions that end at a place, by passage and offset: one lookup per citation.
  const endingAt = new Map<string, Mention[]>();
  for (const m of mentions) {
    const k = `${m.passageId}:${m.end}`;
    const list = endingAt.get(k);
    if (list) list.push(m);
    else endingAt.set(k, [m]);
  }
  for (const c of citations) {
    const study = graph.entities.get(c.studyId);
    const p = passages.get(c.evidence.passageId);
    if (!study || !p || c.inherited || typeof study.properties.title === 'string') continue;
    const open = p.text.lastIndexOf('(', c.evidence.start);
    if (open < 0 || !/^\(\s*$/.test(p.text.slice(open, c.evidence.start))) continue;
    const before = p.text.slice(0, open).trimEnd();
    const named = endingAt.get(`${p.id}:${before.length}`)?.find((m) => DOCUMENT_TYPES.has(graph.entities.get(m.entityId)?.type ?? ''));
    const phrase = named ? { start: named.start, text: named.text } : documentPhrase(before);
    if (!phrase) continue;
    study.properties.title = phrase.text;
    const end = c.evidence.end + (p.text[c.evidence.end] === ')' ? 1 : 0);
    graph.addEvidence(study.id, { passageId: p.id, start: phrase.start, end, quote: p.text.slice(phrase.start, end) });
  }
}

function documentPhrase(before: string): { start: number; text: string } | null {
  const m = DOCUMENT_PHRASE.exec(before);
  return m ? { start: m.index, text: m[0] } : null;
}

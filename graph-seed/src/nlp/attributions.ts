/**
 * Two readings that rest on the words around a name rather than on a trigger between two names:
 *   - a body renamed in the sentence that names it: "the National Committee to lead the
 *     Suppression of ..., now called the National Committee for Counter Trafficking (NCCT)": the
 *     earlier name there is a mention of the body it became;
 *   - an instrument attributed by the citation that follows its verb of issuing: "the first
 *     policy on labour migration was formulated (MOLVT, 2010)": the author of the cited document,
 *     when the text knows it as a body that can issue such an instrument, issued it.
 */
import type { EntityType } from '../model/ontology';
import type { Evidence, Mention, Passage } from '../model/bundle';
import { groupBy } from '../model/group';
import { type GraphDraft, mentionKey } from '../stages/registry';
import { type Sentence, tagWords } from './sentences';

const ORGANISATION = new Set<EntityType>(['Ministry', 'GovernmentBody', 'Committee', 'InternationalOrganization', 'ResearchOrganization', 'Organization']);
const ATTRIBUTED = new Set<EntityType>(['Policy', 'LegalInstrument', 'Agreement']);

/** ", now called B", "(now known as B)", ", later renamed B": B is what the name before became. */
const RENAMED = /(?:,|\()\s*(?:now|later|since|subsequently|since then)\s+(?:called|known as|named|renamed(?:\s+as)?)\s+(?:the\s+)?$/i;

/**
 * Between an instrument and its citation, a verb of issuing in the passive: "was formulated
 * (MOLVT, 2010)". A bare citation after a name ("the Labour Law (ILO, 2019) has been criticised")
 * names a commentator as often as the issuer, and is not read.
 */
const BEFORE_CITATION = /^\s*(?:was|were|is|are|has been|have been|had been)\s+(?:formulated|issued|adopted|enacted|promulgated|approved|introduced|launched|published|released|drafted|passed)\s*\(\s*$/i;
/** Who can issue what: a law or a national policy comes from the state's own bodies; an agreement from any organisation. */
const ISSUERS: Record<string, ReadonlySet<EntityType>> = {
  LegalInstrument: new Set(['Ministry', 'GovernmentBody', 'Committee']),
  Policy: new Set(['Ministry', 'GovernmentBody', 'Committee']),
  Agreement: ORGANISATION,
};
/** The citation itself: an author, a comma or space, a year. */
const CITATION = /^[^()]{1,80}?,?\s+(?:19|20)\d\d[a-z]?\s*[);]/;

/** True when nothing between `from` and `to` (offsets in the passage) starts a clause or another phrase: a finite verb, or "a / an". */
function namesTheRenamed(text: string, s: Sentence, from: number, to: number): boolean {
  const inside = s.words.map((w, i) => ({ w, i })).filter(({ w }) => w.start >= from && w.end <= to);
  if (inside.some(({ w }) => w.lower === 'a' || w.lower === 'an')) return false;
  if (!inside.length) return true;
  const tags = tagWords(text, s);
  // "to lead the Suppression of ...": an infinitive inside a name does not start a clause.
  return !inside.some(({ w, i }) => tags[i] === 'VERB' && s.words[i - 1]?.lower !== 'to' && /^\p{L}/u.test(w.text));
}

/**
 * Re-points the mention of a body's earlier name, in the sentence that renames it, to the body
 * it became. Returns the number of mentions moved.
 */
export function readRenamings(passages: Passage[], sentences: ReadonlyMap<string, Sentence[]>, graph: GraphDraft): number {
  const byPassage = groupBy([...graph.mentions.entries()].map(([key, m]) => ({ key, m })), (x) => x.m.passageId);
  let moved = 0;
  for (const p of passages) {
    const mentions = byPassage.get(p.id);
    if (!mentions) continue;
    for (const s of sentences.get(p.id) ?? []) {
      const inSentence = mentions.filter(({ m }) => m.start >= s.start && m.end <= s.end).sort((a, b) => a.m.start - b.m.start || b.m.end - a.m.end);
      const nested = (x: { m: Mention }) => inSentence.some(({ m }) => m !== x.m && m.start <= x.m.start && m.end >= x.m.end && m.end - m.start > x.m.end - x.m.start);
      for (const later of inSentence) {
        const renamed = nested(later) ? null : RENAMED.exec(p.text.slice(s.start, later.m.start));
        if (!renamed) continue;
        const type = graph.entities.get(later.m.entityId)?.type;
        if (!type || !ORGANISATION.has(type)) continue;
        // The nearest earlier mention of the same type, not nested in another one.
        const before = inSentence.filter(({ m }) => m.end <= later.m.start && graph.entities.get(m.entityId)?.type === type && m.entityId !== later.m.entityId);
        const earlier = before[before.length - 1];
        // A curated name is what the curation says it is.
        if (!earlier || graph.entities.get(earlier.m.entityId)?.origin === 'curated' || nested(earlier)) continue;
        // The earlier name must be the phrase renamed: no clause ("worked alongside") and no new
        // indefinite phrase ("a provincial taskforce") between it and ", now called".
        if (!namesTheRenamed(p.text, s, earlier.m.end, s.start + renamed.index)) continue;
        graph.mentions.delete(earlier.key);
        earlier.m = { ...earlier.m, entityId: later.m.entityId };
        earlier.key = mentionKey(earlier.m);
        graph.addMention(earlier.m);
        moved++;
      }
    }
  }
  return moved;
}

/**
 * ISSUED_BY from an instrument to the organisation its citation names as author. Returns the
 * relations added.
 */
export function readCitedIssuers(passages: Passage[], graph: GraphDraft, rule = 'law.cited-issuer', confidence = 0.6): number {
  const byPassage = groupBy([...graph.mentions.values()], (m) => m.passageId);
  let added = 0;
  for (const p of passages) {
    const mentions = byPassage.get(p.id) ?? [];
    for (const m of mentions) {
      const type = graph.entities.get(m.entityId)?.type;
      if (!type || !ATTRIBUTED.has(type)) continue;
      const open = p.text.indexOf('(', m.end);
      if (open < 0 || !BEFORE_CITATION.test(p.text.slice(m.end, open + 1))) continue;
      let at = open + 1;
      while (p.text[at] === ' ') at++;
      if (!CITATION.test(p.text.slice(at, at + 100))) continue;
      const author = mentions
        .filter((x) => x.start === at && ISSUERS[type]!.has(graph.entities.get(x.entityId)?.type as EntityType))
        .sort((a, b) => a.end - b.end)[0];
      if (!author || author.entityId === m.entityId) continue;
      const close = p.text.indexOf(')', author.end);
      const ev: Evidence = { passageId: p.id, start: m.start, end: close + 1, quote: p.text.slice(m.start, close + 1) };
      const id = `${m.entityId}|ISSUED_BY|${author.entityId}`;
      const existing = graph.relations.get(id);
      if (existing && existing.properties.origin !== 'automatic') continue;
      graph.addRelation(m.entityId, 'ISSUED_BY', author.entityId, [ev], existing ? {} : { origin: 'automatic', rule, confidence });
      added++;
    }
  }
  return added;
}

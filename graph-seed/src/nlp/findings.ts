/**
 * Findings and recommendations from their cue phrases.
 *   - A finding is a sentence that reports a result ("Smith (2012) found that", "results
 *     suggest", "the survey shows that"). It rests on the studies cited in it, or inherited from
 *     its list's lead-in, or on the datasets and projects it names; it is about the sectors and
 *     dimensions of migration its words name (topics.ts) and the countries it mentions.
 *   - A recommendation is an item of a list whose lead-in announces recommendations ("This
 *     suggests the need to:", "Recommendations for policy include the following:").
 * Each records the rule that made it and a confidence, and its own sentence as evidence.
 */
import type { Citation, Evidence, Mention, Passage } from '../model/bundle';
import { groupBy } from '../model/group';
import type { RelationType } from '../model/ontology';
import { slugify } from '../model/ontology';
import type { GraphDraft } from '../stages/registry';
import { leadingPhrases } from '../stages/text';
import type { SentenceCache } from './read-facts';
import { topicsIn } from './topics';

const FINDING_CUE = /\b(?:(?:found|find|finds|shows?|showed|shown|suggests?|suggested|indicates?|indicated|reveals?|revealed|concludes?|concluded|confirms?|confirmed|demonstrates?|demonstrated) that|results? (?:suggest|show|indicate|reveal|confirm)|(?:found|finds) (?:no|little|a|an|evidence|positive|negative|significant))\b/i;
const RECOMMENDATION_LEAD = /\b(?:suggests? the need to|recommendations?(?: for [\w ]+)? (?:include|are)|(?:we|it is) recommend(?:ed)?|should therefore|policy makers should|the government should)\b[^.]*:\s*$/i;
/** A section whose title announces recommendations ("Policy recommendations", "Recommendations for donors"): its list items are ones. */
const RECOMMENDATION_SECTION = /\b(?:recommendations?|policy options|the way forward)\b/i;
/** A sentence that says it recommends: "We recommend that ...", "It is recommended that ...", "The report recommends ...". */
const RECOMMENDATION_CUE = /^(?:(?:we|this (?:report|study|review|paper)|the (?:report|study|review|authors?)) (?:therefore |also |strongly )?recommends? (?:that )?|it is (?:therefore |also |strongly )?recommended that )/i;
/** Verbs that report a result when the sentence cites its study: "Kim (2015) estimates that", "According to Lee (2018), ...". */
const CITED_CUE = /\b(?:(?:estimates?|estimated|reports?|reported|observes?|observed|notes?|noted|argues?|argued|documents?|documented|identifies|identified|calculates?|calculated) that|^according to [^,]{1,80},)/i;
/** A lead-in that reports a study's results ("Regression results found that:"): its items are findings. */
const FINDING_LEAD = /\b(?:found|finds|show|shows|suggest|suggests|indicate|indicates)(?: that)?:\s*$/i;

const EVIDENCE_TYPES = new Set(['Dataset', 'Project', 'Study']);

function shortName(text: string, cue: RegExpExecArray | null): string {
  let s = cue ? text.slice(cue.index + cue[0].length).replace(/^\s*(?:that\s+)?/i, '') : text;
  if (s.length < 20) s = text;
  s = s.replace(/\s*\([^)]*\)/g, '').replace(/[.;:]\s*$/, '').trim();
  s = leadingPhrases(s, 90);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function readFindings(
  passages: Passage[],
  cache: SentenceCache,
  citations: Citation[],
  graph: GraphDraft,
  want: { findings: boolean; recommendations: boolean },
): { findings: number; recommendations: number } {
  const byPassage = groupBy(citations, (c) => c.passageId);
  const mentions = groupBy([...graph.mentions.values()], (m) => m.passageId);
  const byId = new Map(passages.map((p) => [p.id, p]));
  let findings = 0;
  let recommendations = 0;
  const relate = (source: string, type: RelationType, target: string, ev: Evidence[], rule: string, confidence: number) => {
    if (source !== target && graph.entities.has(target)) graph.addRelation(source, type, target, ev, { origin: 'automatic', rule, confidence });
  };
  const about = (id: string, p: Passage, start: number, end: number, ev: Evidence, rule: string) => {
    for (const t of topicsIn(p.text.slice(start, end))) {
      graph.upsertEntity({ id: t.id, type: t.type, name: t.name, properties: {}, origin: 'extracted' });
      // The topic's word is a mention of it: the evidence names both ends.
      graph.addMention({ entityId: t.id, passageId: p.id, start: start + t.at, end: start + t.at + t.text.length, text: t.text });
      relate(id, 'ABOUT', t.id, [ev], rule, 0.6);
    }
    for (const m of mentions.get(p.id) ?? []) {
      if (m.start >= start && m.end <= end && graph.entities.get(m.entityId)?.type === 'Country') relate(id, 'ABOUT', m.entityId, [ev], rule, 0.6);
    }
  };

  for (const p of passages) {
    const lead = p.leadInId ? byId.get(p.leadInId) : undefined;
    const recommend = (start: number, end: number, name: string, rule: string, confidence: number) => {
      const text = p.text.slice(start, end);
      const ev: Evidence = { passageId: p.id, start, end, quote: text };
      const id = `recommendation:${slugify(name).slice(0, 60).replace(/-+$/, '')}`;
      graph.upsertEntity({ id, type: 'Recommendation', name, properties: { statement: text, origin: 'automatic', rule, confidence }, origin: 'extracted' });
      graph.addEvidence(id, ev);
      about(id, p, start, end, ev, 'recommendation.topic');
      recommendations++;
    };
    if (want.recommendations && p.kind === 'list-item' && p.text.trim()) {
      if (lead && RECOMMENDATION_LEAD.test(lead.text)) {
        recommend(0, p.text.length, shortName(p.text, null), 'recommendation.list', 0.8);
        continue;
      }
      if (!lead && p.section && RECOMMENDATION_SECTION.test(p.section)) {
        recommend(0, p.text.length, shortName(p.text, null), 'recommendation.section', 0.7);
        continue;
      }
    }
    if (want.recommendations && p.kind === 'paragraph') {
      for (const s of cache.get(p.id) ?? []) {
        const cue = RECOMMENDATION_CUE.exec(p.text.slice(s.start, s.end));
        if (cue) recommend(s.start, s.end, shortName(p.text.slice(s.start, s.end), cue), 'recommendation.cue', 0.7);
      }
    }
    if (!want.findings) continue;
    const inheritedLead = p.kind === 'list-item' && lead && FINDING_LEAD.test(lead.text);
    for (const s of cache.get(p.id) ?? []) {
      const text = p.text.slice(s.start, s.end);
      const cites = (byPassage.get(p.id) ?? []).some((c) => !c.inherited && c.evidence.start >= s.start && c.evidence.end <= s.end);
      const cue = FINDING_CUE.exec(text) ?? (cites ? CITED_CUE.exec(text) : null);
      if (!cue && !inheritedLead) continue;
      if (RECOMMENDATION_CUE.test(text)) continue;
      // "Regression results found that:" introduces findings; it is not one.
      if (cue && text.slice(cue.index + cue[0].length).replace(/[\s:.]/g, '').length < 15) continue;
      const ev: Evidence = { passageId: p.id, start: s.start, end: s.end, quote: text };
      const name = shortName(text, cue);
      const id = `finding:${slugify(name).slice(0, 60).replace(/-+$/, '')}`;
      const rule = cue ? 'finding.cue' : 'finding.lead-in';
      graph.upsertEntity({ id, type: 'Finding', name, properties: { statement: text, origin: 'automatic', rule, confidence: cue ? 0.75 : 0.7 }, origin: 'extracted' });
      graph.addEvidence(id, ev);
      findings++;
      const own = (byPassage.get(p.id) ?? []).filter((c) => c.inherited ? inheritedLead : c.evidence.start >= s.start && c.evidence.end <= s.end);
      for (const c of own) relate(id, 'SUPPORTED_BY', c.studyId, c.inherited ? [ev, c.evidence] : [ev], 'finding.cited', 0.75);
      if (!own.length) {
        const named = (mentions.get(p.id) ?? []).filter((m: Mention) => m.start >= s.start && m.end <= s.end && EVIDENCE_TYPES.has(graph.entities.get(m.entityId)?.type ?? ''));
        for (const m of named) relate(id, 'SUPPORTED_BY', m.entityId, [ev], 'finding.named-source', 0.6);
      }
      about(id, p, s.start, s.end, ev, 'finding.topic');
    }
  }
  return { findings, recommendations };
}

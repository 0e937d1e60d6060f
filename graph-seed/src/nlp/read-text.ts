/**
 * The automatic reading of one free-standing text, with no graph around it: its names (an
 * acronym in brackets after a name is that name) and the relations the rules read between them.
 * What the pipeline does over a whole report, in small: the rules can be tried on any sentence.
 */
import type { EntityType, RelationType } from '../model/ontology';
import { slugify } from '../model/ontology';
import { type Argument, RelationEngine } from './engine';
import { findNames } from './names';
import { announcedAcronyms, headWord, ReferenceResolver } from './references';
import { NOMINAL_RULES, RELATION_RULES } from './relation-rules';
import { readSentences, tagWords } from './sentences';

export interface TextName {
  id: string;
  name: string;
  type: EntityType;
}

export interface TextRelation {
  source: string;
  type: RelationType;
  target: string;
  rule: string;
  confidence: number;
  evidence: string;
}

const engine = new RelationEngine(RELATION_RULES, NOMINAL_RULES);

export function readText(text: string): { names: TextName[]; relations: TextRelation[] } {
  const names = new Map<string, TextName>();
  const relations: TextRelation[] = [];
  const byAlias = new Map<string, string>();
  const resolver = new ReferenceResolver((id) => {
    const n = names.get(id);
    return n ? { entityId: id, type: n.type, head: headWord(n.name) } : null;
  });
  for (const s of readSentences(text)) {
    const args: Argument[] = [];
    for (const a of announcedAcronyms(text.slice(s.start, s.end))) {
      if (byAlias.has(a.acronym)) continue;
      const id = slugify(a.acronym);
      names.set(id, { id, name: a.acronym, type: a.type });
      byAlias.set(a.acronym, id);
    }
    const found = findNames(s, text);
    for (const c of found.names) {
      const name = c.text.replace(/^the\s+/i, '');
      const id = byAlias.get(name) ?? slugify(name);
      if (!names.has(id)) names.set(id, { id, name, type: c.type });
      byAlias.set(name, id);
      args.push({ entityId: id, type: c.type, start: c.start, end: c.end, reference: false });
      const acr = /^\s*\(([A-Z][A-Za-z&]{1,9})\)/.exec(text.slice(c.end));
      if (acr) byAlias.set(acr[1]!, id);
    }
    for (const sp of found.splits) {
      relations.push({ source: slugify(sp.part.text), type: 'PART_OF', target: slugify(sp.whole.text), rule: sp.rule, confidence: 0.7, evidence: text.slice(Math.min(sp.part.start, sp.whole.start), Math.max(sp.part.end, sp.whole.end)) });
    }
    // Known acronyms and names met again ("MOI chairs ...").
    for (const w of s.words) {
      const id = byAlias.get(w.text);
      if (!id || args.some((a) => w.start < a.end && w.end > a.start)) continue;
      args.push({ entityId: id, type: names.get(id)!.type, start: w.start, end: w.end, reference: false });
    }
    const refs = resolver.resolve(s, args);
    if (!engine.mayMatch(s)) continue;
    for (const f of engine.apply(s, [...args, ...refs], () => tagWords(text, s))) {
      relations.push({ source: f.source, type: f.type, target: f.target, rule: f.rule, confidence: f.confidence, evidence: text.slice(f.start, f.end) });
    }
  }
  return { names: [...names.values()], relations };
}

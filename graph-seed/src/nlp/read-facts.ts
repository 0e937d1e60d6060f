/**
 * The automatic reading of a report, in two steps around name resolution:
 *   1. readNames: every passage split into sentences; capitalised names typed by their head
 *      noun become entities (an acronym right after a name gives the id), "A of the B" gives A
 *      PART_OF B;
 *   2. readRelations, once every name and alias has been matched over the text: references are
 *      resolved, then the relation rules run sentence by sentence.
 * Every automatic relation records its rule, a confidence and origin "automatic"; its evidence is
 * the span of the sentence that holds the trigger and a mention of each end.
 */
import type { Evidence, Mention, Passage } from '../model/bundle';
import { groupBy } from '../model/group';
import { ID_PREFIX, slugify } from '../model/ontology';
import type { GraphDraft } from '../stages/registry';
import { NameIndex } from '../stages/resolve';
import { readCitedIssuers, readRenamings } from './attributions';
import { type Argument, RelationEngine } from './engine';
import { describedInstruments } from './described';
import { isDepartment, singularName, typeOfName } from './heads';
import { findNames, withoutYear, type NameChunk } from './names';
import { announcedAcronyms, headWord, ReferenceResolver } from './references';
import { NOMINAL_RULES, RELATION_RULES } from './relation-rules';
import { readSentences, type Sentence, tagWords } from './sentences';

export type SentenceCache = Map<string, Sentence[]>;

/**
 * Mentions of the names read in step 1, held back until every curated and known name has been
 * matched over the text: a longer name that covers one of them keeps its span.
 */
const pendingMentions: Mention[] = [];
export function addNameMentions(graph: GraphDraft): void {
  const taken = groupBy([...graph.mentions.values()], (m) => m.passageId);
  for (const m of pendingMentions.splice(0)) {
    if (!graph.entities.has(m.entityId)) continue;
    // A mention nested inside this name ("the MoU with Thailand" in the group's name) does not block it.
    const crossing = (x: Mention) => x.entityId !== m.entityId && m.start < x.end && x.start < m.end && !(x.start >= m.start && x.end <= m.end);
    if ((taken.get(m.passageId) ?? []).some(crossing)) continue;
    graph.addMention(m);
  }
}

export interface AutomaticProvenance {
  origin: 'automatic';
  rule: string;
  confidence: number;
}

const ACRONYM_AFTER = /^\s*\(([A-Z][A-Za-z&]{1,9})\)/;

/** Step 1: sentences and typed names. */
/** `sentencesOf`: where a passage's sentences come from (by default read here). */
export function readNames(passages: Passage[], graph: GraphDraft, acronyms: readonly { short: string; long: string }[] = [], sentencesOf: (p: Passage) => Sentence[] = (p) => readSentences(p.text)): SentenceCache {
  const cache: SentenceCache = new Map();
  const index = new NameIndex(graph);
  // A name the text defines an acronym for anywhere takes the acronym as its id: "body:mtosb".
  const defined = new Map(acronyms.map((a) => [a.long.toLowerCase(), a.short]));
  // A name that starts where another reader already found an entity is that entity
  // ("Sub-decree 57 on the Sending of Khmer Workers" and the instrument "Sub-decree 57").
  const startsAt = new Map<string, string>();
  for (const m of graph.mentions.values()) startsAt.set(`${m.passageId}:${m.start}`, m.entityId);
  /** The names read in every sentence, and the bodies each "A of the B" part was read inside. */
  const read: { p: Passage; s: Sentence; found: ReturnType<typeof findNames> }[] = [];
  const containers = new Map<string, Set<string>>();
  const namesRead = new Set<string>();
  /**
   * "the Clean Air Act of 1970" and "the Clean Air Act" are one act, but "the Treaty of 1862" and
   * "the Treaty of 1903", or the Tariff Acts of 1897 and 1909, are two: the name without its year
   * must be more than a head, and an instrument named with another year is another instrument.
   */
  const sameWithoutYear = (name: string): string | undefined => {
    const plain = withoutYear(name);
    if (plain === name || !plain.includes(' ')) return undefined;
    const id = index.get(plain);
    const known = id ? graph.entities.get(id) : undefined;
    return known && withoutYear(known.name) !== known.name ? undefined : id;
  };
  const idFor = (c: NameChunk, p: Passage): string => {
    const name = (c.name ?? c.text).replace(/^the\s+/i, '');
    // A plural head names the body its singular names elsewhere ("the Administrative Courts").
    const singular = singularName(name);
    const known = index.get(name) ?? (singular ? index.get(singular) : undefined) ?? sameWithoutYear(name);
    if (known) return known;
    if (singular && namesRead.has(singular.toLowerCase())) {
      const id = `${ID_PREFIX[c.type]}:${slugify(singular)}`;
      if (!graph.entities.has(id)) graph.upsertEntity({ id, type: c.type, name: singular, properties: {}, origin: 'extracted' });
      return id;
    }
    const same = startsAt.get(`${p.id}:${c.start}`);
    if (same && graph.entities.get(same)?.type === c.type) return same;
    const acr = ACRONYM_AFTER.exec(p.text.slice(c.end))?.[1] ?? defined.get(name.toLowerCase());
    const id = `${ID_PREFIX[c.type]}:${slugify(acr ? acr.replace(/s$/, '') : name)}`;
    const existing = graph.entities.get(id);
    if (existing && existing.type !== c.type) return `${ID_PREFIX[c.type]}:${slugify(name)}`;
    return id;
  };
  // Names first, over the whole text: a part named inside more than one body ("the Judicial
  // Commission of the Administrative Courts", "... of the Courts of Justice") is a different body
  // in each, and keeps its whole name.
  // A government whose text never names a ministry calls its ministries departments ("the
  // Department of State", "the Navy Department"); where ministries are named, a department is a
  // unit of one.
  const departmentsAreMinistries = !passages.some((p) => /\bMinistr(?:y|ies)\b/.test(p.text));
  for (const p of passages) {
    if (p.kind === 'table' || p.kind === 'figure') continue;
    const sentences = sentencesOf(p);
    cache.set(p.id, sentences);
    for (const s of sentences) {
      const found = findNames(s, p.text);
      if (departmentsAreMinistries) for (const c of [...found.names, ...found.splits.flatMap((sp) => [sp.part, sp.whole])]) if (c.type === 'GovernmentBody' && isDepartment(c.text)) c.type = 'Ministry';
      found.names.push(...describedInstruments(s, p.text, found.names));
      read.push({ p, s, found });
      for (const c of found.names) namesRead.add(nameKey(c.text));
      for (const sp of found.splits) {
        const key = nameKey(sp.part.text);
        containers.set(key, (containers.get(key) ?? new Set()).add(nameKey(sp.whole.text)));
      }
    }
  }
  for (const { p, s, found } of read) {
    announceAcronym(p, s, graph, index);
    const { names, splits } = qualifyParts(found, p.text, containers);
    const ids = new Map<NameChunk, string>();
    for (const c of names) {
      // A lone head word opening a sentence ("Government", "Council") is a reference, not a name.
      if (c.first === c.last && c.first === 0 && !index.get(c.text)) continue;
      const id = idFor(c, p);
      ids.set(c, id);
      const name = c.name ?? c.text;
      // "the Clean Air Act" met after "the Clean Air Act of 1970" is the same act.
      const plain = withoutYear(name);
      const yearless = plain !== name && plain.includes(' ');
      graph.upsertEntity({ id, type: c.type, name, aliases: yearless ? [name, plain] : [name], properties: {}, origin: 'extracted' });
      index.add(name, id);
      if (yearless && !index.get(plain)) index.add(plain, id);
      pendingMentions.push({ entityId: id, passageId: p.id, start: c.start, end: c.end, text: c.text });
    }
    for (const [c, id] of ids) {
      implementsFromName(c, id, p, graph, index);
      // "the Sub-decree on the Establishment of the Disaster Committee": the body the instrument makes.
      const made = establishedInName(c);
      if (!made) continue;
      const bodyId = idFor(made, p);
      if (bodyId === id) continue;
      graph.upsertEntity({ id: bodyId, type: made.type, name: made.text, aliases: [made.text], properties: {}, origin: 'extracted' });
      index.add(made.text, bodyId);
      pendingMentions.push({ entityId: bodyId, passageId: p.id, start: made.start, end: made.end, text: made.text });
      const ev: Evidence = { passageId: p.id, start: c.start, end: c.end, quote: c.text };
      graph.addRelation(bodyId, 'ESTABLISHED_BY', id, [ev], { origin: 'automatic', rule: 'creation.in-name', confidence: 0.8 });
    }
    for (const sp of splits) {
      const a = ids.get(sp.part);
      const b = ids.get(sp.whole);
      if (!a || !b || a === b) continue;
      const [start, end] = [Math.min(sp.part.start, sp.whole.start), Math.max(sp.part.end, sp.whole.end)];
      const ev: Evidence = { passageId: p.id, start, end, quote: p.text.slice(start, end) };
      const prov: AutomaticProvenance = { origin: 'automatic', rule: sp.rule, confidence: 0.7 };
      graph.addRelation(a, 'PART_OF', b, [ev], { ...prov });
    }
  }
  return cache;
}

/** A name as printed, without a leading article, in lower case: how names are compared across the text. */
const nameKey = (text: string) => text.replace(/^the\s+/i, '').toLowerCase();

/**
 * "A of the B" where A is read inside more than one B: A is named by the whole phrase, still part
 * of B, so that two bodies of one name are not made one.
 */
function qualifyParts(found: ReturnType<typeof findNames>, text: string, containers: ReadonlyMap<string, ReadonlySet<string>>): ReturnType<typeof findNames> {
  const ambiguous = found.splits.filter((sp) => sp.rule === 'structure.of-the' && (containers.get(nameKey(sp.part.text))?.size ?? 0) > 1);
  if (!ambiguous.length) return found;
  const names = [...found.names];
  const splits = found.splits.filter((sp) => !ambiguous.includes(sp));
  for (const sp of ambiguous) {
    const whole: NameChunk = { ...sp.part, text: text.slice(sp.part.start, sp.whole.end), end: sp.whole.end, last: sp.whole.last };
    names[names.indexOf(sp.part)] = whole;
    splits.push({ part: whole, whole: sp.whole, rule: sp.rule });
  }
  return { names, splits };
}

/**
 * Step 2: references and relation rules. Relations already in the graph (curated) are kept as
 * they are; `curated` names the relation ids the curation states, so that a relation read from a
 * name in step 1 and also curated counts as curated.
 */
export function readRelations(passages: Passage[], cache: SentenceCache, graph: GraphDraft, curated: ReadonlySet<string> = new Set()): number {
  for (const id of curated) {
    const r = graph.relations.get(id);
    if (r?.properties.origin !== 'automatic') continue;
    delete r.properties.origin;
    delete r.properties.rule;
    delete r.properties.confidence;
  }
  readEditions(passages, graph);
  acronymsOfDatasets(graph);
  readRenamings(passages, cache, graph);
  const engine = new RelationEngine(RELATION_RULES, NOMINAL_RULES);
  const mentionsByPassage = groupBy([...graph.mentions.values()], (m) => m.passageId);
  const heads = new Map<string, string | null>();
  const describe = (id: string) => {
    const e = graph.entities.get(id);
    if (!e) return null;
    if (!heads.has(id)) heads.set(id, headWord(e.name));
    return { entityId: id, type: e.type, head: heads.get(id) ?? null };
  };
  let added = 0;
  let resolver = new ReferenceResolver(describe);
  let section: string | null = null;
  for (const p of passages) {
    const sentences = cache.get(p.id);
    if (!sentences) continue;
    const mentions = longestFirst(mentionsByPassage.get(p.id) ?? []);
    // References reach back through the section ("this group" after the paragraph naming it).
    if (p.section !== section || p.kind === 'note') resolver = new ReferenceResolver(describe);
    section = p.section;
    resolver.newPassage();
    added += partiesInNames(p, mentions, graph);
    for (const s of sentences) {
      const args: Argument[] = [];
      for (const m of mentions) {
        if (m.start < s.start || m.end > s.end) continue;
        const e = graph.entities.get(m.entityId);
        if (!e || args.some((a) => m.start < a.end && m.end > a.start)) continue;
        args.push({ entityId: m.entityId, type: e.type, start: m.start, end: m.end, reference: false });
      }
      const refs = resolver.resolve(s, args);
      if (!engine.mayMatch(s)) continue;
      const found = engine.apply(s, [...args, ...refs], () => tagWords(p.text, s));
      for (const f of found) {
        const id = `${f.source}|${f.type}|${f.target}`;
        const existing = graph.relations.get(id);
        if (existing && existing.properties.origin !== 'automatic') continue;
        const ev: Evidence = { passageId: p.id, start: f.start, end: f.end, quote: p.text.slice(f.start, f.end) };
        const prov: AutomaticProvenance = { origin: 'automatic', rule: f.rule, confidence: f.confidence };
        if (existing && Number(existing.properties.confidence) >= f.confidence) graph.addRelation(f.source, f.type, f.target, [ev]);
        else graph.addRelation(f.source, f.type, f.target, [ev], { ...prov });
        added++;
        // The reference is a mention of its antecedent: the evidence names both ends.
        for (const r of refs) {
          if (r.start >= f.start && r.end <= f.end && (r.entityId === f.source || r.entityId === f.target)) {
            const m: Mention = { entityId: r.entityId, passageId: p.id, start: r.start, end: r.end, text: p.text.slice(r.start, r.end) };
            graph.addMention(m);
          }
        }
      }
    }
  }
  return added + readCitedIssuers(passages, graph);
}

/**
 * "The treaty of extradition with the Argentine Republic": the name states a party (the other goes
 * unsaid); "the treaty of commerce between the United States and Japan", both.
 */
const PARTY_TYPES = new Set(['Country', 'Region', 'Ministry', 'GovernmentBody', 'InternationalOrganization', 'Organization']);
function partiesInNames(p: Passage, mentions: readonly Mention[], graph: GraphDraft): number {
  let added = 0;
  for (const m of mentions) {
    const agreement = graph.entities.get(m.entityId);
    if (agreement?.type !== 'Agreement' || !agreement.properties.with) continue;
    const named = p.text.slice(m.start, m.end);
    const withAt = Math.max(named.lastIndexOf(' with '), named.lastIndexOf(' between '));
    if (withAt < 0) continue;
    for (const c of mentions) {
      const party = graph.entities.get(c.entityId);
      if (c.start < m.start + withAt || c.end > m.end || !party || !PARTY_TYPES.has(party.type)) continue;
      // "with the Panama Canal Act": a country that only qualifies a longer name is no party.
      if (mentions.some((o) => o !== c && o !== m && o.start <= c.start && o.end >= c.end && o.end - o.start > c.end - c.start)) continue;
      const id = `${party.id}|PARTY_TO|${agreement.id}`;
      if (graph.relations.has(id)) continue;
      const ev: Evidence = { passageId: p.id, start: m.start, end: m.end, quote: p.text.slice(m.start, m.end) };
      graph.addRelation(party.id, 'PARTY_TO', agreement.id, [ev], { origin: 'automatic', rule: 'agreement.with-in-name', confidence: 0.8 });
      added++;
    }
  }
  return added;
}

/**
 * "Royal Decree on the Creation of the Financial Intelligence Unit", "Law on the Establishment and
 * Functioning of the Audit Office": an instrument's name states the body (or programme) it makes.
 */
const ON_ESTABLISHING = /\b(?:on|for|concerning) (?:the )?(?:establishment|creation|founding|setting[- ]up|formation|institution)(?: and (?:the )?\p{L}+)? of (?:the )?(\p{Lu}.+)$/iu;
const MADE_TYPES = new Set(['Ministry', 'GovernmentBody', 'Committee', 'ResearchOrganization', 'Organization', 'Programme', 'Project']);
function establishedInName(c: NameChunk): NameChunk | null {
  if (c.type !== 'LegalInstrument' && c.type !== 'Policy') return null;
  const m = ON_ESTABLISHING.exec(c.text);
  const tail = m?.[1];
  const type = tail ? typeOfName(tail) : null;
  if (!tail || !type || !MADE_TYPES.has(type)) return null;
  const start = c.end - tail.length;
  return { ...c, text: tail, name: undefined, start, type };
}

/** "Working Group for Implementation of the MoU with Thailand": the name states what the body implements. */
const FOR_IMPLEMENTING = /\bfor (?:the )?implement(?:ation|ing) of (?:the )?(.+)$/i;
const BODY_TYPES = new Set(['Ministry', 'GovernmentBody', 'Committee']);
function implementsFromName(c: NameChunk, id: string, p: Passage, graph: GraphDraft, index: NameIndex): void {
  if (!BODY_TYPES.has(c.type)) return;
  const m = FOR_IMPLEMENTING.exec(c.text);
  const target = m ? index.get(m[1]!) : undefined;
  const t = target ? graph.entities.get(target) : undefined;
  if (!t || !['Agreement', 'LegalInstrument', 'Policy'].includes(t.type) || target === id) return;
  const start = c.start + c.text.length - m![1]!.length;
  graph.addMention({ entityId: target!, passageId: p.id, start, end: c.end, text: p.text.slice(start, c.end) });
  const ev: Evidence = { passageId: p.id, start: c.start, end: c.end, quote: c.text };
  const prov: AutomaticProvenance = { origin: 'automatic', rule: 'work.implements-in-name', confidence: 0.8 };
  graph.addRelation(id, 'IMPLEMENTS', target!, [ev], { ...prov });
}

/**
 * "CSES 2007", "the Census 2010": a dataset's name with a year names one edition of it, an
 * entity of its own, part of the series.
 */
export function readEditions(passages: Passage[], graph: GraphDraft): void {
  const byId = new Map(passages.map((p) => [p.id, p]));
  for (const m of [...graph.mentions.values()]) {
    const e = graph.entities.get(m.entityId);
    if (e?.type !== 'Dataset') continue;
    const p = byId.get(m.passageId);
    const year = p ? /^ ((?:19|20)\d\d)\b(?!-)/.exec(p.text.slice(m.end, m.end + 6)) : null;
    if (!p || !year) continue;
    const series = e.id.replace(/-(?:19|20)\d\d$/, '');
    if (series !== e.id) continue;
    const id = `${series}-${year[1]}`;
    const name = `${m.text} ${year[1]}`;
    graph.upsertEntity({ id, type: 'Dataset', name, aliases: [name], properties: { year: Number(year[1]) }, origin: 'extracted' });
    const end = m.end + year[0].length;
    graph.addMention({ entityId: id, passageId: p.id, start: m.start, end, text: p.text.slice(m.start, end) });
    const ev: Evidence = { passageId: p.id, start: m.start, end, quote: p.text.slice(m.start, end) };
    if (!graph.relations.has(`${id}|PART_OF|${e.id}`)) graph.addRelation(id, 'PART_OF', e.id, [ev], { origin: 'automatic', rule: 'structure.edition', confidence: 0.8 });
  }
}

/**
 * "(HDI, 2015)" cites an index, not an organisation: an acronym read as a citation's author whose
 * letters are the initials of a dataset named in the text ("Human Development Index") is that
 * dataset, and the citing study uses its data.
 */
function acronymsOfDatasets(graph: GraphDraft): void {
  const byInitials = new Map<string, string>();
  for (const e of graph.entities.values()) {
    if (e.type !== 'Dataset') continue;
    const initials = e.name.split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join('');
    if (initials.length >= 2) byInitials.set(initials, e.id);
  }
  for (const e of [...graph.entities.values()]) {
    if (e.origin === 'curated' || (e.type !== 'Organization' && e.type !== 'Person') || !/^\p{Lu}{2,}$/u.test(e.name)) continue;
    const dataset = byInitials.get(e.name);
    if (!dataset) continue;
    for (const r of [...graph.relations.values()]) {
      if (r.target !== e.id || (r.type !== 'PUBLISHED_BY' && r.type !== 'AUTHORED_BY')) continue;
      graph.relations.delete(r.id);
      graph.addRelation(r.source, 'USES_DATA', dataset, r.evidence, { origin: 'automatic', rule: 'names.acronym-of-dataset', confidence: 0.7 });
    }
    graph.merge(e.id, dataset);
  }
}

/** An acronym announced by "a project ... (ACRONYM)" is an entity of the phrase's kind. */
function announceAcronym(p: Passage, s: Sentence, graph: GraphDraft, index: NameIndex): void {
  for (const { acronym, type } of announcedAcronyms(p.text.slice(s.start, s.end))) {
    if (index.get(acronym)) continue;
    const id = `${ID_PREFIX[type]}:${slugify(acronym)}`;
    graph.upsertEntity({ id, type, name: acronym, aliases: [acronym], properties: {}, origin: 'extracted' });
    index.add(acronym, id);
  }
}

function longestFirst(ms: Mention[]): Mention[] {
  return [...ms].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
}

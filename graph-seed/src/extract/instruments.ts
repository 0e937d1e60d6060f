/**
 * Legal instruments, agreements and plans named in running text: "Sub-decree 70 in July 2006",
 * "Prakas 012/07 in January 2007", "Act on Foreign Worker Employment", "the MoU with Thailand",
 * "National Strategic Development Plan 2014-2018". Each match carries its span and, where the
 * sentence gives one, the year.
 */
import type { EntityType } from '../model/ontology';
import { slugify } from '../model/ontology';

export interface InstrumentMatch {
  id: string;
  type: EntityType;
  name: string;
  start: number;
  end: number;
  properties: Record<string, string | number>;
}

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const DATE_AFTER = new RegExp(`^[^.;]{0,90}?\\b(?:(?:dated|in|on|of)\\s+)?(?:(\\d{1,2})\\s+)?(?:(${MONTHS})\\s+)?((?:19|20)\\d\\d)\\b`);

function dateAfter(text: string, end: number): { year?: number; date?: string } {
  const m = DATE_AFTER.exec(text.slice(end));
  if (!m) return {};
  const date = [m[1], m[2], m[3]].filter(Boolean).join(' ');
  return { year: Number(m[3]), ...(m[2] ? { date } : {}) };
}

interface Rule {
  re: RegExp;
  build(m: RegExpExecArray, text: string): Omit<InstrumentMatch, 'start' | 'end'> | null;
}

const RULES: Rule[] = [
  {
    re: /\bSub-decree\s+(?:No\.\s*)?(\d+)\b(?:\s+on\s+(the\s+[A-Z][^,.;]*?))?(?=[,.;]|\s+dated|\s+in\b|$)/g,
    build(m, text) {
      const { year, date } = dateAfter(text, m.index + m[0].length);
      const props: Record<string, string | number> = { kind: 'Sub-decree', number: m[1]! };
      if (year) props.year = year;
      if (date) props.date = date;
      if (m[2]) props.title = m[2].replace(/^the\s+/, '');
      return { id: `subdecree:${m[1]}${year ? `-${year}` : ''}`, type: 'LegalInstrument', name: `Sub-decree ${m[1]}${year ? ` (${year})` : ''}`, properties: props };
    },
  },
  {
    re: /\bPrakas\s+(?:No\.\s*)?(\d+\/\d+)/g,
    build(m, text) {
      const { year, date } = dateAfter(text, m.index + m[0].length);
      const props: Record<string, string | number> = { kind: 'Prakas', number: m[1]! };
      if (year) props.year = year;
      if (date) props.date = date;
      return { id: `prakas:${slugify(m[1]!)}`, type: 'LegalInstrument', name: `Prakas ${m[1]}`, properties: props };
    },
  },
  {
    re: /\b(Act|Law)\s+on\s+(?:the\s+)?([A-Z][\w-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w-]*){0,6})/g,
    build(m) {
      const name = `${m[1]} on ${m[2]}`;
      return { id: `${m[1]!.toLowerCase()}:${slugify(m[2]!)}`, type: 'LegalInstrument', name, properties: { kind: m[1]! } };
    },
  },
  {
    // "the MoU with Thailand"; "the MoU between Chile and Peru" is named, as seen from the first
    // party, after the second.
    re: /\b(?:MoU|MOU|Memorandum of Understanding)\s+(?:with|between\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s+and)\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)/g,
    build(m) {
      return { id: `mou:${slugify(m[1]!)}`, type: 'Agreement', name: `MoU with ${m[1]}`, properties: { kind: 'MoU', with: m[1]! } };
    },
  },
];

const PERIOD = '(?:19|20)\\d\\d-(?:19|20)\\d\\d';
/**
 * A plan, policy or strategy named with its period ("Green Growth Strategy 2016-2020",
 * "its 2014-2018 National Development Plan"), or a national one without ("National Water
 * Policy"). A plural head with several periods ("Strategic Plans 2010-2013 and 2014-2018") names
 * one plan per period: the first spans the name and its period, the others their period.
 */
// "Gender-Responsive Action Plan": a hyphenated modifier is one word of the name.
const PLAN = new RegExp(`(?<![\\w-])((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)*\\s+){0,5})(Plans?|Polic(?:y|ies)|Strateg(?:y|ies))(?:\\s+(${PERIOD})((?:\\s*(?:,|and)\\s+${PERIOD})*))?\\b`, 'g');
/** A period just before a name ("its 2014-2018 National Development Plan"). */
const PERIOD_BEFORE = new RegExp(`(${PERIOD})\\s+$`);
const LEADING_FUNCTION_WORDS = /^(?:(?:The|This|These|That|Its|Their|Our|In|Under|By|For|With|A|An|And|Of|On|To|From|At)\s+)+/;
const SINGULAR: Record<string, string> = { Plans: 'Plan', Policies: 'Policy', Strategies: 'Strategy' };

function plans(text: string): InstrumentMatch[] {
  const out: InstrumentMatch[] = [];
  const period = new RegExp(PERIOD, 'g');
  PLAN.lastIndex = 0;
  for (let m = PLAN.exec(text); m; m = PLAN.exec(text)) {
    const lead = LEADING_FUNCTION_WORDS.exec(m[1]!)?.[0] ?? '';
    const modifiers = m[1]!.slice(lead.length);
    if (!modifiers) continue;
    const head = m[2]!;
    const plural = head in SINGULAR;
    const name = `${modifiers}${SINGULAR[head] ?? head}`;
    const start = m.index + lead.length;
    const nameEnd = m.index + m[1]!.length + head.length;
    const found: { period: string; at: number }[] = [];
    for (let p = (period.lastIndex = nameEnd, period.exec(text)); p && p.index < m.index + m[0].length; p = period.exec(text)) found.push({ period: p[0], at: p.index });
    const before = PERIOD_BEFORE.exec(text.slice(Math.max(0, start - 12), start));
    if (!found.length && before && !plural) {
      out.push({ id: `policy:${slugify(name)}-${before[1]}`, type: 'Policy', name: `${name} ${before[1]}`, properties: { period: before[1]! }, start, end: nameEnd });
    } else if (!found.length) {
      if (!plural && /^National\s/.test(name)) out.push({ id: `policy:${slugify(name)}`, type: 'Policy', name, properties: {}, start, end: nameEnd });
    } else {
      found.forEach(({ period: p, at }, k) =>
        out.push({ id: `policy:${slugify(name)}-${p}`, type: 'Policy', name: `${name} ${p}`, properties: { period: p }, start: k === 0 ? start : at, end: at + p.length }),
      );
    }
  }
  return out;
}

/**
 * An agreement named by what it is about and whom it is with or between, capitals or not: "a
 * treaty of extradition with the Argentine Republic", "the arbitration convention with Peru",
 * "the Convention with Great Britain", "the treaty of commerce and navigation between the United
 * States and Japan". Without its capitalised parties such a phrase names no one agreement ("the
 * treaty", "a new convention").
 */
// A party's name ends where its capitalised words end: "with the Panama Canal Act" names an act, not Panama.
const PARTY = "(?:the\\s+)?[A-Z][\\w'’-]*(?:\\s+(?:of\\s+)?[A-Z][\\w'’-]*){0,3}(?![\\w'’-]|\\s+(?:of\\s+)?[A-Z])";
const AGREEMENT_WITH = new RegExp(
  `(?<![\\w-])((?:[a-z][a-z-]*\\s+){0,3})([Tt]reaty|[Cc]onvention|[Aa]greement|[Aa]rrangement|[Pp]rotocol|[Mm]emorandum\\s+of\\s+[Uu]nderstanding|[Aa]ccord|[Pp]act)((?:\\s+(?:of|on|for)\\s+[a-z]+(?:\\s+(?:and\\s+)?[a-z]+){0,3})?)\\s+(?:with\\s+(${PARTY})|between\\s+(${PARTY})\\s+and\\s+(${PARTY}))`,
  'g',
);
/** Words before the head that are not part of the name: articles, and words that say which one, not what. */
const NOT_A_MODIFIER = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'their', 'our', 'his', 'her', 'my', 'your', 'any', 'each', 'every', 'no', 'some', 'such', 'new', 'recent', 'said', 'proposed', 'pending', 'present', 'existing', 'former', 'latter', 'last', 'first', 'second', 'previous', 'same', 'other', 'which', 'whose', 'and', 'or', 'of', 'to', 'in', 'by', 'with', 'for', 'on', 'at', 'from', 'into', 'under', 'is', 'was', 'are', 'were', 'be', 'been', 'has', 'have', 'had', 'signed', 'concluded', 'ratified', 'negotiated']);

const CLAUSE_WORDS = new Set(['how', 'what', 'when', 'where', 'whether', 'why', 'who', 'it', 'them', 'us', 'not', 'will', 'would', 'should', 'can', 'could', 'may', 'must', 'shall']);

/** Where a name starts: after the words before its head that are not part of it. */
function nameStart(m: RegExpExecArray): number {
  const words = [...m[1]!.matchAll(/\S+/g)];
  let keep = words.length;
  while (keep > 0 && !NOT_A_MODIFIER.has(words[keep - 1]![0])) keep--;
  return m.index + (keep < words.length ? words[keep]!.index : m[1]!.length);
}

/**
 * An agreement or a law named by its date: "the treaty of April 11, 1908", "the Convention
 * signed May 24, 1897", "a protocol concluded on 3 March 2001", "the act of August 5, 1909",
 * "the treaty of 1832".
 */
const INSTRUMENT_DATED = new RegExp(
  `(?<![\\w-])((?:[a-z][a-z-]*\\s+){0,3})([Tt]reaty|[Cc]onvention|[Aa]greement|[Aa]rrangement|[Pp]rotocol|[Aa]ct|[Ll]aw|[Ss]tatute|[Oo]rdinance)\\s+(?:of|signed|concluded|dated|approved|enacted)\\s+(?:on\\s+)?(?:(?:(\\d{1,2})\\s+)?(${MONTHS})\\s+(?:(\\d{1,2}),?\\s+)?)?((?:1[5-9]|20)\\d\\d)\\b`,
  'g',
);
const LAW_HEADS = new Set(['act', 'law', 'statute', 'ordinance']);

function instrumentsDated(text: string): InstrumentMatch[] {
  const out: InstrumentMatch[] = [];
  INSTRUMENT_DATED.lastIndex = 0;
  for (let m = INSTRUMENT_DATED.exec(text); m; m = INSTRUMENT_DATED.exec(text)) {
    let start = nameStart(m);
    // "the Energy Security Act of 1980", "the Anglo-Venezuelan treaty of 1897": capitalised words
    // before the head are the name's own. The name reader has it whole when its head is
    // capitalised and the date a year alone; a month cuts it there ("Refugee Relief Act of
    // August"), so the words are taken in.
    const named = m[1] === '' ? /(?<![\w'’-])(?!(?:The|A|An|This|That|Its|Their|Our)\s)(?:[A-Z][\w'’-]*\s+|\([A-Z][\w'’ -]*\)\s+){1,6}$/.exec(text.slice(Math.max(0, m.index - 120), m.index)) : null;
    if (named && !m[4] && /^[A-Z]/.test(m[2]!)) continue;
    if (named) start = m.index - named[0].length;
    const end = m.index + m[0].length;
    const name = text.slice(start, end).replace(/\s+/g, ' ');
    const date = [m[3] ?? m[5], m[4], m[6]].filter(Boolean).join(' ');
    const kind = m[2]!.toLowerCase();
    const law = LAW_HEADS.has(kind);
    out.push({ id: `${law ? 'law' : 'agreement'}:${slugify(name)}`, type: law ? 'LegalInstrument' : 'Agreement', name, properties: { kind, date, year: Number(m[6]) }, start, end });
  }
  return out;
}

function agreementsWith(text: string): InstrumentMatch[] {
  const out: InstrumentMatch[] = [];
  AGREEMENT_WITH.lastIndex = 0;
  for (let m = AGREEMENT_WITH.exec(text); m; m = AGREEMENT_WITH.exec(text)) {
    const start = nameStart(m);
    // "in agreement with", "in accord with": an idiom of consent, not an agreement.
    if (/(?:^|\s)in\s+$/.test(m[1]!) && m[3] === '') continue;
    // "agreement on how to proceed with Japan": a clause, not what the agreement is about.
    if (m[3]!.trim().split(/\s+/).slice(1).some((w) => w !== 'and' && (NOT_A_MODIFIER.has(w) || CLAUSE_WORDS.has(w)))) continue;
    const parties = (m[4] ? [m[4]] : [m[5]!, m[6]!]).map((p) => p.replace(/^the\s+/, ''));
    const name = text.slice(start, m.index + m[0].length).replace(/\s+/g, ' ');
    out.push({ id: `agreement:${slugify(name)}`, type: 'Agreement', name, properties: { kind: m[2]!.toLowerCase().replace(/\s+/g, ' '), with: parties.join(' and ') }, start, end: m.index + m[0].length });
  }
  return out;
}

export function extractInstruments(text: string): InstrumentMatch[] {
  const out: InstrumentMatch[] = [...plans(text), ...agreementsWith(text), ...instrumentsDated(text)];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const built = rule.build(m, text);
      if (!built) continue;
      // The span is the name as printed, without a trailing title clause.
      const printed = m[0].split(/\s+on\s+the\s+/)[0]!;
      out.push({ ...built, start: m.index, end: m.index + printed.length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

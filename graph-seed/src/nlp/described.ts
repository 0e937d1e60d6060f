/**
 * Instruments a text describes instead of naming: "the Government issued a guideline on the
 * management of fisheries", "a new decree on land titles was adopted". A phrase of a determiner,
 * at most two modifiers, an instrument head and its "on / for" complement is an instrument when
 * it is the object or the passive subject of a verb of issuing. Its name is the head and the
 * complement ("Guideline on the management of fisheries"); its span is the whole phrase, so that
 * a rule reading "X issued ..." has it as an argument.
 */
import type { NameChunk } from './names';
import { typeOfHead } from './heads';
import type { Sentence, Word } from './sentences';

const ISSUING = new Set(['issued', 'adopted', 'approved', 'enacted', 'introduced', 'formulated', 'launched', 'published', 'promulgated', 'passed', 'drafted', 'released']);
const HEADS = new Set(['guideline', 'guidelines', 'policy', 'plan', 'strategy', 'decree', 'law', 'regulation', 'regulations', 'circular', 'directive', 'framework', 'roadmap',
  'agreement', 'treaty', 'convention', 'protocol', 'accord', 'memorandum']);
/** Agreements are signed as well as adopted: "signed a memorandum of understanding on labour cooperation". */
const AGREEMENT_HEADS = new Set(['agreement', 'treaty', 'convention', 'protocol', 'accord', 'memorandum']);
const SIGNING = new Set(['signed', 'concluded', 'ratified', 'negotiated']);
const DETERMINERS = new Set(['a', 'an', 'the', 'its', 'their', 'his', 'her']);
/** Words that end the complement: a clause or another phrase begins. */
const STOPS = new Set(['requiring', 'which', 'that', 'who', 'whose', 'was', 'were', 'is', 'are', 'has', 'have', 'had', 'and', 'but', 'to', 'by', 'under', 'with', 'in', 'as', 'after', 'before', 'since', 'until', 'because', 'while']);
const MAX_COMPLEMENT = 8;

const isWordLike = (w: Word | undefined) => !!w && /^[\p{L}\d]/u.test(w.text);

/** The phrase starting at the determiner `i`, or null: [head index, complement end index]. */
function phraseAt(w: readonly Word[], i: number): { head: number; last: number } | null {
  if (!DETERMINERS.has(w[i]?.lower ?? '')) return null;
  let h = i + 1;
  // At most two modifiers, in lower case ("first", "new national").
  while (h < i + 3 && w[h] && !HEADS.has(w[h]!.lower) && /^\p{Ll}[\p{Ll}-]*$/u.test(w[h]!.text) && !STOPS.has(w[h]!.lower)) h++;
  if (!w[h] || !HEADS.has(w[h]!.lower)) return null;
  // "memorandum of understanding on ...": the head's own complement.
  const after = w[h]!.lower === 'memorandum' && w[h + 1]?.lower === 'of' && w[h + 2]?.lower === 'understanding' ? h + 3 : h + 1;
  if (!/^(?:on|for)$/.test(w[after]?.lower ?? '')) return null;
  let last = after;
  for (let k = after + 1; k < w.length && k <= after + MAX_COMPLEMENT; k++) {
    if (!isWordLike(w[k]) || STOPS.has(w[k]!.lower)) break;
    last = k;
  }
  return last > after ? { head: h, last } : null;
}

/** "the second policy", "a new decree": one of several of the same description. */
const ORDINALS = new Set(['first', 'second', 'third', 'fourth', 'new', 'revised', 'previous', 'latest', 'current', 'updated', 'amended']);

/**
 * The phrase as a name, dated by the year nearest to it in the sentence ("Policy on labour
 * markets (2014)"): descriptions repeat ("the second policy on ..."), their years tell them
 * apart. Without a year, a phrase with an ordinal is left out.
 */
function chunk(s: Sentence, text: string, first: number, head: number, last: number): NameChunk | null {
  const w = s.words;
  const type = typeOfHead(w[head]!.text);
  if (!type) return null;
  const start = w[first]!.start;
  const end = w[last]!.end;
  const h = w[head]!.text;
  const years = w.map((x, k) => ({ k, year: /^(?:19|20)\d\d$/.test(x.text) ? x.text : null })).filter((y) => y.year);
  const nearest = years.sort((a, b) => Math.abs(a.k - head) - Math.abs(b.k - head))[0]?.year;
  if (!nearest && w.slice(first + 1, head).some((x) => ORDINALS.has(x.lower))) return null;
  const name = `${h[0]!.toUpperCase()}${h.slice(1)}${text.slice(w[head]!.end, end)}${nearest ? ` (${nearest})` : ''}`;
  return { text: text.slice(start, end), name, start, end, type, first, last };
}

/** Verbs of creating, and the heads of what a text creates by an instrument without naming it. */
const CREATING = new Set(['created', 'established', 'introduced', 'launched', 'instituted']);
const SYSTEM_HEADS = new Set(['system', 'scheme', 'mechanism', 'programme', 'program']);
const BY_MEANS = new Set(['via', 'through', 'under']);

/**
 * "created an employment permit system via the Act on ...": a determiner, at most three
 * modifiers in lower case and a head such as "system" or "scheme", the object of a verb of
 * creating and followed by the means ("via / through / under"). A Programme named by its words
 * ("Employment permit system"), so that the creation rule has it as an argument.
 */
function describedSystem(s: Sentence, text: string, i: number): NameChunk | null {
  const w = s.words;
  if (!CREATING.has(w[i - 1]?.lower ?? '') || !/^(?:a|an|the|its|their)$/.test(w[i]?.lower ?? '')) return null;
  let h = i + 1;
  while (h < i + 4 && w[h] && !SYSTEM_HEADS.has(w[h]!.lower) && /^\p{Ll}[\p{Ll}-]*$/u.test(w[h]!.text) && !STOPS.has(w[h]!.lower)) h++;
  if (h === i + 1 || !SYSTEM_HEADS.has(w[h]?.lower ?? '') || !BY_MEANS.has(w[h + 1]?.lower ?? '')) return null;
  const words = text.slice(w[i + 1]!.start, w[h]!.end);
  return { text: text.slice(w[i]!.start, w[h]!.end), name: `${words[0]!.toUpperCase()}${words.slice(1)}`, start: w[i]!.start, end: w[h]!.end, type: 'Programme', first: i, last: h };
}

/** The described instruments of a sentence that do not overlap the names already read in it. */
export function describedInstruments(s: Sentence, text: string, named: readonly NameChunk[]): NameChunk[] {
  const w = s.words;
  const out: NameChunk[] = [];
  for (let i = 0; i < w.length; i++) {
    const system = describedSystem(s, text, i);
    if (system && !named.some((n) => n.start < system.end && system.start < n.end)) {
      out.push(system);
      i = system.last;
      continue;
    }
    const p = phraseAt(w, i);
    if (!p) continue;
    // Object of an issuing verb ("issued a guideline on ..."), or passive subject ("the policy on
    // ... was formulated").
    const verb = (x: Word | undefined) => !!x && (ISSUING.has(x.lower) || (AGREEMENT_HEADS.has(w[p.head]!.lower) && SIGNING.has(x.lower)));
    const object = verb(w[i - 1]);
    const subject = /^(?:was|were)$/.test(w[p.last + 1]?.lower ?? '') && verb(w[p.last + 2]);
    if (!object && !subject) continue;
    const c = chunk(s, text, i, p.head, p.last);
    if (c && !named.some((n) => n.start < c.end && c.start < n.end)) out.push(c);
    i = p.last;
  }
  return out;
}

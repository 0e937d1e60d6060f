/**
 * Capitalised names in a sentence: runs of capitalised words joined by "of / for / on / and / &"
 * (and "the" after "of"), never across "and the", typed by their head noun. "A of the B", where
 * both halves have a head, is read as two names, A inside B ("the Department of Employment and
 * Manpower of the General Directorate of Labour").
 */
import type { EntityType } from '../model/ontology';
import { headOf, isHeadNoun, namesOneInstitution } from './heads';
import type { Sentence, Word } from './sentences';

export interface NameChunk {
  /** The words as printed. */
  text: string;
  /** The name, where it is not the words as printed (an instrument the text describes). */
  name?: string;
  start: number;
  end: number;
  type: EntityType;
  /** Index of the first word of the chunk in the sentence. */
  first: number;
  last: number;
}

export interface NameSplit {
  part: NameChunk;
  whole: NameChunk;
  /** How the text says it: "A of the B" (structure.of-the), or "B's A" (structure.possessive). */
  rule: 'structure.of-the' | 'structure.possessive';
}

/** Capitalised function words: they open sentences, never names. */
const FUNCTION_WORDS = new Set(
  ('the a an this that these those it its in on at by for from of to with as and but or however while since after before during under ' +
    'between among although because if when where which who both each every all some most many such other our their his her there here ' +
    'also then thus yet so not no following according despite given through within without over about into per across besides').split(' '),
);
const BODIES = new Set<EntityType>(['Ministry', 'GovernmentBody', 'Committee', 'InternationalOrganization', 'ResearchOrganization', 'Organization']);
/** What a body has as its own units: offices, boards, committees, institutes. */
const UNITS = new Set<EntityType>(['GovernmentBody', 'Committee', 'ResearchOrganization']);
const AGREEMENT_HEAD = /^(?:MoU|MOU|Memorandum|Agreement|Treaty|Convention|Accord|Protocol)$/;
/** "the Board", "this Committee": a bare head after these points back at a name, it is not one. */
const DETERMINERS = new Set(['the', 'this', 'that', 'these', 'those', 'a', 'an', 'its', 'their', 'each', 'every', 'any', 'such']);
const JOINERS = new Set(['of', 'for', 'on', 'and', '&']);
const YEAR = /^(?:1[5-9]|20)\d\d$/;
const INSTRUMENT_WORD = /^(?:act|law|code|decree|order|ordinance|regulations?|statute|treaty|convention|agreement|accord|protocol|charter|amendments?)$/i;
/** Heads an instrument's number follows ("Decree No. 112"). */
const INSTRUMENT_HEAD_WORD = /^(?:act|law|code|decree|sub-decree|order|regulations?|statute|ordinance|resolution|circular|directive|prakas|convention|notification|instruction|proclamation)$/i;

/** The name without a year after its instrument's head ("Clean Air Act of 1970" -> "Clean Air Act"), or itself. */
export const withoutYear = (name: string) => name.replace(/ of (?:1[5-9]|20)\d\d$/, '');

const isCapitalised = (w: Word) => /^[\p{Lu}]/u.test(w.text) || /^(?:mou|sub-decree)$/i.test(w.text);
const isNameWord = (w: Word) => isCapitalised(w) && /[\p{L}]/u.test(w.text) && !FUNCTION_WORDS.has(w.lower);
const POSSESSIVE = /^[’']s$/;
const isPossessive = (w: Word | undefined) => !!w && POSSESSIVE.test(w.text);

const isAcronym = (w: Word) => /^[\p{Lu}]{2,}s?$/u.test(w.text);

function possessiveInside(w: Word[], first: number, at: number): boolean {
  const before = w.slice(first, at);
  const last = before[before.length - 1]!;
  if (isAcronym(last) || isHeadNoun(last.text)) return false;
  // "Ministry of Women's Affairs": the name's head came before, unless what follows has a head
  // of its own ("the Ministry of Health's Nutrition Strategy": two names).
  if (before.some((x) => isHeadNoun(x.text))) {
    let k = at + 1;
    while (w[k + 1] && isNameWord(w[k + 1]!)) k++;
    return !headOf(w.slice(at + 1, k + 1).map((x) => x.text));
  }
  // "the People's Court", "the Prime Minister's Office": a bare head closes the name.
  const next = w[at + 1];
  const after = w[at + 2];
  return !!next && isHeadNoun(next.text) && !(after && isNameWord(after));
}

function typed(s: Sentence, text: string, first: number, last: number): NameChunk | null {
  const ws = s.words.slice(first, last + 1).map((w) => w.text).filter((t) => !POSSESSIVE.test(t));
  const head = headOf(ws);
  if (!head) return null;
  const start = s.words[first]!.start;
  const end = s.words[last]!.end;
  return { text: text.slice(start, end), start, end, first, last, type: head.type };
}

/** Every maximal capitalised run of the sentence, typed; untyped runs are left out. */
export function findNames(s: Sentence, text: string): { names: NameChunk[]; splits: NameSplit[] } {
  const names: NameChunk[] = [];
  const splits: NameSplit[] = [];
  const w = s.words;
  let i = 0;
  while (i < w.length) {
    if (!isNameWord(w[i]!)) {
      i++;
      continue;
    }
    let last = i;
    let j = i + 1;
    while (j < w.length) {
      const cur = w[j]!;
      // "Decree No. 112", "Law No. 12/2003": a number after an instrument's head.
      if (/^no\.?$/i.test(cur.text) && INSTRUMENT_HEAD_WORD.test(w[j - 1]!.text)) {
        let k = j + 1;
        if (w[k]?.text === '.') k++;
        if (w[k] && /^\d+(?:[/.-]\d+)*$/.test(w[k]!.text)) {
          last = k;
          j = k + 1;
          continue;
        }
      }
      if (isNameWord(cur) || /^\d+(?:[/-]\d+)*$/.test(cur.text) && isNameWord(w[j - 1]!) && /decree|prakas|order|resolution|law|act/i.test(w[j - 1]!.text)) {
        last = j;
        j++;
        continue;
      }
      // "Decree No. 112 of 2016": the year of a numbered instrument.
      if (cur.lower === 'of' && w[j + 1] && YEAR.test(w[j + 1]!.text) && /^\d/.test(w[j - 1]!.text) && w.slice(i, j).some((x) => /^no\.?$/i.test(x.text))) {
        last = j + 1;
        j += 2;
        continue;
      }
      // "the Overseas Employment (Amendment) Act": a bracketed word or two inside a name.
      if (cur.text === '(' && cur.start === w[j - 1]!.end + 1) {
        let k = j + 1;
        while (k < j + 3 && w[k] && isNameWord(w[k]!)) k++;
        if (k > j + 1 && w[k]?.text === ')' && w[k + 1] && isNameWord(w[k + 1]!)) {
          j = k + 1;
          continue;
        }
      }
      // "Socio-Economic": a hyphen with no space either side.
      if (cur.text === '-' && cur.start === w[j - 1]!.end && w[j + 1] && w[j + 1]!.start === cur.end && isNameWord(w[j + 1]!)) {
        j++;
        continue;
      }
      // "Ministry of Women's Affairs": a possessive on a modifier inside a name; not "MOLVT's
      // plan", "Cambodia's Board" or "the World Bank's survey", where it joins two names.
      if (isPossessive(cur) && w[j + 1] && isNameWord(w[j + 1]!) && possessiveInside(w, i, j)) {
        j++;
        continue;
      }
      // "MoU with Thailand", "Agreement with Japan": agreements are named after their parties.
      if (cur.lower === 'with' && AGREEMENT_HEAD.test(w[j - 1]!.text) && w[j + 1] && isNameWord(w[j + 1]!)) {
        j++;
        continue;
      }
      // "the Clean Air Act of 1970": a year after an instrument's head belongs to its name.
      if (cur.lower === 'of' && w[j + 1] && YEAR.test(w[j + 1]!.text) && INSTRUMENT_WORD.test(w[j - 1]!.text)) {
        last = j + 1;
        j += 2;
        continue;
      }
      if (JOINERS.has(cur.lower)) {
        let k = j + 1;
        if (cur.lower === 'and' && w[k]?.lower === 'the') break;
        // "MOLVT and Provincial Departments": "and" after a complete name joins two names.
        if (cur.lower === 'and' && (isAcronym(w[j - 1]!) || isHeadNoun(w[j - 1]!.text))) break;
        if (cur.lower !== 'and' && w[k]?.lower === 'the') k++;
        if (w[k] && isNameWord(w[k]!)) {
          j = k;
          continue;
        }
      }
      break;
    }
    const bare = headOf(w.slice(i, last + 1).map((x) => x.text));
    const determined = i === 0 || DETERMINERS.has(w[i - 1]!.lower);
    // A bare head is a name only for a body named without article ("approved by Parliament");
    // "the Board", "(MoU)", "Prakas" are references or kinds.
    const whole = bare?.bare && (determined || !BODIES.has(bare.type)) && !namesOneInstitution(w[i]!.text) ? null : typed(s, text, i, last);
    if (whole) {
      names.push(whole);
      // "A of the B": both halves named and typed.
      for (let k = i + 1; k < last; k++) {
        if (w[k]!.lower !== 'of' || w[k + 1]?.lower !== 'the') continue;
        // "Committee for Judges of the Constitutional Court": after "for" or "on", "of the B"
        // belongs to the object ("Judges"), and the name is one.
        if (w.slice(i, k).some((x) => x.lower === 'for' || x.lower === 'on')) break;
        const part = typed(s, text, i, k - 1);
        const container = typed(s, text, k + 2, last);
        if (part && container && k - i >= 2 && BODIES.has(part.type) && BODIES.has(container.type)) {
          names.pop();
          names.push(part, container);
          splits.push({ part, whole: container, rule: 'structure.of-the' });
        } else if (k - i === 1 && container && BODIES.has(container.type)) {
          // "the Secretariat of the National Committee ...": the body named is B; a bare head
          // before it is no name of its own.
          names.pop();
          names.push(container);
        }
        break;
      }
    }
    i = last + 1;
  }
  // "the Energy Agency's Advisory Board": a body's own unit, named after its possessive (not
  // "the US Government's Foreign Terrorist Organization list", a list).
  for (let k = 1; k < names.length; k++) {
    const [whole, part] = [names[k - 1]!, names[k]!];
    if (part.first === whole.last + 2 && isPossessive(w[whole.last + 1]) && BODIES.has(whole.type) && UNITS.has(part.type)) splits.push({ part, whole, rule: 'structure.possessive' });
  }
  return { names, splits };
}

/**
 * Repairs of the PDF's font artefacts in display text. One of the report's fonts prints the
 * capitals K, L, U and V as lower case: "MOlvT", "uSD", "korea", "Eu", "lao PDR", "lee",
 * "OvERvIEW". Repairs only change letter case (plus a few listed tokens), never the words.
 */
import lexiconData from '../../data/proper-nouns.json' with { type: 'json' };
import { countryEntries, provinceEntries } from '../extract/gazetteer';

const isArtefact = (ch: string) => 'kluv'.includes(ch);
const upperFirst = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

export interface Lexicon {
  /** lower-case word -> repaired word ("korea" -> "Korea"). */
  words: Map<string, string>;
  /** Phrases whose artefact words are repaired together ("united nations"). */
  phrases: string[];
  /** Whole tokens replaced as listed ("Mou" -> "MoU"). */
  tokens: Map<string, string>;
}

/** English words that also occur in country names; never treat them as names on their own. */
const COMMON_WORDS = new Set(['united', 'union', 'kingdom', 'virgin', 'vincent', 'lucia', 'leone', 'verde', 'usa']);

let defaultLexicon: Lexicon | undefined;

export function buildLexicon(): Lexicon {
  if (defaultLexicon) return defaultLexicon;
  const words = new Map<string, string>();
  const add = (w: string) => {
    const lower = w.toLowerCase();
    if (isArtefact(lower.charAt(0)) && !COMMON_WORDS.has(lower) && /^\p{Lu}\p{Ll}+$/u.test(w)) words.set(lower, w);
  };
  for (const c of countryEntries()) for (const n of [c.name, ...c.aliases]) n.split(/[\s-]+/).forEach(add);
  for (const p of provinceEntries()) for (const n of [p.name, ...p.aliases]) n.split(/\s+/).forEach(add);
  lexiconData.words.forEach(add);
  defaultLexicon = {
    words,
    phrases: lexiconData.phrases,
    tokens: new Map(Object.entries(lexiconData.tokens)),
  };
  return defaultLexicon;
}

const NAME_ARTICLES = new Set(['El', 'La', 'Le', 'Las', 'Les', 'Los']);

/** "MOlvT" -> "MOLVT", "uSD" -> "USD", "Eu" -> "EU": capitals with artefact letters mixed in. */
function repairCapsToken(token: string): string {
  const possessive = /[’']s$/.exec(token);
  const tok = possessive ? token.slice(0, -2) : token;
  const fixed = repairCapsCore(tok);
  return possessive ? fixed + possessive[0] : fixed;
}

function repairCapsCore(tok: string): string {
  if (tok.length < 2 || !/[A-Z]/.test(tok) || !/[kluv]/.test(tok)) return tok;
  if (!/^[A-Zkluv]+$/.test(tok)) return tok;
  // A capitalised ordinary word ("Lu", "Ku") has one capital then lower case only; real acronyms
  // with artefacts have a capital after the first letter, or an artefact letter first.
  const upperCount = tok.replace(/[^A-Z]/g, '').length;
  if (upperCount === 1 && /^[A-Z]/.test(tok) && tok.length > 2) return tok;
  // Articles that begin names ("El Salvador", "La Paz", "Le Havre") are words, not acronyms.
  if (NAME_ARTICLES.has(tok)) return tok;
  return tok.toUpperCase();
}

const ABBREVIATIONS = /(?:\b(?:e\.g|i\.e|et al|etc|cf|vs|no|nos|p|pp)\.)$/i;
const CONNECTORS = new Set(['of', 'and', 'for', ',']);
/** Capitalised words that start sentences rather than names. */
const FUNCTION_WORDS = new Set(['The', 'In', 'A', 'An', 'For', 'Of', 'And', 'To', 'With', 'As', 'At', 'By', 'On', 'This', 'These', 'Its', 'It', 'Between', 'From', 'While', 'Since']);
const INSTITUTION_OF = /\b((?:Ministry|Department|Directorate|Committee|Council|Institute|Office|Bureau|Board|Division|Secretariat|Commission|Agency|Act|Law)\s+of\s+(?:the\s+)?)[kluv](?=[a-z])/g;
const YEAR_AFTER = /^(?:,\s*|\s*\()(?:19|20)\d\d|^(?:,\s*|\s+)forthcoming/;

interface Tok {
  text: string;
  start: number;
}

function wordTokens(text: string): Tok[] {
  const out: Tok[] = [];
  const re = /[\p{L}][\p{L}\p{M}’'-]*|,/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ text: m[0], start: m.index });
  return out;
}

/** Where the run of non-space characters before `at`'s preceding white space begins. */
function lastNonSpaceRun(text: string, at: number): number {
  let i = at;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
  return i;
}

/** The start of the line that holds the last non-space character before `at` (or 0). */
function lineStartBefore(text: string, at: number): number {
  let i = at;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  return text.lastIndexOf('\n', i - 1) + 1;
}

const isCapitalised = (w: string) => /^\p{Lu}/u.test(w);
const isArtefactLower = (w: string) => /^[kluv][a-z’'-]*$/.test(w);

/**
 * Repair one passage's text. Rules, in order: listed tokens; capitals with artefact letters;
 * listed proper nouns and phrases; sentence starts; words inside a run of capitalised words
 * ("Ministry of labour and vocational Training"); author names before a citation year.
 */
export function repairText(text: string, lexicon: Lexicon = buildLexicon()): string {
  // Repairs change letter case only, so the words stand where they stood: the text is tokenised
  // once, and each rule reads the words as the rules before it left them.
  let chars: string[] | null = null;
  let current = text;
  let stale = false;
  const setChar = (at: number, ch: string) => {
    if ((chars ?? current)[at] === ch) return;
    chars ??= current.split('');
    chars[at] = ch;
    stale = true;
  };
  const setWord = (start: number, word: string) => {
    for (let i = 0; i < word.length; i++) setChar(start + i, word[i]!);
  };
  /** The text with the edits so far, and its words as they now read (read again only after an edit). */
  const refresh = () => {
    if (stale) {
      current = chars!.join('');
      read = toks.map((t) => current.slice(t.start, t.start + t.text.length));
    }
    stale = false;
    return read;
  };
  const toks = wordTokens(text);
  let read = toks.map((t) => t.text);
  let replaced = false;
  for (const t of toks) {
    const fixed = lexicon.tokens.get(t.text);
    if (fixed && fixed.length === t.text.length) setWord(t.start, fixed);
    else if (fixed) replaced = true;
  }
  if (replaced) {
    // Listed replacements of another length: apply on the string and re-tokenise.
    refresh();
    let s = current;
    for (const [from, to] of lexicon.tokens) s = s.replace(new RegExp(`\\b${from}\\b`, 'g'), to);
    return repairText(s, { ...lexicon, tokens: new Map() });
  }
  for (const t of toks) {
    const caps = repairCapsToken(t.text);
    if (caps !== t.text) setWord(t.start, caps);
  }
  for (const t of toks) {
    const w = lexicon.words.get(t.text);
    if (w && t.text !== w && isArtefactLower(t.text)) setWord(t.start, w);
  }
  const lowerText = text.toLowerCase();
  for (const phrase of lexicon.phrases) {
    const p = phrase.toLowerCase();
    for (let i = lowerText.indexOf(p); i >= 0; i = lowerText.indexOf(p, i + 1)) {
      const before = i === 0 ? ' ' : lowerText[i - 1]!;
      const after = lowerText[i + p.length] ?? ' ';
      if (/\p{L}/u.test(before) || /\p{L}/u.test(after)) continue;
      // Only letters the artefact can have lowered are raised.
      for (let k = 0; k < phrase.length; k++) {
        const ch = (chars ?? current)[i + k]!;
        if (phrase[k] !== ch && phrase[k]!.toLowerCase() === ch && isArtefact(ch)) setChar(i + k, phrase[k]!);
      }
    }
  }
  // Sentence starts.
  let words = refresh();
  const textStart = current.search(/\S/);
  toks.forEach((t, i) => {
    const w = words[i]!;
    if (!isArtefactLower(w)) return;
    // What precedes the word up to the end of the previous word: enough to see a full stop or a bullet.
    const before = current.slice(lastNonSpaceRun(current, t.start), t.start);
    // An abbreviation ends the previous word; "et al." takes two words, and the character before them decides the word boundary.
    const twoWordsBack = Math.max(0, lastNonSpaceRun(current, lastNonSpaceRun(current, t.start)) - 1);
    const sentenceStart = t.start === textStart || (/[.!?]["”’)]?\s+$/.test(before) && !ABBREVIATIONS.test(current.slice(twoWordsBack, t.start).trimEnd()));
    const afterBullet = /(?:^|\n)\s*(?:●●|\d+\.)\s*$/.test(current.slice(lineStartBefore(current, t.start), t.start));
    if (sentenceStart || afterBullet) setChar(t.start, w.charAt(0).toUpperCase());
  });
  // Runs of capitalised words with connectors: the artefact words inside are names too.
  words = refresh();
  const nameNeighbour = (i: number, dir: -1 | 1): boolean => {
    for (let j = i + dir; j >= 0 && j < toks.length; j += dir) {
      const [a, b] = dir === 1 ? [j - 1, j] : [j, j + 1];
      if (!/^[ \t\u00a0]*$/.test(current.slice(toks[a]!.start + words[a]!.length, toks[b]!.start))) return false;
      const w = words[j]!;
      if (CONNECTORS.has(w) || isArtefactLower(w)) continue;
      return isCapitalised(w) && !FUNCTION_WORDS.has(w);
    }
    return false;
  };
  for (let i = 0; i < toks.length; i++) {
    const w = words[i]!;
    if (isArtefactLower(w) && !CONNECTORS.has(w) && nameNeighbour(i, -1) && nameNeighbour(i, 1)) setChar(toks[i]!.start, w.charAt(0).toUpperCase());
  }
  // "General Directorate of labour": after an institution noun and "of", a word is the name's.
  refresh();
  for (const m of current.matchAll(INSTITUTION_OF)) {
    const at = m.index! + m[1]!.length;
    setChar(at, current[at]!.toUpperCase());
  }
  // Author names just before a citation year: "(lee, 2007)", "Tunon and khleang, 2013".
  words = refresh();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const w = words[i]!;
    if (!isArtefactLower(w)) continue;
    const rest = current.slice(t.start + w.length);
    const beforeWord = i > 0 ? words[i - 1]! : '';
    const inAuthorList = YEAR_AFTER.test(rest) || (/^\s+and\s+\p{Lu}/u.test(rest) && isCapitalised(beforeWord === ',' && i > 1 ? words[i - 2]! : beforeWord));
    if (inAuthorList && (i === 0 || beforeWord === ',' || beforeWord === 'and' || /\($/.test(current.slice(0, t.start).trimEnd()))) setChar(t.start, w.charAt(0).toUpperCase());
  }
  refresh();
  return current;
}

export const __test = { repairCapsToken };

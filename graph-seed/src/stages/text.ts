/**
 * Small text helpers shared by the stages: joining extracted lines into running text, removing
 * footnote markers, and parsing numbers as printed ("120 000", "3.7%", "1.2 million").
 */

/** Join wrapped lines: a hyphen or slash at a line end continues the word; spaces collapse. */
export function joinLines(lines: string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!out) out = line;
    else if (/[-/]$/.test(out) && /^[\p{Ll}\d]/u.test(line) && !/\s-$/.test(out)) out += line;
    else out += ' ' + line;
  }
  return out.replace(/[ \t]+/g, ' ').replace(/ ?\u00a0 ?/g, '\u00a0').trim();
}

/** Footnote markers glued to words ("Rehabilitation6", "Malaysia.4", "(CPIA),1", "2007,5"). */
const NOTE_MARKER = /(?<=[\p{Ll})])(\d{1,2})(?=[\s,.;:]|$)|(?<=(?:[\p{L})]|\b(?:19|20)\d\d)[.,])(\d{1,2})(?=\s|$)/gu;

export function stripNoteMarkers(text: string): { text: string; notes: number[] } {
  const out = stripNoteMarkersAt(text);
  return { text: out.text, notes: out.markers.map((m) => m.note) };
}

/** A footnote marker: the note's number and where it stood in the text without markers. */
export interface NoteMarker {
  note: number;
  at: number;
}

export function stripNoteMarkersAt(text: string): { text: string; markers: NoteMarker[] } {
  const markers: NoteMarker[] = [];
  let removed = 0;
  const out = text.replace(NOTE_MARKER, (match, a: string | undefined, b: string | undefined, offset: number) => {
    // Leave URLs and identifiers alone ("estimates15.shtml").
    const tokenStart = text.lastIndexOf(' ', offset) + 1;
    const tokenEnd = text.indexOf(' ', offset);
    const token = text.slice(tokenStart, tokenEnd < 0 ? undefined : tokenEnd);
    if (/[/@]|www|http/.test(token)) return match;
    markers.push({ note: Number(a ?? b), at: offset - removed });
    removed += match.length;
    return '';
  });
  return { text: out, markers };
}

const NUMBER = /^[-+]?\d{1,3}(?:[\u00a0\u202f ]\d{3})*(?:\.\d+)?%?$|^[-+]?\d+(?:\.\d+)?%?$/;

/** A table cell or number as printed, parsed: "12 198" -> 12198, "3.7%" -> 3.7; null if not a number. */
export function parseNumber(printed: string): number | null {
  const s = printed.trim();
  if (!NUMBER.test(s)) return null;
  const n = Number(s.replace(/[\u00a0\u202f %]/g, ''));
  return Number.isFinite(n) ? n : null;
}

export function isNumberToken(s: string): boolean {
  return parseNumber(s) !== null;
}

/** Terminal punctuation: a block ending without it may continue after a page break. */
export function endsSentence(text: string): boolean {
  return /[.!?:;]["”’)]*\s*$/.test(text);
}

/**
 * Where a sentence's phrases meet: punctuation that ends a phrase, and the words that open a
 * clause of their own. A name built from a sentence ends at one of these, never inside a phrase.
 */
const PHRASE_BOUNDARY = /\s*[,;:()[\]]\s*|\s+[–—]\s+|\s+(?=(?:while|whereas|which|who|that|although|because|compared to|versus)\s)/g;
/** Coordination, which may join two words as well as two clauses: a boundary for long phrases only. */
const COORDINATION = /\s+(?=(?:and|but)\s)/g;

function boundaries(text: string, pattern = PHRASE_BOUNDARY): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    out.push({ start: m.index, end: m.index + m[0].length });
    if (!m[0].length) pattern.lastIndex++;
  }
  return out;
}

const OPENER = /^(?:and|but|while|whereas|which|who|that|although|because)\s+/i;
const wordCount = (s: string, figure: string) => s.replace(figure, '').split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

/** The phrase between `pattern`'s boundaries that holds [start, end), and where it starts. */
function phraseBetween(text: string, start: number, end: number, max: number, pattern: RegExp): { at: number; text: string } {
  const cuts = boundaries(text, pattern);
  let left = cuts.filter((b) => b.end <= start).length - 1;
  let right = cuts.findIndex((b) => b.start >= end);
  if (right < 0) right = cuts.length;
  const from = (l: number) => (l < 0 ? 0 : cuts[l]!.end);
  const to = (r: number) => (r >= cuts.length ? text.length : cuts[r]!.start);
  const figure = text.slice(start, end);
  const span = (l: number, r: number) => text.slice(from(l), to(r)).trim();
  while (wordCount(span(left, right), figure) < 3) {
    if (left >= 0 && span(left - 1, right).length <= max) left--;
    else if (right < cuts.length && span(left, right + 1).length <= max) right++;
    else break;
  }
  let phrase = span(left, right);
  // A parenthesis opened in the phrase is closed in it ("went to Thailand (55%)").
  const open = (phrase.match(/\(/g) ?? []).length - (phrase.match(/\)/g) ?? []).length;
  if (open > 0 && text.slice(to(right)).trimStart().startsWith(')')) phrase += ')';
  return { at: text.indexOf(phrase.charAt(0), from(left)), text: phrase };
}

/**
 * The phrase of `text` that holds [start, end): from the phrase boundary before it to the one
 * after, whole. Phrases too short to say anything ("34%", "(12%)") take in their neighbour on the
 * left, then on the right, while the result stays within `max` characters. A phrase longer than
 * `max` is narrowed to the coordinated part that holds the span, when that part says something.
 */
export function phraseAround(text: string, start: number, end: number, max = 120): string {
  let phrase = phraseBetween(text, start, end, max, PHRASE_BOUNDARY);
  if (phrase.text.length > max) {
    const part = phraseBetween(phrase.text, start - phrase.at, end - phrase.at, max, COORDINATION);
    if (wordCount(part.text, text.slice(start, end)) >= 3) phrase = part;
  }
  return phrase.text.replace(OPENER, '');
}

/**
 * A short name from the start of a statement: the statement itself when it is at most `max`
 * characters, else its longest opening run of whole phrases within `max`, of four words at least
 * (the first such run, however long). Never cut inside a phrase, so never an ellipsis.
 */
export function leadingPhrases(text: string, max = 90): string {
  if (text.length <= max) return text;
  const cuts = boundaries(text).filter((b) => text.slice(0, b.start).split(/\s+/).length >= 4);
  const within = cuts.filter((b) => b.start <= max).at(-1) ?? cuts[0];
  return text.slice(0, within?.start ?? text.length).trim();
}

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

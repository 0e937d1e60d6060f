/**
 * Citations: parenthetical ("(CDRI, 2009; FitzGerald and Sovannarith, 2007)", "(RGC 2013)",
 * "(Hing and Sry forthcoming)") and narrative ("Tong (2012) found", "Roth et al. (2014)",
 * "Paitoonpong, S. and Y. Chalamwong (2012), Title, http://..." in source lines).
 */
import { slugify } from '../model/ontology';

export interface CitationMatch {
  /** Span of the whole citation ("Tong (2012)", "CDRI, 2009") in the passage text. */
  start: number;
  end: number;
  text: string;
  authors: string[];
  etAl: boolean;
  /** A year, or "forthcoming". */
  year: string;
  /** Spans of each author's name, for mentions of the people and organisations. */
  authorSpans: { start: number; end: number; name: string }[];
  /** Title and URL when the citation is a source line ("Source: X (2015), Title, url"). */
  title?: string;
  url?: string;
}

const YEAR = '(?:19|20)\\d\\d[a-z]?|forthcoming';
const NAME = "(?:[A-Z]\\.\\s)?[\\p{Lu}][\\p{L}’'\\-]*(?:\\s[\\p{Lu}][\\p{L}’'\\-]*)*(?:,\\s[A-Z]\\.)?";
const AUTHORS = `${NAME}(?:(?:,\\s|\\sand\\s|\\s&\\s|,\\sand\\s)${NAME})*(?:\\set\\sal\\.)?`;
const PAREN_PART = new RegExp(`^(?:e\\.g\\.\\s*|see\\s+|cf\\.\\s*)?(${AUTHORS}),?\\s(${YEAR})$`, 'u');
const NARRATIVE = new RegExp(`(?<![\\p{L}\\p{N}])(${AUTHORS})\\s\\((${YEAR})\\)`, 'gu');
const SOURCE_LINE = new RegExp(`(?:^|\\n)Source:\\s*([\\p{Lu}][^()\\n]*?)\\s\\((${YEAR})\\)`, 'gu');

/** Title and URL after a source line's citation: "(2015), Title, database, www.un.org/...". */
function sourceDetails(text: string, end: number): { title?: string; url?: string } {
  const rest = text.slice(end).split('\n')[0]!;
  const url = /((?:https?:\/\/|www\.)\S+?)\.?\s*$/.exec(rest)?.[1];
  const title = rest
    .replace(/^,\s*/, '')
    .replace(/,?\s*(?:https?:\/\/|www\.)\S+\s*$/, '')
    .replace(/,\s*database\s*$/, '')
    .replace(/\.\s*$/, '')
    .trim();
  return { ...(title ? { title } : {}), ...(url ? { url } : {}) };
}

/** Words that start sentences and never begin an author list. */
const NOT_AUTHORS = new Set(['In', 'The', 'See', 'Since', 'From', 'Between', 'During', 'As', 'Of', 'By', 'Source', 'Chapter', 'Table', 'Figure']);

function splitAuthors(authors: string, offset: number): { names: string[]; etAl: boolean; spans: CitationMatch['authorSpans'] } {
  const etAl = /\set\sal\.$/.test(authors);
  const core = authors.replace(/\set\sal\.$/, '');
  const spans: CitationMatch['authorSpans'] = [];
  const re = new RegExp(NAME, 'gu');
  for (let m = re.exec(core); m; m = re.exec(core)) {
    const raw = m[0];
    // "Paitoonpong, S." and "Y. Chalamwong": the surname, without initials.
    const surname = raw.replace(/,\s[A-Z]\.$/, '').replace(/^[A-Z]\.\s/, '');
    const startInRaw = raw.indexOf(surname);
    spans.push({ start: offset + m.index + startInRaw, end: offset + m.index + startInRaw + surname.length, name: surname });
  }
  return { names: spans.map((s) => s.name), etAl, spans };
}

function plausible(names: string[]): boolean {
  return names.length > 0 && !NOT_AUTHORS.has(names[0]!.split(/\s/)[0]!) && names.every((n) => n.split(/\s/).length <= 4);
}

export function extractCitations(text: string): CitationMatch[] {
  const out: CitationMatch[] = [];
  const covered: [number, number][] = [];
  // Parenthetical groups, split on ';'.
  const paren = /\(([^()]*)\)/g;
  for (let m = paren.exec(text); m; m = paren.exec(text)) {
    const inner = m[1]!;
    let pos = m.index + 1;
    for (const part of inner.split(';')) {
      const lead = part.length - part.trimStart().length;
      const trimmed = part.trim();
      const pm = PAREN_PART.exec(trimmed);
      if (pm) {
        const start = pos + lead;
        const authorsStart = start + trimmed.indexOf(pm[1]!);
        const { names, etAl, spans } = splitAuthors(pm[1]!, authorsStart);
        if (plausible(names)) {
          out.push({ start, end: start + trimmed.length, text: trimmed, authors: names, etAl, year: pm[2]!, authorSpans: spans });
          covered.push([m.index, m.index + m[0].length]);
        }
      }
      pos += part.length + 1;
    }
  }
  // Source lines name institutions in full: "Source: Testland Bureau of Statistics (2020), ...".
  for (const m of text.matchAll(SOURCE_LINE)) {
    const authorsText = m[1]!;
    if (!/\s(?:of|for|and the|on)\s/.test(authorsText) || /,/.test(authorsText)) continue;
    const start = m.index! + m[0].indexOf(authorsText);
    const end = m.index! + m[0].length;
    const match: CitationMatch = {
      start, end, text: text.slice(start, end), authors: [authorsText], etAl: false, year: m[2]!,
      authorSpans: [{ start, end: start + authorsText.length, name: authorsText }],
    };
    Object.assign(match, sourceDetails(text, end));
    out.push(match);
    covered.push([start, end]);
  }
  NARRATIVE.lastIndex = 0;
  for (let m = NARRATIVE.exec(text); m; m = NARRATIVE.exec(text)) {
    let authors = m[1]!;
    let start = m.index;
    // Trim leading words that are not part of the author list ("Using the ... Tong").
    const { names } = splitAuthors(authors, start);
    if (!plausible(names)) {
      const firstSep = authors.search(/\s\p{Lu}/u);
      if (firstSep < 0) continue;
      authors = authors.slice(firstSep + 1);
      start += firstSep + 1;
    }
    const split = splitAuthors(authors, start);
    if (!plausible(split.names)) continue;
    const end = m.index + m[0].length;
    if (covered.some(([a, b]) => start < b && end > a)) continue;
    const match: CitationMatch = { start, end, text: text.slice(start, end), authors: split.names, etAl: split.etAl, year: m[2]!, authorSpans: split.spans };
    // Source lines: "X (2015), Title, http://..."
    const before = text.slice(0, start);
    if (/(?:^|\n)\s*Source:\s*$/.test(before) || /based on data from\s*$/.test(before)) Object.assign(match, sourceDetails(text, end));
    out.push(match);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Stable readable id: `study:tong-2012`, `study:roth-et-al-2014`, `study:hing-lun-phann-2014`. */
export function studyId(c: Pick<CitationMatch, 'authors' | 'etAl' | 'year'>): string {
  const parts = c.authors.map((a) => slugify(a));
  if (c.etAl) parts.push('et-al');
  return `study:${parts.join('-')}-${c.year.toLowerCase()}`;
}

/** Display name as the report cites it: "Roth et al. (2014)", "Hing, Lun and Phann (2014)". */
export function studyName(c: Pick<CitationMatch, 'authors' | 'etAl' | 'year'>): string {
  const a = c.authors;
  const names = a.length <= 1 ? a.join('') : a.length === 2 ? `${a[0]} and ${a[1]}` : `${a.slice(0, -1).join(', ')} and ${a[a.length - 1]}`;
  return `${names}${c.etAl ? ' et al.' : ''} (${c.year})`;
}

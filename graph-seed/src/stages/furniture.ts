/**
 * Stage 1b: separate page furniture from text. Running headers, page numbers, copyright lines,
 * repeated URL lines at page feet, "(cont.)" box headers and contents entries become page
 * breaks; StatLink lines keep their DOI so the figure they belong to can carry it.
 */
import type { SourceLine } from './read';

export type Token =
  | { t: 'line'; text: string; indented: boolean; src: SourceLine }
  | { t: 'blank' }
  | { t: 'break'; reason: 'header' | 'page-number' | 'url' | 'continued' | 'contents' | 'page-furniture' }
  | { t: 'statlink'; doi: string }
  | { t: 'foot-doi'; doi: string };

const DOI_URL = /^(?:https?:\/\/)?dx\.doi\.org\/(10\.\d{4,}\/\S+?)\.?$/;
const STATLINK = /^\d{1,2}\s+(?:https?:\/\/)?dx\.doi\.org\/(10\.\d{4,}\/\S+?)\.?$/;
const URL_ONLY = /^(?:https?:\/\/|www\.)\S+$/;
const PAGE_NUMBER = /^\d{1,4}$/;
const BOX_CONTINUED = /^Box\s+\d+\.\d+\..*\(cont\.\)$/;

/**
 * An entry of a table of contents (or of a list of tables or figures): a title run out to its
 * page number by leader dots, "3.1. Purpose ........ 12". Contents pages guide a reader of the
 * printed report and say nothing the text does not; read as prose they make paragraphs of titles.
 */
export const CONTENTS_ENTRY = /(?:\.\s?){4,}\s*(?:\d{1,4}|[ivxlc]{1,6})$|…\s*(?:\d{1,4}|[ivxlc]{1,6})$/i;

function upperRatio(s: string): number {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c < 97 || c > 122) continue;
    letters++;
  }
  return letters === 0 ? 0 : upper / letters;
}

/**
 * Lines that repeat in the corpus and are set in capitals are running headers. Font artefacts
 * turn some capitals into lower case ("INTERRElATIONS"), hence a ratio rather than all-caps.
 */
export function findRunningHeaders(lines: SourceLine[]): Set<string> {
  const counts = new Map<string, number>();
  for (const l of lines) {
    const t = l.text.trim();
    if (t.length < 10 || upperRatio(t) < 0.6) continue;
    const key = t.toUpperCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= 2).map(([k]) => k));
}

export function tokenize(lines: SourceLine[]): Token[] {
  const headers = findRunningHeaders(lines);
  const out: Token[] = [];
  for (const src of lines) {
    // Where a reader took page furniture out (a running head or foot found by its place).
    if (src.furniture) {
      out.push({ t: 'break', reason: 'page-furniture' });
      continue;
    }
    const trimmed = src.text.trim();
    if (trimmed === '') {
      out.push({ t: 'blank' });
      continue;
    }
    if (headers.has(trimmed.toUpperCase()) || trimmed.startsWith('©')) {
      out.push({ t: 'break', reason: 'header' });
      continue;
    }
    if (PAGE_NUMBER.test(trimmed)) {
      out.push({ t: 'break', reason: 'page-number' });
      continue;
    }
    // An entry of a table of contents, run out to its page number by leader dots.
    if (CONTENTS_ENTRY.test(trimmed)) {
      out.push({ t: 'break', reason: 'contents' });
      continue;
    }
    if (BOX_CONTINUED.test(trimmed)) {
      out.push({ t: 'break', reason: 'continued' });
      continue;
    }
    const stat = STATLINK.exec(trimmed);
    if (stat) {
      out.push({ t: 'statlink', doi: stat[1]! });
      continue;
    }
    const doi = DOI_URL.exec(trimmed);
    if (doi) {
      out.push({ t: 'foot-doi', doi: doi[1]! }, { t: 'break', reason: 'url' });
      continue;
    }
    if (URL_ONLY.test(trimmed)) {
      out.push({ t: 'break', reason: 'url' });
      continue;
    }
    // A line set in from the margin opens a page (outside tables) or a sub-row (inside tables).
    out.push({ t: 'line', text: trimmed, indented: /^[\s\u00a0]/.test(src.text), src });
  }
  return out;
}

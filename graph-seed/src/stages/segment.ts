/**
 * Stage 2b: blocks become passages in reading order, with the chapter/section outline.
 * Paragraphs cut by a page break are rejoined (also when a box or figure sits between the two
 * halves); boxes and their "(cont.)" parts are one box; list items remember their lead-in.
 */
import type { Chapter, Figure, Passage } from '../model/bundle';
import type { PassageKind } from '../model/ontology';
import type { Block, BlockLine } from './blocks';
import { tableCaption } from './tables';
import type { SourceLine } from './read';
import { endsSentence, joinLines } from './text';

export interface DraftPassage {
  id: string;
  kind: PassageKind;
  chapter: string | null;
  section: string | null;
  label: string | null;
  leadIn: DraftPassage | null;
  /** The passage's lines as extracted. */
  raw: string[];
  /** For tables: every line with layout kept (null = blank line). */
  tableLines?: (BlockLine | null)[];
  /** Text parts already joined (list items have their bullet removed). */
  parts: string[];
  /** For figures: title, subtitle and the rest of the caption. */
  figure?: FigureDraft;
  noteNumber?: number;
  /** Page of the passage's first line, when the input has pages. */
  page?: number;
  /** The page's printed label, where it is not a number ("iii"). */
  pageLabel?: string;
}

export interface FigureDraft {
  number: string;
  title: string;
  subtitle: string | null;
  source: string | null;
  doi: string | null;
  labels: string[];
}

export interface Segmented {
  passages: DraftPassage[];
  chapters: { number: string; title: string; sections: { title: string; passages: DraftPassage[] }[] }[];
}

/** "Chapter 2" alone on its line (its title follows), or "Chapter 2. The Filesystem" / "CHAPTER 2: Title" with a short title. */
const CHAPTER = /^Chapter\s+(\d+)(?:\s*[.:\u2013\u2014-]\s*([^.]{1,100}?))?$/i;
const BOX = /^Box\s+(\d+\.\d+)\.\s*(.*)$/;
const FIGURE = /^Figure\s+(\d+\.\d+)\.\s*(.*)$/;
/** Bullets as PDFs print them, and as plain text writes them ("- ", "* ", "– "). */
const BULLET = /^(?:●●|●|•|▪|■|□|◦|○|➢|►|\uf0b7|\uf0a7|[-*–](?=\s))\s*/;
/** A dash opens an item only after a line that ends a sentence, a lead-in, a title or another item: "programme\n– mainly on ..." is prose. */
const DASH = /^[-*–]\s/;
function bulletAt(lines: readonly { text: string }[], i: number): boolean {
  const line = lines[i]!.text;
  if (!BULLET.test(line)) return false;
  if (!DASH.test(line) || i === 0) return true;
  const before = lines[i - 1]!.text.trim();
  const upper = /^\p{Lu}/u.test(line.replace(BULLET, ''));
  return /[.:;!?]$/.test(before) || DASH.test(before) || (i === 1 && upper && before.length <= 80 && /^\p{Lu}/u.test(before));
}
/** A reference list's title, set on the first line of the list's block. */
const LIST_TITLE = /^(?:References|Bibliography|Works cited|Sources|Further reading)$/i;
const NUMBERED = /^(\d{1,2})[.)]\s+/;
/** A title numbered by its place in the outline, "3.1. Purpose" or "4.2 /usr/bin: commands". */
const SECTION_NUMBER = /^\d{1,2}(?:\.\d{1,2})+\.?\s+(?!\p{Ll})\S/u;

const blockText = (b: { lines: BlockLine[] }) => joinLines(b.lines.map((l) => l.text));
const startsLower = (s: string) => /^\p{Ll}/u.test(s);

function isHeading(b: { lines: BlockLine[] }): boolean {
  const text = blockText(b);
  return (
    b.lines.length <= 2 &&
    text.length <= 120 &&
    (/^\p{Lu}/u.test(text) || SECTION_NUMBER.test(text)) &&
    !/[.,;:]$/.test(text) &&
    !BULLET.test(text) &&
    !NUMBERED.test(text) &&
    // A fragment cut by a page break ends on a word no title ends on.
    !/\b(?:to|the|of|and|a|an|in|with|for|by|on|at|from|through|or|that|which|as|its|their)$/i.test(text)
  );
}

/** A block holding several bullets or numbered notes without blank lines between them. */
function splitItems(b: { lines: BlockLine[]; afterBreak: boolean }, numbered: boolean): { lines: BlockLine[]; afterBreak: boolean }[] {
  const starts = b.lines.map((l, i) => (i > 0 && (bulletAt(b.lines, i) || (numbered && NUMBERED.test(l.text)) || (i === 1 && LIST_TITLE.test(b.lines[0]!.text.trim()))) ? i : -1)).filter((i) => i > 0);
  if (!starts.length) return [b];
  const bounds = [0, ...starts, b.lines.length];
  return bounds.slice(0, -1).map((from, k) => ({ lines: b.lines.slice(from, bounds[k + 1]), afterBreak: k === 0 ? b.afterBreak : false }));
}

/** Diagram labels and a subtitle set apart from the title: short, unpunctuated, on the same page. */
function isFigureLabel(b: { lines: BlockLine[]; afterBreak: boolean }): boolean {
  const text = blockText(b);
  return !b.afterBreak && b.lines.length <= 3 && text.length <= 100 && !/[.:;?!]$/.test(text);
}

/** How many passages an unfinished paragraph waits for its rest (a box or figure can sit between). */
const OPEN_FRAGMENT_REACH = 6;

/** Split a title block into the title proper (with lower-case continuation lines) and subtitle. */
function titleAndSubtitle(lines: string[], firstLineRest: string): { title: string; subtitle: string | null } {
  const title = [firstLineRest];
  let i = 1;
  while (i < lines.length && startsLower(lines[i]!.trim())) title.push(lines[i++]!);
  const sub = lines.slice(i);
  return { title: joinLines(title), subtitle: sub.length ? joinLines(sub) : null };
}

export function segment(blocks: Block[]): Segmented {
  const passages: DraftPassage[] = [];
  const chapters: Segmented['chapters'] = [];
  let chapter: Segmented['chapters'][number] | null = null;
  let section: { title: string; passages: DraftPassage[] } | null = null;
  let box: string | null = null;
  let figure: DraftPassage | null = null;
  let figureShortBlocks: string[] = [];
  let open: DraftPassage | null = null;
  let openAt = 0;
  let leadIn: DraftPassage | null = null;
  let inNotes = false;
  let expectChapterTitle = false;
  const seqByChapter = new Map<string, number>();
  const footDois: { doi: string; after: number }[] = [];

  const closeFigure = () => {
    if (figure?.figure) {
      if (figureShortBlocks.length === 1 && !figure.figure.subtitle) figure.figure.subtitle = figureShortBlocks[0]!;
      else figure.figure.labels.push(...figureShortBlocks);
    }
    figure = null;
    figureShortBlocks = [];
  };

  const add = (kind: PassageKind, raw: string[], parts: string[], label: string | null = null): DraftPassage => {
    const chap = chapter?.number ?? '0';
    if (!section) {
      section = { title: 'Introduction', passages: [] };
      chapter?.sections.push(section);
    }
    const seq = (seqByChapter.get(chap) ?? 0) + 1;
    seqByChapter.set(chap, seq);
    const p: DraftPassage = {
      id: `p:${chap}-${String(seq).padStart(3, '0')}`,
      kind,
      chapter: chapter ? `${chapter.number}` : null,
      section: section.title,
      label: label ?? (kind === 'table' || kind === 'figure' || kind === 'note' ? null : box),
      leadIn: null,
      raw,
      parts,
    };
    const first = firstPagedLine(queue[qi]);
    if (first?.page) p.page = first.page;
    if (first?.pageLabel) p.pageLabel = first.pageLabel;
    passages.push(p);
    section.passages.push(p);
    return p;
  };

  const queue = [...blocks];
  let qi = 0;
  for (qi = 0; qi < queue.length; qi++) {
    const block = queue[qi]!;
    if (block.kind === 'text') {
      const numbered = inNotes || NUMBERED.test(block.lines[0]!.text) || (block.lines[0]!.text === 'Notes' && chapter !== null);
      const parts = splitItems(block, numbered);
      if (parts.length > 1) {
        queue.splice(qi, 1, ...parts.map((p) => ({ kind: 'text' as const, ...p })));
        qi--;
        continue;
      }
    }
    if (block.kind === 'statlink' || block.kind === 'foot-doi') {
      const target = block.kind === 'statlink' ? figure ?? lastFigure(passages) : null;
      if (target?.figure && !target.figure.doi) target.figure.doi = block.doi;
      // The StatLink is the last line of a figure.
      if (block.kind === 'statlink') closeFigure();
      if (block.kind === 'foot-doi') footDois.push({ doi: block.doi, after: passages.length });
      continue;
    }
    if (block.kind === 'table') {
      closeFigure();
      const first = block.lines[0]!;
      const m = tableCaption(first.text, block.lines.some((l) => l?.src.cells))!;
      const p = add('table', block.lines.filter((l): l is BlockLine => l !== null).map((l) => l.text), [], `Table ${m.number}`);
      p.tableLines = block.lines;
      leadIn = null;
      continue;
    }
    let text = blockText(block);
    const rawLines = block.lines.map((l) => l.src.text);

    // Chapter openings.
    const chap = CHAPTER.exec(text);
    if (chap && block.lines.length === 1) {
      closeFigure();
      chapter = { number: chap[1]!, title: chap[2]?.trim() ?? '', sections: [] };
      chapters.push(chapter);
      section = null;
      box = null;
      open = null;
      leadIn = null;
      inNotes = false;
      expectChapterTitle = !chapter.title;
      continue;
    }
    if (expectChapterTitle && chapter) {
      chapter.title = text;
      expectChapterTitle = false;
      continue;
    }

    // Figure parts: source lines, diagram labels or a subtitle set apart.
    if (figure) {
      const fig: FigureDraft = (figure as DraftPassage).figure!;
      if (text.startsWith('Source:')) {
        fig.source = text.replace(/^Source:\s*/, '');
        (figure as DraftPassage).raw.push(...rawLines);
        (figure as DraftPassage).parts.push(text);
        continue;
      }
      if (!fig.source && isFigureLabel(block)) {
        figureShortBlocks.push(text);
        (figure as DraftPassage).raw.push(...rawLines);
        continue;
      }
      closeFigure();
    }

    // A page break cut a paragraph: its rest starts in lower case, or right after the break.
    if (open && passages.length - openAt > OPEN_FRAGMENT_REACH) open = null;
    // "– mainly on ...": a dash that carries an unfinished sentence on is no bullet.
    const startsItem = (BULLET.test(text) && !(open && DASH.test(text) && startsLower(text.replace(BULLET, '')))) || NUMBERED.test(text);
    if (open && !startsItem && (startsLower(text) || (block.afterBreak && passages[passages.length - 1] === open && !isHeading(block)))) {
      open.raw.push(...rawLines);
      open.parts[open.parts.length - 1] = joinLines([open.parts[open.parts.length - 1]!, text]);
      if (endsSentence(text)) open = null;
      continue;
    }

    const boxMatch = BOX.exec(text);
    if (boxMatch) {
      box = `Box ${boxMatch[1]}`;
      add('box-title', rawLines, [text], box);
      open = null;
      leadIn = null;
      continue;
    }
    const figMatch = FIGURE.exec(block.lines[0]!.text);
    if (figMatch) {
      const { title, subtitle } = titleAndSubtitle(
        block.lines.map((l) => l.text),
        figMatch[2]!,
      );
      const p = add('figure', rawLines, [`Figure ${figMatch[1]}. ${title}${subtitle ? `\n${subtitle}` : ''}`], `Figure ${figMatch[1]}`);
      p.figure = { number: figMatch[1]!, title, subtitle, source: null, doi: null, labels: [] };
      figure = p;
      leadIn = null;
      continue;
    }
    if (block.lines[0]!.text === 'Notes' && chapter) {
      inNotes = true;
      box = null;
      section = { title: 'Notes', passages: [] };
      chapter.sections.push(section);
      open = null;
      if (block.lines.length === 1) continue;
      block.lines.shift();
      text = blockText(block);
      rawLines.shift();
    }
    if (inNotes) {
      const n = NUMBERED.exec(text);
      const last = passages[passages.length - 1];
      if (!n && last?.kind === 'note') {
        last.raw.push(...rawLines);
        last.parts[0] = joinLines([last.parts[0]!, text]);
        continue;
      }
      const p = add('note', rawLines, [text.replace(NUMBERED, '')], n ? `Note ${chapter?.number}.${n[1]}` : null);
      if (n) p.noteNumber = Number(n[1]);
      continue;
    }
    if (isHeading(block)) {
      if (!chapter) {
        chapter = { number: '0', title: '', sections: [] };
        chapters.push(chapter);
      }
      section = { title: text, passages: [] };
      chapter.sections.push(section);
      box = null;
      leadIn = null;
      add('heading', rawLines, [text]);
      continue;
    }
    const isItem = startsItem;
    const kind: PassageKind = isItem ? 'list-item' : 'paragraph';
    const p = add(kind, rawLines, [text.replace(BULLET, '')]);
    if (isItem) p.leadIn = leadIn;
    if (/:\s*$/.test(text)) leadIn = p;
    else if (!isItem) leadIn = null;
    if (!endsSentence(text)) {
      open = p;
      openAt = passages.length - 1;
    }
  }
  closeFigure();
  assignFootDois(passages, footDois);
  return { passages, chapters };

  function lastFigure(ps: DraftPassage[]): DraftPassage | null {
    for (let i = ps.length - 1; i >= 0; i--) if (ps[i]!.figure) return ps[i]!;
    return null;
  }
}

function firstPagedLine(block: Block | undefined): SourceLine | undefined {
  if (!block || (block.kind !== 'text' && block.kind !== 'table')) return undefined;
  return block.lines.find((l) => l?.src.page)?.src;
}

/** DOIs printed alone at page feet belong to the nearest earlier figure that has none yet. */
function assignFootDois(passages: DraftPassage[], footDois: { doi: string; after: number }[]): void {
  const used = new Set(passages.map((p) => p.figure?.doi).filter(Boolean));
  for (const { doi, after } of footDois) {
    if (used.has(doi)) continue;
    for (let i = after - 1; i >= 0; i--) {
      const f = passages[i]!.figure;
      if (f && !f.doi) {
        f.doi = doi;
        used.add(doi);
        break;
      }
    }
  }
}

export type { Chapter, Figure, Passage };

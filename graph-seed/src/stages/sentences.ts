/**
 * The stating span of a quote: the whole sentence that holds it, since a relation's evidence
 * must say what the relation claims and a fragment rarely does. A list item also needs its
 * lead-in ("to focus the analysis on four sectors:"), a table row its table's title and the
 * group heading it sits under ("Destination countries (%)"). Sentence bounds come from ICU's
 * sentence segmentation (Intl.Segmenter).
 */
import type { Evidence, Passage, Table } from '../model/bundle';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

interface Span {
  start: number;
  end: number;
}

function spanOf(p: Passage, s: Span): Evidence {
  let { start, end } = s;
  while (end > start && /\s/.test(p.text[end - 1]!)) end--;
  while (start < end && /\s/.test(p.text[start]!)) start++;
  return { passageId: p.id, start, end, quote: p.text.slice(start, end) };
}

/** Sentences of a running-text passage; a hard line break inside a paragraph does not end one. */
function sentences(text: string): Span[] {
  const out: Span[] = [];
  for (const s of segmenter.segment(text.replace(/\n/g, ' '))) out.push({ start: s.index, end: s.index + s.segment.length });
  // "1. " alone is an item number, not a sentence: it joins the sentence after it.
  const merged: Span[] = [];
  for (const s of out) {
    const prev = merged.at(-1);
    if (prev && /^\s*\(?\d{1,2}[.)]\s*$/.test(text.slice(prev.start, prev.end))) prev.end = s.end;
    else merged.push({ ...s });
  }
  return merged;
}

function linesAround(text: string, start: number, end: number): Span {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', Math.max(start, end - 1));
  return { start: from, end: nl < 0 ? text.length : nl };
}

export class StatingSpans {
  private readonly passages: Map<string, Passage>;
  private readonly tables: Map<string, Table>;
  private readonly headings = new Map<string, Evidence>();

  constructor(passages: Passage[], tables: Table[] = []) {
    this.passages = new Map(passages.map((p) => [p.id, p]));
    this.tables = new Map(tables.map((t) => [t.passageId, t]));
    // Each passage's section heading: the last heading before it that prints its section title.
    let last: Passage | undefined;
    for (const p of [...passages].sort((a, b) => a.order - b.order)) {
      if (p.kind === 'heading') last = p;
      else if (last && p.section && last.chapter === p.chapter && last.text.trim() === p.section.trim()) this.headings.set(p.id, spanOf(last, { start: 0, end: last.text.length }));
    }
  }

  /** A list item whole, with its lead-in: a recommendation is the item, reasons included. */
  item(ev: Evidence): Evidence[] {
    const p = this.passages.get(ev.passageId);
    if (!p || p.kind !== 'list-item') return this.expand(ev);
    return [spanOf(p, { start: 0, end: p.text.length }), ...this.expand(ev).filter((s) => s.passageId !== p.id)];
  }

  /** The heading of the section the span sits in: it names the topic of all that follows. */
  heading(ev: Evidence): Evidence | undefined {
    return this.headings.get(ev.passageId);
  }

  /** The spans that state what the quote cuts from: its sentence, and what the sentence leans on. */
  expand(ev: Evidence): Evidence[] {
    const p = this.passages.get(ev.passageId);
    if (!p) return [ev];
    if (p.kind === 'table') return this.tableSpans(p, ev);
    const own = sentences(p.text).filter((s) => s.start < ev.end && s.end > ev.start);
    const out = [spanOf(p, own.length ? { start: own[0]!.start, end: own.at(-1)!.end } : ev)];
    const leadIn = p.leadInId ? this.passages.get(p.leadInId) : undefined;
    if (leadIn) {
      const last = sentences(leadIn.text).at(-1);
      if (last) out.push(spanOf(leadIn, last));
    }
    return out;
  }

  /** A table row reads with the table's title and the heading of its group. */
  private tableSpans(p: Passage, ev: Evidence): Evidence[] {
    const row = linesAround(p.text, ev.start, ev.end);
    const out = [spanOf(p, row)];
    const t = this.tables.get(p.id);
    const firstLine = linesAround(p.text, 0, 0);
    if (row.start > firstLine.end) {
      // The title may wrap: it runs to the line holding its last word.
      const lastWord = t?.title.trim().split(/\s+/).at(-1);
      const titleEnd = lastWord ? p.text.indexOf(lastWord, firstLine.start) + lastWord.length : firstLine.end;
      out.unshift(spanOf(p, { start: 0, end: titleEnd > 0 && titleEnd < row.start ? linesAround(p.text, titleEnd - 1, titleEnd).end : firstLine.end }));
    }
    const label = p.text.slice(row.start, row.end);
    const group = t?.rows.find((r) => label.startsWith(r.label))?.group;
    if (group) {
      const at = p.text.lastIndexOf(group, row.start);
      if (at >= 0) out.splice(1, 0, spanOf(p, linesAround(p.text, at, at + group.length)));
    }
    return out;
  }
}

/**
 * Stage 2c: draft passages become Passage records with clean text (artefacts repaired,
 * footnote markers removed) and raw text, plus Table and Figure records and the outline.
 */
import type { Chapter, DocumentRecord, Figure, Passage, Table } from '../model/bundle';
import { slugify } from '../model/ontology';
import { repairText } from './repair';
import type { DraftPassage, Segmented } from './segment';
import { parseTable } from './tables';
import { splitGluedMarkers, type MarkedText } from './notes';
import { joinLines, stripNoteMarkers, stripNoteMarkersAt } from './text';

export interface TextLayer {
  passages: Passage[];
  tables: Table[];
  figures: Figure[];
  chapters: Chapter[];
  exhibits: DocumentRecord['exhibits'];
  /** Where each footnote marker stood: the note, the passage it annotates and the offset. */
  noteAnchors: NoteAnchor[];
}

export interface NoteAnchor {
  noteId: string;
  passageId: string;
  at: number;
}

/** Table text keeps one row per line so that a row is a span of its passage. */
function tableText(d: DraftPassage): string {
  const lines = (d.tableLines ?? []).filter((l) => l !== null).map((l) => l!.text.replace(/[ \t]+/g, ' ').trim());
  // The source line wraps; it reads as one line.
  const source = lines.findIndex((l) => l.startsWith('Source:'));
  return (source < 0 ? lines : [...lines.slice(0, source), joinLines(lines.slice(source))]).join('\n');
}

/** `onText`: told each passage's final text as it is made (a reader that starts on it early). */
export function buildTextLayer(seg: Segmented, documentId: string, onText?: (passage: { id: string; kind: string; text: string }) => void): TextLayer {
  const passages: Passage[] = [];
  const tables: Table[] = [];
  const figures: Figure[] = [];
  const exhibits: DocumentRecord['exhibits'] = [];
  const noteRefs = new Map<string, number[]>();
  const seenBoxes = new Set<string>();
  // Two exhibits of one kind and number (numbered per chapter, or a table continued under its
  // caption) keep apart: the second is table:N-2, and so on.
  const numbered = new Map<string, number>();
  const exhibitId = (kind: 'table' | 'figure', n: string) => {
    const seen = (numbered.get(`${kind}:${n}`) ?? 0) + 1;
    numbered.set(`${kind}:${n}`, seen);
    return seen === 1 ? `${kind}:${n}` : `${kind}:${n}-${seen}`;
  };

  const marked: MarkedText[] = seg.passages.map((d) => {
    const stripped = stripNoteMarkersAt(d.kind === 'table' ? tableText(d) : d.parts.join('\n'));
    return { id: d.id, chapter: d.chapter, text: stripped.text, markers: stripped.markers };
  });
  const notesByChapter = new Map<string, Set<number>>();
  for (const d of seg.passages) if (d.kind === 'note' && d.noteNumber && d.chapter) notesByChapter.set(d.chapter, (notesByChapter.get(d.chapter) ?? new Set()).add(d.noteNumber));
  splitGluedMarkers(marked.filter((_, k) => seg.passages[k]!.kind !== 'note'), notesByChapter);
  const markersOf = new Map<string, MarkedText['markers']>();

  seg.passages.forEach((d, order) => {
    const stripped = marked[order]!;
    const text = repairText(stripped.text);
    onText?.({ id: d.id, kind: d.kind, text });
    noteRefs.set(d.id, stripped.markers.map((m) => m.note));
    // Repairs change letter case only, so offsets hold; anything else leaves the markers unplaced.
    if (text.length === stripped.text.length) markersOf.set(d.id, stripped.markers);
    passages.push({
      id: d.id,
      documentId,
      order,
      kind: d.kind,
      chapter: d.chapter,
      section: d.section,
      label: d.label,
      leadInId: d.leadIn?.id ?? null,
      noteIds: [],
      text,
      rawText: d.raw.join('\n'),
      page: d.page ?? null,
      ...(d.pageLabel ? { pageLabel: d.pageLabel } : {}),
    });
    if (d.kind === 'table') {
      const lines = text.split('\n');
      let k = 0;
      // Repaired lines, with the layout (blank lines, indentation) of the extracted table; the
      // source, joined into one line, stands for its wrapped lines.
      let inSource = false;
      const repaired = d.tableLines!.map((l) => {
        if (!l) return null;
        if (inSource) return null;
        if (l.text.startsWith('Source:')) inSource = true;
        return { text: lines[k++] ?? l.text, indented: l.indented, ...(l.src.cells ? { cells: l.src.cells } : {}) };
      });
      const t = parseTable(repaired);
      const notes = t.notes.map((n) => stripNoteMarkers(n).text);
      tables.push({
        id: exhibitId('table', t.number),
        number: t.number,
        title: t.title,
        subtitle: t.subtitle,
        labelHeader: t.labelHeader,
        columns: t.columns,
        rows: t.rows.map((r) => ({ ...r, values: r.values.map((v) => stripNoteMarkers(v).text) })),
        source: t.source,
        notes,
        passageId: d.id,
      });
      exhibits.push({ label: `Table ${t.number}`, title: t.title, passageId: d.id });
    }
    if (d.figure) {
      const f = d.figure;
      figures.push({
        id: exhibitId('figure', f.number),
        number: f.number,
        title: repairText(f.title),
        subtitle: f.subtitle ? repairText(f.subtitle) : null,
        source: f.source ? repairText(stripNoteMarkers(f.source).text) : null,
        doi: f.doi,
        passageId: d.id,
      });
      exhibits.push({ label: `Figure ${f.number}`, title: repairText(f.title), passageId: d.id });
    }
    if (d.kind === 'box-title' && d.label && !seenBoxes.has(d.label)) {
      seenBoxes.add(d.label);
      exhibits.push({ label: d.label, title: text.replace(/^Box\s+\d+\.\d+\.\s*/, ''), passageId: d.id });
    }
    if (d.kind === 'note' && d.label) exhibits.push({ label: d.label, title: text.slice(0, 80), passageId: d.id });
  });

  // Footnote numbers point to the notes of the passage's chapter.
  const noteByKey = new Map<string, string>();
  for (const d of seg.passages) if (d.kind === 'note' && d.noteNumber) noteByKey.set(`${d.chapter}:${d.noteNumber}`, d.id);
  for (const p of passages) {
    const ids = (noteRefs.get(p.id) ?? []).map((n) => noteByKey.get(`${p.chapter}:${n}`)).filter((x): x is string => !!x);
    p.noteIds = [...new Set(ids)];
  }
  const noteAnchors: NoteAnchor[] = [];
  for (const p of passages) {
    for (const m of markersOf.get(p.id) ?? []) {
      const noteId = noteByKey.get(`${p.chapter}:${m.note}`);
      if (noteId) noteAnchors.push({ noteId, passageId: p.id, at: m.at });
    }
  }

  const chapters: Chapter[] = seg.chapters.map((c) => ({
    number: c.number,
    title: repairText(c.title),
    sections: c.sections.map((s) => ({ title: repairText(s.title), passageIds: s.passages.map((p) => p.id) })),
  }));
  for (const p of passages) if (p.section) p.section = repairText(p.section);
  return { passages, tables, figures, chapters, exhibits, noteAnchors };
}

export function documentIdFor(title: string): string {
  return `doc:${slugify(title)}`;
}

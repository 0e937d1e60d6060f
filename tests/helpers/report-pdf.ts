/**
 * Typesets a bundle's prose as a PDF the way reports are printed: two columns, running heads
 * that alternate between the report's title and the chapter, page numbers at the foot, notes as
 * footnotes at the foot of the page that refers to them (superscript markers), and words
 * hyphenated at line ends. Tables and figures are left out: their layout is the table reader's
 * concern, not the PDF reader's. Returns the PDF and the page each passage starts on.
 */
import PDFDocument from 'pdfkit';
import type { GraphBundle, Passage } from '../../graph-seed/src/model/bundle';

const W = 595.28;
const MARGIN = 50;
const GUTTER = 22;
const COL_W = (W - 2 * MARGIN - GUTTER) / 2;
const TOP = 72;
const BODY_BOTTOM = 640;
const NOTE_TOP = 660;
const BODY = { font: 'Helvetica', size: 10, lead: 12.5 };
const HEAD = { font: 'Helvetica-Bold', size: 12, lead: 15 };
const NOTE = { font: 'Helvetica', size: 7.5, lead: 9 };
const PROSE = new Set(['paragraph', 'list-item', 'heading', 'box-title']);

export interface TypesetReport {
  pdf: Buffer;
  /** Page (1-based) on which each typeset passage starts. */
  pageOf: Map<string, number>;
  pages: number;
}

type Style = typeof BODY;

export async function typesetReport(bundle: GraphBundle, title: string): Promise<TypesetReport> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: title } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const pageOf = new Map<string, number>();
  const notesById = new Map(bundle.passages.filter((p) => p.kind === 'note').map((p) => [p.id, p]));
  const placedNotes = new Set<string>();
  let page = 0;
  let col = 0;
  let y = TOP;
  /** Where columns start on this page: below the chapter's title on its first page. */
  let colTop = TOP;
  let chapterLine = '';
  let pageNotes: { number: number; text: string }[] = [];

  const width = (s: string, st: Style) => doc.font(st.font).fontSize(st.size).widthOfString(s.replace(/\u0001\d+\u0001/g, ''));
  const finishPage = () => {
    let ny = NOTE_TOP;
    for (const n of pageNotes) {
      const lines = wrap(`${n.number} ${n.text}`, W - 2 * MARGIN, NOTE);
      for (const l of lines) {
        doc.font(NOTE.font).fontSize(NOTE.size).text(l, MARGIN, ny, { lineBreak: false });
        ny += NOTE.lead;
      }
    }
    pageNotes = [];
  };
  const newPage = () => {
    if (page) finishPage();
    doc.addPage({ size: 'A4', margin: 0 });
    page++;
    col = 0;
    y = TOP;
    colTop = TOP;
    const head = page % 2 === 0 ? title.toUpperCase() : chapterLine.toUpperCase();
    doc.font('Helvetica').fontSize(7.5).text(head, MARGIN, 36, { lineBreak: false });
    doc.font('Helvetica').fontSize(8).text(String(page), W / 2 - 5, 800, { lineBreak: false });
    doc.font('Helvetica').fontSize(7).text(`${title.toUpperCase()} © TEST PUBLISHER 2017`, MARGIN, 812, { lineBreak: false });
  };
  const nextColumn = () => {
    if (col === 0) {
      col = 1;
      y = colTop;
    } else newPage();
  };
  const x = () => MARGIN + col * (COL_W + GUTTER);

  /** Greedy line breaking; a word that does not fit is hyphenated when long enough. */
  function wrap(text: string, w: number, st: Style): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (width(candidate, st) <= w) {
        line = candidate;
        continue;
      }
      if (/^\p{Ll}{8,}[.,;]?$/u.test(word)) {
        let cut = word.replace(/[.,;]$/, '').length - 3;
        while (cut >= 4 && width(`${line} ${word.slice(0, cut)}-`, st) > w) cut--;
        if (cut >= 4) {
          lines.push(`${line} ${word.slice(0, cut)}-`);
          line = word.slice(cut);
          continue;
        }
      }
      if (line) lines.push(line);
      line = word;
    }
    if (line) lines.push(line);
    return lines;
  }

  /** Draws a line whose note markers (\u0001N\u0001) are set as superscripts. */
  const drawLine = (line: string, lx: number, ly: number, st: Style) => {
    let cx = lx;
    line.split(/\u0001(\d+)\u0001/).forEach((part, i) => {
      if (!part) return;
      const sup = i % 2 === 1;
      doc.font(st.font).fontSize(sup ? 6 : st.size).text(part, cx, sup ? ly - 2 : ly, { lineBreak: false });
      cx += doc.widthOfString(part);
    });
  };

  const place = (p: Passage, st: Style, text: string) => {
    const lines = wrap(text, COL_W, st);
    lines.forEach((l, i) => {
      if (y + st.lead > BODY_BOTTOM) nextColumn();
      if (i === 0) pageOf.set(p.id, page);
      drawLine(l, x(), y, st);
      y += st.lead;
    });
    y += st.lead * 0.6;
  };

  /** The marker goes after the first word that ends a clause, where printed markers usually sit. */
  const withMarkers = (text: string, numbers: number[]) => {
    if (!numbers.length) return text;
    const at = /\p{Ll}(?=[.,;:](?:\s|$))/u.exec(text);
    const cut = at ? at.index + 1 : text.length;
    return text.slice(0, cut) + numbers.map((n) => `\u0001${n}\u0001`).join('') + text.slice(cut);
  };

  /** Notes no passage refers to are printed at the foot of their chapter's last page. */
  const placeOrphanNotes = (ch: string | null) => {
    for (const n of notesById.values()) {
      if (n.chapter !== ch || placedNotes.has(n.id)) continue;
      placedNotes.add(n.id);
      pageOf.set(n.id, page);
      pageNotes.push({ number: Number(/\.(\d+)$/.exec(n.label ?? '')?.[1] ?? 0), text: n.text });
    }
    pageNotes.sort((a, b) => a.number - b.number);
  };
  let chapter: string | null = null;
  for (const p of bundle.passages) {
    if (p.chapter !== chapter) {
      if (page) placeOrphanNotes(chapter);
      chapter = p.chapter;
      const c = bundle.document.chapters.find((ch) => ch.number === chapter);
      chapterLine = c ? `${c.number}. ${c.title}` : '';
      newPage();
      if (c && c.number !== '0') {
        doc.font('Helvetica').fontSize(14).text(`Chapter ${c.number}`, MARGIN, y, { lineBreak: false });
        y += 24;
        doc.font('Helvetica-Bold').fontSize(18).text(c.title, MARGIN, y, { lineBreak: false });
        y += 36;
        colTop = y;
      }
    }
    if (!PROSE.has(p.kind)) continue;
    const notes = p.noteIds.map((id) => notesById.get(id)).filter((n): n is Passage => !!n && !placedNotes.has(n.id));
    const numbers = notes.map((n) => Number(/\.(\d+)$/.exec(n.label ?? '')?.[1] ?? 0));
    const text = withMarkers(p.kind === 'list-item' ? `• ${p.text}` : p.text, numbers);
    place(p, p.kind === 'heading' ? HEAD : BODY, text);
    notes.forEach((n, i) => {
      placedNotes.add(n.id);
      pageOf.set(n.id, page);
      pageNotes.push({ number: numbers[i]!, text: n.text });
    });
  }
  placeOrphanNotes(chapter);
  finishPage();
  doc.end();
  await finished;
  return { pdf: Buffer.concat(chunks), pageOf, pages: page };
}

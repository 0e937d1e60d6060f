/**
 * Tables in a PDF: found by their caption and the columns of their rows, read into columns and
 * rows (numbers parsed, groups and sub-rows kept, source and notes apart), and kept out of the
 * prose around them.
 */
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../../graph-seed/src/ingest/pdf/index';
import type { GraphBundle, Table } from '../../graph-seed/src/model/bundle';
import { runPipeline } from '../../graph-seed/src/pipeline';

const LEFT = 60;
const WIDTH = 475;

type Cell = string | { text: string; at: number; right?: boolean };

/** Typesets pages of prose and tables: each table row's cells at fixed positions. */
async function typeset(pages: ((doc: PDFKit.PDFDocument) => void)[]): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: 'Labour mobility review' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  pages.forEach((draw, k) => {
    doc.addPage();
    draw(doc);
    doc.font('Helvetica').fontSize(8).text(String(k + 1), 290, 800, { lineBreak: false });
  });
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

class Page {
  y = 70;
  constructor(private doc: PDFKit.PDFDocument) {}
  prose(text: string, font = 'Helvetica', size = 10): this {
    this.doc.font(font).fontSize(size).text(text, LEFT, this.y, { width: WIDTH, lineGap: 2.5 });
    this.y = this.doc.y + 10;
    return this;
  }
  line(text: string, font = 'Helvetica', size = 10): this {
    this.doc.font(font).fontSize(size).text(text, LEFT, this.y, { lineBreak: false });
    this.y += size * 1.35;
    return this;
  }
  /** A row: a label (set in by `indent`) and values right-aligned at the given edges. */
  row(cells: Cell[], indent = 0, font = 'Helvetica'): this {
    this.doc.font(font).fontSize(9);
    for (const c of cells) {
      const cell = typeof c === 'string' ? { text: c, at: LEFT + indent } : c;
      if (!cell.text) continue;
      const x = cell.right ? cell.at - this.doc.widthOfString(cell.text) : cell.at;
      this.doc.text(cell.text, x, this.y, { lineBreak: false });
    }
    this.y += 12.5;
    return this;
  }
  gap(h = 8): this {
    this.y += h;
    return this;
  }
}

const v = (text: string, at: number) => ({ text, at, right: true });

let bundle: GraphBundle;
let tables: Map<string, Table>;

beforeAll(async () => {
  const pdf = await typeset([
    (doc) => {
      new Page(doc)
        .line('Labour mobility', 'Helvetica-Bold', 14)
        .gap()
        .prose('The Department of Employment keeps a register of every recruitment agency licensed to place workers abroad. Table 3 gives the number of workers placed in each destination, by region, over five years of the register.')
        .line('Table 3. Workers placed abroad by destination', 'Helvetica-Bold', 10)
        .line('Thousands of workers', 'Helvetica-Oblique', 9)
        .gap(4)
        .row(['', v('2010', 420), v('2015', 520)], 0, 'Helvetica-Bold')
        .row(['Asia'])
        .row(['Thailand', v('12 198', 420), v('15 578', 520)], 12)
        .row(['Malaysia', v('1 024', 420), v('2 310', 520)], 12)
        .row(['Europe'])
        .row(['France', v('210', 420), v('–', 520)], 12)
        .row(['Total', v('13 432', 420), v('17 888', 520)])
        .gap(4)
        .line('Source: Department of Employment (2016), Annual register of placements.', 'Helvetica', 8)
        .gap(8)
        .prose('Placements rose in every year after 2010. Most workers went to neighbouring countries, where the demand for construction labour grew fastest.');
    },
    (doc) => {
      new Page(doc)
        .prose('The register names the public bodies that oversee recruitment. Table 5 in the annex lists their budgets; their roles are set out below.')
        .line('Table 4: Bodies and their roles', 'Helvetica-Bold', 10)
        .gap(4)
        .row(['Body', { text: 'Role', at: 250 }], 0, 'Helvetica-Bold')
        .row(['Labour Inspection Office', { text: 'Inspects workplaces and recruitment agencies', at: 250 }])
        .row(['Migration Council', { text: 'Coordinates the ministries concerned', at: 250 }])
        .gap(4)
        .line('Note: Roles as stated in the founding decrees.', 'Helvetica', 8)
        .gap(8)
        .prose('Both bodies report each year to the Department of Employment on the complaints they received.');
    },
  ]);
  const file = await readPdf('tables.pdf', pdf);
  const r = runPipeline([file]);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  bundle = r.value.bundle;
  tables = new Map(bundle.tables.map((t) => [t.number, t]));
}, 60_000);

describe('tables in a PDF', () => {
  it('reads a numeric table into its columns, rows, groups and numbers', () => {
    const t = tables.get('3');
    expect(t).toBeDefined();
    expect(t!.title).toBe('Workers placed abroad by destination');
    expect(t!.subtitle).toBe('Thousands of workers');
    expect(t!.columns).toEqual(['2010', '2015']);
    const row = (label: string) => t!.rows.find((r) => r.label === label);
    expect(row('Thailand')).toMatchObject({ group: 'Asia', values: ['12 198', '15 578'], numbers: [12198, 15578] });
    expect(row('Malaysia')).toMatchObject({ group: 'Asia', numbers: [1024, 2310] });
    expect(row('France')).toMatchObject({ group: 'Europe', values: ['210', '–'], numbers: [210, null] });
    expect(row('Total')?.numbers).toEqual([13432, 17888]);
    expect(t!.rows.map((r) => r.label)).toEqual(['Thailand', 'Malaysia', 'France', 'Total']);
    expect(t!.source).toBe('Department of Employment (2016), Annual register of placements.');
  });

  it('reads a table of text cells, with the label column\'s heading and its note', () => {
    const t = tables.get('4');
    expect(t).toBeDefined();
    expect(t!.title).toBe('Bodies and their roles');
    expect(t!.labelHeader).toBe('Body');
    expect(t!.columns).toEqual(['Role']);
    expect(t!.rows).toEqual([
      { label: 'Labour Inspection Office', group: null, values: ['Inspects workplaces and recruitment agencies'], numbers: [null] },
      { label: 'Migration Council', group: null, values: ['Coordinates the ministries concerned'], numbers: [null] },
    ]);
    expect(t!.notes).toEqual(['Roles as stated in the founding decrees.']);
  });

  it('makes each table an entity on its page, mentioned where the text refers to it', () => {
    const entity = bundle.entities.find((e) => e.id === 'table:3');
    expect(entity?.name).toBe('Table 3. Workers placed abroad by destination');
    const passage = bundle.passages.find((p) => p.id === tables.get('3')!.passageId)!;
    expect(passage.kind).toBe('table');
    expect(passage.page).toBe(1);
    expect(bundle.passages.find((p) => p.id === tables.get('4')!.passageId)!.page).toBe(2);
    const refs = bundle.mentions.filter((m) => m.entityId === 'table:3' && m.passageId !== passage.id);
    expect(refs.map((m) => m.text)).toEqual(['Table 3']);
  });

  it('keeps the tables out of the prose, and the prose around them whole', () => {
    const prose = bundle.passages.filter((p) => p.kind !== 'table');
    expect(prose.some((p) => /12 198|Thailand|Inspects workplaces|Source:/.test(p.text))).toBe(false);
    const texts = prose.map((p) => p.text);
    expect(texts).toContain('Placements rose in every year after 2010. Most workers went to neighbouring countries, where the demand for construction labour grew fastest.');
    expect(texts).toContain('Both bodies report each year to the Department of Employment on the complaints they received.');
    // "Table 5" opens no table: no rows follow it.
    expect(tables.has('5')).toBe(false);
    expect(texts.some((t) => t.startsWith('The register names the public bodies') && t.endsWith('their roles are set out below.'))).toBe(true);
  });
});

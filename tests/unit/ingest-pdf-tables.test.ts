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
  prose(text: string, font = 'Helvetica', size = 10, options: { width?: number; align?: 'left' | 'justify'; after?: number } = {}): this {
    this.doc.font(font).fontSize(size).text(text, LEFT, this.y, { width: options.width ?? WIDTH, lineGap: 2.5, align: options.align ?? 'left' });
    this.y = this.doc.y + (options.after ?? 10);
    return this;
  }
  /** A small raised number at x on the last row: a note marker. */
  marker(text: string, x: number): this {
    this.doc.font('Helvetica').fontSize(5.5).text(text, x, this.y - 12.5 - 2.5, { lineBreak: false });
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
    // Set at the margin under set-in rows, it ends Europe's group.
    expect(row('Total')).toMatchObject({ group: null, numbers: [13432, 17888] });
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

describe('tables in a PDF, among the things that stand near them', () => {
  const P1 = 'The inspectorate keeps a register of the complaints it receives against recruitment agencies.';
  const JUSTIFIED = 'Recruitment agencies must renew their licences every three years. Internationalisation notwithstanding, decentralisation, professionalisation and institutionalisation characterise the administration of the register.';
  const AFTER = 'Complaints are heard by the inspectorate within thirty days of being lodged.';
  let b: GraphBundle;

  beforeAll(async () => {
    const pdf = await typeset([
      (doc) => {
        // A table in a narrow column, justified prose right under it; a note marker in a cell.
        new Page(doc)
          .prose(P1)
          .line('Table 1. Complaints received', 'Helvetica-Bold', 10)
          .row(['', v('2015', 200), v('2016', 260)], 0, 'Helvetica-Bold')
          .row(['Thailand', v('1,024', 200), v('1 210', 260)])
          .marker('3', 201)
          .row(['Malaysia', v('12,198', 200), v('98', 260)])
          .gap(12)
          .prose(JUSTIFIED, 'Helvetica', 10, { width: 200, align: 'justify' })
          .prose(AFTER);
      },
      (doc) => {
        // A wrapped line of prose that starts "Table 4." above the real caption; a source in
        // small type with prose close under it; a table of the same number as page 1's.
        const p = new Page(doc);
        p.prose('The agencies are listed in the annex, together with their licence numbers, as shown in', 'Helvetica', 10, { after: 0 });
        p.y -= 2.5;
        p.prose('Table 4. The register is updated every month by the inspection office.')
          .line('Table 1. Agencies by province', 'Helvetica-Bold', 10)
          .row(['', v('2015', 420), v('2016', 520)], 0, 'Helvetica-Bold')
          .row(['North', v('12', 420), v('15', 520)])
          .row(['South', v('10', 420), v('23', 520)])
          .gap(2)
          .line('Source: Inspection office (2016).', 'Helvetica', 8)
          .prose('Table 1 shows that the north has more agencies than the south in both years.');
      },
      (doc) => {
        // A table filling most of its page: labels on the left, numbers far to the right.
        const p = new Page(doc).line('Table 9. Placements by district', 'Helvetica-Bold', 10);
        p.row(['', v('2015', 420), v('2016', 520)], 0, 'Helvetica-Bold');
        for (let d = 1; d <= 40; d++) p.row([`District ${d}`, v(String(d * 7), 420), v(String(d * 11), 520)]);
      },
    ]);
    const r = runPipeline([await readPdf('near.pdf', pdf)]);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    b = r.value.bundle;
  }, 60_000);

  const table = (id: string) => b.tables.find((t) => t.id === id);
  const prose = () => b.passages.filter((p) => p.kind !== 'table').map((p) => p.text);

  it('ends a table where prose starts, even prose set with wide word spaces in a narrow column', () => {
    expect(table('table:1')?.rows.map((r) => r.label)).toEqual(['Thailand', 'Malaysia']);
    expect(prose().some((t) => t.startsWith('Recruitment agencies must renew their licences every three years.'))).toBe(true);
    expect(prose()).toContain(AFTER);
  });

  it('reads numbers with commas, and keeps note markers out of the cells', () => {
    expect(table('table:1')?.rows.map((r) => r.numbers)).toEqual([
      [1024, 1210],
      [12198, 98],
    ]);
  });

  it('takes no wrapped line of prose for a caption, and keeps prose close under a small source out of it', () => {
    const t = table('table:1-2');
    expect(t).toMatchObject({ number: '1', title: 'Agencies by province', subtitle: null, source: 'Inspection office (2016).' });
    expect(b.tables.some((x) => x.number === '4')).toBe(false);
    expect(prose().some((x) => x.includes('as shown in Table 4. The register is updated every month'))).toBe(true);
    expect(prose()).toContain('Table 1 shows that the north has more agencies than the south in both years.');
  });

  it('keeps two tables of one number apart, and a reference points at the one nearest before it', () => {
    expect(b.tables.map((t) => t.id)).toEqual(['table:1', 'table:1-2', 'table:9']);
    expect(b.entities.filter((e) => e.type === 'Table').map((e) => e.name)).toEqual(expect.arrayContaining(['Table 1. Complaints received', 'Table 1. Agencies by province']));
    const ref = b.mentions.find((m) => m.text === 'Table 1' && b.passages.find((p) => p.id === m.passageId)?.text.startsWith('Table 1 shows'));
    expect(ref?.entityId).toBe('table:1-2');
  });

  it('reads a table that fills its page as one column of labels, not as two columns of text', () => {
    const t = table('table:9');
    expect(t?.rows).toHaveLength(40);
    expect(t?.rows[39]).toMatchObject({ label: 'District 40', numbers: [280, 440] });
  });
});

/** URL state round trips, passage text segmentation, timeline years and table CSV. */
import { describe, expect, it } from 'vitest';
import { tableCsv } from '../../client/src/core/tables';
import { chapterHeading, citedAt, segmentText, snippet, yearOf } from '../../client/src/core/text';
import { DEFAULT_STATE, decodeState, encodeState, MAX_URL_NODES, withoutGeometry } from '../../client/src/core/url';

describe('URL state', () => {
  it('round-trips a full view and leaves defaults out', () => {
    const geometry = { positions: { 'a:y': { x: -120, y: 3500 }, 'b:x': { x: 0, y: -7 } }, zoom: 0.481, pan: { x: 12, y: -340 } };
    const s = { ...DEFAULT_STATE, entity: 'ministry:molvt', nodes: ['b:x', 'a:y'], hiddenTypes: ['Policy'], hiddenRelations: ['ABOUT'], passage: 'p:2-004', span: [3, 9] as [number, number], tab: 'report' as const, path: ['a:y', 'b:x'] as [string, string], table: '2.1', sector: 'sector:agriculture', dimension: 'dimension:remittances', layout: 'hierarchy' as const, geometry };
    expect(decodeState(encodeState(s))).toEqual({ ...s, nodes: ['a:y', 'b:x'] });
    // Positions are whole model units; a node without one is left out.
    const partial = decodeState(encodeState({ ...s, geometry: { ...geometry, positions: { 'b:x': { x: 10.4, y: 0 } } } }));
    expect(partial.geometry.positions).toEqual({ 'b:x': { x: 10, y: 0 } });
    expect(withoutGeometry(encodeState(s))).toBe(withoutGeometry(encodeState({ ...s, geometry: DEFAULT_STATE.geometry })));
    expect(encodeState(DEFAULT_STATE)).toBe('');
  });

  it('falls back to defaults on malformed input and caps the node list', () => {
    expect(decodeState('?tab=nope&s=9-3&path=only-one&n=,,&l=spiral&z=-1&pan=x,y')).toEqual(DEFAULT_STATE);
    // Positions that do not match the node list are ignored rather than misassigned.
    expect(decodeState('?n=a,b&pos=1.2').geometry.positions).toEqual({});
    const many = Array.from({ length: MAX_URL_NODES + 50 }, (_, i) => `n:${i}`).join(',');
    expect(decodeState(`?n=${many}`).nodes).toHaveLength(MAX_URL_NODES);
  });
});

describe('passage text', () => {
  const text = 'MOI chairs the Migration Working Group.';
  const m = (start: number, end: number, id: string) => ({ start, end, entity: { id, type: 'Ministry', name: id } });

  it('cuts at mentions and the highlight, covering the text exactly', () => {
    const segs = segmentText(text, [m(0, 3, 'moi'), m(15, 38, 'mwg'), m(19, 28, 'inner')], [0, 10]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.highlighted).map((s) => s.text).join('')).toBe('MOI chairs');
    expect(segs.filter((s) => s.mention?.entityId === 'mwg').map((s) => s.text).join('')).toBe('Migration Working Group');
    expect(segs.some((s) => s.mention?.entityId === 'inner')).toBe(false);
  });

  it('ignores mentions outside the text and makes snippets', () => {
    expect(segmentText('abc', [m(2, 10, 'x')], null)).toEqual([{ start: 0, end: 3, text: 'abc', mention: null, highlighted: false }]);
    expect(snippet('a'.repeat(100) + 'X' + 'b'.repeat(100), 100, 101, 5)).toEqual({ before: '…aaaaa', match: 'X', after: 'bbbbb…' });
  });

  it('reads a year from dates, years and establishment', () => {
    expect(yearOf({ date: '20 July 1995' })).toBe(1995);
    expect(yearOf({ year: 2007 })).toBe(2007);
    expect(yearOf({ established: '10 January 2005' })).toBe(2005);
    expect(yearOf({ role: 'none' })).toBeNull();
  });
});

describe('table CSV', () => {
  it('quotes what needs quoting and keeps groups', () => {
    const csv = tableCsv({ columns: ['2000', '2015'], rows: [{ label: 'Thailand, "main"', group: 'Asia', values: ['12 198', '3.7%'] }] });
    expect(csv).toBe('group,label,2000,2015 (%)\r\nAsia,"Thailand, ""main""",12198,3.7\r\n');
  });
});

describe('the outline', () => {
  it('names a chapter by number and title, and the untitled text before the first chapter in words', () => {
    expect(chapterHeading({ number: '2', title: 'Migration in Cambodia' }, 4)).toBe('2. Migration in Cambodia');
    expect(chapterHeading({ number: '0', title: '' }, 4)).toBe('Before the first chapter');
    expect(chapterHeading({ number: '0', title: '' }, 1)).toBe('Sections');
    expect(chapterHeading({ number: '3', title: '' }, 4)).toBe('Chapter 3');
  });
});

describe('where a quote stands', () => {
  it('names the section and the page as printed, the label before the number', () => {
    expect(citedAt({ id: 'p:2-004', section: 'Migration policies', page: 57 })).toBe('Migration policies, p. 57');
    expect(citedAt({ id: 'p:0-014', section: 'Dedication', page: 3, pageLabel: 'i' })).toBe('Dedication, p. i');
    expect(citedAt({ id: 'p:2-004', section: null, page: null })).toBe('p:2-004');
    expect(citedAt({ id: 'p:2-004', section: 'Notes', label: 'Note 2.3', page: 12 }, true)).toBe('Note 2.3, p. 12');
  });
});

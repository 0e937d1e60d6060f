/** Tables read as numbers and charted by unit, dated entities, saved view files and saved views by name. */
import { describe, expect, it } from 'vitest';
import { readViewFile, saveNamed, viewFile } from '../../client/src/core/export';
import { chartGroups, displayRows, readValue, tableCsv } from '../../client/src/core/tables';
import { byTime, timeSpanOf } from '../../client/src/core/timeline';

const profile = {
  columns: ['Male', 'Female', 'Total'],
  rows: [
    { label: 'Gender', group: null, values: ['53.6', '46.4', '100'] },
    { label: 'Age (mean)', group: null, values: ['25.7', '25.2', '25.4'] },
    { label: 'Under 18', group: 'Age (mean)', values: ['6.3', '9.5', '7.7'] },
    { label: '18 to 24', group: 'Age (mean)', values: ['47.8', '48.2', '47.9'] },
    { label: 'Primary', group: 'Education', values: ['50.2', '56.9', '53.3'] },
  ],
};

describe('tables', () => {
  it('reads printed numbers with spaces as separators and percentages', () => {
    expect(readValue('12 198')).toEqual({ value: 12198, percent: false });
    expect(readValue('1\u00a0187\u00a0142')).toEqual({ value: 1187142, percent: false });
    expect(readValue(' 3.7% ')).toEqual({ value: 3.7, percent: true });
    expect(readValue('n.a.')).toBeNull();
  });

  it('does not file rows under a group named like a row that has values of its own', () => {
    const rows = displayRows(profile);
    expect(rows.filter((r) => r.group === 'Age (mean)')).toEqual([]);
    expect(rows.find((r) => r.label === 'Primary')!.group).toBe('Education');
  });

  it('charts shares only, never means or totals, one chart per group', () => {
    const chart = chartGroups(profile)!;
    const labels = chart.groups.flatMap((g) => g.rows.map((r) => r.label));
    expect(labels).not.toContain('Age (mean)');
    expect(labels).toEqual(expect.arrayContaining(['Gender', 'Under 18', 'Primary']));
    expect(chart.groups.map((g) => g.title)).toEqual([null, 'Education']);
    const growth = { columns: ['2000', '2015'], rows: [{ label: 'Total population (in thousands)', group: null, values: ['12 198', '15 578'] }, { label: '% of emigrants to total population', group: null, values: ['3.7%', '7.6%'] }] };
    expect(chartGroups(growth)!.groups[0]!.rows.map((r) => r.label)).toEqual(['% of emigrants to total population']);
    expect(chartGroups({ columns: ['2000'], rows: [{ label: 'Stock of emigrants', group: null, values: ['454 941'] }] })).toBeNull();
  });

  it('writes CSV with numbers as numbers and percentage columns named so', () => {
    const csv = tableCsv({ columns: ['2000', '2015'], rows: [{ label: 'Thailand, "main"', group: 'Asia', values: ['12 198', '3.7%'] }, { label: 'Other', group: null, values: ['5', '1%'] }] });
    expect(csv).toBe('group,label,2000,2015 (%)\r\nAsia,"Thailand, ""main""",12198,3.7\r\n,Other,5,1\r\n');
  });
});

describe('timeline', () => {
  it('dates plans by their period and agreements by their signing, not by events under them', () => {
    expect(timeSpanOf('National Strategic Development Plan 2014-2018', {})).toEqual({ start: 2014, end: 2018 });
    expect(timeSpanOf('National Employment Policy', { period: '2015-2025' })).toEqual({ start: 2015, end: 2025 });
    expect(timeSpanOf('MoU between A and B', { firstArrivals: 1998 })).toBeNull();
    expect(timeSpanOf('Sub-decree 57', { date: '20 July 1995' })).toEqual({ start: 1995, end: null });
    expect(timeSpanOf('Sub-decree 70 (2006)', {})).toEqual({ start: 2006, end: null });
    const items = byTime([{ name: 'b', span: { start: 2014, end: null } }, { name: 'a', span: { start: 2014, end: 2018 } }, { name: 'c', span: { start: 1995, end: null } }]);
    expect(items.map((i) => i.name)).toEqual(['c', 'a', 'b']);
  });
});

describe('view files', () => {
  const file = viewFile({
    nodes: [{ id: 'b', type: 'Ministry', name: 'B' }, { id: 'a', type: 'Policy', name: 'A' }],
    edges: [{ id: 'a|ISSUED_BY|b', type: 'ISSUED_BY', source: 'a', target: 'b' }],
    positions: { a: { x: 1, y: 2 } },
    evidence: new Map([['a|ISSUED_BY|b', [{ quote: 'A is issued by B', passage: 'p:1', start: 0, end: 16 }]]]),
    hiddenTypes: ['Study'],
    hiddenRelations: [],
    layout: 'hierarchy',
    selected: 'a',
  });

  it('round-trips a drawing with positions and evidence, sorted by id', () => {
    expect(file.nodes.map((n) => [n.id, n.x, n.y])).toEqual([['a', 1, 2], ['b', null, null]]);
    expect(file.relations[0]!.evidence[0]!.quote).toBe('A is issued by B');
    const read = readViewFile(JSON.stringify(file));
    expect(read).toEqual({ ok: true, file });
  });

  it('says what is wrong with a file that is not a saved view', () => {
    expect(readViewFile('{')).toMatchObject({ ok: false, error: expect.stringContaining('not JSON') });
    expect(readViewFile('{"format":"other"}')).toMatchObject({ ok: false, error: expect.stringContaining('not a saved view') });
    expect(readViewFile(JSON.stringify({ ...file, version: 2 }))).toMatchObject({ ok: false, error: expect.stringContaining('version 2') });
    expect(readViewFile(JSON.stringify({ ...file, nodes: [{ id: 'x' }] }))).toMatchObject({ ok: false, error: 'Node 1 of the saved view has no id, type or name.' });
  });

  it('keeps saved views by name, newest first, a name saved again replacing the old one', () => {
    let list = saveNamed([], 'Ministries', '?n=a');
    list = saveNamed(list, 'Plans', '?n=b');
    list = saveNamed(list, ' Ministries ', '?n=c');
    expect(list).toEqual([{ name: 'Ministries', search: '?n=c' }, { name: 'Plans', search: '?n=b' }]);
    expect(saveNamed(list, '  ', '?x')).toEqual(list);
  });
});

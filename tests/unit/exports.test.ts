/**
 * The neo4j-admin CSV export read back: every file parses with its typed header, every
 * relationship's ends exist among the nodes, and the graph rebuilt from the rows equals the
 * bundle's (counts per label and type, and every entity, relation, passage and mention).
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ARRAY_DELIMITER, csvExport } from '../../graph-seed/src/export/csv';
import { cypherLiteral, cypherScript, inlineParameters, scriptStatements } from '../../graph-seed/src/export/cypher';
import { reportBundle } from '../helpers/report';

const bundle = reportBundle();
const files = new Map(csvExport(bundle).map((f) => [f.name, f.content]));

/**
 * Rows of one file as objects keyed by property name, values typed by the header (name:type), as
 * neo4j-admin reads them: an unquoted empty field is no property, a quoted one an empty string.
 */
function read(name: string): Record<string, unknown>[] {
  const [header, ...rows] = parse(files.get(name)!, { cast: (value, ctx) => (value === '' && !ctx.quoting ? null : value) }) as (string | null)[][];
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    header!.forEach((h, j) => {
      const [prop, type] = h!.split(':') as [string, string | undefined];
      const value = row[j];
      if (value === null || value === undefined) return;
      out[prop || `:${type}`] = type === 'long' ? Number(value) : type === 'boolean' ? value === 'true' : type === 'string[]' ? value.split(ARRAY_DELIMITER) : value;
    });
    return out;
  });
}

describe('neo4j-admin CSV export', () => {
  const entities = read('entities.csv');
  const passages = read('passages.csv');
  const relations = read('relations.csv');
  const mentions = read('mentions.csv');
  const citations = read('citations.csv');
  const records = read('records.csv');
  const state = read('graph-state.csv');
  const idOf = (uid: unknown) => String(uid).split('|')[1];

  it('has one node per entity, passage and record, with labels, and every relationship end exists', () => {
    expect(entities).toHaveLength(bundle.entities.length);
    expect(passages).toHaveLength(bundle.passages.length);
    expect(records).toHaveLength(1 + bundle.tables.length + bundle.figures.length + bundle.discrepancies.length);
    expect(state).toEqual([expect.objectContaining({ key: 'active', version: bundle.version })]);
    for (const e of entities) expect(e[':LABEL']).toBe(`Entity;${e.type}`);
    const nodeIds = new Set([...entities, ...passages].map((n) => n.uid));
    for (const r of [...relations, ...mentions, ...citations]) {
      expect(nodeIds.has(r[':START_ID'])).toBe(true);
      expect(nodeIds.has(r[':END_ID'])).toBe(true);
    }
    const perType = new Map<string, number>();
    for (const r of relations) perType.set(String(r[':TYPE']), (perType.get(String(r[':TYPE'])) ?? 0) + 1);
    for (const [type, n] of perType) expect(n).toBe(bundle.relations.filter((r) => r.type === type).length);
  });

  it('rebuilds every entity, relation, passage, mention and citation of the bundle', () => {
    expect(
      entities.map((e) => ({ id: e.id, type: e.type, name: e.name, aliases: e.aliases ?? [], properties: JSON.parse(String(e.properties)), evidence: JSON.parse(String(e.evidence)) })),
    ).toEqual(expect.arrayContaining(bundle.entities));
    expect(
      relations.map((r) => ({ id: r.id, type: r[':TYPE'], source: idOf(r[':START_ID']), target: idOf(r[':END_ID']), properties: JSON.parse(String(r.properties)), evidence: JSON.parse(String(r.evidence)) })),
    ).toEqual(expect.arrayContaining(bundle.relations));
    expect(
      passages.map((p) => ({
        id: p.id, documentId: p.documentId, order: p.order, kind: p.kind, chapter: p.chapter ?? null, section: p.section ?? null, label: p.label ?? null,
        leadInId: p.leadInId ?? null, noteIds: p.noteIds ?? [], text: p.text, rawText: p.rawText, page: p.page ?? null,
      })),
    ).toEqual(bundle.passages);
    expect(mentions.map((m) => ({ entityId: idOf(m[':START_ID']), passageId: idOf(m[':END_ID']), start: m.start, end: m.end, text: m.text }))).toEqual(bundle.mentions);
    expect(citations.map((c) => ({ passageId: idOf(c[':START_ID']), studyId: idOf(c[':END_ID']), evidence: JSON.parse(String(c.evidence)), inherited: c.inherited }))).toEqual(bundle.citations);
    expect(records.filter((r) => r.kind === 'table').map((r) => JSON.parse(String(r.json)))).toEqual(bundle.tables);
  });

  it('refuses a value that holds the array delimiter', () => {
    const bad = structuredClone(bundle);
    bad.entities[0]!.aliases = ['one;two'];
    expect(() => csvExport(bad)).toThrow(/array delimiter/);
  });
});

describe('Cypher script export', () => {
  it('writes literals that cannot break out of their string', () => {
    expect(cypherLiteral("it's \\ \n\t\u0001 '}) DETACH DELETE n //")).toBe("'it\\'s \\\\ \\n\\t\\u0001 \\'}) DETACH DELETE n //'");
    expect(cypherLiteral({ a: [1, 2.5, null, true], 'odd key': 'x' })).toBe("{a: [1, 2.5, null, true], `odd key`: 'x'}");
    expect(() => inlineParameters('RETURN $missing', {})).toThrow(/missing/);
  });

  it('has one statement per line: schema, batches, activation', () => {
    const statements = scriptStatements(cypherScript(bundle));
    expect(statements[0]).toMatch(/^CREATE CONSTRAINT entity_uid/);
    expect(statements.some((s) => s.startsWith('MERGE (s:GraphState'))).toBe(true);
    for (const s of statements) expect(s).not.toContain('$');
  });
});

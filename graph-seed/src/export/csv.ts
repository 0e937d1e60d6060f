/**
 * The bundle as CSV files in the header format of `neo4j-admin database import full`, plus the
 * schema statements to run once the import is done (neo4j-admin does not create indexes):
 *
 *   neo4j-admin database import full neo4j --overwrite-destination --multiline-fields=true \
 *     --nodes=entities.csv --nodes=passages.csv --nodes=records.csv --nodes=graph-state.csv \
 *     --relationships=relations.csv --relationships=mentions.csv --relationships=citations.csv
 *   cypher-shell -f schema.cypher
 *
 * Arrays use neo4j-admin's default delimiter ";"; the export refuses a value that contains it.
 */
import { stringify } from 'csv-stringify/sync';
import type { GraphBundle } from '../model/bundle';
import { ACTIVE_STATE, bundleRows, CITATION_REL, LAYOUT_VERSION, MENTION_REL, SCHEMA_STATEMENTS } from './neo4j-model';
import { scriptGeneration } from './cypher';

export const ARRAY_DELIMITER = ';';

export interface CsvFile {
  name: string;
  content: string;
}

/** An array field; an empty array is left out (no property), which readers take as empty. */
function arrayField(values: string[], what: string): string | null {
  for (const v of values) if (v.includes(ARRAY_DELIMITER)) throw new Error(`${what} holds "${v}", which contains the array delimiter "${ARRAY_DELIMITER}"`);
  return values.length ? values.join(ARRAY_DELIMITER) : null;
}

/** Strings quoted, null as an empty unquoted field (no property), booleans as true/false. */
const csv = (header: string[], records: unknown[][]) =>
  stringify([header, ...records], { quoted_string: true, record_delimiter: '\n', cast: { boolean: (v) => String(v), string: (v) => (v === '' ? { value: '', quoted_empty: true } : v) } });

/** The files, in the order neo4j-admin should be given them. */
export function csvExport(bundle: GraphBundle): CsvFile[] {
  const gen = scriptGeneration(bundle.version);
  const rows = bundleRows(bundle, gen);
  const entities = [...rows.entities.values()].flat();
  const relations = [...rows.relations].flatMap(([type, list]) => list.map((r) => ({ ...r, type })));
  const instructions = [
    `neo4j-admin database import full neo4j --overwrite-destination --multiline-fields=true --array-delimiter="${ARRAY_DELIMITER}" \\`,
    '  --nodes=entities.csv --nodes=passages.csv --nodes=records.csv --nodes=graph-state.csv \\',
    '  --relationships=relations.csv --relationships=mentions.csv --relationships=citations.csv',
    'cypher-shell -f schema.cypher',
  ];
  return [
    {
      name: 'entities.csv',
      content: csv(
        ['uid:ID', 'gen', 'id', 'type', 'name', 'aliases:string[]', 'searchText', 'properties', 'evidence', 'passageIds:string[]', 'mentionCount:long', 'documentIds:string[]', ':LABEL'],
        entities.map((e) => [e.uid, e.gen, e.id, e.type, e.name, arrayField(e.aliases, `aliases of ${e.id}`), e.searchText, e.properties, e.evidence, arrayField(e.passageIds, `evidence passages of ${e.id}`), e.mentionCount, arrayField(e.documentIds, `documents of ${e.id}`), `Entity${ARRAY_DELIMITER}${e.type}`]),
      ),
    },
    {
      name: 'passages.csv',
      content: csv(
        ['uid:ID', 'gen', 'id', 'documentId', 'order:long', 'kind', 'chapter', 'section', 'label', 'leadInId', 'noteIds:string[]', 'text', 'rawText', 'searchText', 'page:long', 'pageLabel', ':LABEL'],
        rows.passages.map((p) => [p.uid, p.gen, p.id, p.documentId, p.order, p.kind, p.chapter, p.section, p.label, p.leadInId, arrayField(p.noteIds, `notes of ${p.id}`), p.text, p.rawText, p.searchText, p.page ?? null, p.pageLabel ?? null, 'Passage']),
      ),
    },
    {
      name: 'records.csv',
      content: csv(['uid:ID', 'gen', 'kind', 'id', 'seq:long', 'json', ':LABEL'], rows.records.map((r) => [r.uid, r.gen, r.kind, r.id, r.seq, r.json, 'Record'])),
    },
    {
      name: 'graph-state.csv',
      content: csv([':ID', 'key', 'gen', 'version', 'layout:int', 'stats', ':LABEL'], [[`state:${ACTIVE_STATE}`, ACTIVE_STATE, gen, bundle.version, LAYOUT_VERSION, rows.stats, 'GraphState']]),
    },
    {
      name: 'relations.csv',
      content: csv([':START_ID', ':END_ID', ':TYPE', 'id', 'gen', 'properties', 'evidence', 'passageIds:string[]'], relations.map((r) => [r.from, r.to, r.type, r.id, r.gen, r.properties, r.evidence, arrayField(r.passageIds, `evidence passages of ${r.id}`)])),
    },
    {
      name: 'mentions.csv',
      content: csv([':START_ID', ':END_ID', ':TYPE', 'gen', 'start:long', 'end:long', 'text'], rows.mentions.map((m) => [m.from, m.to, MENTION_REL, m.gen, m.start, m.end, m.text])),
    },
    {
      name: 'citations.csv',
      content: csv([':START_ID', ':END_ID', ':TYPE', 'gen', 'seq:long', 'evidence', 'inherited:boolean'], rows.citations.map((c) => [c.from, c.to, CITATION_REL, c.gen, c.seq, c.evidence, c.inherited])),
    },
    { name: 'schema.cypher', content: `// Run after neo4j-admin import:\n${instructions.map((l) => `//   ${l}`).join('\n')}\n${SCHEMA_STATEMENTS.map((s) => `${s};`).join('\n')}\n` },
  ];
}

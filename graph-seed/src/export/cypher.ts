/**
 * The bundle as a Cypher script for cypher-shell:
 *   cypher-shell -a bolt://localhost:7687 -u neo4j -p <password> -f graph.cypher
 * Constraints and indexes first, then batched UNWIND statements with literal rows, then the
 * generation is made active and any other generation removed. Running the script again gives
 * the same graph (it starts by removing what an earlier run of it wrote). One statement per line.
 */
import type { GraphBundle } from '../model/bundle';
import { batches, bundleRows, LAYOUT_VERSION, SCHEMA_STATEMENTS, WRITE } from './neo4j-model';

/** A value as a Cypher literal. Strings escape quotes, backslashes and every control character. */
export function cypherLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    return `'${value.replace(/[\\'\u0000-\u001f\u2028\u2029]/g, (c) => {
      if (c === '\\') return '\\\\';
      if (c === "'") return "\\'";
      if (c === '\n') return '\\n';
      if (c === '\r') return '\\r';
      if (c === '\t') return '\\t';
      return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    })}'`;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a Cypher literal`);
    return Number.isInteger(value) ? String(value) : String(value).includes('e') ? value.toExponential() : String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(cypherLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : `\`${k.replace(/`/g, '``')}\``}: ${cypherLiteral(v)}`)
      .join(', ')}}`;
  }
  throw new Error(`cannot write a ${typeof value} as a Cypher literal`);
}

/** A parameterised statement with each $parameter written in as a literal. */
export function inlineParameters(cypher: string, params: Record<string, unknown>): string {
  return cypher.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for $${name} in: ${cypher.slice(0, 80)}`);
    return cypherLiteral(params[name]);
  });
}

/** Generation name used by the script: fixed per bundle version, so reruns replace themselves. */
export const scriptGeneration = (version: string) => `script-${version.replace(/[^A-Za-z0-9]+/g, '-')}`;

const GENERATION_NODES = '(n:Entity OR n:Passage OR n:Record)';

export function cypherScript(bundle: GraphBundle, batchSize = 500): string {
  const gen = scriptGeneration(bundle.version);
  const rows = bundleRows(bundle, gen);
  const out: string[] = [
    `// Graph of "${bundle.document.title.replace(/\n/g, ' ')}", bundle ${bundle.version}.`,
    '// Run with: cypher-shell -a bolt://localhost:7687 -u neo4j -p <password> -f graph.cypher',
    '// Schema (idempotent)',
    ...SCHEMA_STATEMENTS.map((s) => `${s};`),
    'CALL db.awaitIndexes(300);',
    '// Remove what an earlier run of this script wrote',
    `MATCH (n) WHERE ${GENERATION_NODES} AND n.gen = ${cypherLiteral(gen)} CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS;`,
  ];
  const emit = (comment: string, cypher: string, list: object[]) => {
    out.push(`// ${comment} (${list.length})`);
    for (const batch of batches(list, batchSize)) out.push(`${inlineParameters(cypher, { rows: batch })};`);
  };
  for (const [type, list] of rows.entities) emit(`Entities: ${type}`, WRITE.entities(type), list);
  emit('Passages', WRITE.passages, rows.passages);
  emit('Records: document, tables, figures, discrepancies', WRITE.records, rows.records);
  for (const [type, list] of rows.relations) emit(`Relations: ${type}`, WRITE.relations(type), list);
  emit('Mentions', WRITE.mentions, rows.mentions);
  emit('Citations', WRITE.citations, rows.citations);
  out.push(
    '// Make this generation the one readers see, then remove any other',
    `${inlineParameters(WRITE.activate, { gen, version: bundle.version, layout: LAYOUT_VERSION, stats: rows.stats })};`,
    `MATCH (n) WHERE ${GENERATION_NODES} AND n.gen <> ${cypherLiteral(gen)} CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS;`,
  );
  return `${out.join('\n')}\n`;
}

/** The script's statements, for running it through a driver: every line that is not a comment. */
export function scriptStatements(script: string): string[] {
  return script
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('//'))
    .map((l) => l.replace(/;\s*$/, ''));
}

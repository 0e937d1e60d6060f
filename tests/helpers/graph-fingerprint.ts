/**
 * A fingerprint of a stored graph: a SHA-256 over every node, relationship and property as the
 * store holds them, so that "the graph is unchanged" compares values, not counts. A changed
 * name, a moved offset or a swapped relation end changes the fingerprint; equal graphs give
 * equal fingerprints whatever order the store returns them in.
 */
import { createHash } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import type { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';

export interface GraphFingerprint {
  hash: string;
  nodes: number;
  relationships: number;
}

/** JSON with object keys sorted at every level, so property order never matters. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

function digest(lines: string[]): string {
  const h = createHash('sha256');
  for (const l of [...lines].sort()) h.update(l).update('\n');
  return h.digest('hex');
}

/**
 * The memory store's graph: the bundle it serves from (every entity, relation, passage,
 * mention, citation, table, figure and discrepancy with all their fields; its indexes hold the
 * same objects) and its graphology graph (every node and keyed edge with its ends and attributes).
 */
export function memoryFingerprint(store: MemoryGraphStore): GraphFingerprint {
  // Private to the store's type, read here on purpose: the point is to see what it holds.
  const bundle = store['bundle'];
  const graph = store['graph'];
  const exported = graph.export();
  const lines = [
    `bundle ${canonical(bundle)}`,
    ...exported.nodes.map((n) => `node ${canonical(n)}`),
    ...(exported.edges ?? []).map((e) => `edge ${canonical(e)}`),
  ];
  return { hash: digest(lines), nodes: graph.order, relationships: graph.size };
}

/** A Neo4j value as plain JSON: integers by value, temporal and spatial values by their text. */
function plain(v: unknown): unknown {
  if (neo4j.isInt(v)) return `int:${v.toString()}`;
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return `${proto.constructor?.name}:${String(v)}`;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}

/**
 * Every node of the database with its labels and properties, and every relationship with its
 * type, properties and the full content of both ends (not their internal ids, which say nothing
 * about the values). Reads the whole database: for test-sized graphs.
 */
export async function neo4jFingerprint(driver: Driver, database = 'neo4j'): Promise<GraphFingerprint> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    const nodeLine = new Map<string, string>();
    const nodes = await session.run('MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props');
    for (const r of nodes.records) {
      const labels = (r.get('labels') as string[]).slice().sort();
      nodeLine.set(r.get('id') as string, canonical({ labels, props: plain(r.get('props')) }));
    }
    const rels = await session.run('MATCH (a)-[r]->(b) RETURN elementId(a) AS a, type(r) AS type, properties(r) AS props, elementId(b) AS b');
    const nodeHash = new Map([...nodeLine].map(([id, line]) => [id, createHash('sha256').update(line).digest('hex')]));
    const lines = [
      ...[...nodeLine.values()].map((l) => `node ${l}`),
      ...rels.records.map((r) => `rel ${nodeHash.get(r.get('a'))} ${r.get('type')} ${canonical(plain(r.get('props')))} ${nodeHash.get(r.get('b'))}`),
    ];
    return { hash: digest(lines), nodes: nodeLine.size, relationships: rels.records.length };
  } finally {
    await session.close();
  }
}

/**
 * Stage 9: the bundle, in a canonical order, with a version that hashes its content, validated
 * against the schema. Identical input gives byte-identical output.
 */
import { createHash } from 'node:crypto';
import type { GraphBundle } from '../model/bundle';
import { BUNDLE_FORMAT, BundleSchema } from '../model/bundle';

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A copy of plain data with every object's keys in sorted order. Key lists are sorted once per
 * distinct order met, so records of one shape cost a lookup each.
 */
function sortedKeys(value: unknown, orders: Map<string, string[]>): unknown {
  if (Array.isArray(value)) return value.map((v) => sortedKeys(v, orders));
  if (value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  const keys = Object.keys(value);
  const shape = keys.join('\u0000');
  let order = orders.get(shape);
  if (!order) orders.set(shape, (order = [...keys].sort(cmp)));
  const out: Record<string, unknown> = {};
  for (const k of order) out[k] = sortedKeys((value as Record<string, unknown>)[k], orders);
  return out;
}

/** JSON with object keys sorted, so that equal content is equal text. */
export function canonicalJson(value: unknown, indent = 0): string {
  return JSON.stringify(sortedKeys(value, new Map()), null, indent);
}

/**
 * The SHA-256 of `canonicalJson(value)`, fed record by record: hashing one string of tens of
 * megabytes costs several times more than hashing its pieces.
 */
export function canonicalHash(value: Record<string, unknown>): string {
  const hash = createHash('sha256');
  const orders = new Map<string, string[]>();
  const json = (v: unknown) => JSON.stringify(sortedKeys(v, orders)) ?? 'null';
  const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort(cmp);
  hash.update('{');
  keys.forEach((k, i) => {
    const v = value[k];
    hash.update(`${i ? ',' : ''}${JSON.stringify(k)}:`);
    if (!Array.isArray(v)) return void hash.update(json(v));
    hash.update('[');
    v.forEach((item, j) => hash.update(j ? `,${json(item)}` : json(item)));
    hash.update(']');
  });
  return hash.update('}').digest('hex');
}

export function emitBundle(content: Omit<GraphBundle, 'format' | 'version'>): GraphBundle {
  const sorted: Omit<GraphBundle, 'format' | 'version'> = {
    document: content.document,
    ...(content.documents ? { documents: content.documents } : {}),
    passages: [...content.passages].sort((a, b) => a.order - b.order),
    entities: [...content.entities].sort(byId),
    mentions: [...content.mentions].sort((a, b) => cmp(a.passageId, b.passageId) || a.start - b.start || a.end - b.end || cmp(a.entityId, b.entityId)),
    relations: [...content.relations].sort(byId),
    citations: [...content.citations].sort((a, b) => cmp(a.passageId, b.passageId) || a.evidence.start - b.evidence.start || cmp(a.studyId, b.studyId)),
    tables: [...content.tables].sort(byId),
    figures: [...content.figures].sort(byId),
    discrepancies: [...content.discrepancies].sort(byId),
  };
  const hash = canonicalHash(sorted).slice(0, 16);
  const bundle: GraphBundle = { format: BUNDLE_FORMAT, version: `${BUNDLE_FORMAT}+${hash}`, ...sorted };
  return BundleSchema.parse(bundle);
}

/**
 * Writes and reads the bundle file. Writing goes to a temporary file renamed into place, so a
 * failed run never leaves a half-written bundle; reading validates against the schema.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { GraphBundle } from '../model/bundle';
import { BundleSchema } from '../model/bundle';
import { canonicalJson } from '../stages/emit';

export function writeBundle(path: string, bundle: GraphBundle): void {
  BundleSchema.parse(bundle);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, canonicalJson(bundle, 1) + '\n');
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

export class BundleReadError extends Error {}

export function readBundle(path: string): GraphBundle {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new BundleReadError(`cannot read the graph bundle at ${path}: ${(e as Error).message}`);
  }
  const parsed = BundleSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new BundleReadError(`the graph bundle at ${path} does not match its schema: ${first}`);
  }
  return parsed.data;
}

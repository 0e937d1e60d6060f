/**
 * Reads the curation overlay: every *.yaml file in the folder is parsed (with line numbers for
 * syntax errors) and each entry validated, so that a mistake names its file, entry and field.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { Curation } from '../model/curation';
import { CURATION_FILES, DocumentCurationSchema, EMPTY_CURATION, OVERRIDES_FILE } from '../model/curation';
import type { Problem, Result } from '../model/result';
import { fail, ok } from '../model/result';

function issueText(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`).join('; ');
}

export function readCuration(dir: string): Result<Curation> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return fail([{ severity: 'error', code: 'CURATION_DIR_MISSING', message: `the curation folder does not exist: ${dir}`, file: dir }]);
  }
  const errors: Problem[] = [];
  const curation: Curation = structuredClone(EMPTY_CURATION);
  const known = new Set([...Object.keys(CURATION_FILES), 'document.yaml', OVERRIDES_FILE]);
  for (const name of readdirSync(dir).sort()) {
    // The override file is read apart (io/overrides.ts), after the automatic reading.
    if (!/\.ya?ml$/.test(name) || name === OVERRIDES_FILE) continue;
    const file = join(dir, name);
    if (!known.has(name)) {
      errors.push({ severity: 'error', code: 'CURATION_FILE_UNKNOWN', message: `unknown curation file; expected one of ${[...known].join(', ')}`, file });
      continue;
    }
    const doc = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true });
    if (doc.errors.length) {
      for (const e of doc.errors) errors.push({ severity: 'error', code: 'CURATION_SYNTAX', message: e.message.split('\n')[0]!, file, entry: e.linePos ? `line ${e.linePos[0].line}` : undefined });
      continue;
    }
    const data: unknown = doc.toJS();
    if (name === 'document.yaml') {
      const parsed = DocumentCurationSchema.safeParse(data);
      if (parsed.success) curation.document = parsed.data;
      else errors.push({ severity: 'error', code: 'CURATION_INVALID', message: issueText(parsed.error), file });
      continue;
    }
    if (data === null || data === undefined) continue;
    if (!Array.isArray(data)) {
      errors.push({ severity: 'error', code: 'CURATION_INVALID', message: 'the file must hold a list of entries', file });
      continue;
    }
    const schema = CURATION_FILES[name as keyof typeof CURATION_FILES];
    const key = name.replace(/\.ya?ml$/, '') as Exclude<keyof Curation, 'document'>;
    data.forEach((entry, index) => {
      const parsed = schema.safeParse(entry);
      const label = `#${index + 1}${entry && typeof entry === 'object' && 'id' in entry ? ` (${String((entry as { id: unknown }).id)})` : ''}`;
      if (!parsed.success) {
        errors.push({ severity: 'error', code: 'CURATION_INVALID', message: issueText(parsed.error), file, entry: label });
        return;
      }
      (curation[key] as unknown[]).push({ ...parsed.data, file, index });
    });
  }
  return errors.length ? fail(errors) : ok(curation);
}

/**
 * Reads an override file (a YAML list of accept / reject / retype / rename / add entries by id),
 * so that a mistake names the file, the entry and the field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { Problem, Result } from '../model/result';
import { fail, ok } from '../model/result';
import { type Override, OverrideSchema } from '../stages/override';

export function readOverrides(file: string): Result<Override[]> {
  if (!existsSync(file)) return fail([{ severity: 'error', code: 'OVERRIDES_MISSING', message: `the override file does not exist: ${file}`, file }]);
  const doc = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true });
  if (doc.errors.length) return fail(doc.errors.map((e) => ({ severity: 'error' as const, code: 'OVERRIDES_SYNTAX', message: e.message.split('\n')[0]!, file, entry: e.linePos ? `line ${e.linePos[0].line}` : undefined })));
  const data: unknown = doc.toJS() ?? [];
  if (!Array.isArray(data)) return fail([{ severity: 'error', code: 'OVERRIDES_INVALID', message: 'the file must hold a list of entries', file }]);
  const errors: Problem[] = [];
  const out: Override[] = [];
  data.forEach((entry, index) => {
    const parsed = OverrideSchema.safeParse(entry);
    if (parsed.success) out.push(parsed.data);
    else errors.push({ severity: 'error', code: 'OVERRIDES_INVALID', message: parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; '), file, entry: `#${index + 1}` });
  });
  return errors.length ? fail(errors) : ok(out);
}

/** Reads the corpus: a folder (every *.txt in it) or a list of files. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Problem, Result } from '../model/result';
import { fail, ok } from '../model/result';
import type { CorpusFile } from '../stages/read';

export function readCorpus(paths: string[]): Result<CorpusFile[]> {
  const errors: Problem[] = [];
  const files: CorpusFile[] = [];
  for (const path of paths) {
    if (!existsSync(path)) {
      errors.push({ severity: 'error', code: 'CORPUS_MISSING', message: 'no such file or folder', file: path });
      continue;
    }
    const targets = statSync(path).isDirectory()
      ? readdirSync(path).filter((n) => n.endsWith('.txt')).sort().map((n) => join(path, n))
      : [path];
    if (!targets.length) errors.push({ severity: 'error', code: 'CORPUS_EMPTY', message: 'the folder holds no .txt file', file: path });
    for (const t of targets) {
      const text = readFileSync(t, 'utf8');
      if (!text.trim()) errors.push({ severity: 'error', code: 'EMPTY_CORPUS_FILE', message: 'the corpus file is empty', file: t });
      else files.push({ name: basename(t), text });
    }
  }
  return errors.length ? fail(errors) : ok(files);
}

/** The explorer's files are read once and the same bytes written to every request (server/src/http.ts). */
import { mkdtempSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileBytes } from '../../server/src/http';

describe('static files', () => {
  it('hands every request the same bytes, one copy, and reads a file again once it changes', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'static-')), 'app.js');
    writeFileSync(file, 'one');
    const first = fileBytes(file);
    expect(fileBytes(file)).toBe(first);
    writeFileSync(file, 'two, longer');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(fileBytes(file).toString()).toBe('two, longer');
  });
});

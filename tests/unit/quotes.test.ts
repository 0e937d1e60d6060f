/** Quotes found in passage text, typographic marks and runs of white space forgiven, offsets exact. */
import { describe, expect, it } from 'vitest';
import type { Passage } from '../../graph-seed/src/model/bundle';
import { QuoteIndex } from '../../graph-seed/src/stages/quotes';

const passage = (id: string, text: string): Passage => ({ id, documentId: 'doc', order: 0, kind: 'paragraph', chapter: null, section: null, label: null, leadInId: null, noteIds: [], text, rawText: text });

describe('QuoteIndex', () => {
  const a = passage('p:a', '  The Board’s “annual plan”\nwas  approved by the  Council. The Board met.');
  const b = passage('p:b', 'The Board met again — twice.');
  const index = new QuoteIndex([a, b]);

  it('finds a quote written with straight marks and single spaces, and gives the passage’s own words and offsets', () => {
    const [hit] = index.findAll('The Board\'s "annual plan" was approved by the Council');
    expect(hit).toBeDefined();
    expect(hit!.passageId).toBe('p:a');
    expect(a.text.slice(hit!.start, hit!.end)).toBe(hit!.quote);
    expect(hit!.quote).toBe('The Board’s “annual plan”\nwas  approved by the  Council');
  });

  it('finds every place, in reading order, and only in the passage asked for', () => {
    expect(index.findAll('The Board met').map((e) => [e.passageId, e.start])).toEqual([
      ['p:a', a.text.indexOf('The Board met')],
      ['p:b', 0],
    ]);
    expect(index.findAll('The Board met', 'p:b').map((e) => e.passageId)).toEqual(['p:b']);
    expect(index.find('again - twice', 'p:b')?.quote).toBe('again — twice');
  });

  it('finds nothing for a passage it does not hold, an empty quote or words not in the text', () => {
    expect(index.findAll('The Board met', 'p:missing')).toEqual([]);
    expect(index.findAll('   ')).toEqual([]);
    expect(index.find('The Board approved')).toBeNull();
  });
});

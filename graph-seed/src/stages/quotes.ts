/**
 * Finds a quote in the report's clean passage text. Typographic quotes and apostrophes and runs
 * of whitespace compare equal (the mapping keeps offsets), nothing else is forgiven: a quote
 * either stands in the text or the build names it.
 */
import type { Evidence, Passage } from '../model/bundle';

/** Same length as the input: curly quotes to straight ones, any space to a plain space. */
function comparable(s: string): string {
  return s.replace(/[‘’‛′]/g, "'").replace(/[“”″]/g, '"').replace(/[\s\u00a0]/g, ' ').replace(/[–—]/g, '-');
}

const squash = (s: string) => comparable(s).replace(/ +/g, ' ').trim();

export class QuoteIndex {
  private readonly texts: { passage: Passage; text: string; squashed: string; map: number[] }[];

  constructor(passages: Passage[]) {
    this.texts = passages.map((p) => {
      const c = comparable(p.text);
      // squashed text and, per squashed char, its offset in the passage text
      let squashed = '';
      const map: number[] = [];
      for (let i = 0; i < c.length; i++) {
        if (c[i] === ' ' && (squashed.endsWith(' ') || squashed === '')) continue;
        squashed += c[i];
        map.push(i);
      }
      return { passage: p, text: c, squashed, map };
    });
  }

  /** Every place the quote stands, in reading order; `passageId` restricts the search. */
  findAll(quote: string, passageId?: string): Evidence[] {
    const q = squash(quote);
    if (!q) return [];
    const out: Evidence[] = [];
    for (const t of this.texts) {
      if (passageId && t.passage.id !== passageId) continue;
      for (let i = t.squashed.indexOf(q); i >= 0; i = t.squashed.indexOf(q, i + 1)) {
        const start = t.map[i]!;
        const end = t.map[i + q.length - 1]! + 1;
        out.push({ passageId: t.passage.id, start, end, quote: t.passage.text.slice(start, end) });
      }
    }
    return out;
  }

  find(quote: string, passageId?: string): Evidence | null {
    return this.findAll(quote, passageId)[0] ?? null;
  }
}

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

/** A passage's text squashed as a quote is (no leading space, runs of spaces as one), with the offset in the passage of each squashed character. */
interface Squashed {
  squashed: string;
  map: Int32Array;
}

function squashWithOffsets(text: string): Squashed {
  const c = comparable(text);
  const map = new Int32Array(c.length);
  let n = 0;
  let afterSpace = true;
  for (let i = 0; i < c.length; i++) {
    const space = c.charCodeAt(i) === 32;
    if (space && afterSpace) continue;
    map[n++] = i;
    afterSpace = space;
  }
  return { squashed: c.replace(/^ +/, '').replace(/ {2,}/g, ' '), map: map.slice(0, n) };
}

export class QuoteIndex {
  private readonly passages: Passage[];
  private readonly byId = new Map<string, number>();
  /** Squashed texts, made on first search of their passage. */
  private readonly squashed: (Squashed | undefined)[] = [];

  constructor(passages: Passage[]) {
    this.passages = passages;
    passages.forEach((p, i) => this.byId.set(p.id, i));
  }

  private squashedAt(i: number): Squashed {
    return (this.squashed[i] ??= squashWithOffsets(this.passages[i]!.text));
  }

  /** Every place the quote stands, in reading order; `passageId` restricts the search. */
  findAll(quote: string, passageId?: string): Evidence[] {
    const q = squash(quote);
    if (!q) return [];
    const out: Evidence[] = [];
    const only = passageId === undefined ? null : this.byId.get(passageId);
    if (only === undefined) return out;
    const from = only ?? 0;
    const to = only === null ? this.passages.length : only + 1;
    for (let p = from; p < to; p++) {
      const passage = this.passages[p]!;
      const { squashed, map } = this.squashedAt(p);
      for (let i = squashed.indexOf(q); i >= 0; i = squashed.indexOf(q, i + 1)) {
        const start = map[i]!;
        const end = map[i + q.length - 1]! + 1;
        out.push({ passageId: passage.id, start, end, quote: passage.text.slice(start, end) });
      }
    }
    return out;
  }

  find(quote: string, passageId?: string): Evidence | null {
    return this.findAll(quote, passageId)[0] ?? null;
  }
}

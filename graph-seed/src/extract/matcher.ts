/**
 * Finds every mention of every known name in a text, longest match first, in one pass over the
 * text's words (a trie of alias word sequences), so that matching stays linear in text size.
 * Acronym-like aliases ("MOI", "US") match only with their exact case; other names match
 * regardless of case and accents.
 */

export interface AliasEntry {
  entityId: string;
  alias: string;
  /** Lower numbers win when two entities claim one alias. */
  priority: number;
}

export interface Match {
  entityId: string;
  start: number;
  end: number;
  text: string;
}

interface Word {
  norm: string;
  raw: string;
  start: number;
  end: number;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Candidates ending here: exact-case ones keep their raw words for comparison. */
  hits: { entityId: string; priority: number; exact: string[] | null }[];
}

const WORD = /[\p{L}\p{N}]+(?:[-/.][\p{L}\p{N}]+)*/gu;
const ASCII = /^[\x00-\x7f]*$/;
/** Case and accents folded; plain ASCII, most words, has no accent to take off. */
const fold = (s: string) => (ASCII.test(s) ? s.toLowerCase() : s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase());

function words(text: string): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) out.push({ norm: fold(m[0]), raw: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

export function isAcronymLike(alias: string): boolean {
  const t = alias.trim();
  return !/\s/.test(t) && (t.length <= 3 || (t.replace(/[^A-Z]/g, '').length >= 2 && t.length <= 8));
}

export class AliasMatcher {
  private root: TrieNode = { next: new Map(), hits: [] };
  private readonly seen = new Map<string, AliasEntry>();
  /** Aliases two entities share, for the build's warnings. */
  readonly conflicts: { alias: string; kept: string; dropped: string }[] = [];

  constructor(entries: AliasEntry[]) {
    for (const e of [...entries].sort((a, b) => a.priority - b.priority)) this.add(e);
  }

  private add(e: AliasEntry): void {
    const ws = words(e.alias);
    if (!ws.length) return;
    const exact = isAcronymLike(e.alias);
    const key = exact ? e.alias : ws.map((w) => w.norm).join(' ');
    const prior = this.seen.get(key);
    if (prior) {
      if (prior.entityId !== e.entityId) this.conflicts.push({ alias: e.alias, kept: prior.entityId, dropped: e.entityId });
      return;
    }
    this.seen.set(key, e);
    let node = this.root;
    for (const w of ws) {
      let child = node.next.get(w.norm);
      if (!child) node.next.set(w.norm, (child = { next: new Map(), hits: [] }));
      node = child;
    }
    node.hits.push({ entityId: e.entityId, priority: e.priority, exact: exact ? ws.map((w) => w.raw) : null });
  }

  match(text: string): Match[] {
    const ws = words(text);
    const out: Match[] = [];
    for (let i = 0; i < ws.length; ) {
      let node: TrieNode | undefined = this.root;
      let best: { entityId: string; j: number } | null = null;
      for (let j = i; j < ws.length && node; j++) {
        node = node.next.get(ws[j]!.norm);
        if (!node) break;
        const hit = node.hits.find((h) => !h.exact || h.exact.every((raw, k) => ws[i + k]!.raw === raw));
        if (hit) best = { entityId: hit.entityId, j };
      }
      if (best) {
        const start = ws[i]!.start;
        const end = ws[best.j]!.end;
        out.push({ entityId: best.entityId, start, end, text: text.slice(start, end) });
        i = best.j + 1;
      } else i++;
    }
    return out;
  }
}

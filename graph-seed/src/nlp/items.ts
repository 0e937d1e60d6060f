/**
 * A sentence as the rule engine sees it: words, and argument mentions each folded into one item;
 * trigger matching and coordinated lists ("X, Y and the Z") over those items.
 */
import type { EntityType } from '../model/ontology';
import type { Sentence, Word } from './sentences';

export interface Argument {
  entityId: string;
  type: EntityType;
  start: number;
  end: number;
  /** True when the mention is a resolved reference ("this group", "It"). */
  reference: boolean;
}

export type Item = { kind: 'word'; word: Word } | { kind: 'arg'; arg: Argument };

export const BREAKS = new Set([';', ':', '.', '!', '?', 'but', 'while', 'whereas', 'although', 'though', 'because', 'however', 'since', '(', ')', '–', '—']);

export function toItems(s: Sentence, args: Argument[]): Item[] {
  const sorted = [...args].sort((a, b) => a.start - b.start || b.end - a.end);
  const items: Item[] = [];
  let k = 0;
  for (const w of s.words) {
    while (k < sorted.length && sorted[k]!.end <= w.start) k++;
    const a = sorted[k];
    if (a && w.start >= a.start && w.end <= a.end) {
      const last = items[items.length - 1];
      if (!(last?.kind === 'arg' && last.arg === a)) items.push({ kind: 'arg', arg: a });
      continue;
    }
    items.push({ kind: 'word', word: w });
  }
  // "the Board (MTOSB)": the acronym in brackets is the same mention as the name before it.
  for (let i = items.length - 3; i >= 1; i--) {
    const [prev, open, mid, close] = [items[i - 1], items[i], items[i + 1], items[i + 2]];
    if (prev?.kind === 'arg' && mid?.kind === 'arg' && mid.arg.entityId === prev.arg.entityId && isWord(open, '(') && isWord(close, ')')) items.splice(i, 3);
  }
  return items;
}

/** Places a "**" gap may name: "signed in Lisbon, Portugal, by ...". */
const PLACES: readonly EntityType[] = ['Country', 'Region', 'Province'];

/**
 * Index of the trigger's last item, or -1. "*" matches one to three words; "**", a place phrase
 * of one to six items: words, commas and places ("in Riobamba, Ecuador,").
 */
export function matchWords(items: Item[], at: number, words: string[]): number {
  const go = (i: number, w: number): number => {
    if (w === words.length) return i - 1;
    if (words[w] === '**') {
      for (let n = 1; n <= 6; n++) {
        const it = items[i + n - 1];
        if (!it || (it.kind === 'word' ? BREAKS.has(it.word.lower) : !PLACES.includes(it.arg.type))) break;
        const r = go(i + n, w + 1);
        if (r >= 0) return r;
      }
      return -1;
    }
    if (words[w] === '*') {
      for (let n = 1; n <= 3; n++) {
        const it = items[i + n - 1];
        if (!it || it.kind !== 'word' || BREAKS.has(it.word.lower)) break;
        const r = go(i + n, w + 1);
        if (r >= 0) return r;
      }
      return -1;
    }
    const it = items[i];
    if (!it || it.kind !== 'word' || it.word.lower !== words[w]) return -1;
    return go(i + 1, w + 1);
  };
  return go(at, 0);
}

export const isWord = (it: Item | undefined, ...words: string[]) => it?.kind === 'word' && words.includes(it.word.lower);

/**
 * A list ending at an argument: "X, Y and the Z". Commas alone make no list ("with support
 * from Y, Z launched X"): the step nearest the trigger must be "and" / "or".
 */
export function groupLeft(items: Item[], at: number): { args: Argument[]; first: number } {
  const args = [(items[at] as { arg: Argument }).arg];
  let i = at - 1;
  let first = at;
  for (let step = 0; ; step++) {
    let j = i;
    if (isWord(items[j], 'the')) j--;
    const joined = isWord(items[j], 'and', 'or');
    if (joined) j--;
    if (isWord(items[j], ',')) j--;
    if (j === i || items[j]?.kind !== 'arg' || (step === 0 && !joined)) break;
    args.unshift((items[j] as { arg: Argument }).arg);
    first = j;
    i = j - 1;
  }
  return { args, first };
}

/** A list starting at an argument; a comma-only list counts when "and" / "or" closes it. */
export function groupRight(items: Item[], at: number): { args: Argument[]; last: number } {
  const args = [(items[at] as { arg: Argument }).arg];
  let i = at + 1;
  let last = at;
  let closed = false;
  const pending: { arg: Argument; at: number }[] = [];
  for (;;) {
    let j = i;
    if (isWord(items[j], ',')) j++;
    const joined = isWord(items[j], 'and', 'or');
    if (joined) j++;
    // "the representatives of Norway and of Sweden": the preposition said again.
    if (joined && isWord(items[j], 'of') && isWord(items[at - 1], 'of')) j++;
    // "chaired by the Ministry, and the Agency serves as ...": ", and" after a single name joins clauses.
    if (joined && isWord(items[i], ',') && !pending.length) break;
    if (isWord(items[j], 'the')) j++;
    if (j === i || items[j]?.kind !== 'arg') break;
    pending.push({ arg: (items[j] as { arg: Argument }).arg, at: j });
    i = j + 1;
    if (joined) {
      closed = true;
      break;
    }
  }
  if (closed) {
    for (const p of pending) args.push(p.arg);
    last = pending[pending.length - 1]!.at;
  }
  return { args, last };
}

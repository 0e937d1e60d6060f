/**
 * Words and sentences of a passage, read by wink-nlp's tokenizer and sentence splitter (no
 * tagging: relation triggers match words, and tagging would triple the reading time). Each word
 * keeps its exact offsets in the passage text, rebuilt from wink's lossless tokens.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Word {
  text: string;
  /** Lower case, curly apostrophes straightened: what rules compare against. */
  lower: string;
  start: number;
  end: number;
}

export interface Sentence {
  start: number;
  end: number;
  words: Word[];
}

/** Made on first use: a thread whose sentences are all read on another (sentence-thread.ts) never loads the model. */
let splitter: ReturnType<typeof winkNLP> | null = null;

/** wink ends a sentence after "et al." and after a bare list marker ("1."); neither ends one. */
const joinsNext = (words: Word[]) => {
  const n = words.length;
  if (n >= 2 && words[n - 2]!.lower === 'al' && words[n - 1]!.text === '.' && words[n - 3]?.lower === 'et') return true;
  if (n >= 3 && words[n - 3]!.lower === 'et' && words[n - 2]!.lower === 'al.') return true;
  return n <= 2 && /^\(?\d{1,2}[.)]?$/.test(words[0]!.text);
};
/** "... found that 1." followed by a lower-case word: a list marker, not a sentence end. */
const endsWithMarker = (words: Word[], next: Word | undefined) => {
  const n = words.length;
  return n >= 2 && words[n - 1]!.text === '.' && /^\d{1,2}$/.test(words[n - 2]!.text) && !!next && /^\p{Ll}/u.test(next.text);
};

export function readSentences(text: string): Sentence[] {
  if (!text.trim()) return [];
  const nlp = (splitter ??= winkNLP(model, ['sbd']));
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const words: Word[] = [];
  /** Index of the first word at or after each token: whitespace tokens are not words. */
  const wordAt: number[] = [];
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += spaces[i]!.length;
    const v = values[i]!;
    wordAt.push(words.length);
    if (!v.trim()) {
      at += v.length;
      continue;
    }
    // wink's values are the text's own characters; a mismatch would shift every later offset.
    const found = text.startsWith(v, at) ? at : text.indexOf(v, at);
    const start = found < 0 ? at : found;
    words.push(word(v, start));
    at = start + v.length;
  }
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  const out: Sentence[] = [];
  let pending: Word[] = [];
  wordAt.push(words.length);
  for (const [a, b] of spans) {
    pending = pending.concat(words.slice(wordAt[a], wordAt[b + 1]));
    if (!pending.length) continue;
    if (b < words.length - 1 && (joinsNext(pending) || endsWithMarker(pending, words[wordAt[b + 1]!]))) continue;
    out.push({ start: pending[0]!.start, end: pending[pending.length - 1]!.end, words: pending });
    pending = [];
  }
  if (pending.length) out.push({ start: pending[0]!.start, end: pending[pending.length - 1]!.end, words: pending });
  return out;
}

const word = (v: string, start: number): Word => ({ text: v, lower: /[’‘]/.test(v) ? v.toLowerCase().replace(/[’‘]/g, "'") : v.toLowerCase(), start, end: start + v.length });

/**
 * A passage's sentences as numbers, to be sent between threads: for each sentence its word
 * count, then each word's start and end. Null where a word is not the text's own characters at
 * its place (sentencesFromSpans could not rebuild it from the text).
 */
export function sentenceSpans(text: string): Int32Array | null {
  const sentences = readSentences(text);
  let size = 0;
  for (const s of sentences) size += 1 + 2 * s.words.length;
  const out = new Int32Array(size);
  let k = 0;
  for (const s of sentences) {
    out[k++] = s.words.length;
    for (const w of s.words) {
      if (!text.startsWith(w.text, w.start)) return null;
      out[k++] = w.start;
      out[k++] = w.end;
    }
  }
  return out;
}

/** The sentences sentenceSpans encoded, rebuilt from the text: the same as readSentences reads. */
export function sentencesFromSpans(text: string, spans: Int32Array): Sentence[] {
  const out: Sentence[] = [];
  for (let k = 0; k < spans.length; ) {
    const n = spans[k++]!;
    const words: Word[] = new Array(n);
    for (let i = 0; i < n; i++, k += 2) words[i] = word(text.slice(spans[k]!, spans[k + 1]!), spans[k]!);
    out.push({ start: words[0]!.start, end: words[n - 1]!.end, words });
  }
  return out;
}

/** Made on first use: a run whose rules never find two arguments never loads it. */
let tagger: ReturnType<typeof winkNLP> | null = null;

/**
 * Universal part-of-speech tags of a sentence's words, read only for the few sentences where a
 * rule found both arguments (tagging costs twice the splitting). A word the tagger split
 * differently gets the tag of the token that starts it.
 */
export function tagWords(text: string, s: Sentence): string[] {
  tagger ??= winkNLP(model, ['sbd', 'pos']);
  const doc = tagger.readDoc(text.slice(s.start, s.end));
  const values = doc.tokens().out(tagger.its.value) as string[];
  const spaces = doc.tokens().out(tagger.its.precedingSpaces) as string[];
  const pos = doc.tokens().out(tagger.its.pos) as string[];
  const byStart = new Map<number, string>();
  let at = s.start;
  for (let i = 0; i < values.length; i++) {
    at += spaces[i]!.length;
    byStart.set(at, pos[i]!);
    at += values[i]!.length;
  }
  return s.words.map((w) => byStart.get(w.start) ?? 'X');
}

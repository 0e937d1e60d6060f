/**
 * Sentences with wink-nlp's splitter (abbreviations, decimals and initials stay inside their
 * sentence), and readable passages built from them where a text gives no paragraph breaks.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

/** The model is loaded on first use, so importing this module costs nothing. */
function engine(): Nlp {
  nlp ??= winkNLP(model, ['sbd']);
  return nlp;
}

/** Span [start, end) of each sentence in `text`, whitespace between sentences left out. */
export function sentenceSpans(text: string): { start: number; end: number }[] {
  const its = engine().its;
  const doc = engine().readDoc(text);
  const tokens = doc.tokens();
  const spans: { start: number; end: number }[] = [];
  // wink reports token spans; characters are found by walking the tokens' text with their
  // preceding spaces, which wink keeps, so offsets index the original string.
  const offsets: number[] = [];
  let at = 0;
  tokens.each((t: { out(): string }) => {
    const value = t.out();
    const found = text.indexOf(value, at);
    const start = found < 0 ? at : found;
    offsets.push(start);
    at = start + value.length;
  });
  const ends = tokens.out().map((v, i) => offsets[i]! + v.length);
  doc.sentences().each((s: { out(f: unknown): unknown }) => {
    const [first, last] = s.out(its.span) as unknown as [number, number];
    if (offsets[first] === undefined || ends[last] === undefined) return;
    spans.push({ start: offsets[first]!, end: ends[last]! });
  });
  return spans;
}

export interface PassageLimits {
  /** Hard ceiling of a passage's length (a longer sentence is cut at a space). */
  maxChars: number;
  maxSentences: number;
  /** A passage closes once it has at least this many characters and minSentences sentences. */
  targetChars: number;
  minSentences: number;
}

export const DEFAULT_LIMITS: PassageLimits = { maxChars: 1500, maxSentences: 5, targetChars: 600, minSentences: 2 };

/** Cuts an over-long sentence at spaces, after a comma or semicolon where there is one. */
function cutLong(sentence: string, max: number): string[] {
  const parts: string[] = [];
  let rest = sentence;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = Math.max(window.lastIndexOf('; '), window.lastIndexOf(', '));
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut <= 0) cut = max;
    parts.push(rest.slice(0, cut + 1).trim());
    rest = rest.slice(cut + 1).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}

/** Groups the sentences of a paragraph-less text into passages of one to five sentences. */
export function sentencePassages(text: string, limits: PassageLimits = DEFAULT_LIMITS): string[] {
  const sentences = sentenceSpans(text)
    .map((s) => text.slice(s.start, s.end).replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .flatMap((s) => cutLong(s, limits.maxChars));
  const out: string[] = [];
  let group: string[] = [];
  let length = 0;
  const close = () => {
    if (group.length) out.push(group.join(' '));
    group = [];
    length = 0;
  };
  for (const s of sentences) {
    if (group.length && length + 1 + s.length > limits.maxChars) close();
    group.push(s);
    length += (group.length > 1 ? 1 : 0) + s.length;
    if (group.length >= limits.maxSentences || (group.length >= limits.minSentences && length >= limits.targetChars)) close();
  }
  close();
  return out;
}

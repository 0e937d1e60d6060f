/**
 * Text layouts and their conversion to the one layout the segmenter reads: wrapped lines with a
 * blank line between paragraphs (the text layer of a PDF). Paragraphs that are too long to read
 * as one unit, and documents with no paragraph breaks at all, become passages of sentences.
 */
import { markdownToBlocks } from './markdown';
import { DEFAULT_LIMITS, sentencePassages } from './sentences';

export type TextLayout = 'wrapped' | 'paragraph-lines' | 'single-line' | 'markdown';

const ATX_HEADING = /^#{1,6}\s+\S/;

/** Which layout a text has: decided by its file name and the shape of its lines. */
export function detectLayout(text: string, name = ''): TextLayout {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const nonBlank = lines.filter((l) => l.trim() !== '');
  if (/\.(md|markdown)$/i.test(name) || nonBlank.filter((l) => ATX_HEADING.test(l)).length >= 2) return 'markdown';
  const total = nonBlank.reduce((s, l) => s + l.length, 0);
  if (nonBlank.length <= 3 && total > DEFAULT_LIMITS.maxChars) return 'single-line';
  const lengths = nonBlank.map((l) => l.length).sort((a, b) => a - b);
  const median = lengths[Math.floor(lengths.length / 2)] ?? 0;
  const long = nonBlank.filter((l) => l.length > 300).length;
  // Wrapped text has lines of a column's width (60-110 characters); a paragraph per line gives
  // many lines of several hundred.
  if (median > 160 || long >= Math.max(2, nonBlank.length * 0.25)) return 'paragraph-lines';
  return 'wrapped';
}

/** A paragraph as one line, or as several sentence passages when longer than a readable unit. */
function paragraphUnits(paragraph: string): string[] {
  const text = paragraph.replace(/\s+/g, ' ').trim();
  if (!text) return [];
  return text.length > DEFAULT_LIMITS.maxChars ? sentencePassages(text) : [text];
}

/** Blocks (one string each, without line breaks) joined with blank lines between them. */
const asWrapped = (blocks: string[]) => blocks.join('\n\n') + '\n';

/** The text in the wrapped-lines layout, ready for the segmenter. */
export function toWrappedLayout(text: string, layout: TextLayout): string {
  const normalised = text.replace(/\r\n?/g, '\n').replace(/\u00ad/g, '');
  switch (layout) {
    case 'wrapped':
      return normalised;
    case 'paragraph-lines':
    case 'single-line':
      return asWrapped(normalised.split('\n').flatMap(paragraphUnits));
    case 'markdown':
      return asWrapped(markdownToBlocks(normalised).flatMap((b) => (b.kind === 'paragraph' ? paragraphUnits(b.text) : [b.text])));
  }
}

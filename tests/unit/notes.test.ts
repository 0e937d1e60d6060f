/** Footnote markers resolved by their numbering, including a marker glued to a number. */
import { describe, expect, it } from 'vitest';
import { splitGluedMarkers, type MarkedText } from '../../graph-seed/src/stages/notes';
import { stripNoteMarkersAt } from '../../graph-seed/src/stages/text';

const marked = (id: string, raw: string): MarkedText => ({ id, chapter: '2', ...stripNoteMarkersAt(raw) });

describe('note markers', () => {
  it('splits a marker glued to a number when the numbering leaves its gap and the name stands elsewhere', () => {
    const items = [
      marked('a', 'In the assessment (CPIA),1 Cambodia scored lowest.'),
      marked('b', 'The board was created by Sub-decree 702 in 2006.'),
      marked('c', 'Source: MOP (2012)3'),
      marked('d', 'It was added by Sub-decree 70 in July 2006.'),
    ];
    const split = splitGluedMarkers(items, new Map([['2', new Set([1, 2, 3])]]));
    expect(split).toEqual([{ id: 'b', note: 2, at: 'The board was created by Sub-decree 70'.length }]);
    expect(items[1]!.text).toBe('The board was created by Sub-decree 70 in 2006.');
    expect(items.map((i) => i.markers.map((m) => m.note))).toEqual([[1], [2], [3], []]);
  });

  it('leaves numbers alone when the chapter has no such note, or the shorter name is printed nowhere else', () => {
    const noNote = [marked('a', 'See (CPIA),1 here.'), marked('b', 'by Sub-decree 702 in 2006.'), marked('c', 'Sub-decree 70 in July.')];
    expect(splitGluedMarkers(noNote, new Map([['2', new Set([1])]]))).toEqual([]);
    expect(noNote[1]!.text).toBe('by Sub-decree 702 in 2006.');
    const unique = [marked('a', 'See (CPIA),1 here.'), marked('b', 'by Sub-decree 702 in 2006.'), marked('c', 'Source: MOP (2012)3')];
    expect(splitGluedMarkers(unique, new Map([['2', new Set([1, 2, 3])]]))).toEqual([]);
    expect(unique[1]!.text).toBe('by Sub-decree 702 in 2006.');
  });
});

/**
 * References resolved to their antecedents and recorded as mentions. A note reads with the span
 * its marker annotates: in "created by Sub-decree 70[2]", note 2's "The Sub-decree was designed
 * to..." is Sub-decree 70, and so is the "It" that opens the note's next sentence. A definite
 * description ("the" + a head noun) resolves to the mention that ends at the marker when that
 * mention's name holds the head noun; a sentence-initial "It" continues the reference of the
 * sentence before it.
 */
import type { Passage } from '../model/bundle';
import { groupBy } from '../model/group';
import type { NoteAnchor } from './passages';
import type { GraphDraft } from './registry';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const DEFINITE = /^(?:The|This|That)\s+((?:\p{Lu}[\p{L}-]*)(?:\s+\p{Lu}[\p{L}-]*)*|[\p{Ll}-]+)/u;
const PRONOUN = /^(?:It|Its)\b/;

export function resolveNoteReferences(graph: GraphDraft, anchors: NoteAnchor[], passages: Map<string, Passage>): void {
  const byPassage = groupBy([...graph.mentions.values()], (m) => m.passageId);
  for (const a of anchors) {
    const note = passages.get(a.noteId);
    const annotated = passages.get(a.passageId);
    if (!note || !annotated) continue;
    // The annotated span: the mention the marker closes (punctuation may sit between them).
    const gap = (m: { end: number }) => annotated.text.slice(m.end, a.at);
    const antecedent = (byPassage.get(a.passageId) ?? [])
      .filter((m) => m.end <= a.at && /^[\s,.;:)]*$/.test(gap(m)))
      .sort((x, y) => y.end - x.end)[0];
    const entity = antecedent && graph.entities.get(antecedent.entityId);
    if (!entity) continue;
    const nameWords = new Set([entity.name, ...entity.aliases].flatMap((n) => fold(n).split(/\s+/)));
    let previousResolved = false;
    for (const s of segmenter.segment(note.text)) {
      const lead = s.segment.length - s.segment.trimStart().length;
      const start = s.index + lead;
      const sentence = note.text.slice(start);
      const definite = DEFINITE.exec(sentence);
      const head = definite?.[1]?.split(/\s+/).at(-1);
      if (definite && head && nameWords.has(fold(head))) {
        graph.addMention({ entityId: entity.id, passageId: note.id, start, end: start + definite[0].length, text: definite[0] });
        previousResolved = true;
        continue;
      }
      const pronoun = PRONOUN.exec(sentence);
      if (pronoun && previousResolved) {
        graph.addMention({ entityId: entity.id, passageId: note.id, start, end: start + pronoun[0].length, text: pronoun[0] });
        continue;
      }
      previousResolved = false;
    }
  }
}

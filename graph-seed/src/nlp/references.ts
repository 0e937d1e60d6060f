/**
 * Small, explicit reference resolution, sentence by sentence through a passage:
 *   - a definite phrase on a head noun ("the Commission", "this group", "the Sub-decree") points
 *     at the latest mention whose name has that head, or, for a generic noun, that type;
 *   - "It" / "Its" opening a sentence points at the previous sentence's subject (its first
 *     mention, when that opens the sentence);
 *   - "a project ... (ACRONYM)": an indefinite phrase whose acronym closes it in the sentence.
 * Each resolved phrase becomes an argument of the relation rules and is recorded as a mention of
 * its antecedent, so that every relation's evidence names both of its ends.
 */
import type { EntityType } from '../model/ontology';
import type { Argument } from './engine';
import { headOf, typeOfHead } from './heads';
import type { Sentence } from './sentences';

export interface Antecedent {
  entityId: string;
  type: EntityType;
  /** Lower-case head word of the entity's name ("board", "committee"). */
  head: string | null;
}

const DEFINITE = new Set(['the', 'this', 'that', 'these', 'said']);
/** Heads that name a kind, not a particular body: "this group" is any committee. */
const GENERIC: Record<string, EntityType[]> = {
  group: ['Committee'],
  body: ['GovernmentBody', 'Committee'],
  unit: ['GovernmentBody'],
  ministry: ['Ministry'],
  department: ['GovernmentBody'],
  project: ['Project'],
  programme: ['Programme'],
  survey: ['Dataset'],
  // "the law", "this legislation", "the agreement": the latest instrument of that kind, whatever its head.
  law: ['LegalInstrument'],
  legislation: ['LegalInstrument'],
  statute: ['LegalInstrument'],
  agreement: ['Agreement'],
  treaty: ['Agreement'],
  policy: ['Policy'],
  agency: ['GovernmentBody'],
};

export function headWord(name: string): string | null {
  const words = name.split(/\s+/).filter(Boolean);
  const h = headOf(words);
  if (!h) return null;
  // The last word of a multi-word head: "Working Group" -> "group".
  let end = h.at;
  while (end + 1 < words.length && !/^(?:of|for|on)$/i.test(words[end + 1]!) && !/^\d/.test(words[end + 1]!)) end++;
  return words[end]!.toLowerCase().replace(/[’']s$/, '');
}

export class ReferenceResolver {
  /** Mentions seen so far in the passage, latest last. */
  private history: Antecedent[] = [];
  private previousSubject: Antecedent | null = null;

  constructor(private readonly describe: (entityId: string) => Antecedent | null) {}

  /** "It" opening a paragraph has no subject to go back to in this reading. */
  newPassage(): void {
    this.previousSubject = null;
  }

  /** Resolves the sentence's references; returns them as arguments. Call once per sentence, in order. */
  resolve(s: Sentence, args: Argument[]): Argument[] {
    const found: Argument[] = [];
    const inside = (start: number) => args.some((a) => start >= a.start && start < a.end);
    const w = s.words;
    // "It" / "Its" opening the sentence.
    if (w[0] && /^its?$/i.test(w[0].text) && w[0].text[0] === 'I' && this.previousSubject) {
      const a = this.previousSubject;
      found.push({ entityId: a.entityId, type: a.type, start: w[0].start, end: w[0].end, reference: true });
    }
    for (let i = 0; i + 1 < w.length; i++) {
      const det = w[i]!.lower;
      const noun = w[i + 1]!;
      if (inside(noun.start)) continue;
      if (DEFINITE.has(det)) {
        const head = noun.lower;
        const generic = GENERIC[head];
        if (!generic && !typeOfHead(head)) continue;
        const recent = [...this.history].reverse();
        const ante = recent.find((h) => h.head === head || h.head === head.replace(/s$/, '')) ?? (generic ? recent.find((h) => generic.includes(h.type)) : undefined);
        if (ante) found.push({ entityId: ante.entityId, type: ante.type, start: w[i]!.start, end: noun.end, reference: true });
      } else if ((det === 'a' || det === 'an') && GENERIC[noun.lower]) {
        // "a project ... (ACRONYM)": the acronym closes the phrase later in the sentence.
        const acr = args.find((a) => a.start > noun.end && /^\(/.test(sourceBefore(s, a.start)) && GENERIC[noun.lower]!.includes(a.type));
        if (acr) found.push({ entityId: acr.entityId, type: acr.type, start: w[i]!.start, end: noun.end, reference: true });
      }
    }
    const all = [...args, ...found].sort((a, b) => a.start - b.start);
    for (const a of all) {
      const d = this.describe(a.entityId);
      if (d) this.history.push(d);
    }
    if (this.history.length > 50) this.history = this.history.slice(-50);
    const first = all[0];
    const opensSentence = first && s.words.slice(0, 3).some((x) => x.start >= first.start && x.start < first.end);
    this.previousSubject = first && opensSentence ? this.describe(first.entityId) : null;
    return found;
  }
}

/** The word just before an offset, to tell "(ACRONYM)" from a plain mention. */
function sourceBefore(s: Sentence, start: number): string {
  let prev = '';
  for (const w of s.words) {
    if (w.start >= start) break;
    prev = w.text;
  }
  return prev;
}

/**
 * "launched a project, co-funded by ..., on migration and development (IPPMD)": the acronym that
 * closes an indefinite phrase names a thing of the phrase's kind.
 */
const ANNOUNCED = /\b[Aa]n?\s+(project|programme|program|survey|initiative|scheme)\b[^.()]{0,300}?\(([A-Z][A-Za-z&]{1,9})\)/g;
export function announcedAcronyms(sentence: string): { acronym: string; type: EntityType }[] {
  const out: { acronym: string; type: EntityType }[] = [];
  ANNOUNCED.lastIndex = 0;
  for (let m = ANNOUNCED.exec(sentence); m; m = ANNOUNCED.exec(sentence)) {
    const type = typeOfHead(m[1]!);
    if (type) out.push({ acronym: m[2]!, type });
  }
  return out;
}

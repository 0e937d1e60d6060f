/**
 * The rule engine: one sentence, its argument mentions (names, acronyms, resolved references),
 * every rule of relation-rules.ts. A trigger is found by its words; its left and right
 * arguments are the nearest mentions (or coordinated lists of them) within a few words, with no
 * clause break between; their types must fit the rule. Longer triggers win over the shorter
 * ones they contain ("created by" over "created").
 */
import type { EntityType, RelationType } from '../model/ontology';
import type { NominalRule, RelationRule } from './relation-rules';
import { type Argument, BREAKS, groupLeft, groupRight, isWord, type Item, matchWords, toItems } from './items';
import type { Sentence, Word } from './sentences';

export type { Argument } from './items';

export interface FoundRelation {
  source: string;
  target: string;
  type: RelationType;
  rule: string;
  confidence: number;
  /** Span of the sentence that holds the trigger and both arguments. */
  start: number;
  end: number;
}

const AUXILIARIES = new Set(['was', 'were', 'is', 'are', 'been', 'be', 'being']);
const MAX_LEFT_GAP = 6;
/** What a fronted "with support from Y," may be about: the work, not the body doing it. */
const FRONTED_TYPES = new Set<EntityType>(['Project', 'Programme', 'Dataset', 'Study']);
const MAX_RIGHT_GAP = 3;

interface Trigger {
  words: string[];
  rule: RelationRule;
}

export class RelationEngine {
  private readonly byFirstWord = new Map<string, Trigger[]>();
  private readonly byNoun = new Map<string, NominalRule[]>();

  constructor(rules: readonly RelationRule[], nominal: readonly NominalRule[] = []) {
    for (const rule of nominal) for (const n of rule.nouns) this.byNoun.set(n, [...(this.byNoun.get(n) ?? []), rule]);
    for (const rule of rules) {
      for (const t of rule.triggers) {
        const words = t.toLowerCase().split(/\s+/);
        const list = this.byFirstWord.get(words[0]!) ?? [];
        list.push({ words, rule });
        this.byFirstWord.set(words[0]!, list);
      }
    }
    for (const list of this.byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /** True when some trigger's first word is in the sentence: most sentences need no more work. */
  mayMatch(s: Sentence): boolean {
    return s.words.some((w) => this.byFirstWord.has(w.lower) || this.byNoun.has(w.lower));
  }

  /** `tags` gives the sentence's part-of-speech tags, read on demand. */
  apply(s: Sentence, args: Argument[], tags: () => string[] = () => []): FoundRelation[] {
    const items = toItems(s, args);
    let tagged: Map<Word, string> | null = null;
    const tagOf = (w: Word) => {
      if (!tagged) {
        const t = tags();
        tagged = new Map(s.words.map((x, i) => [x, t[i] ?? 'X']));
      }
      return tagged.get(w) ?? 'X';
    };
    const out: FoundRelation[] = [];
    const taken: [number, number][] = [];
    for (let i = 0; i < items.length; i++) {
      const it = items[i]!;
      if (it.kind !== 'word') continue;
      for (const rule of this.byNoun.get(it.word.lower) ?? []) out.push(...applyNominal(items, i, rule));
      const triggers = this.byFirstWord.get(it.word.lower);
      if (!triggers) continue;
      for (const t of triggers) {
        const end = matchWords(items, i, t.words);
        if (end < 0) continue;
        if (taken.some(([a, b]) => i <= b && end >= a)) continue;
        let found = applyRule(items, i, end, t.rule, tagOf);
        if (!found.length && t.rule.active) found = applyObjectRelative(items, i, end, t.rule);
        if (!found.length) continue;
        taken.push([i, end]);
        out.push(...found);
      }
    }
    return out;
  }
}

/**
 * A finite verb between an argument and the trigger starts another clause: "X launched a
 * project, co-funded by Y" does not say that Y funds X.
 */
function gapHasVerb(items: Item[], from: number, to: number, tagOf: (w: Word) => string, allowed: readonly string[] = []): boolean {
  for (let i = from; i < to; i++) {
    const it = items[i]!;
    if (it.kind === 'word' && /^\p{L}/u.test(it.word.text) && !allowed.includes(it.word.lower) && tagOf(it.word) === 'VERB') return true;
  }
  return false;
}

/**
 * "X, a public agency for recruiting and sending workers, and created by Y": the subject of a
 * participle that follows an appositive. Returns the index of X, or -1.
 */
function appositiveSubject(items: Item[], trigger: number): number {
  let i = trigger - 1;
  if (isWord(items[i], 'and')) i--;
  if (!isWord(items[i], ',')) return -1;
  for (let k = i - 1, n = 0; k >= 1 && n < 30; k--, n++) {
    const it = items[k]!;
    if (it.kind === 'arg' || (it.kind === 'word' && /^[.;:()]$/.test(it.word.text))) return -1;
    if (isWord(it, 'a', 'an') && isWord(items[k - 1], ',') && items[k - 2]?.kind === 'arg') return k - 2;
  }
  return -1;
}

/** Prepositions whose object is never the subject of the verb that follows ("of" is left out: "the delegates of Peru signed"). */
const GOVERNING = new Set(['to', 'by', 'with', 'from', 'under', 'within', 'into', 'through', 'via', 'against', 'towards', 'toward', 'than', 'among', 'between']);

/** True when the argument (or list) starting at `first` is the object of a preposition: "reports to [the] Y". */
function governedBy(items: Item[], first: number): boolean {
  let i = first - 1;
  if (isWord(items[i], 'the', 'a', 'an', 'its', 'their')) i--;
  return isWord(items[i], ...GOVERNING);
}

/** "reports to", "receives funding from", "is a member of": a verb that needs a subject, not a participle or a noun. */
function finiteTrigger(it: Item | undefined): boolean {
  if (it?.kind !== 'word') return false;
  const w = it.word.lower;
  return AUXILIARIES.has(w) || w === 'has' || w === 'have' || (/[^su']s$/.test(w) && w !== 'its' && w !== 'as');
}

/**
 * "X is chaired by Y and reports to Z": the trigger's verb is joined by "and" to a verb whose
 * subject opens the clause. Returns the index of that subject (the clause's first argument, no
 * preposition governing it), or -1.
 */
function coordinatedSubject(items: Item[], governed: number, trigger: number): number {
  if (!isWord(items[trigger - 1], 'and')) return -1;
  let first = -1;
  for (let k = governed - 1; k >= 0; k--) {
    const it = items[k]!;
    // "X, implemented by Y and funded by Z": participles after the name they are about.
    if (it.kind === 'word' && it.word.text === ',' && first < 0 && items[k - 1]?.kind === 'arg') return k - 1;
    if (it.kind === 'word' && (BREAKS.has(it.word.lower) || it.word.text === ',')) break;
    if (it.kind === 'arg') first = k;
  }
  return first >= 0 && !governedBy(items, first) ? first : -1;
}

/**
 * "X, the B's governing board, is appointed by Y", "X, which governs ..., was amended by Y": a
 * passive whose auxiliary follows a phrase set between commas is about the name before it.
 * Returns that name's index, or -1.
 */
function subjectBeforeParenthetical(items: Item[], trigger: number): number {
  let k = trigger - 1;
  let aux = 0;
  while (k >= 0 && (isWord(items[k], 'is', 'are', 'was', 'were', 'been', 'has', 'have', 'had', 'be', 'also', 'now', 'later') || isWord(items[k], 'being'))) {
    k--;
    aux++;
  }
  if (!aux || !isWord(items[k], ',')) return -1;
  for (let q = k - 1, n = 0; q >= 1 && n < 30; q--, n++) {
    const it = items[q]!;
    if (it.kind === 'word' && BREAKS.has(it.word.lower)) return -1;
    if (isWord(it, ',')) return items[q - 1]?.kind === 'arg' && q < k - 1 ? q - 1 : -1;
  }
  return -1;
}

/** "(OEMPA)" before a verb: the index of the name the bracket follows, or -1. */
function beforeBracket(items: Item[], close: number): number {
  if (!isWord(items[close], ')')) return -1;
  for (let q = close - 1; q >= close - 3 && q >= 1; q--) {
    if (isWord(items[q], '(')) return items[q - 1]?.kind === 'arg' ? q - 1 : -1;
    if (items[q]!.kind === 'word' && BREAKS.has((items[q] as { word: Word }).word.lower)) return -1;
  }
  return -1;
}

/**
 * "X, which reports to Y, conducted Z", "X, in partnership with Y, developed Z", "X, supported by
 * Y, was carried out by Z": the argument before the comma that opens the phrase holding the
 * governed argument, the phrase closed by a comma before the trigger. Returns its index, or -1.
 */
function relativeAntecedent(items: Item[], governed: number, trigger: number, relativeOnly = false): number {
  if (!items.slice(governed, trigger).some((x) => isWord(x, ','))) return -1;
  for (let k = governed - 1; k >= 1; k--) {
    const it = items[k]!;
    if (it.kind === 'arg' || BREAKS.has(it.word.lower)) return -1;
    if (isWord(it, ',')) return items[k - 1]!.kind === 'arg' && (!relativeOnly || isWord(items[k + 1], 'which', 'who', 'that')) ? k - 1 : -1;
  }
  return -1;
}

function applyRule(items: Item[], from: number, to: number, rule: RelationRule, tagOf: (w: Word) => string): FoundRelation[] {
  const maxLeft = MAX_LEFT_GAP;
  const maxRight = MAX_RIGHT_GAP;
  if (rule.active && isWord(items[to + 1], 'by', 'under', 'through', 'via')) return [];
  if (rule.notAfter?.some((phrase) => phrase.split(' ').reverse().every((w, k) => isWord(items[from - 1 - k], w)))) return [];

  let right: { args: Argument[]; last: number } | null = null;
  let gapRight = 0;
  for (let i = to + 1; i < items.length && gapRight <= maxRight; i++) {
    const it = items[i]!;
    if (it.kind === 'arg') {
      right = groupRight(items, i);
      break;
    }
    if (BREAKS.has(it.word.lower) || it.word.text === ',') break;
    gapRight++;
  }
  if (!right) return [];
  if ((rule.adjacent || rule.rightAdjacent) && gapRight > 0) return [];
  let thenEnd = -1;
  if (rule.then) {
    const need = rule.then.split(' ');
    const limit = Math.min(items.length, right.last + 1 + need.length + 3);
    for (let i = right.last + 1; i + need.length <= limit && thenEnd < 0; i++) {
      if (need.every((n, k) => isWord(items[i + k], n))) thenEnd = i + need.length - 1;
    }
    if (thenEnd < 0) return [];
  }

  let left: { args: Argument[]; first: number } | null = null;
  let gapLeft = 0;
  for (let i = from - 1; i >= 0 && gapLeft <= maxLeft; i--) {
    const it = items[i]!;
    if (it.kind === 'arg') {
      left = groupLeft(items, i);
      break;
    }
    // "The Act of 2011 (OEMPA) repealed ...": the acronym's bracket between the name and the verb.
    if (it.word.text === ')' && gapLeft === 0 && beforeBracket(items, i) >= 0) {
      left = groupLeft(items, beforeBracket(items, i));
      break;
    }
    // "the Roads Programme (established by the Ministry in 2004)": a participle opening a bracket is about the name before it.
    if (it.word.text === '(' && i === from - 1 && !rule.active && items[i - 1]?.kind === 'arg') {
      left = groupLeft(items, i - 1);
      break;
    }
    if (BREAKS.has(it.word.lower)) break;
    if (rule.active && AUXILIARIES.has(it.word.lower)) return [];
    gapLeft++;
  }
  if (rule.adjacent && (!left || gapLeft > 0)) return [];
  // A verb's subject is no preposition's object: in "X, which reports to Y, conducted Z" the
  // subject is X, and in "implemented by Y with funding from Z" Y is not what is funded.
  // "X, a unit of Y, administers Z": an argument closed off by a comma before an active verb ends
  // a phrase set in the sentence; the subject is before it.
  let relative = false;
  if (!rule.active && !rule.adjacent) {
    const subject = subjectBeforeParenthetical(items, from);
    if (subject >= 0) {
      left = groupLeft(items, subject);
      relative = true;
    }
  }
  // Any verb but an appositive noun ("conducted by the Bureau, part of the Ministry") and a
  // participle touching its noun ("a Commission created by Congress") needs a subject that no
  // preposition governs.
  const appositiveGap = gapLeft === 1 && isWord(items[from - 1], ',') && !rule.active && !finiteTrigger(items[from]);
  const governed = !relative && !!left && !rule.adjacent && !appositiveGap && (rule.active || !isWord(items[to], 'by') || gapLeft > 0) && governedBy(items, left.first);
  if (left && (governed || (rule.active && isWord(items[from - 1], ',')))) {
    const antecedent = relativeAntecedent(items, left.first, from);
    const subject = antecedent < 0 && governed ? coordinatedSubject(items, left.first, from) : -1;
    if (antecedent >= 0 || subject >= 0) {
      left = groupLeft(items, antecedent >= 0 ? antecedent : subject);
      relative = true;
    } else if (governed) return [];
  }
  let verbAt = -1;
  if (rule.objectOf) {
    // "created [an employment permit system] via": the argument touches the trigger and is the object of the verb.
    const at = left ? left.first - (isWord(items[left.first - 1], 'the', 'a', 'an', 'its', 'their') ? 2 : 1) : -1;
    const before = items[at];
    if (!left || gapLeft > 0 || before?.kind !== 'word' || !rule.objectOf.includes(before.word.lower)) return [];
    verbAt = at;
  }
  let appositive = false;
  if (!left && !rule.active) {
    const a = appositiveSubject(items, from);
    if (a >= 0) {
      left = { args: [(items[a] as { arg: Argument }).arg], first: a };
      appositive = true;
    }
  }
  let leftArgs = left?.args.filter((a) => rule.left.includes(a.type)) ?? [];
  if (left && !leftArgs.length && !rule.adjacent && !rule.objectOf) {
    // "X, which is in charge of the Project, reports to Y": the argument before the relative clause.
    const antecedent = relativeAntecedent(items, left.first, from, true);
    if (antecedent >= 0) {
      left = groupLeft(items, antecedent);
      leftArgs = left.args.filter((a) => rule.left.includes(a.type));
      relative = true;
    }
  }
  // The evidence holds the verb that says what was made: "introduced the Scheme through the Act".
  let spanStart = verbAt >= 0 ? verbAt : left ? left.first : from;
  let spanEnd = Math.max(right.last, thenEnd);
  const rightArgs = right.args.filter((a) => rule.right.includes(a.type));
  if (!leftArgs.length && rule.fronted && !left) {
    // "With financial support from Y, Z launched X": the funded thing comes after Y.
    for (let i = right.last + 1; i < items.length; i++) {
      const it = items[i]!;
      if (it.kind === 'word' && /^[.;:]$/.test(it.word.text)) break;
      if (it.kind === 'arg' && FRONTED_TYPES.has(it.arg.type) && rule.left.includes(it.arg.type)) {
        leftArgs = [it.arg];
        spanEnd = i;
        break;
      }
    }
    spanStart = from;
  }
  if (rule.subject) {
    // The sentence's first argument, with no other of the left types before the trigger.
    const first = items.findIndex((x) => x.kind === 'arg');
    const between = items.slice(first + 1, from).some((x) => x.kind === 'arg' && rule.left.includes(x.arg.type));
    const subject = first >= 0 && first < from && !between ? (items[first] as { arg: Argument }).arg : null;
    leftArgs = subject && rule.left.includes(subject.type) ? [subject] : [];
    left = subject ? { args: [subject], first } : null;
    spanStart = first;
  }
  let far = !!rule.farLeft || !!rule.subject;
  if (!leftArgs.length && rule.farLeft) {
    for (let i = from - 1; i >= 0; i--) {
      const it = items[i]!;
      if (it.kind === 'word' && /^[.;:]$/.test(it.word.text)) break;
      if (it.kind === 'arg' && rule.left.includes(it.arg.type)) {
        leftArgs = [it.arg];
        spanStart = i;
        break;
      }
    }
  }
  if (!leftArgs.length || !rightArgs.length) return [];
  const leftEnd = left && leftArgs.length ? items.findIndex((x, k) => k >= left!.first && x.kind === 'arg' && x.arg === left!.args[left!.args.length - 1]) : from - 1;
  if (left && !far && !appositive && !relative && gapHasVerb(items, leftEnd + 1, from, tagOf, rule.verbs)) return [];
  const rightStart = items.findIndex((x, k) => k > to && x.kind === 'arg');
  if (gapHasVerb(items, to + 1, rightStart, tagOf)) return [];

  const first = items[spanStart]!;
  const last = items[spanEnd]!;
  const start = first.kind === 'arg' ? first.arg.start : first.word.start;
  const end = last.kind === 'arg' ? last.arg.end : last.word.end;
  const out: FoundRelation[] = [];
  for (const l of leftArgs) {
    for (const r of rightArgs) {
      if (l.entityId === r.entityId) continue;
      const [source, target] = rule.source === 'left' ? [l, r] : [r, l];
      let confidence = rule.confidence - (far ? 0 : 0.02 * Math.max(0, gapLeft - 2));
      if (l.reference || r.reference) confidence -= 0.1;
      if (far || appositive || relative) confidence -= 0.1;
      out.push({ source: source.entityId, target: target.entityId, type: rule.relation, rule: rule.id, confidence: Math.round(confidence * 100) / 100, start, end });
    }
  }
  return out;
}

/**
 * "the National Policy (NLMP), which the Council of Ministers adopted", "the Plan, which the
 * Department implements": an active verb whose object is the name its relative clause follows.
 */
function applyObjectRelative(items: Item[], from: number, to: number, rule: RelationRule): FoundRelation[] {
  if (items[to + 1]?.kind === 'arg' || isWord(items[to + 1], 'the', 'a', 'an', 'its', 'their')) return [];
  let k = from - 1;
  while (k >= 0 && items[k]!.kind === 'word' && /^\p{Ll}+ly$/u.test((items[k] as { word: Word }).word.lower) && k > from - 3) k--;
  if (items[k]?.kind !== 'arg') return [];
  const subject = groupLeft(items, k);
  let r = subject.first - 1;
  if (isWord(items[r], 'the', 'a', 'an')) r--;
  if (!isWord(items[r], 'which', 'that')) return [];
  r--;
  if (isWord(items[r], ',')) r--;
  const bracketed = beforeBracket(items, r);
  if (bracketed >= 0) r = bracketed;
  const object = items[r];
  if (object?.kind !== 'arg' || !rule.right.includes(object.arg.type)) return [];
  const out: FoundRelation[] = [];
  for (const l of subject.args.filter((a) => rule.left.includes(a.type))) {
    if (l.entityId === object.arg.entityId) continue;
    const [source, target] = rule.source === 'left' ? [l, object.arg] : [object.arg, l];
    const confidence = Math.round((rule.confidence - 0.1 - (l.reference ? 0.1 : 0)) * 100) / 100;
    out.push({ source: source.entityId, target: target.entityId, type: rule.relation, rule: rule.id, confidence, start: object.arg.start, end: (items[to] as { word: Word }).word.end });
  }
  return out;
}

const ARTICLES = ['the', 'a', 'an'];

/**
 * A nominal rule at its noun: "[X's] <noun> <prep> [the] A [<prep> [the] B]". Each argument
 * (or list) goes to the role its preposition marks; the possessor is the agent.
 */
function applyNominal(items: Item[], at: number, rule: NominalRule): FoundRelation[] {
  const roles: { agent: Argument[] | null; object: Argument[] | null } = { agent: null, object: null };
  let start = at;
  if (isWord(items[at - 1], "'s", '’s') && items[at - 2]?.kind === 'arg') {
    roles.agent = [(items[at - 2] as { arg: Argument }).arg];
    start = at - 2;
  }
  let end = -1;
  let i = at + 1;
  for (let step = 0; step < 2; step++) {
    const prep = items[i];
    if (prep?.kind !== 'word') break;
    const role = rule.agent.includes(prep.word.lower) && !roles.agent ? 'agent' : rule.object.includes(prep.word.lower) && !roles.object ? 'object' : null;
    if (!role) break;
    let j = i + 1;
    if (isWord(items[j], ...ARTICLES)) j++;
    if (items[j]?.kind !== 'arg') break;
    const group = groupRight(items, j);
    roles[role] = group.args;
    end = group.last;
    i = group.last + 1;
  }
  const agents = roles.agent?.filter((a) => rule.agentTypes.includes(a.type)) ?? [];
  const objects = roles.object?.filter((a) => rule.objectTypes.includes(a.type)) ?? [];
  if (!agents.length || !objects.length || end < 0) return [];
  const first = items[start]!;
  const last = items[end] as { arg: Argument };
  const spanStart = first.kind === 'arg' ? first.arg.start : first.word.start;
  const out: FoundRelation[] = [];
  for (const a of agents) {
    for (const o of objects) {
      if (a.entityId === o.entityId) continue;
      const [source, target] = rule.source === 'agent' ? [a, o] : [o, a];
      const confidence = rule.confidence - (a.reference || o.reference ? 0.1 : 0);
      out.push({ source: source.entityId, target: target.entityId, type: rule.relation, rule: rule.id, confidence: Math.round(confidence * 100) / 100, start: spanStart, end: last.arg.end });
    }
  }
  return out;
}

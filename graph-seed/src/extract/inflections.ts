/**
 * Inflected and derived forms of concept names: "agricultural" mentions Agriculture, "emigrants"
 * and "emigrate" mention Emigration, "educational" mentions Education. Names of sectors and
 * migration dimensions are common nouns, so their word family counts as a mention; proper names
 * (ministries, countries) keep exact matching. Word families are read with the Porter stemmer.
 */
import { stemmer } from 'stemmer';
import type { Mention, Passage } from '../model/bundle';

const WORD = /\p{L}+/gu;
const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

interface Word {
  stem: string;
  start: number;
  end: number;
}

const stems = new Map<string, string>();
const stemOf = (word: string) => {
  let s = stems.get(word);
  if (s === undefined) stems.set(word, (s = stemmer(fold(word))));
  return s;
};

function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) out.push({ stem: stemOf(m[0]), start: m.index, end: m.index + m[0].length });
  return out;
}

/** Mentions of the concepts' word families that no existing mention covers. */
export function matchInflections(concepts: { id: string; names: string[] }[], passages: Passage[], existing: Mention[]): Mention[] {
  const families = concepts.flatMap((c) => c.names.map((n) => ({ id: c.id, stems: words(n).map((w) => w.stem) }))).filter((f) => f.stems.length);
  // Longest families first, so "return migration" wins over "migration".
  families.sort((a, b) => b.stems.length - a.stems.length);
  const byFirst = new Map<string, typeof families>();
  for (const f of families) byFirst.set(f.stems[0]!, [...(byFirst.get(f.stems[0]!) ?? []), f]);
  const taken = new Map<string, Mention[]>();
  for (const m of existing) taken.set(m.passageId, [...(taken.get(m.passageId) ?? []), m]);
  const out: Mention[] = [];
  for (const p of passages) {
    const ws = words(p.text);
    const spans = [...(taken.get(p.id) ?? [])];
    for (let i = 0; i < ws.length; i++) {
      for (const f of byFirst.get(ws[i]!.stem) ?? []) {
        if (i + f.stems.length > ws.length || !f.stems.every((s, k) => ws[i + k]!.stem === s)) continue;
        const start = ws[i]!.start;
        const end = ws[i + f.stems.length - 1]!.end;
        // A family word inside a longer name of something else ("agricultural subsidies") is a
        // nested mention; any other overlap leaves the words to the mention already there.
        const inside = (m: Mention) => m.start <= start && m.end >= end && m.entityId !== f.id && m.end - m.start > end - start;
        if (spans.some((m) => m.start < end && m.end > start && !inside(m))) break;
        const mention = { entityId: f.id, passageId: p.id, start, end, text: p.text.slice(start, end) };
        out.push(mention);
        spans.push(mention);
        break;
      }
    }
  }
  return out;
}

/**
 * References to exhibits and named measures, read as mentions:
 * - "(Figure 1.3)", "Table 2.2" and "Table 4" in running text mention that figure or table;
 * - a cited author that is an acronym spelled by a measure named just before it ("the Human
 *   Development Index ... (HDI, 2015)") is that measure, not an organisation that published it.
 */
import type { Passage } from '../model/bundle';
import { guessType } from '../extract/acronyms';
import { slugify } from '../model/ontology';
import type { GraphDraft } from './registry';

export function matchExhibitReferences(graph: GraphDraft, passages: Passage[]): void {
  const exhibits = new Map<string, { id: string; passage: Passage | undefined }[]>();
  const byId = new Map(passages.map((p) => [p.id, p]));
  for (const e of graph.entities.values()) {
    if ((e.type === 'Figure' || e.type === 'Table') && typeof e.properties.number === 'string') {
      const key = `${e.type} ${e.properties.number}`;
      exhibits.set(key, [...(exhibits.get(key) ?? []), { id: e.id, passage: byId.get(String(e.properties.passageId)) }]);
    }
  }
  // Where two exhibits share a number (numbered per chapter), a reference means the one of its
  // own chapter, else the last one before it, else the first.
  const meant = (key: string, p: Passage): string | undefined => {
    const all = exhibits.get(key);
    if (!all || all.length < 2) return all?.[0]?.id;
    const distance = (x: (typeof all)[number]) => Math.abs((x.passage?.order ?? 0) - p.order);
    const own = all.filter((x) => x.passage?.chapter === p.chapter).sort((a, b) => distance(a) - distance(b));
    const before = all.filter((x) => (x.passage?.order ?? 0) <= p.order).at(-1);
    return (own[0] ?? before ?? all[0])!.id;
  };
  for (const p of passages) {
    for (const m of p.text.matchAll(/\b(Figure|Table)\s+([A-Z]?\d+(?:\.\d+)*)\b/g)) {
      const id = meant(`${m[1]} ${m[2]}`, p);
      // An exhibit's own caption is the exhibit itself, not a reference to it.
      if (!id || graph.entities.get(id)?.properties.passageId === p.id) continue;
      graph.addMention({ entityId: id, passageId: p.id, start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
}

/** The capitalised phrase before `before` whose words' initials spell the acronym. */
function spelledBy(acronym: string, text: string, before: number): { start: number; end: number; phrase: string } | null {
  const words = [...text.slice(0, before).matchAll(/\p{Lu}[\p{L}-]*/gu)];
  for (let i = words.length - acronym.length; i >= 0; i--) {
    const run = words.slice(i, i + acronym.length);
    const adjacent = run.every((w, k) => k === 0 || /^\s+$/.test(text.slice(run[k - 1]!.index! + run[k - 1]![0].length, w.index)));
    if (adjacent && run.map((w) => w[0][0]).join('') === acronym) {
      const start = run[0]!.index!;
      const end = run.at(-1)!.index! + run.at(-1)![0].length;
      return { start, end, phrase: text.slice(start, end) };
    }
  }
  return null;
}

/** Authors that name a measure, with the dataset each becomes; the rest stay authors. */
export function measureAuthors<T extends { name: string; studyId: string; mention: { passageId: string; start: number; end: number } }>(
  graph: GraphDraft,
  authors: T[],
  passages: Map<string, Passage>,
): { measures: (T & { datasetId: string })[]; others: T[] } {
  const measures: (T & { datasetId: string })[] = [];
  const others: T[] = [];
  for (const a of authors) {
    const p = passages.get(a.mention.passageId);
    const spelled = p && /^[A-Z]{2,6}$/.test(a.name) ? spelledBy(a.name, p.text, a.mention.start) : null;
    if (!p || !spelled || guessType(spelled.phrase) !== 'Dataset') {
      others.push(a);
      continue;
    }
    const datasetId = `dataset:${slugify(a.name)}`;
    graph.upsertEntity({ id: datasetId, type: 'Dataset', name: spelled.phrase, aliases: [a.name], properties: {}, origin: 'extracted' });
    graph.addMention({ entityId: datasetId, passageId: p.id, start: spelled.start, end: spelled.end, text: spelled.phrase });
    measures.push({ ...a, datasetId });
  }
  return { measures, others };
}

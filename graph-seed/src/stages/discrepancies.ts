/**
 * Stage 7: places where the report states one fact two ways. General mechanisms, not a list:
 * - a functional relation (ESTABLISHED_BY, CHAIRS) with two different targets for one subject;
 * - one attribute of one entity asserted with different values;
 * - shares of one whole, in one clause of prose, that do not add up to 100 within rounding;
 * - table groups that claim to be complete (an "Other" or "Total" row) and do not add up.
 */
import type { Discrepancy, Evidence, Mention, Passage, Table } from '../model/bundle';
import { FUNCTIONAL_RELATIONS } from '../model/ontology';
import type { GraphDraft } from './registry';
import { clauseAround } from './statistics';
import { parseNumber } from './text';

export interface Assertion {
  entityId: string;
  key: string;
  value: string | number | boolean;
  evidence: Evidence;
}

/** Half a unit of the last printed digit, summed over the items: the most rounding can explain. */
function roundingTolerance(printed: string[]): number {
  return printed.reduce((sum, p) => {
    const decimals = /\.(\d+)/.exec(p)?.[1]?.length ?? 0;
    return sum + 0.5 * 10 ** -decimals;
  }, 0);
}

const fmt = (n: number) => String(Math.round(n * 100) / 100);

export function findDiscrepancies(graph: GraphDraft, assertions: Assertion[], passages: Passage[], tables: Table[]): Discrepancy[] {
  const out: Discrepancy[] = [];
  const name = (id: string) => graph.entities.get(id)?.name ?? id;
  const mentionsOf = new Map<string, Mention[]>();
  for (const m of graph.mentions.values()) {
    const list = mentionsOf.get(m.passageId);
    if (list) list.push(m);
    else mentionsOf.set(m.passageId, [m]);
  }

  // Functional relations with more than one target.
  const bySubject = new Map<string, { type: string; targets: Map<string, Evidence[]> }>();
  for (const r of graph.relations.values()) {
    if (!FUNCTIONAL_RELATIONS.has(r.type)) continue;
    const key = `${r.source}|${r.type}`;
    const entry = bySubject.get(key) ?? { type: r.type, targets: new Map() };
    entry.targets.set(r.target, r.evidence);
    bySubject.set(key, entry);
  }
  for (const [key, { type, targets }] of bySubject) {
    if (targets.size < 2) continue;
    const subject = key.split('|')[0]!;
    const names = [...targets.keys()].map(name);
    out.push({
      id: `discrepancy:${subject.replace(':', '-')}-${type.toLowerCase().replace(/_/g, '-')}`,
      subjectId: subject,
      kind: 'conflicting-values',
      note: `${name(subject)}: the report gives ${type.toLowerCase().replace(/_/g, ' ')} as ${names.join(' and as ')}.`,
      statements: [...targets.values()].map((e) => e[0]!),
    });
  }

  // One attribute, several values.
  const byAttr = new Map<string, Assertion[]>();
  for (const a of assertions) byAttr.set(`${a.entityId}|${a.key}`, [...(byAttr.get(`${a.entityId}|${a.key}`) ?? []), a]);
  for (const [key, list] of byAttr) {
    const values = [...new Set(list.map((a) => String(a.value)))];
    if (values.length < 2) continue;
    const [entityId, attr] = key.split('|') as [string, string];
    out.push({
      id: `discrepancy:${entityId.replace(':', '-')}-${attr}`,
      subjectId: entityId,
      kind: 'conflicting-values',
      note: `${name(entityId)}: ${attr} is stated as ${values.join(' and as ')}.`,
      statements: list.map((a) => a.evidence),
    });
  }

  // Shares of one whole in one clause of prose.
  for (const p of passages) {
    if (p.kind === 'table') continue;
    const pcts = [...p.text.matchAll(/\b(\d+(?:\.\d+)?)%/g)].map((m) => ({ printed: m[1]!, value: Number(m[1]), start: m.index!, end: m.index! + m[0].length }));
    const seen = new Set<string>();
    for (const first of pcts) {
      const clause = clauseAround(p.text, first.start, first.end);
      const key = `${clause.start}:${clause.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const items = pcts.filter((x) => x.start >= clause.start && x.end <= clause.end);
      if (items.length < 2 || items.some((x, i) => i > 0 && x.start - items[i - 1]!.end > 70)) continue;
      const sum = items.reduce((s, x) => s + x.value, 0);
      if (sum < 90 || sum > 110 || Math.abs(sum - 100) <= roundingTolerance(items.map((x) => x.printed))) continue;
      const start = items[0]!.start;
      const end = Math.max(items[items.length - 1]!.end, p.text.indexOf('.', items[items.length - 1]!.end) >= 0 ? p.text.indexOf('.', items[items.length - 1]!.end) : items[items.length - 1]!.end);
      const subject = subjectFor(p, clause.start, clause.end);
      out.push({
        id: `discrepancy:shares-${p.id.replace(/^p:/, '')}-${start}`,
        subjectId: subject,
        kind: 'shares-do-not-sum',
        note: `The shares ${items.map((x) => x.printed + '%').join(' + ')} add up to ${fmt(sum)}%, not 100%.`,
        statements: [
          { passageId: p.id, start, end, quote: p.text.slice(start, end) },
          ...items.map((x) => ({ passageId: p.id, start: x.start, end: x.end, quote: p.text.slice(x.start, x.end) })),
        ],
      });
    }
  }

  // Tables: totals and complete groups of shares.
  const passageById = new Map(passages.map((x) => [x.id, x]));
  for (const t of tables) {
    const passage = passageById.get(t.passageId);
    if (!passage) continue;
    const rowEvidence = (label: string): Evidence => {
      const s = passage.text.indexOf(label);
      const e = passage.text.indexOf('\n', s) < 0 ? passage.text.length : passage.text.indexOf('\n', s);
      return { passageId: passage.id, start: Math.max(0, s), end: e, quote: passage.text.slice(Math.max(0, s), e) };
    };
    const groups = new Map<string, typeof t.rows>();
    for (const r of t.rows) groups.set(r.group ?? '', [...(groups.get(r.group ?? '') ?? []), r]);
    for (const [group, rows] of groups) {
      const total = rows.find((r) => /^Total\b/i.test(r.label));
      const parts = rows.filter((r) => r !== total);
      const complete = !!total || parts.some((r) => /^Others?$/i.test(r.label));
      const shares = /%/.test(`${t.title} ${t.subtitle ?? ''} ${group}`);
      if (!complete || parts.length < 2) continue;
      t.columns.forEach((col, k) => {
        const nums = parts.map((r) => parseNumber(r.values[k] ?? ''));
        if (nums.some((n) => n === null)) return;
        const sum = nums.reduce<number>((s, n) => s + (n ?? 0), 0);
        const expected = total ? parseNumber(total.values[k] ?? '') : shares ? 100 : null;
        if (expected === null) return;
        // A "Total population" row over shares and counts is not the sum of the rows below it.
        const percents = parts.map((r) => (r.values[k] ?? '').endsWith('%'));
        if (percents.some((x) => x !== percents[0]) || (total && nums.some((n) => (n ?? 0) > expected))) return;
        const tol = roundingTolerance(parts.map((r) => r.values[k]!));
        if (Math.abs(sum - expected) <= tol) return;
        out.push({
          id: `discrepancy:table-${t.id.replace(/^table:/, '')}-${(group || 'rows').toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${k}`,
          subjectId: t.id,
          kind: total ? 'total-mismatch' : 'shares-do-not-sum',
          note: `Table ${t.number}${group ? `, ${group}` : ''}, ${col}: the rows add up to ${fmt(sum)}, the table gives ${fmt(expected)}.`,
          statements: [...parts.map((r) => rowEvidence(r.label)), ...(total ? [rowEvidence(total.label)] : [])],
        });
      });
    }
  }
  return out;

  /** What the shares are shares of: the clause's place or programme, else the passage's section. */
  function subjectFor(p: Passage, start: number, end: number): string {
    const sentenceStart = p.text.lastIndexOf('.', start) + 1;
    const inClause = (mentionsOf.get(p.id) ?? []).filter(
      (m) => m.start >= sentenceStart - 200 && m.end <= end && ['Programme', 'Policy', 'Dataset', 'Project'].includes(graph.entities.get(m.entityId)?.type ?? ''),
    );
    return inClause.sort((a, b) => b.start - a.start)[0]?.entityId ?? `doc:${p.documentId.replace(/^doc:/, '')}`;
  }
}

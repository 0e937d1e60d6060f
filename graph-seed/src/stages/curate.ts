/**
 * Stage 5: the curation overlay. Entities are added or overlaid (canonical names, types,
 * aliases, properties stated with a quote), relations, findings and recommendations are added,
 * each quote looked up in the text. Unknown ids and missing quotes are errors that name the
 * file, the entry and the quote.
 */
import type { Discrepancy, Evidence } from '../model/bundle';
import type { Curation } from '../model/curation';
import type { Problem } from '../model/result';
import type { Assertion } from './discrepancies';
import type { QuoteIndex } from './quotes';
import type { StatingSpans } from './sentences';
import type { GraphDraft } from './registry';

interface Located {
  file: string;
  index: number;
  id?: string;
}

export interface CuratedSource {
  file: string;
  entry: string;
  quotes: string[];
}

const entryLabel = (e: Located) => `#${e.index + 1}${e.id ? ` (${e.id})` : ''}`;
const CURATED = { origin: 'curated' } as const;

export class Curator {
  readonly problems: Problem[] = [];
  readonly discrepancies: Discrepancy[] = [];
  /** Every property value the curation states, with its quote, for the discrepancy check. */
  readonly assertions: Assertion[] = [];
  /** Relations the curation states, by relation id, with where they are written. */
  readonly curatedRelations = new Map<string, CuratedSource>();

  constructor(
    private readonly graph: GraphDraft,
    private readonly quotes: QuoteIndex,
    private readonly spans?: StatingSpans,
  ) {}

  /** A relation's evidence is the whole sentence its quote cuts from (with lead-in or table title). */
  private stating(evidence: Evidence[]): Evidence[] {
    if (!this.spans) return evidence;
    const out = new Map<string, Evidence>();
    for (const ev of evidence) for (const s of this.spans.expand(ev)) out.set(`${s.passageId}:${s.start}:${s.end}`, s);
    return [...out.values()];
  }

  /** What a statement is about is also stated by the heading of the section it sits in. */
  private topical(evidence: Evidence[]): Evidence[] {
    const headings = evidence.map((ev) => this.spans?.heading(ev)).filter((h): h is Evidence => !!h);
    return [...evidence, ...headings.filter((h, i) => headings.findIndex((x) => x.passageId === h.passageId) === i && !evidence.some((e) => e.passageId === h.passageId))];
  }

  private quote(q: string, at: Located): Evidence | null {
    const ev = this.quotes.find(q);
    if (!ev) this.problems.push({ severity: 'error', code: 'QUOTE_NOT_FOUND', message: 'the quote is not in the report text', file: at.file, entry: entryLabel(at), quote: q });
    return ev;
  }

  private known(id: string, at: Located, role: string): boolean {
    if (this.graph.entities.has(id)) return true;
    this.problems.push({ severity: 'error', code: 'UNKNOWN_ENTITY', message: `${role} "${id}" is neither curated nor found in the text`, file: at.file, entry: entryLabel(at) });
    return false;
  }

  private track(relationId: string, at: Located, quotes: string[]): void {
    if (!this.curatedRelations.has(relationId)) this.curatedRelations.set(relationId, { file: at.file, entry: entryLabel(at), quotes });
  }

  /** Entities first, so that relations may point at any of them. */
  applyEntities(c: Curation): void {
    for (const e of c.entities) {
      const existing = this.graph.entities.get(e.id);
      if (existing && existing.type !== e.type && existing.origin === 'curated') {
        this.problems.push({ severity: 'error', code: 'DUPLICATE_ENTITY', message: `"${e.id}" is curated twice with different types`, file: e.file, entry: entryLabel(e) });
        continue;
      }
      const draft = this.graph.upsertEntity({ id: e.id, type: e.type, name: e.name ?? existing?.name ?? e.id, aliases: e.aliases, properties: e.properties, origin: 'curated' });
      for (const f of e.facts) {
        const ev = this.quote(f.quote, e);
        if (!ev) continue;
        draft.properties[f.key] = f.value;
        this.graph.addEvidence(e.id, ev);
        this.assertions.push({ entityId: e.id, key: f.key, value: f.value, evidence: ev });
      }
      for (const q of e.mentions) {
        if (typeof q === 'string') {
          const found = this.quotes.findAll(q);
          if (!found.length) this.quote(q, e);
          for (const ev of found) this.graph.addMention({ entityId: e.id, passageId: ev.passageId, start: ev.start, end: ev.end, text: ev.quote });
          continue;
        }
        // A reference: its first occurrence as a word inside the quote that places it.
        const place = this.quote(q.in, e);
        if (!place) continue;
        const pattern = q.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
        const at = new RegExp(`(?<![\\p{L}])${pattern}(?![\\p{L}])`, 'u').exec(place.quote);
        if (!at) {
          this.problems.push({ severity: 'error', code: 'REFERENCE_NOT_FOUND', message: `"${q.text}" is not in the quote that should place it`, file: e.file, entry: entryLabel(e), quote: q.in });
          continue;
        }
        const start = place.start + at.index;
        this.graph.addMention({ entityId: e.id, passageId: place.passageId, start, end: start + at[0].length, text: at[0] });
      }
    }
  }

  applyFindings(c: Curation): void {
    for (const f of c.findings) {
      const evidence = f.quotes.map((q) => this.quote(q, f)).filter((e): e is Evidence => !!e);
      this.graph.upsertEntity({ id: f.id, type: 'Finding', name: f.name, properties: { statement: f.statement, origin: f.origin }, origin: 'curated' });
      for (const ev of evidence) this.graph.addEvidence(f.id, ev);
      if (!evidence.length) continue;
      const stated = this.stating(evidence);
      for (const s of f.supportedBy) if (this.known(s, f, 'supportedBy')) this.track(this.graph.addRelation(f.id, 'SUPPORTED_BY', s, stated, CURATED).id, f, f.quotes);
      for (const a of f.about) if (this.known(a, f, 'about')) this.track(this.graph.addRelation(f.id, 'ABOUT', a, this.topical(stated), CURATED).id, f, f.quotes);
    }
    for (const r of c.recommendations) {
      const ev = this.quote(r.quote, r);
      this.graph.upsertEntity({ id: r.id, type: 'Recommendation', name: r.name, properties: { statement: ev?.quote ?? r.quote }, origin: 'curated' });
      if (!ev) continue;
      this.graph.addEvidence(r.id, ev);
      const stated = this.spans ? this.spans.item(ev) : [ev];
      for (const a of r.about) if (this.known(a, r, 'about')) this.track(this.graph.addRelation(r.id, 'ABOUT', a, this.topical(stated), CURATED).id, r, [r.quote]);
      // A recommendation answers a finding: the evidence is both statements.
      for (const b of r.basedOn) {
        if (!this.known(b, r, 'basedOn')) continue;
        const finding = this.graph.entities.get(b)?.evidence ?? [];
        this.track(this.graph.addRelation(r.id, 'SUPPORTED_BY', b, [...stated, ...this.stating(finding)], CURATED).id, r, [r.quote]);
      }
    }
  }

  applyRelations(c: Curation): void {
    for (const r of c.relations) {
      const at = { file: r.file, index: r.index, id: `${r.source} ${r.type} ${r.target}` };
      const quotes = [...(r.quote ? [r.quote] : []), ...(r.quotes ?? [])];
      const evidence = quotes.map((q) => this.quote(q, at)).filter((e): e is Evidence => !!e);
      const okSource = this.known(r.source, at, 'source');
      const okTarget = this.known(r.target, at, 'target');
      if (okSource && okTarget && evidence.length === quotes.length) this.track(this.graph.addRelation(r.source, r.type, r.target, this.stating(evidence), { ...r.properties, ...CURATED }).id, at, quotes);
    }
    for (const d of c.discrepancies) {
      const statements = d.quotes.map((q) => this.quote(q, d)).filter((e): e is Evidence => !!e);
      if (this.known(d.subject, d, 'subject') && statements.length === d.quotes.length) {
        this.discrepancies.push({ id: d.id, subjectId: d.subject, kind: 'curated', note: d.note, statements });
      }
    }
  }
}

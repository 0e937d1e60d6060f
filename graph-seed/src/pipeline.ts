/**
 * The whole chain, pure: corpus text and curation in, graph bundle (or the problems that stop
 * it) out. File reading and writing stay in io/ and cli.ts.
 */
import type { GraphBundle, Passage } from './model/bundle';
import type { Curation } from './model/curation';
import { groupBy } from './model/group';
import { EMPTY_CURATION } from './model/curation';
import type { Problem, Result } from './model/result';
import { fail, ok } from './model/result';
import { toBlocks } from './stages/blocks';
import { Curator } from './stages/curate';
import { findDiscrepancies } from './stages/discrepancies';
import { checkEvidence, type EvidenceCheck } from './stages/evidence';
import { emitBundle } from './stages/emit';
import { extractAll } from './stages/extract';
import { readFindings } from './nlp/findings';
import { addNameMentions, readNames, readRelations } from './nlp/read-facts';
import { tokenize } from './stages/furniture';
import { buildTextLayer, documentIdFor } from './stages/passages';
import { applyOverrides, type Override } from './stages/override';
import { QuoteIndex } from './stages/quotes';
import type { CorpusFile } from './stages/read';
import { mergeCorpus } from './stages/read';
import { GraphDraft } from './stages/registry';
import { addPlaces, matchMentions, mergeIntoCurated, NameIndex, pruneUnused, resolveAcronyms, resolveAuthors } from './stages/resolve';
import { matchExhibitReferences } from './stages/exhibit-refs';
import { resolveNoteReferences } from './stages/references';
import { segment } from './stages/segment';
import { SentenceThread } from './nlp/sentence-thread';
import { addStudyTitles } from './stages/study-titles';
import { StatingSpans } from './stages/sentences';
import { addProseStatistics, addTableStatistics } from './stages/statistics';
import { validateGraph } from './stages/validate';

export interface SeedOutput {
  bundle: GraphBundle;
  warnings: Problem[];
  /** How many relations' evidence names both ends, overall and among curated relations. */
  evidence: EvidenceCheck;
}

export type Progress = (stage: string, detail?: string) => void;

export interface PipelineOptions {
  /**
   * Whether passages' sentences are read on a second thread while the text layer is built:
   * 'auto' for texts of 1 MiB or more (below, starting the thread costs more than it saves).
   * The graph is the same either way.
   */
  sentenceThread?: 'auto' | 'on' | 'off';
}

/** Characters of text from which sentences are read on a second thread ('auto'). */
const THREAD_FROM_CHARS = 1 << 20;

export function runPipeline(files: CorpusFile[], curation: Curation = EMPTY_CURATION, progress: Progress = () => {}, overrides: Override[] = [], options: PipelineOptions = {}): Result<SeedOutput> {
  const mode = options.sentenceThread ?? 'auto';
  const thread = mode === 'on' || (mode === 'auto' && files.reduce((n, f) => n + f.text.length, 0) >= THREAD_FROM_CHARS) ? SentenceThread.start() : null;
  try {
    return read(files, curation, progress, overrides, thread);
  } finally {
    thread?.close();
  }
}

function read(files: CorpusFile[], curation: Curation, progress: Progress, overrides: Override[], thread: SentenceThread | null): Result<SeedOutput> {
  const merged = mergeCorpus(files);
  if (!merged.ok) return merged;
  const warnings: Problem[] = [...merged.warnings];
  progress('read', `${merged.value.length} lines from ${files.length} file(s)`);

  const seg = segment(toBlocks(tokenize(merged.value)));
  const title = curation.document?.title ?? seg.chapters.find((c) => c.title)?.title ?? files[0]?.name ?? 'Untitled report';
  const documentId = curation.document?.id ?? documentIdFor(title);
  // Passages whose names are read (not tables or figures) go to the sentence thread as they are made.
  const text = buildTextLayer(
    seg,
    documentId,
    thread
      ? (p) => {
          if (p.kind !== 'table' && p.kind !== 'figure') thread.submit(p.id, p.text);
        }
      : undefined,
  );
  progress('segment', `${text.passages.length} passages, ${text.chapters.length} chapters, ${text.tables.length} tables, ${text.figures.length} figures`);

  const graph = new GraphDraft();
  graph.upsertEntity({
    id: documentId,
    type: 'Document',
    name: title,
    properties: { publisher: curation.document?.publisher ?? null, year: curation.document?.year ?? null },
    origin: 'curated',
  });
  for (const t of text.tables) graph.upsertEntity({ id: t.id, type: 'Table', name: `Table ${t.number}. ${t.title}`, properties: { number: t.number, passageId: t.passageId }, origin: 'extracted' });
  for (const f of text.figures) graph.upsertEntity({ id: f.id, type: 'Figure', name: `Figure ${f.number}. ${f.title}`, properties: { number: f.number, passageId: f.passageId, ...(f.doi ? { doi: f.doi } : {}) }, origin: 'extracted' });

  const extracted = extractAll(text.passages, graph);
  const sentences = readNames(text.passages, graph, extracted.acronyms, thread ? (p) => thread.take(p.id, p.text) : undefined);
  progress('extract', `${extracted.citations.length} citations, ${extracted.acronyms.length} acronym definitions${thread ? `, sentences of ${thread.served} of ${sentences.size} passages read on a second thread` : ''}`);

  const quotes = new QuoteIndex(text.passages);
  const curator = new Curator(graph, quotes, new StatingSpans(text.passages, text.tables));
  curator.applyEntities(curation);
  addPlaces(graph);
  const byId = new Map(text.passages.map((p) => [p.id, p]));
  resolveAcronyms(graph, extracted, byId);
  mergeIntoCurated(graph);
  warnings.push(...matchMentions(graph, text.passages));
  addNameMentions(graph);
  // Names read at the very words of a curated mention are the curated entity.
  mergeIntoCurated(graph);
  resolveNoteReferences(graph, text.noteAnchors, byId);
  resolveAuthors(graph, extracted, byId);
  matchExhibitReferences(graph, text.passages);
  addStudyTitles(graph, extracted.citations, byId, [...graph.mentions.values()]);
  curator.applyRelations(curation);
  curator.applyFindings(curation);
  if (curator.problems.length) return fail(curator.problems, warnings);
  const curatedRelations = new Set(curation.relations.map((r) => `${r.source}|${r.type}|${r.target}`));
  const automatic = readRelations(text.passages, sentences, graph, curatedRelations);
  // Findings and recommendations are read by cue where the curation states none of its own.
  const cued = readFindings(text.passages, sentences, extracted.citations, graph, { findings: !curation.findings.length, recommendations: !curation.recommendations.length });
  progress('relations', `${automatic} relation statements read by rule, ${cued.findings} findings and ${cued.recommendations} recommendations by cue`);
  if (overrides.length) {
    const problems = applyOverrides(graph, overrides, quotes);
    if (problems.length) return fail(problems, warnings);
    progress('override', `${overrides.length} overrides applied`);
  }
  progress('curate', `${curation.entities.length} entities, ${curation.relations.length} relations, ${curation.findings.length} findings overlaid`);

  const mentionsByPassage = groupBy([...graph.mentions.values()], (m) => m.passageId);
  addProseStatistics(graph, text.passages, mentionsByPassage);
  addTableStatistics(graph, text.tables, byId, new NameIndex(graph));
  pruneUnused(graph);

  const discrepancies = [...findDiscrepancies(graph, curator.assertions, text.passages, text.tables), ...curator.discrepancies];
  progress('discrepancies', `${discrepancies.length} found`);

  const content = {
    document: {
      id: documentId,
      title,
      publisher: curation.document?.publisher ?? null,
      year: curation.document?.year ?? null,
      chapters: text.chapters,
      exhibits: text.exhibits,
    },
    passages: text.passages,
    entities: graph.toEntities(),
    mentions: [...graph.mentions.values()],
    relations: [...graph.relations.values()],
    citations: extracted.citations,
    tables: text.tables,
    figures: text.figures,
    discrepancies,
  };
  const problems = validateGraph(content);
  if (problems.length) return fail(problems, warnings);
  progress('validate', 'no dangling reference, every offset checked');

  const evidence = checkEvidence(content, curator.curatedRelations);
  const { overall, curated } = evidence.check;
  progress('evidence', `${overall.named}/${overall.checked} relations name both ends (curated ${curated.named}/${curated.checked})`);
  const unnamed = evidence.problems.filter((p) => p.severity === 'error');
  warnings.push(...evidence.problems.filter((p) => p.severity === 'warning'));
  if (unnamed.length) return fail(unnamed, warnings);
  return ok({ bundle: emitBundle(content), warnings, evidence: evidence.check }, warnings);
}

export type { Passage };

/**
 * The graph bundle: the single hand-off between seeding and serving. Server, seed and client
 * import these types; the zod schema validates a bundle when it is written and when it is read.
 */
import { z } from 'zod';
import { ENTITY_TYPES, PASSAGE_KINDS, RELATION_TYPES } from './ontology';

/** Format version of the bundle. Bump the major part on any incompatible change. */
export const BUNDLE_FORMAT = '1.0.0';

const Id = z.string().min(1);
const Offset = z.number().int().nonnegative();

export const EvidenceSchema = z
  .object({
    passageId: Id,
    start: Offset,
    end: Offset,
    quote: z.string().min(1),
  })
  .refine((e) => e.end > e.start, { message: 'evidence end must be after start' });
export type Evidence = z.infer<typeof EvidenceSchema>;

export const PassageSchema = z.object({
  id: Id,
  documentId: Id,
  order: z.number().int().nonnegative(),
  kind: z.enum(PASSAGE_KINDS),
  chapter: z.string().nullable(),
  section: z.string().nullable(),
  /** "Box 1.1", "Table 2.1", "Figure 1.3", "Note 2.5" when the passage belongs to an exhibit. */
  label: z.string().nullable(),
  /** The paragraph that introduces a list item ("Regression results found that:"). */
  leadInId: Id.nullable(),
  /** Notes this passage refers to by footnote number. */
  noteIds: z.array(Id),
  text: z.string(),
  rawText: z.string(),
  /** Page (1-based, or the PDF's own page label when it is a number) where the passage starts; null when the input has no pages. */
  page: z.number().int().positive().nullable().optional(),
  /** The page as printed when its label is not a number ("iii" in front matter); `page` is then its position in the file. */
  pageLabel: z.string().min(1).max(40).optional(),
});
export type Passage = z.infer<typeof PassageSchema>;

export const SectionSchema = z.object({
  title: z.string(),
  passageIds: z.array(Id),
});
export const ChapterSchema = z.object({
  number: z.string(),
  title: z.string(),
  sections: z.array(SectionSchema),
});
export type Chapter = z.infer<typeof ChapterSchema>;

export const DocumentSchema = z.object({
  id: Id,
  title: z.string(),
  publisher: z.string().nullable(),
  year: z.number().int().nullable(),
  chapters: z.array(ChapterSchema),
  /** Exhibits and notes in reading order, for the reader's outline. */
  exhibits: z.array(z.object({ label: z.string(), title: z.string(), passageId: Id })),
  /** The files the document was read from, and how (pdf, wrapped, paragraph-lines, single-line, markdown). */
  sources: z.array(z.object({ file: z.string(), format: z.string() })).optional(),
  /** Pages read, when the input has pages. */
  pages: z.number().int().nonnegative().nullable().optional(),
});
export type DocumentRecord = z.infer<typeof DocumentSchema>;

const JsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)]),
);

export const EntitySchema = z.object({
  id: Id,
  type: z.enum(ENTITY_TYPES),
  name: z.string().min(1),
  aliases: z.array(z.string()),
  properties: z.record(z.string(), JsonValue),
  /** Where the text states the entity's properties or, for findings, the finding itself. */
  evidence: z.array(EvidenceSchema),
});
export type Entity = z.infer<typeof EntitySchema>;

export const MentionSchema = z.object({
  entityId: Id,
  passageId: Id,
  start: Offset,
  end: Offset,
  text: z.string().min(1),
});
export type Mention = z.infer<typeof MentionSchema>;

export const RelationSchema = z.object({
  id: Id,
  type: z.enum(RELATION_TYPES),
  source: Id,
  target: Id,
  properties: z.record(z.string(), JsonValue),
  evidence: z.array(EvidenceSchema).min(1),
});
export type Relation = z.infer<typeof RelationSchema>;

export const CitationSchema = z.object({
  passageId: Id,
  studyId: Id,
  /** Span of the citation text; in the lead-in passage when the citation is inherited. */
  evidence: EvidenceSchema,
  /** True when the passage reports the study's result without repeating the citation. */
  inherited: z.boolean(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const TableRowSchema = z.object({
  label: z.string(),
  group: z.string().nullable(),
  values: z.array(z.string()),
  /** The values parsed as numbers where they are numbers ("12 198" -> 12198, "3.7%" -> 3.7). */
  numbers: z.array(z.number().nullable()),
});
export type TableRow = z.infer<typeof TableRowSchema>;

export const TableSchema = z.object({
  id: Id,
  number: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  /** Heading of the label column, when printed ("Industry"). */
  labelHeader: z.string().nullable(),
  columns: z.array(z.string()),
  rows: z.array(TableRowSchema),
  source: z.string().nullable(),
  notes: z.array(z.string()),
  passageId: Id,
});
export type Table = z.infer<typeof TableSchema>;

export const FigureSchema = z.object({
  id: Id,
  number: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  source: z.string().nullable(),
  doi: z.string().nullable(),
  passageId: Id,
});
export type Figure = z.infer<typeof FigureSchema>;

export const DiscrepancySchema = z.object({
  id: Id,
  subjectId: Id,
  kind: z.enum(['conflicting-values', 'shares-do-not-sum', 'total-mismatch', 'curated']),
  note: z.string(),
  statements: z.array(EvidenceSchema).min(1),
});
export type Discrepancy = z.infer<typeof DiscrepancySchema>;

export const BundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  /** Content hash of everything below: identical input gives an identical version. */
  version: z.string(),
  document: DocumentSchema,
  /** Every report in the graph, the first being `document`; absent in single-report bundles written before reports could be combined. */
  documents: z.array(DocumentSchema).optional(),
  passages: z.array(PassageSchema),
  entities: z.array(EntitySchema),
  mentions: z.array(MentionSchema),
  relations: z.array(RelationSchema),
  citations: z.array(CitationSchema),
  tables: z.array(TableSchema),
  figures: z.array(FigureSchema),
  discrepancies: z.array(DiscrepancySchema),
});
export type GraphBundle = z.infer<typeof BundleSchema>;

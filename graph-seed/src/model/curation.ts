/**
 * The curation overlay's file formats (graph-seed/curation/*.yaml), validated with zod. Every
 * relation, fact, finding and recommendation quotes the report; the build checks each quote.
 */
import { z } from 'zod';
import { ENTITY_TYPES, RELATION_TYPES } from './ontology';

const Id = z.string().regex(/^[a-z]+:[a-z0-9][a-z0-9.\-]*$/, 'ids read "type:slug", e.g. "ministry:molvt"');
const Quote = z.string().min(3, 'a quote must be at least 3 characters');
const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const DocumentCurationSchema = z.strictObject({
  id: Id,
  title: z.string().min(1),
  publisher: z.string().nullable().default(null),
  year: z.number().int().nullable().default(null),
});

export const EntityCurationSchema = z.strictObject({
  id: Id,
  type: z.enum(ENTITY_TYPES),
  name: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).default([]),
  properties: z.record(z.string(), z.union([Scalar, z.array(Scalar)])).default({}),
  /** Properties stated in the text, each with the quote that states it. */
  facts: z.array(z.strictObject({ key: z.string().min(1), value: Scalar, quote: Quote })).default([]),
  /**
   * Extra mentions the alias matcher cannot find: quotes of the mention text, or a reference
   * resolved to this entity ("this group", "It", "the policy") with the quote that places it.
   */
  mentions: z.array(z.union([Quote, z.strictObject({ text: z.string().min(2), in: Quote })])).default([]),
});
export type EntityCuration = z.infer<typeof EntityCurationSchema>;

export const RelationCurationSchema = z
  .strictObject({
    source: Id,
    type: z.enum(RELATION_TYPES),
    target: Id,
    quote: Quote.optional(),
    quotes: z.array(Quote).optional(),
    properties: z.record(z.string(), Scalar).default({}),
  })
  .refine((r) => r.quote || r.quotes?.length, { message: 'a relation needs a quote (or quotes) from the report' });
export type RelationCuration = z.infer<typeof RelationCurationSchema>;

export const FindingCurationSchema = z.strictObject({
  id: Id,
  /** Short label for lists and graph nodes. */
  name: z.string().min(1),
  statement: z.string().min(1),
  quotes: z.array(Quote).min(1),
  /** Studies or datasets the finding rests on. */
  supportedBy: z.array(Id).default([]),
  about: z.array(Id).default([]),
  /** "ippmd" for the project's own results, "literature" for findings of cited studies. */
  origin: z.enum(['ippmd', 'literature', 'report']),
});
export type FindingCuration = z.infer<typeof FindingCurationSchema>;

export const RecommendationCurationSchema = z.strictObject({
  id: Id,
  name: z.string().min(1),
  quote: Quote,
  about: z.array(Id).min(1),
  /** Findings the recommendation answers. */
  basedOn: z.array(Id).default([]),
});
export type RecommendationCuration = z.infer<typeof RecommendationCurationSchema>;

export const DiscrepancyCurationSchema = z.strictObject({
  id: Id,
  subject: Id,
  note: z.string().min(1),
  quotes: z.array(Quote).min(2),
});
export type DiscrepancyCuration = z.infer<typeof DiscrepancyCurationSchema>;

export interface Curation {
  document: z.infer<typeof DocumentCurationSchema> | null;
  entities: (EntityCuration & { file: string; index: number })[];
  relations: (RelationCuration & { file: string; index: number })[];
  findings: (FindingCuration & { file: string; index: number })[];
  recommendations: (RecommendationCuration & { file: string; index: number })[];
  discrepancies: (DiscrepancyCuration & { file: string; index: number })[];
}

export const EMPTY_CURATION: Curation = { document: null, entities: [], relations: [], findings: [], recommendations: [], discrepancies: [] };

/** File name -> schema of each list entry. */
export const CURATION_FILES = {
  'entities.yaml': EntityCurationSchema,
  'relations.yaml': RelationCurationSchema,
  'findings.yaml': FindingCurationSchema,
  'recommendations.yaml': RecommendationCurationSchema,
  'discrepancies.yaml': DiscrepancyCurationSchema,
} as const;

/** A curation folder's override file: accept / reject / retype / rename / add by id, on top of the automatic reading. */
export const OVERRIDES_FILE = 'overrides.yaml';

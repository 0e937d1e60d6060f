/**
 * Descriptions for what the SDL leaves bare. contract.graphql keeps the public contract's text as
 * it is, so its undocumented types, fields and arguments are described here; a type implementing
 * an interface inherits the interface's description of each field and argument it shares (they
 * mean the same). Only missing descriptions are filled; the SDL's own always win.
 */
import type { GraphQLArgument, GraphQLEnumType, GraphQLField, GraphQLInterfaceType, GraphQLObjectType, GraphQLSchema } from 'graphql';

const TYPES: Record<string, string> = {
  Query: 'The read-only entry points of the API.',
  Direction: 'Which way a relation runs from an entity: a relation reads source TYPE target.',
  Relation: 'A typed, directed link between two entities that the report states, with the quotes that state it.',
  Mention: 'A place in a passage where the report names an entity.',
  Finding: 'A claim the report makes or reports, traced to its quotes and the studies it rests on.',
  SearchHit: 'An entity found by search, with its score.',
  Path: 'A shortest connection between two entities, step by step.',
  Subgraph: 'A part of the graph: entities and the relations among them.',
  Table: 'A numbered table of the report, as printed.',
  TableRow: 'One row of a table.',
  Section: 'A section of a chapter, with its passages.',
  Chapter: 'A chapter of a document.',
  Document: 'A report of the collection, with its outline.',
  TypeCount: 'How many entities or relations the graph holds of one type.',
  Stats: 'The size of the graph.',
  FigureExhibit: 'A numbered figure of the report.',
  Exhibit: 'A boxed exhibit of the report (a box, a table or a figure), as listed in its outline.',
  ServerInfo: 'Which backend serves the graph and which version of it.',
};

/** Field descriptions by "Type.field", then by "*.field" for any type. */
const FIELDS: Record<string, string> = {
  'Entity.mentionCount': 'How many times the report mentions the entity.',
  'Entity.mentions': 'Where the report mentions the entity, in reading order (see mentionsConnection for pages with cursors).',
  'Entity.relations': 'The entity\'s relations, ordered by type then id (see relationsConnection for pages with cursors).',
  'Relation.id': 'Stable id of the relation.',
  'Relation.source': 'The entity the relation runs from.',
  'Relation.target': 'The entity the relation runs to.',
  'Relation.properties': 'Typed extras of the relation, such as a date or a role.',
  'Evidence.passage': 'The passage quoted.',
  'Evidence.start': 'Offset of the quote\'s first character in the passage\'s clean text.',
  'Evidence.end': 'Offset just past the quote\'s last character in the passage\'s clean text.',
  'Evidence.quote': 'The words of the report, exactly as the passage\'s text holds them between start and end.',
  'Passage.id': 'Stable id, `p:<chapter>-<number in chapter>` (see Node).',
  'Passage.documentId': 'The id of the document the passage belongs to.',
  'Passage.kind': 'paragraph, heading, list-item, table, figure, box-title or note.',
  'Passage.chapter': 'The title of the chapter the passage sits in.',
  'Passage.section': 'The title of the section the passage sits in.',
  'Passage.mentions': 'The entities the passage names, in text order.',
  'Passage.previous': 'The passage before this one in reading order.',
  'Passage.next': 'The passage after this one in reading order.',
  'Passage.label': 'The passage\'s own label, such as a list item\'s number or a note\'s marker.',
  'Passage.rawText': 'The text as extracted, before repairs; offsets do not index into it.',
  'Passage.notes': 'The notes whose markers this passage holds.',
  'Mention.entity': 'The entity named.',
  'Mention.passage': 'The passage that names it.',
  'Mention.start': 'Offset of the mention\'s first character in the passage\'s clean text.',
  'Mention.end': 'Offset just past the mention\'s last character.',
  'Mention.text': 'The words of the mention as the passage has them.',
  'Finding.evidence': 'The quotes that state the finding.',
  'Discrepancy.id': 'Stable id of the discrepancy.',
  'Discrepancy.subject': 'The entity the differing statements are about.',
  'Discrepancy.note': 'What differs, in one sentence.',
  'Discrepancy.statements': 'The differing statements, quoted.',
  'Discrepancy.kind': 'Which rule found it: a functional relation with two targets, an attribute with two values, shares that do not add up...',
  'SearchHit.entity': 'The entity found.',
  'SearchHit.score': 'How well it matched: a name or alias equal to the query scores above 1000; higher is better.',
  'Path.nodes': 'The entities along the path, from the start to the end.',
  'Path.relations': 'The relation of each step, in order; a step may follow a relation against its direction.',
  'Subgraph.nodes': 'The entities, ordered by id.',
  'Subgraph.relations': 'The relations among them, ordered by id.',
  'Table.id': 'Stable id, `table:<number>` (see Node).',
  'Table.title': 'The table\'s title as printed.',
  'Table.columns': 'The column headings, left to right (the label column first).',
  'Table.rows': 'The rows, top to bottom.',
  'Table.source': 'The source line printed under the table.',
  'Table.passage': 'The passage that holds the table in the text.',
  'Table.subtitle': 'The line under the title, when printed.',
  'Table.labelHeader': 'The heading of the label column, when printed.',
  'Table.notes': 'The notes printed under the table.',
  'TableRow.label': 'The row\'s label, as printed in the first column.',
  'TableRow.values': 'The row\'s values, one per column after the label, as printed.',
  'Section.title': 'The section\'s title.',
  'Section.passages': 'The section\'s passages in reading order.',
  'Chapter.number': 'The chapter\'s number as printed.',
  'Chapter.title': 'The chapter\'s title.',
  'Chapter.sections': 'The chapter\'s sections in order.',
  'Document.id': 'Stable id, `doc:<slug>` (see Node).',
  'Document.title': 'The title of the report.',
  'Document.chapters': 'The outline: chapters, sections and their passages.',
  'Document.publisher': 'Who published the report.',
  'Document.year': 'The year of publication.',
  'Document.exhibits': 'The boxes, tables and figures the outline lists.',
  'TypeCount.type': 'The entity or relation type.',
  'TypeCount.count': 'How many the graph holds.',
  'Stats.entities': 'How many entities the graph holds.',
  'Stats.relations': 'How many relations the graph holds.',
  'Stats.passages': 'How many passages the documents hold.',
  'Stats.mentions': 'How many mentions tie entities to passages.',
  'Stats.entityTypes': 'Entities per type.',
  'Stats.relationTypes': 'Relations per type.',
  'FigureExhibit.id': 'Stable id, `figure:<number>`.',
  'FigureExhibit.number': 'As numbered in the report, e.g. \'1.3\'.',
  'FigureExhibit.title': 'The figure\'s title.',
  'FigureExhibit.subtitle': 'The line under the title, when printed.',
  'FigureExhibit.source': 'The source line printed under the figure.',
  'FigureExhibit.doi': 'The StatLink DOI of the figure\'s data.',
  'FigureExhibit.passage': 'The passage that holds the figure\'s caption.',
  'Exhibit.label': 'The exhibit\'s label, e.g. \'Box 2.1\'.',
  'Exhibit.title': 'The exhibit\'s title.',
  'Exhibit.passage': 'The passage where the exhibit starts.',
  'ServerInfo.backend': 'memory or neo4j.',
  'ServerInfo.bundleVersion': 'The version (content hash) of the graph bundle served; cursors are stable while it stays the same.',
  'Query.entity': 'An entity by id; null when the id is unknown.',
  'Query.entities': 'Entities, ordered by id unless asked otherwise, `limit` from `offset` (see entitiesConnection for pages with cursors).',
  'Query.passage': 'A passage by id; null when the id is unknown.',
  'Query.findings': 'Findings, ordered by id (see findingsConnection for pages with cursors).',
  'Query.discrepancies': 'Every discrepancy found, ordered by id.',
  'Query.tables': 'Every table, in numbering order.',
  'Query.table': 'A table by its number; null when there is none.',
  'Query.documents': 'Every document of the collection.',
  'Query.stats': 'The size of the graph, by type.',
  'Query.info': 'Which backend serves the graph and which version of it.',
  '*.id': 'Stable, readable id that survives re-seeding (see Node).',
  '*.type': 'The entity\'s ontology type as a string, e.g. \'Ministry\' (see entityType for the enum).',
  '*.name': 'Canonical, cleaned display name.',
  '*.aliases': 'Every other surface form found in the text (acronyms, extraction variants).',
  '*.properties': 'Typed extras: year, number, date, authors, url...',
  '*.year': 'The year, when the text gives one.',
  '*.date': 'The date as the text gives it, e.g. \'January 2007\'.',
  '*.about': 'What it is about: sectors, migration dimensions, countries, programmes.',
  '*.value': 'The figure as a number.',
  '*.unit': 'What the value counts: %, USD, persons...',
  '*.printed': 'The figure as printed in the report.',
  '*.url': 'Where the source can be found, when the report gives it.',
  '*.title': 'The title as cited.',
  '*.authors': 'The authors as cited.',
  '*.statement': 'What it says, in one sentence as the report states it.',
  '*.number': 'The instrument\'s number as printed, e.g. \'012/07\'.',
  '*.kind': 'Which kind of instrument: sub-decree, prakas, act...',
  '*.promotes': 'Programmes the policy names as its tools.',
  '*.mandates': 'Bodies it assigns tasks to.',
  '*.issuedBy': 'Bodies that issued it.',
  '*.parties': 'The parties to the agreement.',
  '*.partOf': 'What it is part of.',
  '*.fundedBy': 'Who funds it.',
  '*.conductedBy': 'Who conducts it.',
  '*.measures': 'What the statistic measures.',
  '*.basedOn': 'The findings the recommendation rests on.',
  '*.evidenceSpans': 'Where the text states this entity\'s properties (or, for a finding, the finding itself).',
};

const ENUM_VALUES: Record<string, string> = {
  'Direction.OUT': 'Relations whose source is the entity.',
  'Direction.IN': 'Relations whose target is the entity.',
  'Direction.BOTH': 'Relations in either direction.',
};

/** Argument descriptions by "Type.field.arg", then "field.arg", then by argument name alone. */
const ARGS: Record<string, string> = {
  'Query.entity.id': 'The entity\'s id.',
  'Query.passage.id': 'The passage\'s id, e.g. \'p:2-004\'.',
  'Query.table.number': 'The table\'s number as printed, e.g. \'2.1\'.',
  'Query.entities.type': 'Only entities of this ontology type, e.g. \'Ministry\' (see entityType for the enum).',
  'Query.entitiesById.ids': 'Up to 200 entity ids.',
  'Query.findings.about': 'Only findings about this entity (a sector, a migration dimension, a country...); NOT_FOUND when unknown.',
  'Query.search.query': 'What to look for in names and aliases, e.g. \'molvt\', \'koera\', \'Labuor ministry\'.',
  'Query.search.types': 'Only entities of these ontology types, as strings (see entityTypes for enums).',
  'Query.passages.query': 'Words to look for; passages holding any of them, those holding more of them (and the rarer ones) first.',
  'Query.neighborhood.ids': 'The entities to start from (up to 200); NOT_FOUND when one is unknown.',
  'Query.neighborhood.depth': 'How many hops from the start, 0 to 3.',
  'Query.neighborhood.relationTypes': 'Only follow relations of these types, as strings.',
  'Query.neighborhood.entityTypes': 'Only reach entities of these types, as strings.',
  'Query.neighborhood.limit': 'Most entities in the answer, 1 to 5000; truncated says when it cut.',
  'Query.path.from': 'The entity the path starts at; NOT_FOUND when unknown.',
  'Query.path.to': 'The entity the path ends at; NOT_FOUND when unknown.',
  'Query.path.maxLength': 'Longest path looked for, in steps, 1 to 8.',
  'Query.path.relationTypes': 'Only use relations of these types, as strings.',
  'relations.direction': 'OUT: relations from this entity; IN: relations to it; BOTH: either.',
  'relations.types': 'Only relations of these types, as strings (see relationTypes for enums).',
  'relations.limit': 'Most relations to return, 0 to 1000.',
  'mentions.limit': 'Most mentions to return, 0 to 1000.',
  'mentions.offset': 'How many mentions to pass over first.',
  'citedBy.limit': 'Most passages to return, 0 to 1000.',
  limit: 'Most items to return, 0 to 1000.',
  offset: 'How many items to pass over first (0 to 1,000,000).',
};

type Field = GraphQLField<unknown, unknown>;

/** Fills missing descriptions in place and returns the schema. */
export function describe(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    type.description ??= TYPES[type.name] ?? null;
    // Kinds told by shape: the schema may come from another copy of graphql (see lookahead.ts).
    if ('getValues' in type) for (const v of (type as GraphQLEnumType).getValues()) v.description ??= ENUM_VALUES[`${type.name}.${v.name}`] ?? null;
    if (!('getInterfaces' in type)) continue;
    const withFields = type as GraphQLObjectType | GraphQLInterfaceType;
    const interfaces = withFields.getInterfaces();
    for (const field of Object.values(withFields.getFields()) as Field[]) {
      const inherited = interfaces.map((i) => i.getFields()[field.name] as Field | undefined).find((f) => f?.description);
      field.description ??= inherited?.description ?? FIELDS[`${withFields.name}.${field.name}`] ?? FIELDS[`Entity.${field.name}`] ?? FIELDS[`*.${field.name}`] ?? null;
      for (const arg of field.args as GraphQLArgument[]) {
        const fromInterface = interfaces.map((i) => (i.getFields()[field.name] as Field | undefined)?.args.find((a) => a.name === arg.name)).find((a) => a?.description);
        arg.description ??= fromInterface?.description ?? ARGS[`${withFields.name}.${field.name}.${arg.name}`] ?? ARGS[`${field.name}.${arg.name}`] ?? ARGS[arg.name] ?? null;
      }
    }
  }
  return schema;
}

/**
 * The topics a finding or recommendation is about, by lexicon: the policy sectors and the
 * dimensions of migration of migration-and-development analysis. Data, not code: a report in
 * another field brings its own list.
 */
import type { EntityType } from '../model/ontology';

export interface Topic {
  id: string;
  type: EntityType;
  name: string;
  words: RegExp;
}

export const TOPICS: readonly Topic[] = [
  { id: 'sector:labour-market', type: 'Sector', name: 'Labour market', words: /\b(?:labour market|labor market|employment|unemploy\w*|jobs?|wages?|workers?|vocational training)\b/i },
  { id: 'sector:agriculture', type: 'Sector', name: 'Agriculture', words: /\b(?:agricultur\w*|farm\w*|crops?|livestock|land)\b/i },
  { id: 'sector:education', type: 'Sector', name: 'Education', words: /\b(?:education\w*|schools?|schooling|enrol\w*|scholarships?|students?)\b/i },
  { id: 'sector:investment-financial-services', type: 'Sector', name: 'Investment and financial services', words: /\b(?:investment|invest\w*|financial|bank\w*|credit|loans?|savings|entrepreneur\w*|business(?:es)?)\b/i },
  { id: 'sector:social-protection-health', type: 'Sector', name: 'Social protection and health', words: /\b(?:social protection|health|pensions?|insurance|cash transfers?)\b/i },
  { id: 'dimension:emigration', type: 'MigrationDimension', name: 'Emigration', words: /\b(?:emigra\w*|migrate abroad|leave the country)\b/i },
  { id: 'dimension:remittances', type: 'MigrationDimension', name: 'Remittances', words: /\bremit\w*/i },
  { id: 'dimension:return-migration', type: 'MigrationDimension', name: 'Return migration', words: /\b(?:return migra\w*|returnees?|returned migrants?|return(?:ing)? migrants?)\b/i },
  { id: 'dimension:immigration', type: 'MigrationDimension', name: 'Immigration', words: /\b(?:immigra\w*)\b/i },
];

/** The topics a text names, each with its first word's place in the text. */
export function topicsIn(text: string): (Topic & { at: number; text: string })[] {
  const out: (Topic & { at: number; text: string })[] = [];
  for (const t of TOPICS) {
    const m = t.words.exec(text);
    if (m) out.push({ ...t, at: m.index, text: m[0] });
  }
  return out;
}

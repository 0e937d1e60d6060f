/**
 * The head noun of a name says what kind of thing it names: "Manpower Training and Overseas
 * Sending Board" is a body because of "Board", whatever words come before. The lexicon is the
 * general vocabulary of government and policy texts, kept as data.
 */
import type { EntityType } from '../model/ontology';

/** Lower-case head (singular or plural) -> type. Multi-word heads are matched first. */
const HEADS: [string[], EntityType][] = [
  [['ministry', 'ministries'], 'Ministry'],
  [
    ['department', 'departments', 'board', 'agency', 'agencies', 'bureau', 'commission', 'council', 'directorate', 'general directorate',
      'office', 'secretariat', 'authority', 'government', 'delegation', 'court', 'courts', 'tribunal', 'assembly', 'parliament', 'senate',
      'cabinet', 'administration', 'inspectorate', 'unit', 'division', 'house', 'air force', 'police', 'service', 'embassy', 'presidency',
      'legation', 'consulate', 'mission', 'corps', 'regulator'],
    'GovernmentBody',
  ],
  [['committee', 'committees', 'subcommittee', 'sub-committee', 'working group', 'working groups', 'working party', 'taskforce', 'task force', 'group'], 'Committee'],
  [['act', 'law', 'sub-decree', 'prakas', 'decree', 'order', 'proclamation', 'resolution', 'regulation', 'regulations', 'circular', 'statute', 'constitution', 'code',
    'bill', 'directive', 'ordinance', 'amendment', 'amendments'], 'LegalInstrument'],
  [['treaty', 'convention', 'mou', 'memorandum', 'memorandum of understanding', 'agreement', 'protocol', 'accord', 'accords', 'pact', 'charter'], 'Agreement'],
  // Plural "Policies" and "Plans" name kinds, not one policy.
  [['policy', 'plan', 'strategy', 'guideline', 'guidelines', 'agenda', 'framework'], 'Policy'],
  [['programme', 'programmes', 'program', 'programs', 'scheme', 'initiative', 'system'], 'Programme'],
  [['project'], 'Project'],
  [['survey', 'surveys', 'census', 'database', 'index', 'indicators', 'assessment', 'statistics', 'register', 'registry'], 'Dataset'],
  // A conference of states that meets again and again ("the Hague Conference") acts as a body.
  [['organisation', 'organization', 'union', 'bank', 'fund', 'nations', 'association', 'alliance', 'forum', 'community', 'conference'], 'InternationalOrganization'],
  // Parties, movements, companies and the bodies of civil society.
  [['party', 'front', 'movement', 'corporation', 'company', 'foundation', 'federation', 'confederation', 'chamber', 'cooperative', 'trust'], 'Organization'],
  [['institute', 'centre', 'center', 'university', 'college', 'academy'], 'ResearchOrganization'],
];

const SINGLE = new Map<string, EntityType>();
const MULTI: [string[], EntityType][] = [];
for (const [words, type] of HEADS) {
  for (const w of words) {
    if (w.includes(' ')) MULTI.push([w.split(' '), type]);
    else SINGLE.set(w, type);
  }
}
MULTI.sort((a, b) => b[0].length - a[0].length);

/** "National Institute of Statistics": a state institute is a body, not a research centre. */
const STATE_QUALIFIER = /^(?:national|royal|state|federal|provincial|central)\b/i;
/** Heads that name a body of the state after such a qualifier. */
const STATE_OWN = new Set(['institute', 'centre', 'center', 'fund', 'bank']);

/**
 * The type a name's head noun gives, with the index of the head's first word: the last word
 * before the first "of / for / on" ("Ministry of Interior"), or the last word.
 */
export function headOf(words: string[]): { type: EntityType; at: number; bare: boolean } | null {
  const lower = words.map((w) => w.toLowerCase().replace(/[’']s$/, ''));
  if (lower.length === 1 && ONE_OF_A_KIND.has(lower[0]!)) return { type: 'GovernmentBody', at: 0, bare: true };
  let end = lower.findIndex((w, i) => i > 0 && (w === 'of' || w === 'for' || w === 'on'));
  if (end < 0) end = lower.length;
  // "Sub-decree 70", "Prakas 012/07": the number after the head is not the head.
  while (end > 1 && (/^\(?\d/.test(lower[end - 1]!) || /^no\.?$/.test(lower[end - 1]!) || lower[end - 1] === '.')) end--;
  for (const [multi, type] of MULTI) {
    const at = end - multi.length;
    if (at >= 0 && multi.every((m, k) => lower[at + k] === m)) return { type, at, bare: at === 0 && end === lower.length };
  }
  const head = lower[end - 1];
  const type = head ? SINGLE.get(head) : undefined;
  if (!type) return null;
  const bare = end === 1 && end === lower.length;
  // "World Food Programme", "United Nations Development Programme": an agency of nations, not a programme.
  if (type === 'Programme' && /^(?:World|UN|United Nations)$/.test(words.slice(0, words[0] === 'United' ? 2 : 1).join(' '))) return { type: 'InternationalOrganization', at: end - 1, bare };
  // "National Institute of Statistics", "National Bank of Cambodia", "State Oil Fund": the state's own.
  if (STATE_OWN.has(lower[end - 1]!) && type !== 'GovernmentBody' && STATE_QUALIFIER.test(words[0] ?? '')) return { type: 'GovernmentBody', at: end - 1, bare };
  return { type, at: end - 1, bare };
}

export function typeOfName(name: string): EntityType | null {
  return headOf(name.split(/\s+/).filter(Boolean))?.type ?? null;
}

/** Heads that a definite phrase ("the Board", "this group") may use to point back at a name. */
export function isHeadNoun(word: string): boolean {
  return SINGLE.has(word.toLowerCase());
}

/**
 * Words that name one institution of the state by themselves, article or not: "the Senate
 * ratified", "the Congress passed" (where "the Board" points back at a board named before).
 * Some are no head in longer names: "Nepali Congress" is a party, "New People's Army" a rebel
 * group.
 */
const ONE_OF_A_KIND = new Set(['senate', 'congress', 'parliament', 'cabinet', 'army', 'navy', 'presidency']);

export function namesOneInstitution(word: string): boolean {
  return ONE_OF_A_KIND.has(word.toLowerCase());
}

export function typeOfHead(word: string): EntityType | null {
  return SINGLE.get(word.toLowerCase()) ?? null;
}

/**
 * The name with a plural head made singular ("Administrative Courts" -> "Administrative Court",
 * "Provincial Departments of Labour" -> "Provincial Department of Labour"), or null when the
 * head is not a plural of the lexicon.
 */
export function singularName(name: string): string | null {
  const words = name.split(/\s+/).filter(Boolean);
  const head = headOf(words);
  if (!head) return null;
  const word = words[head.at]!;
  const singular = /ies$/i.test(word) ? word.replace(/ies$/i, (m) => (m[0] === 'I' ? 'Y' : 'y')) : /[^s]s$/i.test(word) ? word.slice(0, -1) : null;
  if (!singular || SINGLE.get(singular.toLowerCase()) !== head.type) return null;
  return [...words.slice(0, head.at), singular, ...words.slice(head.at + 1)].join(' ');
}

/** Whether a name's head is "Department" ("Department of State", "Navy Department"). */
export function isDepartment(name: string): boolean {
  const words = name.split(/\s+/).filter(Boolean);
  const head = headOf(words);
  return !!head && /^departments?$/i.test(words[head.at]!.replace(/[’']s$/, ''));
}

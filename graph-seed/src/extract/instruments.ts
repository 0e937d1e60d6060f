/**
 * Legal instruments, agreements and plans named in running text: "Sub-decree 70 in July 2006",
 * "Prakas 012/07 in January 2007", "Act on Foreign Worker Employment", "the MoU with Thailand",
 * "National Strategic Development Plan 2014-2018". Each match carries its span and, where the
 * sentence gives one, the year.
 */
import type { EntityType } from '../model/ontology';
import { slugify } from '../model/ontology';

export interface InstrumentMatch {
  id: string;
  type: EntityType;
  name: string;
  start: number;
  end: number;
  properties: Record<string, string | number>;
}

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const DATE_AFTER = new RegExp(`^[^.;]{0,90}?\\b(?:(?:dated|in|on|of)\\s+)?(?:(\\d{1,2})\\s+)?(?:(${MONTHS})\\s+)?((?:19|20)\\d\\d)\\b`);

function dateAfter(text: string, end: number): { year?: number; date?: string } {
  const m = DATE_AFTER.exec(text.slice(end));
  if (!m) return {};
  const date = [m[1], m[2], m[3]].filter(Boolean).join(' ');
  return { year: Number(m[3]), ...(m[2] ? { date } : {}) };
}

interface Rule {
  re: RegExp;
  build(m: RegExpExecArray, text: string): Omit<InstrumentMatch, 'start' | 'end'> | null;
}

const RULES: Rule[] = [
  {
    re: /\bSub-decree\s+(?:No\.\s*)?(\d+)\b(?:\s+on\s+(the\s+[A-Z][^,.;]*?))?(?=[,.;]|\s+dated|\s+in\b|$)/g,
    build(m, text) {
      const { year, date } = dateAfter(text, m.index + m[0].length);
      const props: Record<string, string | number> = { kind: 'Sub-decree', number: m[1]! };
      if (year) props.year = year;
      if (date) props.date = date;
      if (m[2]) props.title = m[2].replace(/^the\s+/, '');
      return { id: `subdecree:${m[1]}${year ? `-${year}` : ''}`, type: 'LegalInstrument', name: `Sub-decree ${m[1]}${year ? ` (${year})` : ''}`, properties: props };
    },
  },
  {
    re: /\bPrakas\s+(?:No\.\s*)?(\d+\/\d+)/g,
    build(m, text) {
      const { year, date } = dateAfter(text, m.index + m[0].length);
      const props: Record<string, string | number> = { kind: 'Prakas', number: m[1]! };
      if (year) props.year = year;
      if (date) props.date = date;
      return { id: `prakas:${slugify(m[1]!)}`, type: 'LegalInstrument', name: `Prakas ${m[1]}`, properties: props };
    },
  },
  {
    re: /\b(Act|Law)\s+on\s+(?:the\s+)?([A-Z][\w-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w-]*){0,6})/g,
    build(m) {
      const name = `${m[1]} on ${m[2]}`;
      return { id: `${m[1]!.toLowerCase()}:${slugify(m[2]!)}`, type: 'LegalInstrument', name, properties: { kind: m[1]! } };
    },
  },
  {
    re: /\b(?:MoU|MOU|Memorandum of Understanding)\s+(?:with|between\s+Cambodia\s+and)\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)/g,
    build(m) {
      return { id: `mou:${slugify(m[1]!)}`, type: 'Agreement', name: `MoU with ${m[1]}`, properties: { kind: 'MoU' } };
    },
  },
  {
    re: /\b(National\s+(?:[A-Z][a-z]+\s+){0,4}(?:Plan|Policy|Strategy))(?:\s+((?:19|20)\d\d-(?:19|20)\d\d))?/g,
    build(m, text) {
      const before = /((?:19|20)\d\d-(?:19|20)\d\d)\s+$/.exec(text.slice(Math.max(0, m.index - 12), m.index));
      const period = m[2] ?? before?.[1];
      return {
        id: `policy:${slugify(m[1]!)}${period ? `-${period}` : ''}`,
        type: 'Policy',
        name: `${m[1]}${period ? ` ${period}` : ''}`,
        properties: period ? { period } : ({} as Record<string, string>),
      };
    },
  },
];

export function extractInstruments(text: string): InstrumentMatch[] {
  const out: InstrumentMatch[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const built = rule.build(m, text);
      if (!built) continue;
      // The span is the name as printed, without a trailing title clause.
      const printed = m[0].split(/\s+on\s+the\s+/)[0]!;
      out.push({ ...built, start: m.index, end: m.index + printed.length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

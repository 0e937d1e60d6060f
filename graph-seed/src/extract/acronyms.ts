/**
 * Acronym definitions, "Ministry of Labour and Vocational Training (MOLVT)", found with the
 * Schwartz & Hearst (2003) algorithm, restricted so that every letter of the short form starts
 * a word of the long form (hyphenated parts count as words) or, failing that, the plain
 * algorithm's match starts with the first word.
 */
import type { EntityType } from '../model/ontology';

export interface AcronymDefinition {
  short: string;
  long: string;
  /** Span of the long form and of the short form in the passage text. */
  longStart: number;
  shortStart: number;
}

const SHORT = /\(([A-Z][A-Za-z&]{1,9})\)/g;

function bestLongForm(short: string, candidate: string): string | null {
  let s = short.length - 1;
  let l = candidate.length - 1;
  while (s >= 0) {
    const c = short[s]!.toLowerCase();
    if (!/[a-z0-9]/.test(c)) {
      s--;
      continue;
    }
    while ((l >= 0 && candidate[l]!.toLowerCase() !== c) || (s === 0 && l > 0 && /[A-Za-z0-9]/.test(candidate[l - 1]!))) l--;
    if (l < 0) return null;
    l--;
    s--;
  }
  const start = candidate.lastIndexOf(' ', l) + 1;
  return candidate.slice(start);
}

function initialsMatch(short: string, long: string): boolean {
  const words = long.split(/[\s\-–]+/).filter(Boolean);
  const letters = short.replace(/s$/, '').toLowerCase().split('');
  // Greedy: each letter must be the initial of a following word; small words may be skipped.
  let w = 0;
  for (const ch of letters) {
    while (w < words.length && words[w]![0]!.toLowerCase() !== ch) {
      if (!/^(of|and|for|the|on|in|to|de|des|du|’s)$/i.test(words[w]!)) return false;
      w++;
    }
    if (w >= words.length) return false;
    w++;
  }
  return w === words.length;
}

export function extractAcronyms(text: string): AcronymDefinition[] {
  const out: AcronymDefinition[] = [];
  SHORT.lastIndex = 0;
  for (let m = SHORT.exec(text); m; m = SHORT.exec(text)) {
    const short = m[1]!;
    if ((short.match(/[A-Z]/g) ?? []).length < 2) continue;
    const before = text.slice(0, m.index).replace(/\s+$/, '');
    const words = before.split(/\s+/);
    const core = short.replace(/s$/, '');
    const window = words.slice(-Math.min(core.length + 5, core.length * 2)).join(' ');
    const candidate = window.split(/[;:()\n]/).pop()!.trim();
    const long = bestLongForm(core, candidate);
    if (!long) continue;
    // Prefer the shortest tail of the candidate whose initials spell the short form.
    const tail = long.split(/\s+/);
    let chosen: string | null = null;
    for (let k = tail.length; k >= 1; k--) {
      const phrase = tail.slice(tail.length - k).join(' ');
      if (initialsMatch(core, phrase)) chosen = phrase;
    }
    if (!chosen) {
      if (!/^\p{Lu}/u.test(long) || long.split(/\s+/).length > core.length + 2) continue;
      chosen = long;
    }
    chosen = chosen.replace(/^(?:the|a|an)\s+/i, '');
    out.push({ short, long: chosen, longStart: before.length - chosen.length, shortStart: m.index + 1 });
  }
  return out;
}

/** The entity type a long form suggests, when curation does not say. */
export function guessType(long: string): EntityType | null {
  if (/memorandum of understanding/i.test(long)) return null;
  if (/^Ministry\b/i.test(long)) return 'Ministry';
  if (/Committee|Taskforce|Task Force|Working Group|Commission\b/i.test(long)) return 'Committee';
  if (/\bProject\b/i.test(long)) return 'Project';
  if (/Survey|Census|Assessment|Index|Indicators|Database/i.test(long)) return 'Dataset';
  if (/programme|program\b|scheme|training|education/i.test(long)) return 'Programme';
  if (/Research|Institute/i.test(long)) return 'ResearchOrganization';
  if (/Board|Department|Directorate|Agency|Government|Office|Secretariat|Council|Delegation/i.test(long)) return 'GovernmentBody';
  if (/Nations|Union|Bank|Fund|Organi[sz]ation|Association/i.test(long)) return 'InternationalOrganization';
  if (/Policy|Plan|Strategy/i.test(long)) return 'Policy';
  return 'Organization';
}

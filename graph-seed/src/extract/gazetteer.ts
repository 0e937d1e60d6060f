/**
 * Place names from maintained sources: countries from the `world-countries` library (names,
 * official names, alternative spellings) and Cambodia's provinces from data/provinces.json.
 */
import countries from 'world-countries';
import provinceData from '../../data/provinces.json' with { type: 'json' };
import { slugify } from '../model/ontology';

export interface PlaceEntry {
  id: string;
  type: 'Country' | 'Province';
  name: string;
  aliases: string[];
  properties: Record<string, string>;
}

/** Two-letter codes collide with ordinary capitalised words ("IN", "IT", "AM"); keep the unambiguous ones. */
const TWO_LETTER_KEEP = new Set(['US', 'UK']);
const LATIN = /^[\p{Script=Latin}\p{P}\p{Zs}0-9]+$/u;

let cachedCountries: PlaceEntry[] | undefined;

export function countryEntries(): PlaceEntry[] {
  if (cachedCountries) return cachedCountries;
  cachedCountries = countries.map((c) => {
    const names = [c.name.official, ...c.altSpellings].filter(
      (n) => LATIN.test(n) && n !== c.name.common && (n.length > 2 || TWO_LETTER_KEEP.has(n)) && !n.includes(','),
    );
    return {
      id: `country:${slugify(c.name.common)}`,
      type: 'Country' as const,
      name: c.name.common,
      aliases: [...new Set(names)],
      properties: { iso3: c.cca3, iso2: c.cca2, region: c.region, subregion: c.subregion },
    };
  });
  return cachedCountries;
}

export function provinceEntries(): PlaceEntry[] {
  return provinceData.provinces.map((p) => ({
    id: `province:${slugify(p.name)}`,
    type: 'Province' as const,
    name: p.name,
    aliases: 'aliases' in p && p.aliases ? p.aliases : [],
    properties: { country: provinceData.country },
  }));
}

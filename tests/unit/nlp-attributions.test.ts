/**
 * Readings beside the trigger rules (graph-seed/src/nlp/attributions.ts), each on text worded
 * unlike the bundled report, through the whole pipeline with no curation: a body renamed in the
 * sentence that names it, an instrument attributed by the citation after its verb of issuing.
 */
import { describe, expect, it } from 'vitest';
import type { GraphBundle } from '../../graph-seed/src/model/bundle';
import { runPipeline } from '../../graph-seed/src/pipeline';

function read(text: string): GraphBundle {
  const run = runPipeline([{ name: 'sample.txt', text }]);
  if (!run.ok) throw new Error(run.errors.map((e) => e.message).join('\n'));
  return run.value.bundle;
}

const automatic = (b: GraphBundle) => {
  const name = new Map(b.entities.map((e) => [e.id, e.name]));
  return b.relations.filter((r) => r.properties.origin === 'automatic').map((r) => ({ triple: `${name.get(r.source)} ${r.type} ${name.get(r.target)}`, rule: r.properties.rule, quote: r.evidence[0]!.quote }));
};

describe('readings beside the trigger rules', () => {
  it('an earlier name in the sentence that renames the body is a mention of the body it became', () => {
    const b = read(
      'Water policy in the country has a long history of reform.\n\n' +
        'The Flood Forecasting Unit was set up in 2004 under the Secretariat of the Water Resources Board of the Interior, now called the National Water Agency (NWA). ' +
        'The unit publishes daily bulletins during the rainy season.\n',
    );
    const rels = automatic(b);
    expect(rels.map((r) => r.triple)).toContain('Flood Forecasting Unit SUBORDINATE_TO National Water Agency');
    const rel = rels.find((r) => r.triple === 'Flood Forecasting Unit SUBORDINATE_TO National Water Agency')!;
    expect(rel.rule).toBe('structure.under');
    // The earlier name's words are now a mention of the agency.
    const agency = b.entities.find((e) => e.name === 'National Water Agency')!;
    const passage = b.passages.find((p) => p.text.includes('Water Resources Board'))!;
    const at = passage.text.indexOf('Water Resources Board');
    expect(b.mentions.some((m) => m.entityId === agency.id && m.passageId === passage.id && m.start <= at && m.end > at)).toBe(true);
  });

  it('a sentence that only lists two bodies renames nothing', () => {
    const b = read('Reform has been slow.\n\nThe Water Resources Board and the National Water Agency (NWA) met in 2019 to agree on tariffs.\n');
    const agency = b.entities.find((e) => e.name === 'National Water Agency')!;
    const passage = b.passages.find((p) => p.text.includes('Water Resources Board'))!;
    const at = passage.text.indexOf('Water Resources Board');
    expect(b.mentions.some((m) => m.entityId === agency.id && m.start <= at && m.end > at && m.passageId === passage.id)).toBe(false);
  });

  it('an instrument followed by the citation of an organisation\'s document was issued by that organisation', () => {
    const b = read(
      'Energy access is a priority.\n\n' +
        'The Ministry of Energy (MOE) is responsible for the sector. The Rural Electrification Policy was adopted (MOE, 2018) after long consultations. ' +
        'Its targets follow the Paris Agreement (UNFCCC, 2015), which the country ratified.\n',
    );
    const rels = automatic(b);
    expect(rels).toContainEqual({ triple: 'Rural Electrification Policy ISSUED_BY Ministry of Energy', rule: 'law.cited-issuer', quote: 'Rural Electrification Policy was adopted (MOE, 2018)' });
  });

  it('a citation that is not right after a verb of issuing, or names no body that issues such things, attributes nothing', () => {
    const b = read(
      'Energy access is a priority.\n\n' +
        'The Ministry of Energy (MOE) is responsible for the sector. The Rural Electrification Policy (MOE, 2018) was praised. ' +
        'The Grid Code was revised after a review of tariffs (MOE, 2019). ' +
        'The Labour Law (International Labour Organization, 2019) has been criticised for its narrow coverage. ' +
        'The Sub-decree on Recruitment Agencies was adopted (World Bank, 2018) after long delays.\n',
    );
    expect(automatic(b).filter((r) => r.rule === 'law.cited-issuer')).toEqual([]);
  });

  it('a name before a clause or another phrase is not the one renamed', () => {
    const b = read(
      'Disasters strike often.\n\n' +
        'The National Committee for Disaster Management worked alongside a provincial taskforce, now called the Provincial Committee for Disaster Management. ' +
        'The Ministry of Tourism welcomed the merger of two heritage departments, now called the Ministry of Culture and Fine Arts.\n',
    );
    const passage = b.passages.find((p) => p.text.includes('National Committee for Disaster Management'))!;
    const named = (words: string) => {
      const at = passage.text.indexOf(words);
      return b.mentions.filter((m) => m.passageId === passage.id && m.start === at).map((m) => b.entities.find((e) => e.id === m.entityId)!.name);
    };
    expect(named('National Committee for Disaster Management')).toEqual(['National Committee for Disaster Management']);
    expect(named('Ministry of Tourism')).toEqual(['Ministry of Tourism']);
  });
});

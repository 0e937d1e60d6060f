/**
 * Which body a name is, across a whole text: "A of the B" parts that recur inside other bodies,
 * plural heads, and "of the B" after "for". On sentences worded unlike the bundled report.
 */
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../graph-seed/src/pipeline';

const TEXT = [
  'The Audit Unit of the Ministry of Health reviewed spending in 2019.',
  'The Audit Unit of the Ministry of Finance disagreed with its findings.',
  'The Legal Office of the National Water Authority drafted the new tariff rules.',
  'Appeals against the tariff go to the Labour Courts, which sit in every province.',
  'The Labour Court heard forty cases in its first year.',
  'The Committee for Standards of the Medical Council met twice.',
  'In March 2016 the Ministry of Fisheries issued a decree on fishing licences that doubled the fees.',
  'The second decree on fishing licences was adopted in 2019.',
  'A new strategy on coastal tourism was approved by the Cabinet.',
].join('\n\n');

const run = runPipeline([{ name: 'identity.txt', text: TEXT }]);
if (!run.ok) throw new Error(run.errors.map((e) => e.message).join('\n'));
const b = run.value.bundle;
const named = (n: string) => b.entities.filter((e) => e.name === n || e.aliases.includes(n));
const partOf = (id: string) => b.relations.filter((r) => r.source === id && r.type === 'PART_OF').map((r) => b.entities.find((e) => e.id === r.target)!.name);

describe('names across a text', () => {
  it('a part read inside two bodies is two bodies, each named in full and part of its own', () => {
    expect(named('Audit Unit')).toEqual([]);
    const health = named('Audit Unit of the Ministry of Health');
    const finance = named('Audit Unit of the Ministry of Finance');
    expect(health).toHaveLength(1);
    expect(finance).toHaveLength(1);
    expect(health[0]!.id).not.toBe(finance[0]!.id);
    expect(partOf(health[0]!.id)).toEqual(['Ministry of Health']);
    expect(partOf(finance[0]!.id)).toEqual(['Ministry of Finance']);
  });
  it('a part read inside one body keeps its short name, part of that body', () => {
    const office = named('Legal Office');
    expect(office).toHaveLength(1);
    expect(partOf(office[0]!.id)).toEqual(['National Water Authority']);
  });
  it('a plural head names the body its singular names, whichever comes first', () => {
    const courts = named('Labour Courts');
    expect(courts).toHaveLength(1);
    expect(courts[0]!.name).toBe('Labour Court');
    expect(named('Labour Court')).toEqual(courts);
  });
  it('an instrument described, not named, as the object or passive subject of a verb of issuing, dated by its sentence', () => {
    const first = named('Decree on fishing licences (2016)');
    const second = named('Decree on fishing licences (2019)');
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(first[0]!.type).toBe('LegalInstrument');
    const issued = b.relations.find((r) => r.source === first[0]!.id && r.type === 'ISSUED_BY');
    expect(b.entities.find((e) => e.id === issued?.target)?.name).toBe('Ministry of Fisheries');
    expect(issued?.evidence[0]!.quote).toBe('Ministry of Fisheries issued a decree on fishing licences');
    // An ordinal with no year to tell it from the others: not read.
    expect(b.entities.filter((e) => /coastal tourism/i.test(e.name))).toEqual([]);
  });
  it('"of the B" after "for" belongs to the object: one name, no part', () => {
    const committee = named('Committee for Standards of the Medical Council');
    expect(committee).toHaveLength(1);
    expect(partOf(committee[0]!.id)).toEqual([]);
  });
});

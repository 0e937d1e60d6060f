/** The growth benchmark's parts work: the generator's bundles are valid and shaped like the report's, and a tiny run reports and plots. */
import { describe, expect, it } from 'vitest';
import { BundleSchema } from '../../graph-seed/src/model/bundle';
import { syntheticBundle } from '../bench/graph-synth';
import { growthMarkdown, growthSvg, GROWTH_OPERATIONS, measure } from '../bench/growth.bench';

describe('synthetic graph bundles', () => {
  it('are valid bundles whose mentions and evidence point at real text, with hubs', () => {
    const { bundle, fixtures } = syntheticBundle(5000, 3);
    expect(BundleSchema.safeParse(bundle).success).toBe(true);
    expect(bundle.relations).toHaveLength(5000);
    expect(new Set(bundle.relations.map((r) => r.id)).size).toBe(5000);
    const passages = new Map(bundle.passages.map((p) => [p.id, p]));
    for (const m of bundle.mentions) expect(passages.get(m.passageId)!.text.slice(m.start, m.end)).toBe(m.text);
    for (const r of bundle.relations.slice(0, 500)) for (const e of r.evidence) expect(passages.get(e.passageId)!.text.slice(e.start, e.end)).toBe(e.quote);
    const degree = new Map<string, number>();
    for (const r of bundle.relations) for (const x of [r.source, r.target]) degree.set(x, (degree.get(x) ?? 0) + 1);
    const sorted = [...degree.values()].sort((a, b) => b - a);
    expect(sorted[0]).toBeGreaterThan(20 * sorted[Math.floor(sorted.length / 2)]!);
    expect(degree.get(fixtures.hub)).toBe(sorted[0]);
    // Same seed, same graph.
    expect(syntheticBundle(5000, 3).bundle.relations.slice(0, 50)).toEqual(bundle.relations.slice(0, 50));
  });

  it('a tiny growth run measures every bounded operation, and the report and plot are written', async () => {
    const row = await measure('memory', 2000, 1, undefined, 1, 2);
    expect(row.operations.map((o) => o.name)).toEqual(GROWTH_OPERATIONS.map((o) => o.name));
    for (const o of row.operations) {
      expect(o.errors).toBe(0);
      expect(o.requestsPerSec).toBeGreaterThan(0);
    }
    // The report shows each operation's measured p50 / p99.
    const table = growthMarkdown([row], 1, '', 1);
    for (const o of row.operations) expect(table).toContain(`| memory | ${o.name} | ${o.p50Ms} / ${o.p99Ms} |`);
    expect(row.rssMb).toBeGreaterThan(0);
    expect(growthMarkdown([row], 1, '', 1)).toContain('| memory | 2000 |');
    expect(growthMarkdown([row], 1, '', 1)).toContain('every operation first run 1 s unmeasured');
    expect(growthMarkdown([row], 1, '', 1, 2)).toContain('2 times for 1 s after a 1 s warm-up (the median of the runs is shown)');
    const svg = await growthSvg([row, { ...row, relations: 4000 }]);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('p99 latency');
  }, 120_000);
});

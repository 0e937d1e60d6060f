/**
 * Where each relation comes from, over HTTP: curated relations, relations read by a rule (with the
 * rule's name and a confidence), and relations read from figures and citations, on the bundled
 * report with and without its curation.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS } from '../../graph-seed/src/paths';
import { runPipeline } from '../../graph-seed/src/pipeline';
import { createApp, type App } from '../../server/src/app';
import { createLogger } from '../../server/src/log';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { bundledCorpus, reportBundle } from '../helpers/report';

interface Rel { id: string; type: string; origin: string | null; rule: string | null; confidence: number | null }
const apps: App[] = [];
let curatedUrl: string;
let uncuratedUrl: string;

async function serve(bundle: ReturnType<typeof reportBundle>): Promise<string> {
  const app = createApp(new MemoryGraphStore(bundle), createLogger('error', () => {}));
  apps.push(app);
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  curatedUrl = await serve(reportBundle());
  const corpus = bundledCorpus();
  if (!corpus.ok) throw new Error(JSON.stringify(corpus.errors));
  const run = runPipeline(corpus.value);
  if (!run.ok) throw new Error(run.errors.map((e) => e.message).join('\n'));
  uncuratedUrl = await serve(run.value.bundle);
}, 180_000);
afterAll(() => Promise.all(apps.map((a) => a.close())));

async function relations(url: string, type: string): Promise<Rel[]> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `query($t: [String!]) { entities(limit: 800) { relations(types: $t, direction: OUT, limit: 50) { id type origin rule confidence } } }`, variables: { t: [type] } }),
  });
  const body = (await res.json()) as { data?: { entities: { relations: Rel[] }[] }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data!.entities.flatMap((e) => e.relations);
}

describe('relation provenance', () => {
  it('marks curated relations CURATED, with no confidence', async () => {
    const chairs = await relations(curatedUrl, 'CHAIRS');
    expect(chairs.length).toBeGreaterThan(0);
    for (const r of chairs) expect(r, r.id).toMatchObject({ origin: 'CURATED', confidence: null });
  });

  it('marks figures read from the text EXTRACTED, curated or not', async () => {
    for (const url of [curatedUrl, uncuratedUrl]) {
      const measures = await relations(url, 'MEASURES');
      expect(measures.length).toBeGreaterThan(20);
      for (const r of measures) expect(r, r.id).toMatchObject({ origin: 'EXTRACTED', rule: null, confidence: null });
    }
  });

  it('gives every relation read by a rule its rule and a confidence between 0 and 1', async () => {
    const kinds = ['CHAIRS', 'VICE_CHAIRS', 'ESTABLISHED_BY', 'PART_OF', 'FUNDED_BY', 'SUPPORTED_BY'];
    let automatic = 0;
    for (const type of kinds) {
      for (const r of await relations(uncuratedUrl, type)) {
        expect(r.origin, r.id).toBe('AUTOMATIC');
        expect(r.rule, r.id).toMatch(/^[a-z]+(?:[.-][a-z-]+)+$/);
        expect(r.confidence, r.id).toBeGreaterThan(0);
        expect(r.confidence, r.id).toBeLessThanOrEqual(1);
        automatic++;
      }
    }
    expect(automatic).toBeGreaterThan(20);
  });
});

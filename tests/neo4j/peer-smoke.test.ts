/**
 * The benchmark's peer (@neo4j/graphql over the same Neo4j) works: its schema builds over this
 * project's layout, every question it can ask is answered without errors and agrees with ours on
 * the facts, and a tiny timed run produces figures.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { benchTargets, checkAnswer, OPERATIONS, startPeer } from '../bench/api.bench';
import { PEER_QUERIES } from '../bench/peer/operations';
import { loadBundle } from '../../server/src/store/neo4j/load';
import { filteredBodies, reportBundle } from '../helpers/report';
import type { RunningApp } from '../helpers/serve';

describe('benchmark peer: @neo4j/graphql', () => {
  const address = inject('neo4j');
  const bundle = reportBundle();
  let peer: RunningApp;
  beforeAll(async () => {
    const driver = neo4j.driver(address.uri, neo4j.auth.basic(address.user, address.password));
    await loadBundle(driver, bundle).finally(() => driver.close());
    peer = await startPeer(address);
  }, 300_000);
  afterAll(async () => {
    await peer?.stop();
  });

  it('has a question for every operation or says why not', () => {
    for (const op of OPERATIONS) {
      const q = PEER_QUERIES[op.name];
      expect(q, op.name).toBeDefined();
      expect(q!.peer !== null || !!q!.why, op.name).toBe(true);
    }
  });

  it('answers its questions without errors, with the same facts as the bundle', async () => {
    const url = `${peer.url}/graphql`;
    type Node = { id: string; name: string };
    const entity = (await checkAnswer(url, PEER_QUERIES['entity with relations and mentions']!.peer!, 'entity')) as { entities: Record<string, unknown>[] };
    const molvt = entity.entities[0]!;
    const edges = Object.entries(molvt).filter(([k]) => k.endsWith('Connection') && k !== 'mentionedInConnection').flatMap(([, v]) => (v as { edges: unknown[] }).edges);
    expect(edges.length).toBe(bundle.relations.filter((r) => r.source === 'ministry:molvt' || r.target === 'ministry:molvt').length);
    expect((molvt.mentionedInConnection as { edges: unknown[] }).edges).toHaveLength(Math.min(20, bundle.mentions.filter((m) => m.entityId === 'ministry:molvt').length));
    const passage = (await checkAnswer(url, PEER_QUERIES['passage with mentions and citations']!.peer!, 'passage')) as { passages: { cites: Node[] }[] };
    expect(passage.passages[0]!.cites.map((c) => c.id).sort()).toEqual([...new Set(bundle.citations.filter((c) => c.passageId === 'p:2-004').map((c) => c.studyId))].sort());
    const finding = (await checkAnswer(url, PEER_QUERIES['finding traced to its studies']!.peer!, 'finding')) as { entities: { outSupportedBy: Node[] }[] };
    expect(finding.entities[0]!.outSupportedBy.map((s) => s.id)).toContain('study:tong-2012');
    // The filtered page: the same entities in the same order as the bundle gives.
    const bodies = filteredBodies(bundle);
    const page = (await checkAnswer(url, PEER_QUERIES['filtered entities (second page)']!.peer!, 'filtered')) as { entitiesConnection: { totalCount: number; edges: { node: Node }[] } };
    expect(page.entitiesConnection.totalCount).toBe(bodies.length);
    expect(page.entitiesConnection.edges.map((e) => e.node.id)).toEqual(bodies.slice(10, 20));
    const search = (await checkAnswer(url, PEER_QUERIES['entity search']!.peer!, 'search')) as { entitySearch: { edges: unknown[] } };
    expect(search.entitySearch.edges.length).toBeGreaterThan(0);
  });

  it('runs a tiny benchmark', async () => {
    const results = await benchTargets([{ name: 'peer', url: `${peer.url}/graphql`, query: (op) => (op === 'entity search' ? PEER_QUERIES[op]!.peer : null) }], { connections: [2], duration: 1, runs: 1, warmup: 1 }, () => {});
    expect(results).toHaveLength(1);
    expect(results[0]!.errors).toBe(0);
    expect(results[0]!.requestsPerSec).toBeGreaterThan(0);
  }, 60_000);
});

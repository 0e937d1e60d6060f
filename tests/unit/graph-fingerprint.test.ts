/** The memory store's fingerprint sees one changed value anywhere in what the store holds. */
import { describe, expect, it } from 'vitest';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { memoryFingerprint } from '../helpers/graph-fingerprint';
import { reportBundle } from '../helpers/report';

const fresh = () => new MemoryGraphStore(structuredClone(reportBundle()));

describe('memory store fingerprint', () => {
  it('is the same for two stores of the same bundle, and counts what it hashed', () => {
    const a = memoryFingerprint(fresh());
    expect(memoryFingerprint(fresh())).toEqual(a);
    expect(a.nodes).toBe(reportBundle().entities.length);
    expect(a.relationships).toBe(reportBundle().relations.length);
  });

  it.each([
    ['an entity name', (s: MemoryGraphStore) => void (s['bundle'].entities[3]!.name += ' ')],
    ['a property value', (s: MemoryGraphStore) => void (s['bundle'].entities.find((e) => Object.keys(e.properties).length)!.properties.x = 1)],
    ['an evidence offset', (s: MemoryGraphStore) => void (s['bundle'].relations[0]!.evidence[0]!.start += 1)],
    ['a mention offset', (s: MemoryGraphStore) => void (s['bundle'].mentions[10]!.end -= 1)],
    ['a passage text', (s: MemoryGraphStore) => void (s['bundle'].passages[5]!.text = s['bundle'].passages[5]!.text.toUpperCase())],
    ['an edge of the graph', (s: MemoryGraphStore) => void s['graph'].setEdgeAttribute(s['bundle'].relations[0]!.id, 'weight', 2)],
  ])('changes when %s changes', (_what, change) => {
    const store = fresh();
    const before = memoryFingerprint(store);
    change(store);
    const after = memoryFingerprint(store);
    expect(after.hash).not.toBe(before.hash);
    expect(after.nodes).toBe(before.nodes);
  });
});

/**
 * The gate of query texts new to Neo4j's planner (server/src/store/neo4j/plans.ts): known texts
 * go at once whatever waits; new ones one at a time, at the rate given; a full line answers
 * busy, a long wait times out, and the texts remembered are bounded.
 */
import { describe, expect, it } from 'vitest';
import { QueryTimeoutError, RequestAbortedError, StoreBusyError } from '../../server/src/store/GraphStore';
import { clientOf } from '../../server/src/http';
import { codePoints, PlanGate, planKey } from '../../server/src/store/neo4j/plans';

const settled = <T>(p: Promise<T>) => {
  const state = { done: false, value: undefined as T | undefined, error: undefined as unknown };
  p.then(
    (v) => Object.assign(state, { done: true, value: v }),
    (e) => Object.assign(state, { done: true, error: e }),
  );
  return state;
};
const tick = () => new Promise((r) => setImmediate(r));

/** A gate whose clock the test moves. */
function gate(opts: Partial<ConstructorParameters<typeof PlanGate>[0]> = {}) {
  let t = 0;
  const g = new PlanGate({ known: 100, perSecond: 1_000_000, burst: 1_000_000, waiting: 100, ...opts }, () => t);
  return { g, advance: (ms: number) => (t += ms) };
}

describe('the plan gate', () => {
  it('lets one new text through at a time and a known one at once', async () => {
    const { g } = gate();
    const first = await g.admit('new 1', 10_000);
    const second = settled(g.admit('new 2', 10_000));
    await tick();
    expect(second.done).toBe(false);
    expect(g.waitingCount).toBe(1);
    first();
    // 'new 1' is now known: it goes at once though 'new 2' is being planned.
    const again = settled(g.admit('new 1', 10_000));
    await tick();
    expect(second.done).toBe(true);
    expect(again.done).toBe(true);
    expect(g.knows('new 1')).toBe(true);
    expect(g.knows('new 2')).toBe(false);
  });

  it('lets a waiting text go at once when the same text becomes known meanwhile', async () => {
    const { g } = gate();
    const release = await g.admit('same', 10_000);
    const twin = settled(g.admit('same', 10_000));
    const other = settled(g.admit('other', 10_000));
    await tick();
    expect([twin.done, other.done]).toEqual([false, false]);
    release();
    await tick();
    expect(twin.done).toBe(true);
    expect(other.done).toBe(true);
  });

  it('spends a burst, then lets new texts through at the rate', async () => {
    const { g, advance } = gate({ perSecond: 10, burst: 2 });
    (await g.admit('a', 10_000))();
    (await g.admit('b', 10_000))();
    const c = settled(g.admit('c', 10_000));
    await new Promise((r) => setTimeout(r, 30));
    expect(c.done).toBe(false);
    // A tenth of a second later by the gate's clock, one more token: the timer wakes it.
    advance(100);
    await new Promise((r) => setTimeout(r, 150));
    expect(c.done).toBe(true);
    expect(c.error).toBeUndefined();
  });

  it('answers busy when the line is full, and times a long wait out', async () => {
    const { g } = gate({ waiting: 2 });
    const holding = await g.admit('held', 10_000);
    const late = settled(g.admit('late', 20));
    const queued = settled(g.admit('queued', 10_000));
    await expect(g.admit('one too many', 10_000)).rejects.toBeInstanceOf(StoreBusyError);
    await new Promise((r) => setTimeout(r, 60));
    expect(late.error).toBeInstanceOf(QueryTimeoutError);
    // The timed-out text left the line: there is room again.
    expect(g.waitingCount).toBe(1);
    holding();
    await tick();
    expect(queued.done).toBe(true);
  });

  it('remembers a bounded number of texts, the least recently used forgotten first', async () => {
    const { g } = gate({ known: 3 });
    for (const t of ['a', 'b', 'c']) (await g.admit(t, 1000))();
    (await g.admit('a', 1000))();
    (await g.admit('d', 1000))();
    expect(['a', 'b', 'c', 'd'].map((t) => g.knows(t))).toEqual([true, false, true, true]);
  });

  it('counts a release once, whatever calls it twice', async () => {
    const { g } = gate();
    const release = await g.admit('x', 1000);
    release();
    release();
    const y = await g.admit('y', 1000);
    const z = settled(g.admit('z', 1000));
    await tick();
    // 'y' holds the planner: a second call of the first release must not free it for 'z'.
    expect(z.done).toBe(false);
    y();
    await tick();
    expect(z.done).toBe(true);
  });

  it('takes a text out of the line when its client hangs up', async () => {
    const { g } = gate();
    const holding = await g.admit('held', 10_000);
    const hangUp = new AbortController();
    const gone = settled(g.admit('gone', 10_000, hangUp.signal));
    const next = settled(g.admit('next', 10_000));
    await tick();
    expect(g.waitingCount).toBe(2);
    hangUp.abort();
    await tick();
    expect(gone.error).toBeInstanceOf(RequestAbortedError);
    expect(g.waitingCount).toBe(1);
    holding();
    await tick();
    // The turn goes to the next text, and the one whose client left is never planned.
    expect(next.done).toBe(true);
    expect(g.knows('gone')).toBe(false);
    await expect(g.admit('late', 10_000, hangUp.signal)).rejects.toBeInstanceOf(RequestAbortedError);
  });

  it("makes room in a full line from the client with most texts in it, and gives the next turn to another client", async () => {
    const { g } = gate({ waiting: 3 });
    const holding = await g.admit('held', 10_000, undefined, 'flood');
    const flood = [1, 2, 3].map((i) => settled(g.admit(`f${i}`, 10_000, undefined, 'flood')));
    // The line is full: the flooding client's next text is refused...
    await expect(g.admit('f4', 10_000, undefined, 'flood')).rejects.toBeInstanceOf(StoreBusyError);
    // ...and another client's is let in, in place of the flood's latest.
    const other = settled(g.admit('o1', 10_000, undefined, 'reader'));
    await tick();
    expect(flood[2]!.error).toBeInstanceOf(StoreBusyError);
    expect(g.waitingCount).toBe(3);
    // It has the next turn though it came last.
    holding();
    await tick();
    expect(other.done).toBe(true);
    expect(other.error).toBeUndefined();
    expect(flood.slice(0, 2).map((f) => f.done)).toEqual([false, false]);
  });

  it('lets no text that joined the line after a client\'s text go first for being from a new address', async () => {
    const { g } = gate();
    // The reader had a turn once; a0 holds the planner.
    (await g.admit('r1', 10_000, undefined, 'reader'))();
    const holding = await g.admit('held', 10_000, undefined, 'a0');
    // The reader's next text, and a text from an address never seen, in the same turn.
    const reader = settled(g.admit('r2', 10_000, undefined, 'reader'));
    const first = settled(g.admit('x1', 10_000, undefined, 'a1'));
    holding();
    await tick();
    // Never served, the new address goes first among texts that joined in the same turn...
    expect(first.done).toBe(true);
    expect(reader.done).toBe(false);
    // ...but addresses never seen that join after it do not: before, each went ahead of a client
    // served once, and a stream of them kept it waiting until it timed out.
    const later = [2, 3, 4].map((i) => settled(g.admit(`x${i}`, 10_000, undefined, `a${i}`)));
    (first.value as () => void)();
    await tick();
    expect(reader.done).toBe(true);
    expect(later.map((l) => l.done)).toEqual([false, false, false]);
  });

  it('counts a client by its network, an IPv4 /24 or an IPv6 /64, so that new addresses of one network are not new clients', () => {
    expect(clientOf('203.0.113.7')).toBe('203.0.113.0/24');
    expect(clientOf('203.0.113.200')).toBe(clientOf('203.0.113.7'));
    expect(clientOf('203.0.114.7')).not.toBe(clientOf('203.0.113.7'));
    expect(clientOf('::ffff:203.0.113.9')).toBe('203.0.113.0/24');
    expect(clientOf('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientOf('2001:0db8:0001:0002:ffff:0:0:9')).toBe(clientOf('2001:db8:1:2::1'));
    expect(clientOf('2001:db8:1:3::1')).not.toBe(clientOf('2001:db8:1:2::1'));
    expect(clientOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientOf(undefined)).toBeUndefined();
  });

  it('sizes strings in code points, as Neo4j does', () => {
    const text = 'MATCH (n) WHERE n.name = $s RETURN n';
    // Six letters outside the Basic Multilingual Plane: twelve UTF-16 units, six code points.
    const astral = '\u{20000}'.repeat(6);
    expect(codePoints(astral)).toBe(6);
    expect(codePoints('ab\u{1F600}c')).toBe(4);
    expect(codePoints('\uD800x')).toBe(2);
    expect(planKey(text, { s: astral })).toBe(planKey(text, { s: 'abcdef' }));
    expect(planKey(text, { s: astral })).not.toBe(planKey(text, { s: 'a'.repeat(12) }));
  });

  it('keys a plan by its text and its parameters\' types, as Neo4j does', () => {
    const text = 'MATCH (n) WHERE $t IS NULL OR n.type IN $t RETURN n';
    expect(planKey(text, { t: null })).not.toBe(planKey(text, { t: ['Country'] }));
    expect(planKey(text, { t: ['Country', 'Agency'] })).toBe(planKey(text, { t: ['Ministry', 'Agency', 'Committee'] }));
    // Sizes by order (0, 1, to 10, to 100, to 1,000...) and the kinds a list holds, as Neo4j plans them.
    const sizes = [0, 1, 2, 10, 11, 100, 101, 1000, 1001].map((n) => planKey(text, { t: Array(n).fill('x') }));
    expect(sizes.map((k) => sizes.indexOf(k))).toEqual([0, 1, 2, 2, 4, 4, 6, 6, 8]);
    expect(planKey(text, { t: ['a', 'b'] })).not.toBe(planKey(text, { t: ['a', null] }));
    expect(planKey(text, { t: ['a', 'b'] })).not.toBe(planKey(text, { t: [1, 2] }));
    expect(planKey(text, { s: 'ab' })).not.toBe(planKey(text, { s: 'a'.repeat(20) }));
    expect(planKey(text, { a: 1, b: 'x' })).toBe(planKey(text, { b: 'y', a: 2 }));
    expect(planKey(text, { a: 1 })).not.toBe(planKey(text, { a: '1' }));
  });
});

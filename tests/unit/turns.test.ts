/**
 * Turns for operations (server/src/turns.ts): a bounded number run at once, turns going round
 * the clients that wait, a full line making room from the client with most in it.
 */
import { describe, expect, it } from 'vitest';
import { QueryTimeoutError, RequestAbortedError, StoreBusyError } from '../../server/src/store/GraphStore';
import { FairTurns } from '../../server/src/turns';

const settled = <T>(p: Promise<T>) => {
  const state = { done: false, value: undefined as T | undefined, error: undefined as unknown };
  p.then((v) => Object.assign(state, { done: true, value: v }), (e) => Object.assign(state, { done: true, error: e }));
  return state;
};
const tick = () => new Promise((r) => setImmediate(r));
/** A turn given back comes round after a poll for I/O, and is handed on after another. */
const turnOver = async () => {
  await tick();
  await tick();
};

describe('operation turns', () => {
  it('runs at most so many at once, and gives the next turn to another client before a second to the same', async () => {
    const turns = new FairTurns(2, 100);
    const a1 = await turns.acquire('flood', 10_000);
    const a2 = await turns.acquire('flood', 10_000);
    const flood = [3, 4, 5].map(() => settled(turns.acquire('flood', 10_000)));
    const reader = settled(turns.acquire('reader', 10_000));
    await tick();
    expect(turns.inFlight).toBe(2);
    expect(turns.waiting).toBe(4);
    a1();
    await turnOver();
    // The flood's first waiter, then the reader, though three of the flood came before it.
    expect(flood[0]!.done).toBe(true);
    a2();
    await turnOver();
    expect(reader.done).toBe(true);
    expect(flood[1]!.done).toBe(false);
    // A release called twice frees one turn.
    a1();
    await turnOver();
    expect(flood[1]!.done).toBe(false);
  });

  it('hands turns on at once for a few milliseconds of one turn of the event loop, then only after a poll for I/O', async () => {
    const turns = new FairTurns(1, 100);
    const first = await turns.acquire('a', 10_000);
    await tick();
    // Twenty operations whose bodies are in memory, each working 1 ms once its turn comes. Before,
    // each found the turn the one before it had just given back, and all ran in one poll.
    let ran = 0;
    const all = Array.from({ length: 20 }, (_, i) =>
      turns.acquire(`c${i}`, 10_000).then((release) => {
        ran++;
        const end = performance.now() + 1;
        while (performance.now() < end);
        release();
      }),
    );
    let beforePoll = -1;
    setImmediate(() => (beforePoll = ran));
    first();
    await Promise.all(all);
    expect(beforePoll).toBeGreaterThanOrEqual(1);
    expect(beforePoll).toBeLessThanOrEqual(6);
    expect(ran).toBe(20);
  });

  it('times a wait out, leaves the line when the client hangs up, and makes room from the client with most waiting', async () => {
    const turns = new FairTurns(1, 3);
    await turns.acquire('x', 10_000);
    const late = settled(turns.acquire('x', 20));
    const hangUp = new AbortController();
    const gone = settled(turns.acquire('y', 10_000, hangUp.signal));
    hangUp.abort();
    await new Promise((r) => setTimeout(r, 40));
    expect(late.error).toBeInstanceOf(QueryTimeoutError);
    expect(gone.error).toBeInstanceOf(RequestAbortedError);
    expect(turns.waiting).toBe(0);
    const flood = [1, 2, 3].map(() => settled(turns.acquire('flood', 10_000)));
    // Full: the flood's own next is refused; another client's is let in in place of the flood's latest.
    await expect(turns.acquire('flood', 10_000)).rejects.toBeInstanceOf(StoreBusyError);
    const other = settled(turns.acquire('other', 10_000));
    await tick();
    expect(flood[2]!.error).toBeInstanceOf(StoreBusyError);
    expect(other.done).toBe(false);
    expect(turns.waiting).toBe(3);
  });
});

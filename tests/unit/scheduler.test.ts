/** The scheduler of deferred work: bounded turns, ordinary requests first, rests, errors kept. */
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../server/src/limits';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('Scheduler', () => {
  it('runs jobs in order, a turn at most sliceMs long, and lets I/O in between turns', async () => {
    const s = new Scheduler(4, 0);
    const order: string[] = [];
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    const jobs = Array.from({ length: 20 }, (_, i) => s.schedule(() => (busy(3), order.push(`j${i}`), i)));
    const started = performance.now();
    expect(await Promise.all(jobs)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    clearInterval(ticker);
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => `j${i}`));
    // 60 ms of work in turns of at most two 3 ms jobs: the timer ran between them.
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(ticks).toBeGreaterThanOrEqual(5);
  });

  it('keeps first-in first-out order while jobs add jobs, across the reclaiming of its queue', async () => {
    // 3,000 jobs queued at once, each of the first 2,000 queueing one more as it runs: the queue
    // is taken from its front while it grows at its back, and its storage is reclaimed on the way.
    const s = new Scheduler(1_000, 0);
    const order: number[] = [];
    const more: Promise<number>[] = [];
    const first = Array.from({ length: 3000 }, (_, i) =>
      s.schedule(() => {
        order.push(i);
        if (i < 2000) more.push(s.schedule(() => (order.push(3000 + i), 3000 + i)));
        return i;
      }),
    );
    expect(await Promise.all(first)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    expect(await Promise.all(more)).toEqual(Array.from({ length: 2000 }, (_, i) => 3000 + i));
    expect(order).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it('settles a job that throws with its error, and goes on with the next', async () => {
    const s = new Scheduler(4, 0);
    const failed = s.schedule(() => {
      throw new Error('boom');
    });
    const next = s.schedule(() => 'after');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('after');
  });

  it('background work waits while an ordinary request is in flight, and resumes when it ends', async () => {
    const s = new Scheduler(4, 10_000);
    s.ordinaryStart();
    let ran = false;
    const job = s.schedule(() => (ran = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(ran).toBe(false);
    s.ordinaryEnd();
    await job;
    expect(ran).toBe(true);
  });

  it('background work is never starved: it gets a turn after maxWaitMs even under ordinary traffic', async () => {
    const s = new Scheduler(4, 30);
    s.ordinaryStart();
    const t = performance.now();
    await s.schedule(() => 0);
    expect(performance.now() - t).toBeGreaterThanOrEqual(20);
    expect(performance.now() - t).toBeLessThan(1000);
    s.ordinaryEnd();
  });

  it('rests between turns as long as it worked, at a share of 0.5', async () => {
    const timed = async (share: number) => {
      const s = new Scheduler(5, 0, share);
      s.resting = () => true;
      const t = performance.now();
      await Promise.all(Array.from({ length: 10 }, () => s.schedule(() => busy(5))));
      return performance.now() - t;
    };
    // 50 ms of work in turns of 5 ms: at half share, a rest of at least 5 ms after each turn but
    // the last, so at least 95 ms in all; at full share, no rests to wait for.
    expect(await timed(0.5)).toBeGreaterThanOrEqual(95);
    expect(await timed(1)).toBeGreaterThanOrEqual(50);
  });
});

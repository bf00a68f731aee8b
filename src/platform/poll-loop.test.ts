import { describe, expect, it } from 'vitest';
import { startPollLoop } from './poll-loop.ts';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the poll loop of the job workers', () => {
  it('runs a pass at once, never two at a time, and stop() waits for the one in flight', async () => {
    let active = 0;
    let most = 0;
    let passes = 0;
    const loop = startPollLoop(
      async () => {
        active += 1;
        most = Math.max(most, active);
        await tick(20);
        passes += 1;
        active -= 1;
      },
      { pollMs: 60_000, onError: () => {} },
    );
    await Promise.all([loop.drain(), loop.drain(), loop.drain()]);
    loop.wake();
    await tick(5);
    await loop.stop();
    expect(most).toBe(1);
    expect(active).toBe(0);
    expect(passes).toBeGreaterThanOrEqual(4);
    const after = passes;
    loop.wake();
    await loop.drain();
    await tick(30);
    expect(passes).toBe(after);
  });

  it('reports a failed pass and goes on polling', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const loop = startPollLoop(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('the database is away');
      },
      { pollMs: 10, onError: (error) => errors.push(error) },
    );
    await tick(60);
    await loop.stop();
    expect(errors).toHaveLength(1);
    expect(calls).toBeGreaterThan(2);
  });
});

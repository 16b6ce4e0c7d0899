import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPolling } from './poll';

describe('startPolling', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the first pass after firstMs and the next ones intervalMs after each pass ends', async () => {
    const starts: number[] = [];
    const p = startPolling(
      async () => {
        starts.push(Date.now());
        await new Promise((r) => setTimeout(r, 250)); // a pass longer than the interval
      },
      { intervalMs: 100, firstMs: 10, onError: () => {} },
    );
    const t0 = Date.now();
    await vi.advanceTimersByTimeAsync(1000);
    await p.stop();
    // 10, then each 250 ms pass + 100 ms: never two passes at once
    expect(starts.map((t) => t - t0)).toEqual([10, 360, 710]);
  });

  it('goes on after a failing pass and reports it', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const p = startPolling(
      async () => {
        n++;
        if (n === 1) throw new Error('boom');
      },
      { intervalMs: 50, onError: (e) => errors.push(e) },
    );
    await vi.advanceTimersByTimeAsync(160);
    await p.stop();
    expect(n).toBe(3);
    expect(errors).toHaveLength(1);
  });

  it('stop() waits for the pass in hand and schedules no other', async () => {
    let done = false;
    let n = 0;
    const p = startPolling(
      async () => {
        n++;
        await new Promise((r) => setTimeout(r, 100));
        done = true;
      },
      { intervalMs: 10, firstMs: 0, onError: () => {} },
    );
    await vi.advanceTimersByTimeAsync(1);
    const stopping = p.stop();
    await vi.advanceTimersByTimeAsync(100);
    await stopping;
    expect(done).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(n).toBe(1);
  });
});

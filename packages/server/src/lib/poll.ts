// A background loop that runs one pass at a time: the next pass is scheduled only when the
// previous one has finished (a slow pass never overlaps the next), and stop() waits for the pass
// in hand, so a shutdown never closes the database under it. The job worker and the PGlite
// statistics keeper run on it.

export interface TPolling {
  /** Stops scheduling and waits for a pass in progress. */
  stop(): Promise<void>;
}

export function startPolling(
  pass: () => Promise<void>,
  o: {
    intervalMs: number;
    /** delay before the first pass (default intervalMs) */
    firstMs?: number;
    /** a pass's failure; the loop goes on */
    onError: (err: unknown) => void;
    /** do not keep the process alive for this loop's timer */
    unref?: boolean;
  },
): TPolling {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const schedule = (ms: number) => {
    timer = setTimeout(tick, ms);
    if (o.unref) timer.unref();
  };
  const tick = () => {
    if (stopped) return;
    running = pass().catch(o.onError);
    void running.then(() => {
      if (!stopped) schedule(o.intervalMs);
    });
  };
  schedule(o.firstMs ?? o.intervalMs);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

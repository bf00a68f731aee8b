/**
 * The loop behind the job workers (the outbox, imports): a pass now, then one every `pollMs`,
 * never two at once; `wake()` runs the next pass at once (after a commit that queued work).
 * The timer never keeps the process alive; `stop()` ends the loop and waits for the pass in
 * flight. A pass that throws is reported and the loop goes on.
 */
export type PollLoop = {
  /** Runs one pass now (after the one in flight, if any); resolves when it is done. */
  drain: () => Promise<void>;
  /** Schedules a pass at once. */
  wake: () => void;
  /** Stops the loop for good and waits for the pass in flight. */
  stop: () => Promise<void>;
};

export function startPollLoop(
  pass: () => Promise<void>,
  options: { pollMs: number; onError: (error: unknown) => void },
): PollLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  const drain = async () => {
    while (running) await running;
    if (stopped) return;
    running = pass()
      .catch(options.onError)
      .finally(() => {
        running = null;
      });
    await running;
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void drain().then(() => schedule(options.pollMs));
    }, ms);
    timer.unref();
  };
  schedule(0);

  return {
    drain,
    wake: () => schedule(0),
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      while (running) await running;
    },
  };
}

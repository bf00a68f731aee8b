/**
 * At most `size` of a heavy task at once; the rest wait their turn in order. Insights are CPU
 * and memory heavy on a large practice: running eight at once on two cores is no faster than
 * two at once, and it multiplies the memory they hold.
 */
export function createLimiter(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

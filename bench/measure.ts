/** Timing helpers for the benchmark: medians of sequential calls and throughput under load. */
export type Sample = { medianMs: number; p95Ms: number; perSecond: number };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length));
  return sorted[index] ?? Number.NaN;
}

/**
 * Runs `call` sequentially `iterations` times for the latency, then with `concurrency`
 * callers for `seconds` for the throughput. `call` must reject on a wrong answer.
 */
export async function measure(
  call: (i: number) => Promise<void>,
  options: { iterations: number; concurrency: number; seconds: number; warmup?: number },
): Promise<Sample> {
  for (let i = 0; i < (options.warmup ?? 20); i++) await call(i);
  const times: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    const start = performance.now();
    await call(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  let done = 0;
  const deadline = performance.now() + options.seconds * 1000;
  let next = options.iterations;
  const worker = async () => {
    while (performance.now() < deadline) {
      await call(next++);
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return {
    medianMs: percentile(times, 50),
    p95Ms: percentile(times, 95),
    perSecond: done / elapsed,
  };
}

export function formatTable(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r, ri) => {
      const line = r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  ');
      return ri === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

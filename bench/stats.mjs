// Small statistics helpers for the benchmarks: every figure is a median of several runs with min and max.

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const median = (values) => percentile(values, 50);

/** `{ median, min, max, runs }` of the numbers. */
export function summarize(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

/** Runs `fn` `runs` times (after `warmup` unmeasured runs) and summarizes what it returns. */
export async function repeat(runs, fn, warmup = 1) {
  for (let i = 0; i < warmup; i++) await fn(-1);
  const values = [];
  for (let i = 0; i < runs; i++) values.push(await fn(i));
  return summarize(values);
}

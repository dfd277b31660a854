// Benchmark helpers: timing statistics and the row format every benchmark reports.

export interface Row {
  figure: string;
  value: number;
  unit: string;
  /** The budget, as `value <= budget` unless `atLeast`. */
  budget?: number;
  atLeast?: boolean;
  detail?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[at]!;
}

export function stats(samples: number[]): { p50: number; p99: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function passes(row: Row): boolean | undefined {
  if (row.budget === undefined) return undefined;
  return row.atLeast ? row.value >= row.budget : row.value <= row.budget;
}

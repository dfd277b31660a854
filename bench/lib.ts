// Benchmark helpers: timing statistics, the row format every benchmark reports, and the verdict
// and table cells of a row (pure: tested in test/unit/bench-table.test.ts without running a bench).

export interface Row {
  figure: string;
  value: number;
  unit: string;
  /** The budget, as `value <= budget` unless `atLeast`. */
  budget?: number;
  atLeast?: boolean;
  /**
   * What the machine itself costs for the same work (a bare pty read, a bare request, a bare
   * fsync'd insert, a bare Node process), measured in the same run and process layout.
   */
  floor?: number;
  /** A budget relative to `floor`: value <= floor × times, or value <= floor + plus. */
  relative?: { times: number } | { plus: number };
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

/** value / floor, or undefined for a row without a usable floor. */
export function ratioOf(row: Row): number | undefined {
  if (row.floor === undefined || !Number.isFinite(row.floor) || row.floor <= 0) return undefined;
  return round(row.value / row.floor, 2);
}

/** The limit a relative budget sets with this run's floor; NaN when the floor is missing. */
export function relativeLimit(row: Row): number | undefined {
  const r = row.relative;
  if (!r) return undefined;
  const floor = row.floor ?? NaN;
  return 'times' in r ? floor * r.times : floor + r.plus;
}

/**
 * PASS (true), FAIL (false) or no budget (undefined). Every budget a row has must hold; a relative
 * budget whose floor was not measured fails, rather than passing unchecked.
 */
export function passes(row: Row): boolean | undefined {
  const verdicts: boolean[] = [];
  if (row.budget !== undefined)
    verdicts.push(row.atLeast ? row.value >= row.budget : row.value <= row.budget);
  const limit = relativeLimit(row);
  if (limit !== undefined)
    verdicts.push(Number.isFinite(limit) && (row.atLeast ? row.value >= limit : row.value <= limit));
  if (verdicts.length === 0) return undefined;
  return verdicts.every(Boolean) && Number.isFinite(row.value);
}

/** The budget as the table prints it, e.g. `<= 10 ms`, `<= floor × 1.15 (0.28 ms)`. */
export function budgetText(row: Row): string {
  const op = row.atLeast ? '>=' : '<=';
  const parts: string[] = [];
  if (row.budget !== undefined) parts.push(`${op} ${row.budget} ${row.unit}`.trim());
  const r = row.relative;
  if (r) {
    const limit = relativeLimit(row)!;
    const rule = 'times' in r ? `floor × ${r.times}` : `floor + ${r.plus}`;
    const at = Number.isFinite(limit) ? `${round(limit, 3)} ${row.unit}`.trim() : 'no floor';
    parts.push(`${op} ${rule} (${at})`);
  }
  return parts.length ? parts.join('; ') : '-';
}

export const verdictText = (row: Row) => {
  const v = passes(row);
  return v === undefined ? '-' : v ? 'PASS' : 'FAIL';
};

export const TABLE_HEADER = ['figure', 'value', 'floor', 'ratio', 'budget', 'result', 'detail'];

/** One row of the printed table, in TABLE_HEADER's order. */
export function tableCells(row: Row): string[] {
  const ratio = ratioOf(row);
  return [
    row.figure,
    `${row.value} ${row.unit}`.trim(),
    row.floor === undefined ? '-' : `${row.floor} ${row.unit}`.trim(),
    ratio === undefined ? '-' : `${ratio} x`,
    budgetText(row),
    verdictText(row),
    row.detail ?? '',
  ];
}

/** A row as bench/results.json keeps it: the row, its ratio, the relative limit and the verdict. */
export function resultOf(row: Row) {
  const limit = relativeLimit(row);
  return {
    ...row,
    ratio: ratioOf(row) ?? null,
    ...(limit !== undefined ? { limit: Number.isFinite(limit) ? round(limit, 3) : null } : {}),
    result: passes(row) === undefined ? null : passes(row) ? 'PASS' : 'FAIL',
  };
}

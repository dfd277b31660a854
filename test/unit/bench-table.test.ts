import { describe, expect, it } from 'vitest';
import {
  budgetText,
  passes,
  ratioOf,
  relativeLimit,
  resultOf,
  stats,
  TABLE_HEADER,
  tableCells,
  type Row,
} from '../../bench/lib';

const row = (over: Partial<Row>): Row => ({ figure: 'f', value: 1, unit: 'ms', ...over });

describe('bench rows: floor, ratio and verdict', () => {
  it('the ratio is the value over the floor, to two places; none without a usable floor', () => {
    expect(ratioOf(row({ value: 0.359, floor: 0.243 }))).toBe(1.48);
    expect(ratioOf(row({ value: 2 }))).toBeUndefined();
    expect(ratioOf(row({ value: 2, floor: 0 }))).toBeUndefined();
    expect(ratioOf(row({ value: 2, floor: NaN }))).toBeUndefined();
  });

  it('a relative budget is set by the floor measured in the same run', () => {
    expect(relativeLimit(row({ floor: 0.2, relative: { times: 1.15 } }))).toBeCloseTo(0.23);
    expect(relativeLimit(row({ floor: 0.57, relative: { plus: 0.6 } }))).toBeCloseTo(1.17);
    expect(relativeLimit(row({ floor: 1 }))).toBeUndefined();
    expect(relativeLimit(row({ relative: { times: 2 } }))).toBeNaN();
  });

  it('passes only when every budget holds', () => {
    expect(passes(row({ value: 0.22, floor: 0.2, relative: { times: 1.15 } }))).toBe(true);
    expect(passes(row({ value: 0.24, floor: 0.2, relative: { times: 1.15 } }))).toBe(false);
    expect(passes(row({ value: 1.1, floor: 0.5, relative: { plus: 0.6 } }))).toBe(true);
    expect(passes(row({ value: 1.2, floor: 0.5, relative: { plus: 0.6 } }))).toBe(false);
    // Within the relative budget, over the absolute one (and the other way round).
    expect(passes(row({ value: 11, budget: 10, floor: 10, relative: { times: 1.15 } }))).toBe(false);
    expect(passes(row({ value: 9, budget: 10, floor: 5, relative: { times: 1.15 } }))).toBe(false);
    expect(passes(row({ value: 5.5, budget: 10, floor: 5, relative: { times: 1.15 } }))).toBe(true);
  });

  it('a relative budget without its floor fails, and a row without budgets has no verdict', () => {
    expect(passes(row({ value: 0.1, relative: { times: 1.15 } }))).toBe(false);
    expect(passes(row({ value: 0.1, floor: NaN, relative: { plus: 0.6 } }))).toBe(false);
    expect(passes(row({ value: 3, floor: 1 }))).toBeUndefined();
    expect(passes(row({ value: NaN, budget: 0 }))).toBe(false);
  });

  it('an at-least budget compares the other way', () => {
    expect(passes(row({ value: 1077, unit: 'per s', budget: 1000, atLeast: true }))).toBe(true);
    expect(
      passes(row({ value: 900, unit: 'per s', floor: 1000, relative: { times: 0.9 }, atLeast: true })),
    ).toBe(true);
    expect(
      passes(row({ value: 800, unit: 'per s', floor: 1000, relative: { times: 0.9 }, atLeast: true })),
    ).toBe(false);
  });

  it('prints the floor, the ratio and the budget with the limit it came to', () => {
    const close = row({
      figure: 'durable close accepted, p50',
      value: 0.3,
      floor: 0.25,
      relative: { times: 1.15 },
    });
    expect(tableCells(close)).toEqual([
      'durable close accepted, p50',
      '0.3 ms',
      '0.25 ms',
      '1.2 x',
      '<= floor × 1.15 (0.288 ms)',
      'FAIL',
      '',
    ]);
    expect(
      tableCells(row({ value: 3.3, budget: 10, floor: 0.6, relative: { plus: 0.6 }, detail: 'd' })),
    ).toEqual(['f', '3.3 ms', '0.6 ms', '5.5 x', '<= 10 ms; <= floor + 0.6 (1.2 ms)', 'FAIL', 'd']);
    expect(tableCells(row({ value: 99.8, unit: 'KB', budget: 200 }))).toEqual([
      'f',
      '99.8 KB',
      '-',
      '-',
      '<= 200 KB',
      'PASS',
      '',
    ]);
    expect(budgetText(row({ relative: { times: 1.3 } }))).toBe('<= floor × 1.3 (no floor)');
    expect(tableCells(row({})).length).toBe(TABLE_HEADER.length);
  });

  it('results.json keeps the ratio, the limit and the verdict beside the row', () => {
    expect(resultOf(row({ value: 0.3, floor: 0.25, relative: { times: 1.15 } }))).toMatchObject({
      floor: 0.25,
      ratio: 1.2,
      limit: 0.288,
      result: 'FAIL',
    });
    expect(resultOf(row({ value: 3 }))).toMatchObject({ ratio: null, result: null });
    expect(resultOf(row({ value: 3 }))).not.toHaveProperty('limit');
  });

  it('percentiles are nearest-rank', () => {
    const s = stats(Array.from({ length: 100 }, (_, i) => 100 - i));
    expect(s).toEqual({ p50: 50, p99: 99, n: 100 });
  });
});

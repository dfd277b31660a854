// The tender arithmetic, as properties: whatever the cashier does, the pennies add up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amountToTake,
  closeProblem,
  dueMinor,
  linesProblem,
  sumMinor,
  trimToTotal,
} from '../../main/agent/tender';

const minor = fc.integer({ min: 0, max: 100_000_000 });
const card = fc.record({
  balanceMinor: minor,
  maxAmountMinor: fc.option(fc.integer({ min: 1, max: 100_000_000 }), { nil: undefined }),
});

/** Applies cards in order the way the agent does; a card that can take nothing is refused. */
function applyAll(totalMinor: number, cards: Array<{ balanceMinor: number; maxAmountMinor?: number }>) {
  const tenders: Array<{ amountMinor: number; balanceBeforeMinor: number; maxAmountMinor?: number }> = [];
  for (const c of cards) {
    const take = amountToTake(c.balanceMinor, dueMinor(totalMinor, tenders), c.maxAmountMinor);
    if (take > 0)
      tenders.push({
        amountMinor: take,
        balanceBeforeMinor: c.balanceMinor,
        maxAmountMinor: c.maxAmountMinor,
      });
  }
  return tenders;
}

describe('tender split', () => {
  it('gift total + due = total, nothing negative, no card over its balance or its limit', () => {
    fc.assert(
      fc.property(minor, fc.array(card, { maxLength: 8 }), (totalMinor, cards) => {
        const tenders = applyAll(totalMinor, cards);
        const due = dueMinor(totalMinor, tenders);
        expect(sumMinor(tenders) + due).toBe(totalMinor);
        expect(due).toBeGreaterThanOrEqual(0);
        for (const t of tenders) {
          expect(t.amountMinor).toBeGreaterThan(0);
          expect(t.amountMinor).toBeLessThanOrEqual(t.balanceBeforeMinor);
          expect(t.amountMinor).toBeLessThanOrEqual(t.maxAmountMinor ?? Infinity);
          expect(Number.isInteger(t.amountMinor)).toBe(true);
        }
      }),
    );
  });

  it('a card takes min(balance, due, limit)', () => {
    expect(amountToTake(5000, 3000)).toBe(3000);
    expect(amountToTake(420, 3000)).toBe(420);
    expect(amountToTake(5000, 3000, 1000)).toBe(1000);
    expect(amountToTake(5000, 0)).toBe(0);
    expect(amountToTake(0, 3000)).toBe(0);
  });

  it('removing a tender restores exactly what it took to the amount due', () => {
    fc.assert(
      fc.property(
        minor,
        fc.array(card, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        (totalMinor, cards, pick) => {
          const tenders = applyAll(totalMinor, cards);
          fc.pre(tenders.length > 0);
          const i = pick % tenders.length;
          const before = dueMinor(totalMinor, tenders);
          const removed = tenders[i]!;
          const after = dueMinor(
            totalMinor,
            tenders.filter((_, j) => j !== i),
          );
          expect(after).toBe(before + removed.amountMinor);
        },
      ),
    );
  });

  it('a lower total trims the latest cards first and never leaves gift cards over the total', () => {
    fc.assert(
      fc.property(minor, fc.array(card, { maxLength: 6 }), minor, (totalMinor, cards, newTotal) => {
        const tenders = applyAll(totalMinor, cards);
        const trimmed = trimToTotal(newTotal, tenders);
        expect(sumMinor(trimmed)).toBe(Math.min(sumMinor(tenders), newTotal));
        expect(dueMinor(newTotal, trimmed)).toBeGreaterThanOrEqual(0);
        trimmed.forEach((t, j) => {
          expect(t.amountMinor).toBeGreaterThan(0);
          expect(t.amountMinor).toBeLessThanOrEqual(tenders[j]!.amountMinor);
          // Only the last kept tender may have been cut; those before it are untouched.
          if (j < trimmed.length - 1) expect(t.amountMinor).toBe(tenders[j]!.amountMinor);
        });
      }),
    );
  });

  it('a close adds up only when gift cards + other tenders = total, and says by how much it does not', () => {
    fc.assert(
      fc.property(
        minor,
        fc.array(
          minor.map((m) => ({ amountMinor: m })),
          { maxLength: 4 },
        ),
        fc.array(
          minor.map((m) => ({ amountMinor: m })),
          { maxLength: 4 },
        ),
        (total, gift, other) => {
          const problem = closeProblem(total, gift, other);
          expect(problem === null).toBe(sumMinor(gift) + sumMinor(other) === total);
        },
      ),
    );
    expect(closeProblem(1000, [{ amountMinor: 600 }], [{ amountMinor: 300 }])).toMatch(/100 short/);
    expect(closeProblem(1000, [{ amountMinor: 600 }], [{ amountMinor: 500 }])).toMatch(/100 over/);
    expect(closeProblem(0, [], [])).toBeNull();
  });

  it('lines must add up to the total; discount lines may be negative', () => {
    const line = (lineTotalMinor: number) => ({
      sku: 's',
      description: 'd',
      quantity: 1,
      unitPriceMinor: lineTotalMinor,
      lineTotalMinor,
    });
    expect(linesProblem([line(1000), line(-200)], 800)).toBeNull();
    expect(linesProblem([line(1000)], 999)).toMatch(/add up to 1000 but the total is 999/);
    expect(linesProblem([], 0)).toBeNull();
    expect(linesProblem([], 500)).toMatch(/add up to 0 but the total is 500/);
  });
});

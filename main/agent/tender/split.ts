// The tender split, pure and integer-only: what a gift card takes, what is still due, what a
// change of total does to the cards already applied, and whether a close adds up. Money is
// always whole minor units (pence); nothing here rounds.

export interface TenderAmount {
  amountMinor: number;
}

export function sumMinor(amounts: readonly TenderAmount[]): number {
  let total = 0;
  for (const a of amounts) total += a.amountMinor;
  return total;
}

/** What the POS must still take in other tenders. Never negative while the basket's invariant holds. */
export function dueMinor(totalMinor: number, tenders: readonly TenderAmount[]): number {
  return totalMinor - sumMinor(tenders);
}

/** A card takes min(balance, due, the cashier's limit); zero means it cannot take anything. */
export function amountToTake(balanceMinor: number, due: number, maxAmountMinor?: number): number {
  return Math.max(0, Math.min(balanceMinor, due, maxAmountMinor ?? Number.MAX_SAFE_INTEGER));
}

export interface Line {
  sku: string;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
}

/**
 * Lines must add up to the total (discount lines may be negative). No lines add up to zero: Factor4
 * gets the basket with the closure, and a basket without its lines would be refused at close.
 */
export function linesProblem(lines: readonly Line[], totalMinor: number): string | null {
  let sum = 0;
  for (const l of lines) sum += l.lineTotalMinor;
  return sum === totalMinor
    ? null
    : `The lines add up to ${sum} but the total is ${totalMinor} (minor units). Send lines that add up to the total.`;
}

/**
 * After the total changes on an OPEN basket, the gift cards already applied must not pay more
 * than the new total: the most recently applied ones give back first. Nothing has been redeemed
 * yet, so this only changes what will be asked for at close.
 */
export function trimToTotal<T extends TenderAmount>(totalMinor: number, tenders: readonly T[]): T[] {
  let excess = sumMinor(tenders) - totalMinor;
  const out = tenders.map((t) => ({ ...t }));
  for (let i = out.length - 1; i >= 0 && excess > 0; i--) {
    const give = Math.min(out[i]!.amountMinor, excess);
    out[i]!.amountMinor -= give;
    excess -= give;
  }
  return out.filter((t) => t.amountMinor > 0);
}

/** A close adds up when gift cards plus the other tenders are exactly the total. */
export function closeProblem(
  totalMinor: number,
  giftCards: readonly TenderAmount[],
  others: readonly TenderAmount[],
): string | null {
  const gift = sumMinor(giftCards);
  const other = sumMinor(others);
  if (gift + other === totalMinor) return null;
  const diff = totalMinor - gift - other;
  return diff > 0
    ? `The tenders are ${diff} short of the total (gift cards ${gift}, other tenders ${other}, total ${totalMinor}, in minor units). Take the rest before closing.`
    : `The tenders are ${-diff} over the total (gift cards ${gift}, other tenders ${other}, total ${totalMinor}, in minor units). Give change in the other tender, not in gift card value.`;
}

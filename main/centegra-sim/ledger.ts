// What Centegra confirmed, one entry per amount it moved, in order: the simulator's books, so a
// test (a day report, say) can total each operation and compare it with what the agent believes.
import type { Till } from './validate';

export type LedgerOperation =
  | 'ISSUANCE'
  | 'REDEMPTION'
  | 'REFUND'
  /** One per movement undone; `reverses` says of what. */
  | 'VOID'
  | 'HOLD_PLACED'
  /** The part of a hold a basket close took; that close's REDEMPTION counts the same money. */
  | 'HOLD_CAPTURED'
  /** Given back by /cards/holds/release, or what a capture left over (`remainder`). */
  | 'HOLD_RELEASED'
  /** Lapsed by itself: the money went back to the card. */
  | 'HOLD_EXPIRED'
  /** Spent at another till (the admin control), not through this API. */
  | 'SPENT_ELSEWHERE';

export const ledgerOperations: readonly LedgerOperation[] = [
  'ISSUANCE',
  'REDEMPTION',
  'REFUND',
  'VOID',
  'HOLD_PLACED',
  'HOLD_CAPTURED',
  'HOLD_RELEASED',
  'HOLD_EXPIRED',
  'SPENT_ELSEWHERE',
];

export interface LedgerEntry {
  seq: number;
  /** The simulator's clock (ISO 8601). */
  at: string;
  operation: LedgerOperation;
  /** The request that moved it; absent for an expiry or a spend elsewhere. */
  requestId?: string;
  /** The till that asked (for an expiry, the one that placed the hold); absent for a spend elsewhere. */
  till?: Till;
  cardNumber: string;
  /** Always positive: the operation says which way it went. */
  amountMinor: number;
  currency: string;
  transactionId?: string;
  basketId?: string;
  holdId?: string;
  refundId?: string;
  originalRequestId?: string;
  /** VOID only: the operation undone. */
  reverses?: 'ISSUANCE' | 'REDEMPTION' | 'REFUND';
  /** HOLD_RELEASED only: released by the close that captured part of the hold. */
  remainder?: boolean;
}

export interface LedgerFilter {
  currency?: string;
  siteId?: string;
  tillId?: string;
}

export type LedgerTotals = Record<LedgerOperation, { count: number; amountMinor: number }>;

export class Ledger {
  private entries: LedgerEntry[] = [];
  private seq = 0;

  add(entry: Omit<LedgerEntry, 'seq'>): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, ...entry });
  }

  /** Copies, in the order Centegra confirmed them. */
  list(filter: LedgerFilter = {}): LedgerEntry[] {
    return structuredClone(this.entries.filter((e) => matches(e, filter)));
  }

  /**
   * Count and sum per operation. Amounts of different currencies would be added together, so
   * pass `currency` when the cards differ; siteId / tillId keep one till's share.
   */
  totals(filter: LedgerFilter = {}): LedgerTotals {
    const totals = Object.fromEntries(
      ledgerOperations.map((op) => [op, { count: 0, amountMinor: 0 }]),
    ) as LedgerTotals;
    for (const e of this.entries) {
      if (!matches(e, filter)) continue;
      totals[e.operation].count += 1;
      totals[e.operation].amountMinor += e.amountMinor;
    }
    return totals;
  }

  reset(): void {
    this.entries = [];
    this.seq = 0;
  }
}

function matches(e: LedgerEntry, filter: LedgerFilter): boolean {
  if (filter.currency !== undefined && e.currency !== filter.currency) return false;
  if (filter.siteId !== undefined && e.till?.siteId !== filter.siteId) return false;
  if (filter.tillId !== undefined && e.till?.tillId !== filter.tillId) return false;
  return true;
}

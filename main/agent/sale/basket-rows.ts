// Baskets and their gift card tenders as SQLite rows. An OPEN basket survives a restart of the
// agent mid-sale; a tender's card is kept sealed until its basket's closure is delivered. Only the
// basket service (baskets.ts) holds these rows: it keeps its view of each basket right after
// every write, so nothing else may write them.
import type { Db } from '../db';
import type { Line } from '../tender';

export type BasketState = 'OPEN' | 'CLOSED' | 'VOIDED';

export interface BasketRecord {
  basketId: string;
  state: BasketState;
  currency: string;
  totalMinor: number;
  lines: Line[];
  openedAt: string;
  updatedAt: string;
  closedAt?: string;
  closeItemId?: string;
  /** The otherTenders of the close, as sent: a second close must match it. */
  closeRequest?: string;
  voidItemId?: string;
}

export interface TenderRecord {
  tenderId: string;
  basketId: string;
  position: number;
  cardSealed?: Buffer;
  cardFingerprint: string;
  cardMasked: string;
  amountMinor: number;
  balanceBeforeMinor: number;
  balanceCheckedAt: string;
  offline: boolean;
  /** The hold on the card this tender owns (1.1), and when Centegra lets it lapse. */
  holdId?: string;
  holdExpiresAt?: string;
}

interface BasketRow {
  basket_id: string;
  state: BasketState;
  currency: string;
  total_minor: number;
  lines: string;
  opened_at: string;
  updated_at: string;
  closed_at: string | null;
  close_item_id: string | null;
  close_request: string | null;
  void_item_id: string | null;
}

interface TenderRow {
  tender_id: string;
  basket_id: string;
  position: number;
  card_sealed: Buffer | null;
  card_fingerprint: string;
  card_masked: string;
  amount_minor: number;
  balance_before_minor: number;
  balance_checked_at: string;
  offline: number;
  hold_id: string | null;
  hold_expires_at: string | null;
}

const basketOf = (r: BasketRow): BasketRecord => ({
  basketId: r.basket_id,
  state: r.state,
  currency: r.currency,
  totalMinor: r.total_minor,
  lines: JSON.parse(r.lines) as Line[],
  openedAt: r.opened_at,
  updatedAt: r.updated_at,
  ...(r.closed_at ? { closedAt: r.closed_at } : {}),
  ...(r.close_item_id ? { closeItemId: r.close_item_id } : {}),
  ...(r.close_request ? { closeRequest: r.close_request } : {}),
  ...(r.void_item_id ? { voidItemId: r.void_item_id } : {}),
});

const tenderOf = (r: TenderRow): TenderRecord => ({
  tenderId: r.tender_id,
  basketId: r.basket_id,
  position: r.position,
  ...(r.card_sealed ? { cardSealed: r.card_sealed } : {}),
  cardFingerprint: r.card_fingerprint,
  cardMasked: r.card_masked,
  amountMinor: r.amount_minor,
  balanceBeforeMinor: r.balance_before_minor,
  balanceCheckedAt: r.balance_checked_at,
  offline: r.offline === 1,
  ...(r.hold_id ? { holdId: r.hold_id } : {}),
  ...(r.hold_expires_at ? { holdExpiresAt: r.hold_expires_at } : {}),
});

/** A basket with its gift card tenders, in the order they were applied. */
export interface FoundBasket {
  basket: BasketRecord;
  tenders: TenderRecord[];
}

export class BasketRows {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      get: db.prepare('SELECT * FROM baskets WHERE basket_id = ?'),
      tenders: db.prepare('SELECT * FROM tenders WHERE basket_id = ? ORDER BY position'),
      insert: db.prepare(
        `INSERT INTO baskets (basket_id, state, currency, total_minor, lines, opened_at, updated_at) VALUES (?, 'OPEN', ?, ?, ?, ?, ?)`,
      ),
      replace: db.prepare(
        `UPDATE baskets SET currency = ?, total_minor = ?, lines = ?, updated_at = ? WHERE basket_id = ? AND state = 'OPEN'`,
      ),
      addTender: db.prepare(
        `INSERT INTO tenders (tender_id, basket_id, position, card_sealed, card_fingerprint, card_masked, amount_minor, balance_before_minor, balance_checked_at, offline, hold_id, hold_expires_at)
         VALUES (@tenderId, @basketId, @position, @cardSealed, @cardFingerprint, @cardMasked, @amountMinor, @balanceBeforeMinor, @balanceCheckedAt, @offline, @holdId, @holdExpiresAt)`,
      ),
      setAmount: db.prepare('UPDATE tenders SET amount_minor = ? WHERE tender_id = ? AND basket_id = ?'),
      removeTender: db.prepare('DELETE FROM tenders WHERE tender_id = ? AND basket_id = ?'),
      touch: db.prepare('UPDATE baskets SET updated_at = ? WHERE basket_id = ?'),
      close: db.prepare(
        `UPDATE baskets SET state = 'CLOSED', closed_at = ?, close_item_id = ?, close_request = ?, updated_at = ? WHERE basket_id = ? AND state = 'OPEN'`,
      ),
      reopen: db.prepare(
        `UPDATE baskets SET state = 'OPEN', closed_at = NULL, close_item_id = NULL, close_request = NULL, updated_at = ? WHERE basket_id = ?`,
      ),
      void: db.prepare(
        `UPDATE baskets SET state = 'VOIDED', void_item_id = ?, updated_at = ? WHERE basket_id = ?`,
      ),
      forgetCards: db.prepare('UPDATE tenders SET card_sealed = NULL WHERE basket_id = ?'),
      maxPosition: db.prepare('SELECT coalesce(max(position), 0) AS p FROM tenders WHERE basket_id = ?'),
      lastUpdated: db.prepare('SELECT basket_id FROM baskets ORDER BY updated_at DESC LIMIT 1'),
      lapsing: db.prepare(
        // Through baskets_open (only open baskets are read), each basket once, without DISTINCT
        // (which made SQLite walk every basket in id order).
        `SELECT b.basket_id FROM baskets b
          WHERE b.state = 'OPEN' AND EXISTS (SELECT 1 FROM tenders t WHERE t.basket_id = b.basket_id
            AND (b.updated_at <= ? OR (t.hold_id IS NOT NULL AND t.hold_expires_at <= ?)))`,
      ),
    };
  }

  read(basketId: string): FoundBasket | undefined {
    const row = this.s.get.get(basketId) as BasketRow | undefined;
    if (!row) return undefined;
    return { basket: basketOf(row), tenders: (this.s.tenders.all(basketId) as TenderRow[]).map(tenderOf) };
  }

  /** Open baskets with gift cards on them, untouched since `untouchedSince` or with a hold ending by `expiringBy`. */
  lapsing(untouchedSince: string, expiringBy: string): string[] {
    return (this.s.lapsing.all(untouchedSince, expiringBy) as Array<{ basket_id: string }>).map(
      (r) => r.basket_id,
    );
  }

  /** The basket the till worked on last. */
  lastUpdatedId(): string | undefined {
    return (this.s.lastUpdated.get() as { basket_id: string } | undefined)?.basket_id;
  }

  create(b: { basketId: string; currency: string; totalMinor: number; lines: Line[]; at: string }): void {
    this.s.insert.run(b.basketId, b.currency, b.totalMinor, JSON.stringify(b.lines), b.at, b.at);
  }

  replaceLines(b: {
    basketId: string;
    currency: string;
    totalMinor: number;
    lines: Line[];
    at: string;
  }): void {
    this.s.replace.run(b.currency, b.totalMinor, JSON.stringify(b.lines), b.at, b.basketId);
  }

  addTender(t: Omit<TenderRecord, 'position'>, at: string): void {
    const { p } = this.s.maxPosition.get(t.basketId) as { p: number };
    this.s.addTender.run({
      ...t,
      position: p + 1,
      cardSealed: t.cardSealed ?? null,
      offline: t.offline ? 1 : 0,
      holdId: t.holdId ?? null,
      holdExpiresAt: t.holdExpiresAt ?? null,
    });
    this.s.touch.run(at, t.basketId);
  }

  setTenderAmount(basketId: string, tenderId: string, amountMinor: number): void {
    this.s.setAmount.run(amountMinor, tenderId, basketId);
  }

  removeTender(basketId: string, tenderId: string, at: string): boolean {
    const removed = this.s.removeTender.run(tenderId, basketId).changes === 1;
    if (removed) this.s.touch.run(at, basketId);
    return removed;
  }

  markClosed(basketId: string, closedAt: string, closeItemId: string | null, closeRequest: string): void {
    this.s.close.run(closedAt, closeItemId, closeRequest, closedAt, basketId);
  }

  reopen(basketId: string, at: string): void {
    this.s.reopen.run(at, basketId);
  }

  markVoided(basketId: string, voidItemId: string | null, at: string): void {
    this.s.void.run(voidItemId, at, basketId);
    this.s.forgetCards.run(basketId);
  }

  /** Once Factor4 has the closure, the basket's own copies of the card numbers go. */
  forgetCards(basketId: string): void {
    this.s.forgetCards.run(basketId);
  }
}

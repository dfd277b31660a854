// Refunds as SQLite rows: what was asked for and of which card; whether it reached Factor4 is its
// outbox item's state (REFUND), and a void is a VOID item after it.
import type { Db } from '../db';

export interface RefundRecord {
  refundId: string;
  itemId: string;
  amountMinor: number;
  currency: string;
  cardMasked: string;
  cardFingerprint: string;
  originalBasketId?: string;
  reason?: string;
  requestKey: string;
  createdAt: string;
  voidItemId?: string;
}

interface Row {
  refund_id: string;
  item_id: string;
  amount_minor: number;
  currency: string;
  card_masked: string;
  card_fingerprint: string;
  original_basket_id: string | null;
  reason: string | null;
  request_key: string;
  created_at: string;
  void_item_id: string | null;
}

const recordOf = (r: Row): RefundRecord => ({
  refundId: r.refund_id,
  itemId: r.item_id,
  amountMinor: r.amount_minor,
  currency: r.currency,
  cardMasked: r.card_masked,
  cardFingerprint: r.card_fingerprint,
  ...(r.original_basket_id ? { originalBasketId: r.original_basket_id } : {}),
  ...(r.reason ? { reason: r.reason } : {}),
  requestKey: r.request_key,
  createdAt: r.created_at,
  ...(r.void_item_id ? { voidItemId: r.void_item_id } : {}),
});

export class RefundRows {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO refunds (refund_id, item_id, amount_minor, currency, card_masked, card_fingerprint, original_basket_id, reason, request_key, created_at)
         VALUES (@refundId, @itemId, @amountMinor, @currency, @cardMasked, @cardFingerprint, @originalBasketId, @reason, @requestKey, @createdAt)`,
      ),
      get: db.prepare('SELECT * FROM refunds WHERE refund_id = ?'),
      byItem: db.prepare('SELECT * FROM refunds WHERE item_id = ? OR void_item_id = ?'),
      voiding: db.prepare('UPDATE refunds SET void_item_id = ? WHERE refund_id = ?'),
      // A refund whose void is not yet confirmed still stands: that void may fail (the card spent it).
      liveForBasket: db.prepare(
        `SELECT count(*) AS n FROM refunds r
           JOIN outbox o ON o.seq = CAST(substr(r.item_id, 5) AS INTEGER)
           LEFT JOIN outbox v ON v.seq = CAST(substr(r.void_item_id, 5) AS INTEGER)
          WHERE r.original_basket_id = ? AND o.state != 'FAILED' AND (v.seq IS NULL OR v.state != 'DELIVERED')`,
      ),
      // What refunds to this card for this basket give back: all but those that failed or whose
      // void Factor4 confirmed (a void still on its way may yet fail: the refund stands till then).
      refunded: db.prepare(
        `SELECT coalesce(sum(r.amount_minor), 0) AS total FROM refunds r
           JOIN outbox o ON o.seq = CAST(substr(r.item_id, 5) AS INTEGER)
           LEFT JOIN outbox v ON v.seq = CAST(substr(r.void_item_id, 5) AS INTEGER)
          WHERE r.original_basket_id = ? AND r.card_fingerprint = ? AND o.state != 'FAILED'
            AND (v.seq IS NULL OR v.state != 'DELIVERED')`,
      ),
    };
  }

  insert(r: Omit<RefundRecord, 'voidItemId'>): void {
    this.s.insert.run({ ...r, originalBasketId: r.originalBasketId ?? null, reason: r.reason ?? null });
  }

  get(refundId: string): RefundRecord | undefined {
    const r = this.s.get.get(refundId) as Row | undefined;
    return r && recordOf(r);
  }

  /** The refund an outbox item sends or voids. */
  ofItem(itemId: string): RefundRecord | undefined {
    const r = this.s.byItem.get(itemId, itemId) as Row | undefined;
    return r && recordOf(r);
  }

  markVoiding(refundId: string, voidItemId: string): void {
    this.s.voiding.run(voidItemId, refundId);
  }

  /** Refunds against this sale that stand (not failed, not voided). */
  liveForBasket(basketId: string): number {
    return (this.s.liveForBasket.get(basketId) as { n: number }).n;
  }

  refundedFor(basketId: string, fingerprint: string): number {
    return (this.s.refunded.get(basketId, fingerprint) as { total: number }).total;
  }
}

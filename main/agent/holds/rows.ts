// Holds as SQLite rows: one per request for a hold, written before Centegra hears of it, then
// HELD (with its tender), RELEASING (a HOLD_RELEASE item is queued), RELEASED, CAPTURED (its
// sale paid from it) or REFUSED (nothing was held).
import type { Db } from '../db';

export type HoldState = 'REQUESTED' | 'HELD' | 'RELEASING' | 'RELEASED' | 'CAPTURED' | 'REFUSED';

export interface HoldRecord {
  requestId: string;
  basketId: string;
  tenderId?: string;
  cardFingerprint: string;
  cardMasked: string;
  cardSealed?: Buffer;
  amountMinor: number;
  currency: string;
  state: HoldState;
  holdId?: string;
  expiresAt?: string;
  releaseItemId?: string;
  createdAt: string;
}

interface Row {
  request_id: string;
  basket_id: string;
  tender_id: string | null;
  card_fingerprint: string;
  card_masked: string;
  card_sealed: Buffer | null;
  amount_minor: number;
  currency: string;
  state: HoldState;
  hold_id: string | null;
  expires_at: string | null;
  release_item_id: string | null;
  created_at: string;
}

const recordOf = (r: Row): HoldRecord => ({
  requestId: r.request_id,
  basketId: r.basket_id,
  ...(r.tender_id ? { tenderId: r.tender_id } : {}),
  cardFingerprint: r.card_fingerprint,
  cardMasked: r.card_masked,
  ...(r.card_sealed ? { cardSealed: r.card_sealed } : {}),
  amountMinor: r.amount_minor,
  currency: r.currency,
  state: r.state,
  ...(r.hold_id ? { holdId: r.hold_id } : {}),
  ...(r.expires_at ? { expiresAt: r.expires_at } : {}),
  ...(r.release_item_id ? { releaseItemId: r.release_item_id } : {}),
  createdAt: r.created_at,
});

export class HoldRows {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO holds (request_id, basket_id, card_fingerprint, card_masked, card_sealed, amount_minor, currency, state, created_at, updated_at)
         VALUES (@requestId, @basketId, @cardFingerprint, @cardMasked, @cardSealed, @amountMinor, @currency, 'REQUESTED', @at, @at)`,
      ),
      get: db.prepare('SELECT * FROM holds WHERE request_id = ?'),
      byBasket: db.prepare('SELECT * FROM holds WHERE basket_id = ? ORDER BY created_at'),
      byTender: db.prepare('SELECT * FROM holds WHERE tender_id = ?'),
      byItem: db.prepare('SELECT * FROM holds WHERE release_item_id = ?'),
      // The IN names holds_unsettled's condition, so that partial index serves it.
      inState: db.prepare(
        `SELECT * FROM holds WHERE state = ? AND state IN ('REQUESTED', 'HELD', 'RELEASING') ORDER BY created_at`,
      ),
      held: db.prepare(
        // Held: the card is not asked for again (the tender keeps its own sealed copy for the close).
        `UPDATE holds SET state = 'HELD', hold_id = ?, expires_at = ?, tender_id = ?, card_sealed = NULL, updated_at = ? WHERE request_id = ?`,
      ),
      learned: db.prepare(
        `UPDATE holds SET hold_id = ?, expires_at = ?, updated_at = ? WHERE request_id = ?`,
      ),
      releasing: db.prepare(
        `UPDATE holds SET state = 'RELEASING', release_item_id = ?, card_sealed = NULL, updated_at = ? WHERE request_id = ?`,
      ),
      settle: db.prepare(
        `UPDATE holds SET state = ?, card_sealed = NULL, updated_at = ? WHERE request_id = ?`,
      ),
      orphans: db.prepare(
        `SELECT h.* FROM holds h
           LEFT JOIN tenders t ON t.tender_id = h.tender_id
           LEFT JOIN baskets b ON b.basket_id = h.basket_id
           LEFT JOIN outbox o ON o.seq = CAST(substr(b.close_item_id, 5) AS INTEGER)
          WHERE h.state = 'HELD'
            AND (t.tender_id IS NULL
              OR (b.state = 'VOIDED' AND b.close_item_id IS NULL)
              OR (b.state IN ('CLOSED', 'VOIDED') AND o.state = 'FAILED'))`,
      ),
    };
  }

  insert(h: {
    requestId: string;
    basketId: string;
    cardFingerprint: string;
    cardMasked: string;
    cardSealed: Buffer;
    amountMinor: number;
    currency: string;
    at: string;
  }): void {
    this.s.insert.run(h);
  }

  get(requestId: string): HoldRecord | undefined {
    const r = this.s.get.get(requestId) as Row | undefined;
    return r && recordOf(r);
  }

  ofBasket(basketId: string): HoldRecord[] {
    return (this.s.byBasket.all(basketId) as Row[]).map(recordOf);
  }

  ofTender(tenderId: string): HoldRecord | undefined {
    const r = this.s.byTender.get(tenderId) as Row | undefined;
    return r && recordOf(r);
  }

  releasedBy(itemId: string): HoldRecord | undefined {
    const r = this.s.byItem.get(itemId) as Row | undefined;
    return r && recordOf(r);
  }

  inState(state: 'REQUESTED' | 'HELD' | 'RELEASING'): HoldRecord[] {
    return (this.s.inState.all(state) as Row[]).map(recordOf);
  }

  /**
   * Holds no sale will capture: their tender is gone, their basket voided while open, or its close
   * refused. A sale voided after its close keeps its holds for that close, which captures them
   * before the void is sent.
   */
  orphans(): HoldRecord[] {
    return (this.s.orphans.all() as Row[]).map(recordOf);
  }

  markHeld(requestId: string, holdId: string, expiresAt: string, tenderId: string, at: string): void {
    this.s.held.run(holdId, expiresAt, tenderId, at, requestId);
  }

  /** What Centegra answered, kept before anything else is decided about it. */
  noteHold(requestId: string, holdId: string, expiresAt: string, at: string): void {
    this.s.learned.run(holdId, expiresAt, at, requestId);
  }

  markReleasing(requestId: string, releaseItemId: string, at: string): void {
    this.s.releasing.run(releaseItemId, at, requestId);
  }

  settle(requestId: string, state: 'RELEASED' | 'CAPTURED' | 'REFUSED', at: string): void {
    this.s.settle.run(state, at, requestId);
  }
}

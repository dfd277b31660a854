// The outbox in SQLite: every closure and void the agent accepted, in order, with its state.
// The row is written in the same transaction as the basket's change (see sale/), so a closure
// the POS was told about always has its item; delivery bookkeeping is batched to spare fsyncs.
import type { Db } from '../db';

export type ItemKind = 'CLOSE' | 'VOID';
export type ItemState = 'PENDING' | 'IN_FLIGHT' | 'DELIVERED' | 'FAILED';

export interface MaskedTransaction {
  cardNumberMasked: string;
  kind: 'REDEMPTION' | 'ISSUANCE' | 'VOID';
  amountMinor: number;
  currency: string;
  transactionId: string;
  approvalCode?: string;
  balanceAfterMinor: number;
}

export interface OutboxItem {
  seq: number;
  itemId: string;
  kind: ItemKind;
  basketId: string;
  requestId: string;
  afterItemId?: string;
  state: ItemState;
  createdAt: string;
  attempts: number;
  nextAttemptMs: number;
  lastError?: string;
  lastErrorCode?: string;
  /** Centegra's details of a refusal (e.g. availableMinor, cardNumberLast4). */
  lastErrorDetails?: Record<string, unknown>;
  outcomeUnknown: boolean;
  defect: boolean;
  giftCardTotalMinor: number;
  currency: string;
  cardsMasked: string[];
  transactions?: MaskedTransaction[];
  deliveredAt?: string;
  resolution?: string;
  resolvedAt?: string;
  /** Sealed request body (card numbers inside); gone once delivered. */
  bodySealed?: Buffer;
}

export interface NewItem {
  itemId: string;
  kind: ItemKind;
  basketId: string;
  requestId: string;
  afterItemId?: string;
  bodySealed: Buffer;
  createdAt: string;
  giftCardTotalMinor: number;
  currency: string;
  cardsMasked: string[];
  /** Card fingerprints: two items for the same card are never in flight together. */
  cardKeys: string[];
}

export type Settlement =
  | { itemId: string; state: 'DELIVERED'; transactions: MaskedTransaction[]; at: string; note?: string }
  | {
      itemId: string;
      state: 'FAILED';
      code: string;
      message: string;
      defect: boolean;
      details?: Record<string, unknown>;
    }
  | {
      itemId: string;
      state: 'PENDING';
      code: string;
      message: string;
      unknown: boolean;
      nextAttemptMs: number;
    };

interface Row {
  seq: number;
  item_id: string;
  kind: ItemKind;
  basket_id: string;
  request_id: string;
  after_item_id: string | null;
  body_sealed: Buffer | null;
  state: ItemState;
  created_at: string;
  attempts: number;
  next_attempt_ms: number;
  last_error: string | null;
  last_error_code: string | null;
  last_error_details: string | null;
  outcome_unknown: number;
  defect: number;
  gift_card_total_minor: number;
  currency: string;
  cards_masked: string;
  card_keys: string;
  transactions: string | null;
  delivered_at: string | null;
  resolution: string | null;
  resolved_at: string | null;
}

function toItem(r: Row): OutboxItem {
  return {
    seq: r.seq,
    itemId: r.item_id,
    kind: r.kind,
    basketId: r.basket_id,
    requestId: r.request_id,
    ...(r.after_item_id ? { afterItemId: r.after_item_id } : {}),
    state: r.state,
    createdAt: r.created_at,
    attempts: r.attempts,
    nextAttemptMs: r.next_attempt_ms,
    ...(r.last_error ? { lastError: r.last_error } : {}),
    ...(r.last_error_code ? { lastErrorCode: r.last_error_code } : {}),
    ...(r.last_error_details
      ? { lastErrorDetails: JSON.parse(r.last_error_details) as Record<string, unknown> }
      : {}),
    outcomeUnknown: r.outcome_unknown === 1,
    defect: r.defect === 1,
    giftCardTotalMinor: r.gift_card_total_minor,
    currency: r.currency,
    cardsMasked: JSON.parse(r.cards_masked) as string[],
    ...(r.transactions ? { transactions: JSON.parse(r.transactions) as MaskedTransaction[] } : {}),
    ...(r.delivered_at ? { deliveredAt: r.delivered_at } : {}),
    ...(r.resolution ? { resolution: r.resolution } : {}),
    ...(r.resolved_at ? { resolvedAt: r.resolved_at } : {}),
    ...(r.body_sealed ? { bodySealed: r.body_sealed } : {}),
  };
}

export class OutboxStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO outbox (item_id, kind, basket_id, request_id, after_item_id, body_sealed, state, created_at, gift_card_total_minor, currency, cards_masked, card_keys)
         VALUES (@itemId, @kind, @basketId, @requestId, @afterItemId, @bodySealed, 'PENDING', @createdAt, @giftCardTotalMinor, @currency, @cardsMasked, @cardKeys)`,
      ),
      due: db.prepare(
        `SELECT o.* FROM outbox o
          WHERE o.state = 'PENDING' AND o.next_attempt_ms <= ?
            AND (o.after_item_id IS NULL OR EXISTS (SELECT 1 FROM outbox c WHERE c.item_id = o.after_item_id AND c.state IN ('DELIVERED', 'FAILED')))
          ORDER BY o.seq LIMIT ?`,
      ),
      markInFlight: db.prepare(
        `UPDATE outbox SET state = 'IN_FLIGHT', attempts = attempts + 1 WHERE item_id = ? AND state = 'PENDING'`,
      ),
      delivered: db.prepare(
        `UPDATE outbox SET state = 'DELIVERED', body_sealed = NULL, transactions = ?, delivered_at = ?, last_error = ?, last_error_code = NULL, outcome_unknown = 0 WHERE item_id = ?`,
      ),
      failed: db.prepare(
        `UPDATE outbox SET state = 'FAILED', last_error = ?, last_error_code = ?, last_error_details = ?, defect = ?, outcome_unknown = 0 WHERE item_id = ?`,
      ),
      pending: db.prepare(
        `UPDATE outbox SET state = 'PENDING', last_error = ?, last_error_code = ?, outcome_unknown = ?, next_attempt_ms = ? WHERE item_id = ?`,
      ),
      resetInFlight: db.prepare(`UPDATE outbox SET state = 'PENDING' WHERE state = 'IN_FLIGHT'`),
      counts: db.prepare(
        `SELECT
           (SELECT count(*) FROM outbox WHERE state IN ('PENDING', 'IN_FLIGHT')) AS pending,
           (SELECT count(*) FROM outbox WHERE state = 'FAILED' AND resolution IS NULL) AS failed,
           (SELECT min(created_at) FROM outbox WHERE state IN ('PENDING', 'IN_FLIGHT')) AS oldest`,
      ),
      get: db.prepare(`SELECT * FROM outbox WHERE item_id = ?`),
      byRequest: db.prepare(`SELECT * FROM outbox WHERE request_id = ?`),
      nextDue: db.prepare(`SELECT min(next_attempt_ms) AS due FROM outbox WHERE state = 'PENDING'`),
      wakeAll: db.prepare(
        `UPDATE outbox SET next_attempt_ms = 0 WHERE state = 'PENDING' AND next_attempt_ms > 0`,
      ),
      retryNow: db.prepare(
        `UPDATE outbox SET state = 'PENDING', next_attempt_ms = 0 WHERE item_id = ? AND state IN ('PENDING', 'FAILED')`,
      ),
      resolve: db.prepare(`UPDATE outbox SET resolution = ?, resolved_at = ? WHERE item_id = ?`),
    };
  }

  /** Call inside the transaction that changes the basket. */
  insert(item: NewItem): void {
    this.s.insert.run({
      ...item,
      afterItemId: item.afterItemId ?? null,
      cardsMasked: JSON.stringify(item.cardsMasked),
      cardKeys: item.cardKeys.join(','),
    });
  }

  /**
   * Takes up to `limit` due items, oldest first, marking them IN_FLIGHT in one transaction.
   * Two items for the same card are never taken together, so the older always reaches Centegra first.
   */
  claim(nowMs: number, limit: number): OutboxItem[] {
    return this.db.transaction(() => {
      const rows = this.s.due.all(nowMs, limit * 4) as Row[];
      const taken: OutboxItem[] = [];
      const cards = new Set<string>();
      const baskets = new Set<string>();
      for (const row of rows) {
        if (taken.length >= limit) break;
        const keys = row.card_keys ? row.card_keys.split(',') : [];
        const clash = keys.some((k) => cards.has(k)) || baskets.has(row.basket_id);
        keys.forEach((k) => cards.add(k));
        baskets.add(row.basket_id);
        if (clash) continue;
        this.s.markInFlight.run(row.item_id);
        taken.push(toItem({ ...row, state: 'IN_FLIGHT', attempts: row.attempts + 1 }));
      }
      return taken;
    })();
  }

  /** Records what happened to a batch, in one transaction. */
  settle(settlements: readonly Settlement[]): void {
    this.db.transaction(() => {
      for (const s of settlements) {
        if (s.state === 'DELIVERED')
          this.s.delivered.run(JSON.stringify(s.transactions), s.at, s.note ?? null, s.itemId);
        else if (s.state === 'FAILED')
          this.s.failed.run(
            s.message,
            s.code,
            s.details ? JSON.stringify(s.details) : null,
            s.defect ? 1 : 0,
            s.itemId,
          );
        else this.s.pending.run(s.message, s.code, s.unknown ? 1 : 0, s.nextAttemptMs, s.itemId);
      }
    })();
  }

  /** After a crash or restart nothing is in flight: those items go again, with their requestIds. */
  resetInFlight(): number {
    return this.s.resetInFlight.run().changes;
  }

  summary(): { pending: number; failed: number; oldestPendingAt?: string } {
    const r = this.s.counts.get() as { pending: number; failed: number; oldest: string | null };
    return { pending: r.pending, failed: r.failed, ...(r.oldest ? { oldestPendingAt: r.oldest } : {}) };
  }

  get(itemId: string): OutboxItem | undefined {
    const row = this.s.get.get(itemId) as Row | undefined;
    return row ? toItem(row) : undefined;
  }

  byRequestId(requestId: string): OutboxItem | undefined {
    const row = this.s.byRequest.get(requestId) as Row | undefined;
    return row ? toItem(row) : undefined;
  }

  /** Newest first; the cursor is the seq of the last item of the previous page. */
  list(filter: { state?: ItemState; limit: number; beforeSeq?: number }): OutboxItem[] {
    const where: string[] = [];
    const args: Array<string | number> = [];
    if (filter.state) {
      where.push('state = ?');
      args.push(filter.state);
    }
    if (filter.beforeSeq !== undefined) {
      where.push('seq < ?');
      args.push(filter.beforeSeq);
    }
    const sql = `SELECT * FROM outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, filter.limit) as Row[]).map(toItem);
  }

  nextDueMs(): number | undefined {
    const r = this.s.nextDue.get() as { due: number | null };
    return r.due ?? undefined;
  }

  /** Centegra is back: everything waiting goes now rather than at its backoff time. */
  wakeAll(): number {
    return this.s.wakeAll.run().changes;
  }

  retryNow(itemId: string): boolean {
    return this.s.retryNow.run(itemId).changes === 1;
  }

  resolve(itemId: string, resolution: string, at: string): void {
    this.s.resolve.run(resolution, at, itemId);
  }
}

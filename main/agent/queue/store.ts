// The outbox in SQLite: every closure, void, refund and hold release the agent accepted, in order,
// with its state.
// The row is written in the same transaction as the basket's change (see sale/), so a closure
// the POS was told about always has its item; delivery bookkeeping is batched to spare fsyncs.
import type { GiftCardTransaction } from '../centegra';
import { withRelaxedDurability, type Db } from '../db';
import { settledItem } from './settled';

export type ItemKind = 'CLOSE' | 'VOID' | 'REFUND' | 'HOLD_RELEASE';
export type ItemState = 'PENDING' | 'IN_FLIGHT' | 'DELIVERED' | 'FAILED';

/** A Factor4 transaction as the agent keeps it: the card number masked. */
export type MaskedTransaction = Omit<GiftCardTransaction, 'cardNumber'> & { cardNumberMasked: string };

export interface OutboxItem {
  seq: number;
  itemId: string;
  kind: ItemKind;
  /** Empty for a top-up's void and a refund that names no basket. */
  basketId: string;
  requestId: string;
  afterItemId?: string;
  /** What a VOID or REFUND is about when it is not a basket's close. */
  topUpId?: string;
  refundId?: string;
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
  /** The request as JSON; its card numbers are sealed (see StoredClosure). Gone once delivered or settled. */
  body?: Buffer;
}

export interface NewItem {
  kind: ItemKind;
  basketId: string;
  requestId: string;
  afterItemId?: string;
  topUpId?: string;
  refundId?: string;
  body: Buffer;
  createdAt: string;
  giftCardTotalMinor: number;
  currency: string;
  cardsMasked: string[];
  /** Card fingerprints: two items for the same card are never in flight together. */
  cardKeys: string[];
  /** When it may first be sent (0: at once). Accepted while offline, it waits for Centegra to be back. */
  nextAttemptMs?: number;
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

/** What fleet metrics show of the queue (see OutboxStore.gauges). */
export interface QueueGauges {
  pending: number;
  inFlight: number;
  failed: number;
  /** When the oldest PENDING or IN_FLIGHT item was accepted; absent when none waits. */
  oldestWaitingAt?: string;
}

interface Row {
  seq: number;
  kind: ItemKind;
  basket_id: string;
  request_id: string;
  after_seq: number | null;
  body: Buffer | null;
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
  top_up_id: string | null;
  refund_id: string | null;
}

/** An item's id is its place in the outbox: itm_<seq>. */
export const itemIdOf = (seq: number): string => `itm_${seq}`;

export function seqOf(itemId: string): number | undefined {
  const m = /^itm_(\d{1,15})$/.exec(itemId);
  return m ? Number(m[1]) : undefined;
}

/** An item as claim hands it out: with its cards' fingerprints, which keep its card busy while it is sent. */
export type ClaimedItem = OutboxItem & { cardKeys: string[] };

const splitKeys = (cardKeys: string): string[] => (cardKeys ? cardKeys.split(',') : []);

/**
 * The row as an item. Built by assignment, not by spreading one small object per optional field:
 * every claimed item is made here, and the spreads were most of its cost. An absent column (NULL)
 * leaves its field out, as before.
 */
function toItem(r: Row): OutboxItem {
  const item: OutboxItem = {
    seq: r.seq,
    itemId: itemIdOf(r.seq),
    kind: r.kind,
    basketId: r.basket_id,
    requestId: r.request_id,
    state: r.state,
    createdAt: r.created_at,
    attempts: r.attempts,
    nextAttemptMs: r.next_attempt_ms,
    outcomeUnknown: r.outcome_unknown === 1,
    defect: r.defect === 1,
    giftCardTotalMinor: r.gift_card_total_minor,
    currency: r.currency,
    cardsMasked: JSON.parse(r.cards_masked) as string[],
  };
  if (r.after_seq !== null) item.afterItemId = itemIdOf(r.after_seq);
  if (r.top_up_id) item.topUpId = r.top_up_id;
  if (r.refund_id) item.refundId = r.refund_id;
  if (r.last_error) item.lastError = r.last_error;
  if (r.last_error_code) item.lastErrorCode = r.last_error_code;
  if (r.last_error_details)
    item.lastErrorDetails = JSON.parse(r.last_error_details) as Record<string, unknown>;
  if (r.transactions) item.transactions = JSON.parse(r.transactions) as MaskedTransaction[];
  if (r.delivered_at) item.deliveredAt = r.delivered_at;
  if (r.resolution) item.resolution = r.resolution;
  if (r.resolved_at) item.resolvedAt = r.resolved_at;
  if (r.body) item.body = r.body;
  return item;
}

export class OutboxStore {
  private readonly s;
  private readonly tx: (work: () => unknown) => unknown;
  private readonly deliveredListeners: Array<(item: { kind: ItemKind; basketId: string }) => void> = [];

  constructor(private readonly db: Db) {
    this.tx = db.transaction((work: () => unknown) => work());
    this.s = {
      insert: db.prepare(
        `INSERT INTO outbox (kind, basket_id, request_id, after_seq, body, state, created_at, next_attempt_ms, gift_card_total_minor, currency, cards_masked, card_keys, top_up_id, refund_id)
         VALUES (@kind, @basketId, @requestId, @afterSeq, @body, 'PENDING', @createdAt, @nextAttemptMs, @giftCardTotalMinor, @currency, @cardsMasked, @cardKeys, @topUpId, @refundId)`,
      ),
      // Only what choosing needs, oldest first straight off outbox_by_state (no sort, so it stops
      // as soon as enough are taken); the body is read only for an item taken, as it is marked.
      due: db.prepare(
        `SELECT o.seq, o.card_keys FROM outbox o INDEXED BY outbox_by_state
          WHERE o.state = 'PENDING' AND o.next_attempt_ms <= ?
            AND (o.after_seq IS NULL OR EXISTS (SELECT 1 FROM outbox c WHERE c.seq = o.after_seq AND c.state IN ('DELIVERED', 'FAILED')))
          ORDER BY o.seq LIMIT ?`,
      ),
      // The items chosen, marked in one statement (their seqs as a JSON array): one statement per
      // item cost ~8 us each here, most of it the call and its row, not SQLite's work.
      markInFlight: db.prepare(
        `UPDATE outbox SET state = 'IN_FLIGHT', attempts = attempts + 1
          WHERE seq IN (SELECT value FROM json_each(?)) AND state = 'PENDING' RETURNING *`,
      ),
      unclaim: db.prepare(
        `UPDATE outbox SET state = 'PENDING', attempts = attempts - 1 WHERE seq = ? AND state = 'IN_FLIGHT'`,
      ),
      delivered: db.prepare(
        `UPDATE outbox SET state = 'DELIVERED', body = NULL, transactions = ?, delivered_at = ?, last_error = ?, last_error_code = NULL, outcome_unknown = 0 WHERE seq = ?`,
      ),
      failed: db.prepare(
        `UPDATE outbox SET state = 'FAILED', last_error = ?, last_error_code = ?, last_error_details = ?, defect = ?, outcome_unknown = 0 WHERE seq = ?`,
      ),
      pending: db.prepare(
        `UPDATE outbox SET state = 'PENDING', last_error = ?, last_error_code = ?, outcome_unknown = ?, next_attempt_ms = ? WHERE seq = ?`,
      ),
      resetInFlight: db.prepare(`UPDATE outbox SET state = 'PENDING' WHERE state = 'IN_FLIGHT'`),
      inFlightKeys: db.prepare(`SELECT card_keys FROM outbox WHERE state = 'IN_FLIGHT'`),
      // Kept by triggers (migration 6); the oldest waiting item through outbox_by_state, twice.
      bucketCounts: db.prepare(`SELECT bucket, items FROM outbox_counts`),
      oldestWaiting: db.prepare(
        `SELECT created_at FROM outbox WHERE seq = (SELECT min(seq) FROM (
           SELECT min(seq) AS seq FROM outbox WHERE state = 'PENDING'
           UNION ALL SELECT min(seq) FROM outbox WHERE state = 'IN_FLIGHT'))`,
      ),
      get: db.prepare(`SELECT * FROM outbox WHERE seq = ?`),
      whatFor: db.prepare(`SELECT kind, basket_id FROM outbox WHERE seq = ?`),
      // Named: without statistics SQLite picks outbox_by_state and reads every pending row.
      nextDue: db.prepare(
        `SELECT min(next_attempt_ms) AS due FROM outbox INDEXED BY outbox_pending_due WHERE state = 'PENDING'`,
      ),
      sliceEnd: db.prepare(
        `SELECT max(seq) AS last, count(*) AS n FROM (SELECT seq FROM outbox WHERE state = 'PENDING' AND seq > ? ORDER BY seq LIMIT ?)`,
      ),
      wakeRange: db.prepare(
        `UPDATE outbox SET next_attempt_ms = 0 WHERE state = 'PENDING' AND seq > ? AND seq <= ? AND next_attempt_ms > 0`,
      ),
      retryNow: db.prepare(
        `UPDATE outbox SET state = 'PENDING', next_attempt_ms = 0 WHERE seq = ? AND state IN ('PENDING', 'FAILED')`,
      ),
      // Settled without Centegra: never sent again, so its sealed cards go in the same change.
      resolve: db.prepare(`UPDATE outbox SET resolution = ?, resolved_at = ?, body = NULL WHERE seq = ?`),
      dropBody: db.prepare(`UPDATE outbox SET body = NULL WHERE seq = ? AND state = 'FAILED'`),
      pruneItems: db.prepare(`DELETE FROM outbox WHERE state = 'DELIVERED' AND delivered_at < ?`),
      pruneBaskets: db.prepare(
        `DELETE FROM baskets WHERE state IN ('CLOSED', 'VOIDED') AND updated_at < ?
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.basket_id = baskets.basket_id)`,
      ),
    };
  }

  /** Call inside the transaction that changes the basket. Answers the new item's id. */
  insert(item: NewItem): string {
    const r = this.s.insert.run({
      kind: item.kind,
      basketId: item.basketId,
      requestId: item.requestId,
      afterSeq: item.afterItemId !== undefined ? (seqOf(item.afterItemId) ?? null) : null,
      body: item.body,
      createdAt: item.createdAt,
      nextAttemptMs: item.nextAttemptMs ?? 0,
      giftCardTotalMinor: item.giftCardTotalMinor,
      currency: item.currency,
      cardsMasked: JSON.stringify(item.cardsMasked),
      cardKeys: item.cardKeys.join(','),
      topUpId: item.topUpId ?? null,
      refundId: item.refundId ?? null,
    });
    return itemIdOf(Number(r.lastInsertRowid));
  }

  /**
   * Takes up to `limit` due items, oldest first, marking them IN_FLIGHT in one transaction.
   * Two items for the same card are never taken together, so the older always reaches Centegra first.
   * `busyCards`: the cards of items in flight (and any the sender keeps back); read from the
   * IN_FLIGHT rows when not given.
   */
  claim(nowMs: number, limit: number, busyCards?: ReadonlySet<string>): ClaimedItem[] {
    // IN_FLIGHT is bookkeeping: a restart turns it back to PENDING anyway, so it is not fsync'd.
    return withRelaxedDurability(this.db, () =>
      this.tx(() => this.take(nowMs, limit, busyCards)),
    ) as ClaimedItem[];
  }

  /**
   * Records what happened to items sent (as settle), gives back items claimed but not sent
   * (PENDING again, the attempt not counted), and takes the next due ones (as claim), in one
   * transaction: a sender with a window of requests in flight exchanges the finished for new ones.
   * Answers each settled item as written, without reading it again.
   */
  exchange(
    done: ReadonlyArray<{ item: OutboxItem; settlement: Settlement }>,
    claim: { nowMs: number; limit: number; busyCards: ReadonlySet<string> },
    unsent: ReadonlyArray<OutboxItem> = [],
  ): { settled: OutboxItem[]; claimed: ClaimedItem[] } {
    return withRelaxedDurability(this.db, () =>
      this.tx(() => {
        const settled = done.map(({ item, settlement }) => {
          this.write(settlement, item);
          return settledItem(item, settlement);
        });
        for (const item of unsent) this.s.unclaim.run(item.seq);
        return { settled, claimed: this.take(claim.nowMs, claim.limit, claim.busyCards) };
      }),
    ) as { settled: OutboxItem[]; claimed: ClaimedItem[] };
  }

  /**
   * Told, inside the transaction that records an item delivered, what it was for: what kept the
   * cards for it (a basket's tenders) forgets them in the same change.
   */
  onDelivered(listener: (item: { kind: ItemKind; basketId: string }) => void): void {
    this.deliveredListeners.push(listener);
  }

  /** Records what happened to a batch, in one transaction. */
  settle(settlements: readonly Settlement[]): void {
    // Lost to a power cut, a settlement is redone: the item is sent again with its requestId and
    // Centegra replays its first answer. So this is not fsync'd either.
    withRelaxedDurability(this.db, () => this.tx(() => settlements.forEach((s) => this.write(s))));
  }

  /** Inside a transaction: the due items to send, read in seq order until `limit` are taken. */
  private take(nowMs: number, limit: number, busyCards: ReadonlySet<string> | undefined): ClaimedItem[] {
    // Cards already in flight are busy; so are those of an older item passed over, so a newer
    // item never overtakes it.
    const cards = new Set<string>(
      busyCards ??
        (this.s.inFlightKeys.all() as Array<{ card_keys: string }>).flatMap((r) => splitKeys(r.card_keys)),
    );
    const chosen: Array<{ seq: number; cardKeys: string[] }> = [];
    if (limit <= 0) return [];
    // Candidates are read one at a time and no further than needed; a run of clashing items stops
    // the look at `limit * 4` (at least 64), as a batch did.
    for (const row of this.s.due.iterate(nowMs, Math.max(64, limit * 4)) as IterableIterator<{
      seq: number;
      card_keys: string;
    }>) {
      const keys = splitKeys(row.card_keys);
      const clash = keys.some((k) => cards.has(k));
      keys.forEach((k) => cards.add(k));
      if (!clash && chosen.push({ seq: row.seq, cardKeys: keys }) >= limit) break;
    }
    if (chosen.length === 0) return [];
    // RETURNING hands the rows back in no promised order: matched to the chosen, oldest first.
    const rows = (this.s.markInFlight.all(JSON.stringify(chosen.map((c) => c.seq))) as Row[]).sort(
      (a, b) => a.seq - b.seq,
    );
    const taken: ClaimedItem[] = [];
    let next = 0;
    for (const { seq, cardKeys } of chosen) {
      const row = rows[next];
      if (row?.seq !== seq) continue; // no longer PENDING (settled meanwhile): not taken
      next++;
      const item = toItem(row) as ClaimedItem;
      item.cardKeys = cardKeys;
      taken.push(item);
    }
    return taken;
  }

  /** Inside a transaction: one item's settlement. `item` (as claimed) saves looking up what it was for. */
  private write(s: Settlement, item?: Pick<OutboxItem, 'seq' | 'kind' | 'basketId'>): void {
    const seq = item ? item.seq : seqOf(s.itemId);
    if (s.state === 'DELIVERED') {
      this.s.delivered.run(JSON.stringify(s.transactions), s.at, s.note ?? null, seq);
      if (this.deliveredListeners.length > 0) {
        const r = item ?? this.whatFor(seq);
        if (r) for (const l of this.deliveredListeners) l({ kind: r.kind, basketId: r.basketId });
      }
    } else if (s.state === 'FAILED')
      this.s.failed.run(
        s.message,
        s.code,
        s.details ? JSON.stringify(s.details) : null,
        s.defect ? 1 : 0,
        seq,
      );
    else this.s.pending.run(s.message, s.code, s.unknown ? 1 : 0, s.nextAttemptMs, seq);
  }

  private whatFor(seq: number | undefined): { kind: ItemKind; basketId: string } | undefined {
    const r = this.s.whatFor.get(seq) as { kind: ItemKind; basket_id: string } | undefined;
    return r && { kind: r.kind, basketId: r.basket_id };
  }

  /** After a crash or restart nothing is in flight: those items go again, with their requestIds. */
  resetInFlight(): number {
    return this.s.resetInFlight.run().changes;
  }

  /**
   * The counts the POS, the screens and health show: from the triggers' counts (as gauges), not by
   * counting the queue, which read every waiting item on each call (~0.5 ms with 10,000 queued,
   * several times a second while a drain is announced).
   */
  summary(): { pending: number; failed: number; oldestPendingAt?: string } {
    const g = this.gauges();
    return {
      pending: g.pending + g.inFlight,
      failed: g.failed,
      ...(g.oldestWaitingAt ? { oldestPendingAt: g.oldestWaitingAt } : {}),
    };
  }

  /**
   * The queue's size by state for metrics, without reading the queue: PENDING, IN_FLIGHT, and
   * FAILED items no manager has resolved; and when the oldest item still to be sent was accepted.
   */
  gauges(): QueueGauges {
    const counts = { PENDING: 0, IN_FLIGHT: 0, FAILED: 0 };
    for (const r of this.s.bucketCounts.all() as Array<{ bucket: keyof typeof counts; items: number }>)
      counts[r.bucket] = r.items;
    const oldest = this.s.oldestWaiting.get() as { created_at: string } | undefined;
    return {
      pending: counts.PENDING,
      inFlight: counts.IN_FLIGHT,
      failed: counts.FAILED,
      ...(oldest ? { oldestWaitingAt: oldest.created_at } : {}),
    };
  }

  get(itemId: string): OutboxItem | undefined {
    const seq = seqOf(itemId);
    const row = seq === undefined ? undefined : (this.s.get.get(seq) as Row | undefined);
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

  /**
   * Centegra is back: what waits goes now rather than at its backoff time, a slice at a time, oldest
   * first: the pending items after `afterSeq`, up to `limit` of them. One UPDATE of a long queue held
   * the event loop (550 ms for 100,000 items); the caller walks the slices between other work.
   */
  wakeSlice(afterSeq: number, limit: number): { lastSeq: number; woken: number; full: boolean } {
    const { last, n } = this.s.sliceEnd.get(afterSeq, limit) as { last: number | null; n: number };
    if (last === null) return { lastSeq: afterSeq, woken: 0, full: false };
    // Bookkeeping of when to try, not of what was sent: no need to wait for the disk.
    const woken = withRelaxedDurability(this.db, () => this.s.wakeRange.run(afterSeq, last).changes);
    return { lastSeq: last, woken, full: n === limit };
  }

  retryNow(itemId: string): boolean {
    return this.s.retryNow.run(seqOf(itemId) ?? -1).changes === 1;
  }

  /** Removes delivered items (and their finished baskets) older than `before`. */
  prune(before: string): number {
    const removed = this.tx(() => {
      const items = this.s.pruneItems.run(before).changes;
      this.s.pruneBaskets.run(before);
      return items;
    }) as number;
    // The WAL keeps old page images (sealed cards dropped since) until they are overwritten:
    // emptied once a day, none outlives a day there.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return removed;
  }

  /** Settled by hand (a manager, or the till at once): its request and sealed cards go with it. */
  resolve(itemId: string, resolution: string, at: string): void {
    this.s.resolve.run(resolution, at, seqOf(itemId) ?? -1);
  }

  /** A refused item that will never be sent (its sale was voided): its sealed cards go. */
  dropBody(itemId: string): void {
    this.s.dropBody.run(seqOf(itemId) ?? -1);
  }
}

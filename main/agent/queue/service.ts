// The queue as the POS, the screens and the manager see it: pages of items, a retry, a manager's
// settlement, the counts (with how far a drain after an outage has got), announced a few times a
// second at most; and its upkeep: brought forward when Centegra is back, pruned daily.
import { fail, ok, type Handlers, type QueueItem, type Result } from '../contract';
import type { Storage } from '../db';
import type { EventInput } from '../events';
import type { Logger } from '../logger';
import type { DeliveryWorker } from './delivery';
import type { ItemState, OutboxItem, OutboxStore } from './store';

export interface QueueServiceDeps {
  outbox: OutboxStore;
  delivery: DeliveryWorker;
  storage: Storage;
  emit(event: EventInput): void;
  /** Whether Centegra Plus answered lately (the link's state). */
  online(): boolean;
  retentionDays: number;
  /** How long after start-up the first prune waits (FIRST_PRUNE_DELAY_MS; tests shorten it). */
  firstPruneDelayMs?: number;
  log: Logger;
  now(): Date;
}

export type QueueSummary = ReturnType<OutboxStore['summary']> & { sending?: { sent: number; of: number } };

/** A new item waits this long for Centegra to come back (the link wakes the queue) rather than failing at once. */
const OFFLINE_HOLD_MS = 60_000;
/** Queued items brought forward at a time when Centegra comes back (see wake). */
const WAKE_SLICE = 2000;
const ANNOUNCE_EVERY_MS = 200;
/**
 * The first prune waits out start-up: it ends with a WAL checkpoint (wal_checkpoint(TRUNCATE)),
 * which with 100,000 queued blocked the first answers to the POS for ~140 ms when it ran at once.
 */
export const FIRST_PRUNE_DELAY_MS = 60_000;

export class QueueService {
  private announceTimer: NodeJS.Timeout | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;
  private closed = false;

  /** What the POS asks of the queue. */
  readonly handlers: Handlers<'listQueue' | 'retryQueueItem'> = {
    listQueue: async (input) => this.list(input),
    retryQueueItem: async (input) => this.retry(input.itemId),
  };

  private readonly resolvedListeners: Array<(item: OutboxItem) => void> = [];

  constructor(private readonly deps: QueueServiceDeps) {}

  /**
   * Told, inside the transaction that records a manager's settlement, of the item settled: what
   * kept the sale's cards for it (the basket's tenders) forgets them in the same change.
   */
  onResolved(listener: (item: OutboxItem) => void): void {
    this.resolvedListeners.push(listener);
  }

  item(itemId: string): OutboxItem | undefined {
    return this.deps.outbox.get(itemId);
  }

  /** Newest first, a page at a time; `cursor` is the previous page's nextCursor. */
  list(input: {
    state?: ItemState;
    limit: number;
    cursor?: string;
  }): Result<{ items: QueueItem[]; nextCursor?: string }> {
    const beforeSeq = input.cursor !== undefined ? Number(input.cursor) : undefined;
    if (beforeSeq !== undefined && !Number.isInteger(beforeSeq))
      return fail('BAD_REQUEST', 'cursor: use the nextCursor of the previous page.');
    const rows = this.deps.outbox.list({ state: input.state, limit: input.limit + 1, beforeSeq });
    const items = rows.slice(0, input.limit).map(queueItemView);
    const last = rows.length > input.limit ? rows[input.limit - 1] : undefined;
    return ok({ items, ...(last ? { nextCursor: String(last.seq) } : {}) });
  }

  /** Every item in a state (or all), newest first, for an export. */
  all(state?: ItemState): OutboxItem[] {
    return this.deps.outbox.list({ state, limit: 100_000 });
  }

  retry(itemId: string): Result<QueueItem> {
    const item = this.deps.outbox.get(itemId);
    if (!item) return fail('NOT_FOUND', `There is no queued item ${itemId}.`);
    if (item.state === 'DELIVERED')
      return fail('BAD_REQUEST', 'This item was already delivered; there is nothing to send.');
    if (item.resolution) {
      // Money was already collected (or written off) for it: sending it again could charge the card too.
      return fail(
        'BAD_REQUEST',
        `This sale was already settled by a manager (${item.resolution}); it is not sent again.`,
      );
    }
    if (item.state === 'FAILED' && !item.body)
      return fail('BAD_REQUEST', 'This sale was voided after it was refused; there is nothing to send.');
    if (item.state === 'PENDING' || item.state === 'FAILED') {
      const r = this.deps.storage.write(() => {
        this.deps.outbox.retryNow(itemId);
        return ok(undefined);
      });
      if (!r.ok) return r;
      this.deps.delivery.wake();
    }
    return ok(queueItemView(this.deps.outbox.get(itemId)!));
  }

  /** A manager settled an item that did not go through: collected from the customer, or written off. */
  resolve(
    itemId: string,
    resolution: 'COLLECTED' | 'WRITTEN_OFF',
    note: string | undefined,
  ): Result<QueueItem> {
    const item = this.deps.outbox.get(itemId);
    if (!item) return fail('NOT_FOUND', `There is no queued item ${itemId}.`);
    if (item.state !== 'FAILED')
      return fail(
        'BAD_REQUEST',
        'Only an item that did not go through can be marked as collected or written off.',
      );
    const words = resolution === 'COLLECTED' ? 'collected from the customer' : 'written off';
    const written = this.deps.storage.write(() => {
      this.deps.outbox.resolve(
        itemId,
        `${resolution}: ${words}${note ? ` (${note})` : ''}`,
        this.deps.now().toISOString(),
      );
      for (const listener of this.resolvedListeners) listener(item);
      return ok(undefined);
    });
    if (!written.ok) return written;
    this.announce();
    return ok(queueItemView(this.deps.outbox.get(itemId)!));
  }

  /** The queue's counts, and while it drains after an outage, how far it has got. */
  summary(): QueueSummary {
    const summary = this.deps.outbox.summary();
    const progress = this.deps.delivery.drainProgress();
    return progress && summary.pending + progress.sent > 1
      ? { ...summary, sending: { sent: progress.sent, of: progress.sent + summary.pending } }
      : summary;
  }

  /** Tells subscribers the queue's counts; at most a few times a second, however busy the till. */
  announce(): void {
    if (this.announceTimer || this.closed) return;
    this.announceTimer = setTimeout(() => {
      this.announceTimer = undefined;
      this.deps.emit({ type: 'queue', data: this.summary() });
    }, ANNOUNCE_EVERY_MS);
    this.announceTimer.unref();
  }

  /** When a new item is first tried: at once, or once Centegra is back when it is known to be away. */
  firstAttemptMs(): number {
    return this.deps.online() ? 0 : this.deps.now().getTime() + OFFLINE_HOLD_MS;
  }

  /**
   * Centegra is back: what waited goes now, not at its next backoff time. Oldest first, a slice at
   * a time between other work (a POS request, the drain itself), so a long queue holds nothing up;
   * the drain starts with the first slice.
   */
  wake(afterSeq = 0): void {
    if (this.closed) return;
    try {
      const slice = this.deps.outbox.wakeSlice(afterSeq, WAKE_SLICE);
      this.deps.delivery.wake();
      if (slice.full) setImmediate(() => this.wake(slice.lastSeq));
    } catch (e) {
      this.deps.log.warn(
        { err: (e as Error).message },
        'could not bring the queue forward; it goes at its own times',
      );
      this.deps.delivery.wake();
    }
  }

  /**
   * Prunes a minute after start-up (FIRST_PRUNE_DELAY_MS: the POS is answered first, and the
   * first sales of the day are not held up by it), then daily. Calling it again does nothing.
   */
  startPruning(): void {
    if (this.closed || this.pruneTimer) return;
    this.pruneTimer = setTimeout(() => this.prune(), this.deps.firstPruneDelayMs ?? FIRST_PRUNE_DELAY_MS);
    this.pruneTimer.unref();
  }

  /** Delivered sales older than the retention period go (only masked data was left); now, then daily. */
  prune(): void {
    try {
      const days = this.deps.retentionDays;
      const removed = this.deps.outbox.prune(
        new Date(this.deps.now().getTime() - days * 86_400_000).toISOString(),
      );
      if (removed > 0)
        this.deps.log.info({ removed, days }, 'pruned delivered sales past the retention period');
    } catch (e) {
      this.deps.log.warn({ err: (e as Error).message }, 'could not prune old sales');
    }
    if (this.closed) return;
    this.pruneTimer = setTimeout(() => this.prune(), 86_400_000);
    this.pruneTimer.unref();
  }

  /** Stops its timers; the agent calls this before closing the database. */
  close(): void {
    this.closed = true;
    if (this.announceTimer) clearTimeout(this.announceTimer);
    if (this.pruneTimer) clearTimeout(this.pruneTimer);
    this.announceTimer = undefined;
    this.pruneTimer = undefined;
  }
}

export function queueItemView(item: OutboxItem): QueueItem {
  return {
    itemId: item.itemId,
    basketId: item.basketId,
    kind: item.kind,
    ...(item.topUpId ? { topUpId: item.topUpId } : {}),
    ...(item.refundId ? { refundId: item.refundId } : {}),
    state: item.state,
    createdAt: item.createdAt,
    attempts: item.attempts,
    ...(item.state === 'PENDING' && item.nextAttemptMs > 0
      ? { nextAttemptAt: new Date(item.nextAttemptMs).toISOString() }
      : {}),
    ...(item.lastError ? { lastError: item.lastError } : {}),
    giftCardTotalMinor: item.giftCardTotalMinor,
    cardNumbersMasked: item.cardsMasked,
    currency: item.currency,
    ...(item.lastErrorCode ? { lastErrorCode: item.lastErrorCode } : {}),
    outcomeUnknown: item.outcomeUnknown,
    defect: item.defect,
    ...(item.transactions ? { transactions: item.transactions } : {}),
    ...(item.deliveredAt ? { deliveredAt: item.deliveredAt } : {}),
    ...(item.resolution ? { resolution: item.resolution } : {}),
  };
}

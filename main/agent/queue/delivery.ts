// Sends the outbox to Centegra Plus (closes, voids, refunds, hold releases): oldest first, a window
// of requests in flight (one starts as soon as one ends; never two for one card), each item with the
// same requestId on every attempt. Definite answers settle the item; anything else (network,
// timeouts, 5xx, the key switched off) puts it back with a later attempt time.
import { EventEmitter } from 'node:events';
import { maskCardNumber } from '../cards';
import type {
  CardRef,
  Centegra,
  CentegraResult,
  Closure,
  GiftCardTransaction,
  RefundRequest,
} from '../centegra';
import type { Logger } from '../logger';
import { cardContext, type Vault } from '../vault';
import { classify } from './outcome';
import type { RetryPolicy } from './retry';
import type { ClaimedItem, MaskedTransaction, OutboxItem, OutboxStore, Settlement } from './store';

export interface VoidBody {
  requestId: string;
  originalRequestId: string;
}

/** A refund as the outbox keeps it: the card sealed (bound to the refund) until the moment it is sent. */
export interface StoredRefund {
  requestId: string;
  refundId: string;
  cardSealed: string;
  amountMinor: number;
  currency: string;
  originalRequestId?: string;
  reason?: string;
}

/** A hold to give back to the card. */
export interface HoldReleaseBody {
  requestId: string;
  holdId: string;
}

/**
 * A closure as the outbox keeps it: everything in clear but each gift card, which stays sealed
 * (as the tender sealed it, bound to its basket and tender) until the moment it is sent.
 * Accepting a close costs no cryptography.
 */
export type StoredClosure = Omit<Closure, 'tenders'> & {
  tenders: Array<
    | { kind: 'GIFT_CARD'; amountMinor: number; tenderId: string; cardSealed: string; holdId?: string }
    | { kind: 'CARD' | 'CASH' | 'OTHER'; amountMinor: number }
  >;
};

/**
 * The closure with its cards opened, for the outbox row of basket `basketId`: a card sealed for
 * another basket (copied into this row) does not open, and nothing is sent.
 */
export function openClosure(stored: StoredClosure, vault: Vault, basketId: string): Closure {
  if (stored.basketId !== basketId)
    throw new Error(`the queued closure names basket ${stored.basketId}, not its own ${basketId}`);
  return {
    ...stored,
    tenders: stored.tenders.map((t) =>
      t.kind === 'GIFT_CARD'
        ? {
            kind: t.kind,
            amountMinor: t.amountMinor,
            card: vault.openJson<CardRef>(
              Buffer.from(t.cardSealed, 'base64'),
              cardContext.tender(basketId, t.tenderId),
            ),
            ...(t.holdId ? { holdId: t.holdId } : {}),
          }
        : t,
    ),
  };
}

/** The refund with its card opened, for the outbox row of refund `refundId` (see openClosure). */
export function openRefund(stored: StoredRefund, vault: Vault, refundId: string): RefundRequest {
  if (stored.refundId !== refundId)
    throw new Error(`the queued refund names refund ${stored.refundId}, not its own ${refundId}`);
  const { cardSealed, ...rest } = stored;
  return {
    ...rest,
    card: vault.openJson<CardRef>(Buffer.from(cardSealed, 'base64'), cardContext.refund(refundId)),
  };
}

export interface DeliveryOptions {
  store: OutboxStore;
  centegra: Centegra;
  vault: Vault;
  log: Logger;
  retry: RetryPolicy;
  /**
   * Requests in flight at once: a sliding window, not batches; a new one starts as soon as one
   * ends, so a slow answer holds up only its own card. 8 by default: as many as the Centegra
   * client's connections, so every request in the window is on the wire (a till opens no more
   * than 8 connections to Centegra however long its queue).
   */
  window?: number;
  nowMs?: () => number;
  /**
   * Whether Centegra Plus is reachable as far as the link knows. While it is not, a pass that met
   * only failures is the last until the link says ONLINE (the agent wakes the worker then) or
   * OFFLINE_RECHECK_MS has passed: an outage is not a reason to try every item in the queue once.
   */
  online?: () => boolean;
  /** Sends nothing until release(): wake() only remembers it was asked. */
  held?: boolean;
  /** Told of the items settled together (those answered in one turn), so the agent can emit `queue` events and follow the link. */
  onSettled?: (settled: Array<{ item: OutboxItem; settlement: Settlement; result: SendResult }>) => void;
}

/** What one send came to: Centegra's answer, or a local failure (the body cannot be opened), or nothing to send. */
export type SendResult = CentegraResult<GiftCardTransaction[]> | { local: string } | { skip: string };

export function maskTransactions(transactions: GiftCardTransaction[]): MaskedTransaction[] {
  return transactions.map((t) => ({
    cardNumberMasked: maskCardNumber(t.cardNumber),
    kind: t.kind,
    amountMinor: t.amountMinor,
    currency: t.currency,
    transactionId: t.transactionId,
    ...(t.approvalCode ? { approvalCode: t.approvalCode } : {}),
    balanceAfterMinor: t.balanceAfterMinor,
  }));
}

/** An answered item with what it came to: as claimed until recorded, then as written. */
type Settled = { item: OutboxItem; settlement: Settlement; result: SendResult };

/** Requests in flight at once unless DeliveryOptions.window says otherwise (see there). */
export const DELIVERY_WINDOW = 8;

/**
 * Items claimed ahead, in windows (in flight and in reserve together). Each transaction that
 * records answers and tops the reserve up has a cost of its own (the transaction, its commit to
 * the WAL, choosing the next items): claimed 3 windows ahead it served ~12 answers, claimed 6
 * ahead ~40, ~4 us less per item in the store alone, and the drain ~9% quicker (bench 'drain').
 */
const CLAIM_AHEAD = 6;

/**
 * An answer waits at most this long to be recorded (and told) while the reserve is still deep:
 * when Centegra is slow, a transaction per few answers costs nothing that matters.
 */
const RECORD_WITHIN_MS = 25;

/** While the link is down, the worker looks again this often even if the link never says ONLINE. */
export const OFFLINE_RECHECK_MS = 60_000;

export class DeliveryWorker {
  private readonly settledEvents = new EventEmitter();
  private running = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private loop: Promise<void> | undefined;
  private wakeRequested = false;

  constructor(private readonly options: DeliveryOptions) {
    this.held = options.held ?? false;
    this.settledEvents.setMaxListeners(0);
  }

  /** Items left IN_FLIGHT by a crash go again first; then the queue drains. */
  start(): void {
    const reset = this.options.store.resetInFlight();
    if (reset > 0)
      this.options.log.warn(
        { items: reset },
        'items in flight at the last stop are pending again (same request ids)',
      );
    this.wake();
  }

  private held: boolean;

  /** Lets a worker created held go, and runs a pass now. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    this.wake();
  }

  /** Run a pass now (a new item, Centegra back, a manager's Retry now). */
  wake(): void {
    if (this.stopped || this.held) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.running = true;
    this.loop = this.drain().finally(() => {
      this.running = false;
      if (this.wakeRequested && !this.stopped) {
        this.wakeRequested = false;
        this.wake();
      } else this.scheduleNext();
    });
  }

  /** Resolves when the item is DELIVERED or FAILED, or with its current state after `ms`. */
  waitForSettled(itemId: string, ms: number): Promise<OutboxItem | undefined> {
    return new Promise((resolve) => {
      const done = (item: OutboxItem | undefined) => {
        clearTimeout(timer);
        this.settledEvents.off(itemId, onSettled);
        resolve(item);
      };
      const onSettled = (item: OutboxItem) => {
        if (item.state === 'DELIVERED' || item.state === 'FAILED') done(item);
      };
      const timer = setTimeout(() => done(this.options.store.get(itemId)), ms);
      this.settledEvents.on(itemId, onSettled);
      const now = this.options.store.get(itemId);
      if (now && (now.state === 'DELIVERED' || now.state === 'FAILED')) done(now);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.loop?.catch(() => undefined);
  }

  private now(): number {
    return (this.options.nowMs ?? Date.now)();
  }

  /** Not before this time (Centegra's last Retry-After), whatever the items' own attempt times. */
  private holdUntilMs = 0;

  private scheduleNext(): void {
    if (this.stopped) return;
    const due = this.options.store.nextDueMs();
    if (due === undefined) return;
    const offline = this.options.online ? !this.options.online() : false;
    const delay = offline
      ? OFFLINE_RECHECK_MS
      : Math.max(0, Math.min(Math.max(due, this.holdUntilMs) - this.now(), 60_000));
    this.timer = setTimeout(() => this.wake(), delay);
    this.timer.unref();
  }

  /** Items settled since the current drain began, while one runs ("Sending 120 of 500"). */
  private sentThisDrain: number | undefined;

  drainProgress(): { sent: number } | undefined {
    return this.sentThisDrain === undefined ? undefined : { sent: this.sentThisDrain };
  }

  /**
   * Keeps `window` requests in flight until nothing due is left: as one ends the next starts, from
   * a reserve claimed ahead (CLAIM_AHEAD windows in all, in flight and in reserve). The answers are
   * recorded, and the reserve topped up, in one transaction once it is down to half a window (or an
   * answer has waited RECORD_WITHIN_MS), so a transaction (and its writes to the file) serves
   * several windows of answers when Centegra is quick, not each one. A card is busy
   * while its item is in flight or in reserve, and while an item put back for a retry waits, so a
   * newer item for the card never overtakes an older one.
   */
  private async drain(): Promise<void> {
    const window = this.options.window ?? DELIVERY_WINDOW;
    const inFlight = new Map<string, string[]>(); // itemId -> its cards
    const reserve: ClaimedItem[] = [];
    const waiting = new Map<string, number>(); // card -> when its put-back item is due
    const answered: Array<{ item: ClaimedItem; result: SendResult | { thrown: string } }> = [];
    let onAnswer: (() => void) | undefined;
    let done: Settled[] = [];
    // Set once the oldest answer in `done` has waited RECORD_WITHIN_MS; wakes the loop if nothing else does.
    let recordBy: NodeJS.Timeout | undefined;
    let recordDue = false;
    let failuresInRow = 0;
    let refill = true;
    for (;;) {
      const go = refill && !this.stopped && this.now() >= this.holdUntilMs;
      const unsent = go ? [] : reserve.splice(0);
      let recorded: Settled[] = [];
      const recordNow = recordDue && done.length > 0;
      if (unsent.length > 0 || ((reserve.length <= window / 2 || recordNow) && (go || done.length > 0))) {
        const limit = go ? CLAIM_AHEAD * window - inFlight.size - reserve.length : 0;
        const busy = this.busyCards([...inFlight.values(), ...reserve.map((r) => r.cardKeys)], waiting);
        const exchanged = this.exchange(done, limit, busy, unsent);
        done = [];
        clearTimeout(recordBy);
        recordBy = undefined;
        recordDue = false;
        if (!exchanged) refill = false;
        else {
          recorded = exchanged.settled;
          if (exchanged.claimed.length > 0) {
            this.sentThisDrain ??= 0;
            reserve.push(...exchanged.claimed);
            reserve.sort((x, y) => x.seq - y.seq);
          } else if (go && inFlight.size === 0 && reserve.length === 0) this.sentThisDrain = undefined;
        }
      }
      while (go && refill && inFlight.size < window && reserve.length > 0) {
        const item = reserve.shift()!;
        inFlight.set(item.itemId, item.cardKeys);
        void this.send(item).then(
          (result) => {
            answered.push({ item, result });
            onAnswer?.();
          },
          (e: unknown) => {
            answered.push({ item, result: { thrown: (e as Error).message } });
            onAnswer?.();
          },
        );
      }
      // What the agent does on a delivery (events, the baskets announced again, holds captured) once
      // the next requests are on the wire, not between an answer and the request that replaces it.
      if (recorded.length > 0) this.tell(recorded);
      if (inFlight.size === 0 && reserve.length === 0 && done.length === 0) return;
      if (inFlight.size === 0) continue; // what is left to record or give back, at once
      if (answered.length === 0) await new Promise<void>((resolve) => (onAnswer = resolve));
      onAnswer = undefined;
      // Whatever else is answered in this turn is recorded with it.
      await new Promise((resolve) => setImmediate(resolve));
      for (const { item, result } of answered.splice(0)) {
        inFlight.delete(item.itemId);
        if ('thrown' in result) {
          // Nothing to record: it stays IN_FLIGHT (sent again after a restart), its card kept busy.
          this.options.log.error({ itemId: item.itemId, err: result.thrown }, 'sending a queued item failed');
          for (const k of item.cardKeys) waiting.set(k, Infinity);
          refill = false;
          continue;
        }
        const settlement = this.settlementFor(item, result);
        if (settlement.state === 'PENDING') {
          failuresInRow++;
          for (const k of item.cardKeys) waiting.set(k, settlement.nextAttemptMs);
        } else failuresInRow = 0;
        if (done.length === 0) {
          recordBy = setTimeout(() => {
            recordDue = true;
            onAnswer?.();
          }, RECORD_WITHIN_MS);
          recordBy.unref();
        }
        done.push({ item, settlement, result });
      }
      // As many failures in a row as the window holds: an outage is not a reason to try every item
      // in the queue once; the timer (or the link coming back) takes the next pass.
      if (failuresInRow >= window) refill = false;
    }
  }

  /** Cards not to send for now: those in flight or in reserve, and those whose put-back item is not yet due. */
  private busyCards(taken: string[][], waiting: Map<string, number>): Set<string> {
    const busy = new Set<string>();
    for (const keys of taken) for (const k of keys) busy.add(k);
    const now = this.now();
    for (const [k, dueMs] of waiting) {
      if (dueMs <= now) waiting.delete(k);
      else busy.add(k);
    }
    return busy;
  }

  /**
   * Records the answered items, gives back the unsent and claims up to `limit` more, in one
   * transaction: the claimed, and the settled as written (for tell). Undefined when that could not
   * be written.
   */
  private exchange(
    done: Settled[],
    limit: number,
    busyCards: ReadonlySet<string>,
    unsent: ClaimedItem[],
  ): { claimed: ClaimedItem[]; settled: Settled[] } | undefined {
    let exchanged: ReturnType<OutboxStore['exchange']>;
    try {
      exchanged = this.options.store.exchange(done, { nowMs: this.now(), limit, busyCards }, unsent);
    } catch (e) {
      // The answers are lost to us, not to Centegra: the items are sent again with the same requestIds.
      this.options.log.error(
        { err: (e as Error).message },
        'could not record delivery results; the items will be sent again',
      );
      return undefined;
    }
    const settled: Settled[] = [];
    let sent = 0;
    for (let i = 0; i < done.length; i++) {
      const { settlement, result } = done[i]!;
      settled.push({ item: exchanged.settled[i]!, settlement, result });
      if (settlement.state !== 'PENDING') sent++;
    }
    if (this.sentThisDrain !== undefined) this.sentThisDrain += sent;
    return { claimed: exchanged.claimed, settled };
  }

  /** Tells of the items settled together: whoever waits for one, and the agent (onSettled). */
  private tell(settled: Settled[]): void {
    for (const s of settled) this.settledEvents.emit(s.item.itemId, s.item);
    this.options.onSettled?.(settled);
  }

  /** Sends one item; a body that cannot be opened (the key lost) is a local failure, not a send. */
  private async send(item: OutboxItem): Promise<SendResult> {
    const { centegra, vault, store } = this.options;
    if (item.kind === 'VOID' && item.afterItemId && store.get(item.afterItemId)?.state === 'FAILED') {
      return { skip: "Nothing to void: the sale's close was refused, so nothing was redeemed." };
    }
    let parsed: StoredClosure | VoidBody | StoredRefund | HoldReleaseBody;
    let opened: Closure | RefundRequest | undefined;
    try {
      if (!item.body) throw new Error('the queued request has no body');
      parsed = JSON.parse(item.body.toString('utf8')) as typeof parsed;
      // Opened for this row: a card moved here from another queued item does not open.
      if (item.kind === 'CLOSE') opened = openClosure(parsed as StoredClosure, vault, item.basketId);
      if (item.kind === 'REFUND') opened = openRefund(parsed as StoredRefund, vault, item.refundId ?? '');
    } catch (e) {
      return {
        local: `Till Agent cannot read this queued request (${(e as Error).message}). It was not sent. Restore the data folder's vault key from a backup, or ask IT.`,
      };
    }
    switch (item.kind) {
      case 'CLOSE':
        return centegra.closeBasket(opened as Closure);
      case 'REFUND': {
        const r = await centegra.refund(opened as RefundRequest);
        return r.ok ? { ...r, value: [r.value] } : r;
      }
      case 'HOLD_RELEASE': {
        const h = parsed as HoldReleaseBody;
        const r = await centegra.releaseHold(h.requestId, h.holdId);
        return r.ok ? { ok: true, value: [], replayed: r.replayed } : r;
      }
      case 'VOID': {
        const v = parsed as VoidBody;
        return centegra.voidTransaction(v.requestId, v.originalRequestId);
      }
    }
  }

  private settlementFor(item: OutboxItem, result: SendResult): Settlement {
    if ('local' in result)
      return { itemId: item.itemId, state: 'FAILED', code: 'INTERNAL', message: result.local, defect: true };
    if ('skip' in result)
      return {
        itemId: item.itemId,
        state: 'DELIVERED',
        transactions: [],
        at: new Date(this.now()).toISOString(),
        note: result.skip,
      };
    const outcome = classify(item, result);
    if (outcome.kind === 'delivered') {
      return {
        itemId: item.itemId,
        state: 'DELIVERED',
        transactions: maskTransactions(outcome.transactions),
        at: new Date(this.now()).toISOString(),
        ...(outcome.note ? { note: outcome.note } : {}),
      };
    }
    if (outcome.kind === 'failed') {
      this.options.log.warn(
        { itemId: item.itemId, code: outcome.code, cause: outcome.cause, defect: outcome.defect },
        'queued item refused',
      );
      return {
        itemId: item.itemId,
        state: 'FAILED',
        code: outcome.code,
        message: outcome.message,
        defect: outcome.defect,
        ...(outcome.details ? { details: outcome.details } : {}),
      };
    }
    const delay = this.options.retry.nextDelayMs(item.attempts, outcome.retryAfterMs);
    // Retry-After speaks for Centegra, not for this item: nothing else is sent before it either.
    if (outcome.retryAfterMs !== undefined)
      this.holdUntilMs = Math.max(this.holdUntilMs, this.now() + outcome.retryAfterMs);
    return {
      itemId: item.itemId,
      state: 'PENDING',
      code: outcome.code,
      message: outcome.unknown
        ? `${outcome.message} (It may have reached Centegra; it will be sent again with the same request id, so it cannot be charged twice.)`
        : outcome.message,
      unknown: outcome.unknown || item.outcomeUnknown,
      nextAttemptMs: this.now() + delay,
    };
  }
}

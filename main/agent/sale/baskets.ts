// The baskets the till is working on, as the POS and the screen see them. Every POS call reads
// its basket, so the last few are kept in memory; the cache cannot go stale because there is one
// write path (`change`): it runs the write in the storage transaction, then reads the basket
// back, caches it and returns that view. The rows are reachable only through it.
import { afterAnswer } from '../after-answer';
import { fail, ok, type Basket, type Result } from '../contract';
import type { Db, Storage } from '../db';
import type { EventInput } from '../events';
import type { ItemState, OutboxStore } from '../queue';
import { dueMinor, sumMinor } from '../tender';
import { BasketRows, type BasketRecord, type FoundBasket, type TenderRecord } from './basket-rows';

export interface BasketsDeps {
  storage: Storage;
  outbox: Pick<OutboxStore, 'get'>;
  emit(event: EventInput): void;
  /** holds.ttlMinutes: an open basket untouched this long gives its holds back. */
  holdTtlMinutes: number;
  now(): Date;
}

const RECENT_BASKETS = 32;

/**
 * A held tender comes off this long before Centegra lets its hold go: the keeper runs every minute,
 * so it is off before the hold is gone, never shown on the sale without it.
 */
export const HOLD_LEAD_MS = 60_000;

/** A tender's held and holdExpiresAt, given when it lapses (undefined: not held). */
function heldUntil(lapsesAt: number | undefined, now: number): { held: boolean; holdExpiresAt?: string } {
  return lapsesAt !== undefined && lapsesAt > now
    ? { held: true, holdExpiresAt: new Date(lapsesAt).toISOString() }
    : { held: false };
}

/** Writes to a basket's rows, given only inside Baskets.change. */
export type BasketWrites = Omit<BasketRows, 'read' | 'lastUpdatedId' | 'lapsing'>;

export class Baskets {
  private readonly rows: BasketRows;
  private readonly recent = new Map<string, FoundBasket>();
  private lastBasketId: string | undefined;

  constructor(private readonly deps: BasketsDeps) {
    this.rows = new BasketRows(deps.storage.db);
    // Whatever was read inside a rolled-back transaction may not be true.
    deps.storage.onRollback(() => this.recent.clear());
  }

  /** The database the baskets are written to, for a caller that chooses a write's durability. */
  get db(): Db {
    return this.deps.storage.db;
  }

  find(basketId: string): FoundBasket | undefined {
    const cached = this.recent.get(basketId);
    if (cached) return cached;
    const found = this.rows.read(basketId);
    if (found) this.remember(found);
    return found;
  }

  /** The basket, or why the POS cannot have it. */
  get(basketId: string): Result<FoundBasket> {
    const found = this.find(basketId);
    return found ? ok(found) : notFound(basketId);
  }

  /** The basket while it is OPEN, or why it cannot be changed. */
  open(basketId: string): Result<FoundBasket> {
    const found = this.get(basketId);
    if (!found.ok || found.value.basket.state === 'OPEN') return found;
    return notOpen(found.value.basket);
  }

  /**
   * The one write path. `write` runs inside one storage transaction (with any other writes it
   * makes, such as an outbox item): a refusal it returns, or a storage failure, leaves nothing
   * behind. Afterwards the basket is read back and cached, and that is what is returned; or, with
   * `after` (a writer that knows what its rows now say, as a close does), that is cached unread.
   */
  change(
    basketId: string,
    write: (rows: BasketWrites) => Result<void>,
    after?: () => FoundBasket,
  ): Result<FoundBasket> {
    this.recent.delete(basketId);
    const written = this.deps.storage.write(() => write(this.rows));
    if (!written.ok) return written;
    if (!after) return this.reload(basketId);
    const found = after();
    this.remember(found);
    return ok(found);
  }

  /**
   * Its cards are no longer needed (its closure is with Factor4, or a manager settled it): inside
   * the transaction that records that, so they never outlive it.
   */
  dropCards(basketId: string): void {
    this.rows.forgetCards(basketId);
    this.recent.delete(basketId);
  }

  /** The basket as the contract shows it; for a closed one, `closeItemState` saves looking its item up. */
  view(found: FoundBasket, closeItemState?: ItemState): Basket {
    const { basket, tenders } = found;
    const now = this.deps.now().getTime();
    let closeState: Basket['closeState'];
    if (basket.state === 'CLOSED') {
      const state = !basket.closeItemId
        ? 'DELIVERED'
        : (closeItemState ?? this.deps.outbox.get(basket.closeItemId)?.state);
      closeState = state === 'DELIVERED' ? 'DELIVERED' : state === 'FAILED' ? 'FAILED' : 'QUEUED';
    }
    return {
      basketId: basket.basketId,
      state: basket.state,
      currency: basket.currency,
      totalMinor: basket.totalMinor,
      lines: basket.lines,
      giftCardTenders: tenders.map((t) => ({
        tenderId: t.tenderId,
        cardNumberMasked: t.cardMasked,
        amountMinor: t.amountMinor,
        balanceBeforeMinor: t.balanceBeforeMinor,
        balanceAfterMinor: t.balanceBeforeMinor - t.amountMinor,
        balanceCheckedAt: t.balanceCheckedAt,
        offline: t.offline,
        ...heldUntil(basket.state === 'OPEN' ? this.tenderLapsesAt(basket, t) : undefined, now),
      })),
      giftCardTotalMinor: sumMinor(tenders),
      dueMinor: basket.state === 'OPEN' ? dueMinor(basket.totalMinor, tenders) : 0,
      ...(closeState ? { closeState } : {}),
    };
  }

  /** Tells the screen and the POS what the basket is now; it becomes the till's current basket. */
  announce(found: FoundBasket, closeItemState?: ItemState): Basket {
    return this.show(this.view(found, closeItemState));
  }

  /** The basket's view for an answer; the screens and the POS are told of it once the answer is out. */
  answer(found: FoundBasket, closeItemState?: ItemState): Basket {
    const view = this.view(found, closeItemState);
    afterAnswer(() => this.show(view));
    return view;
  }

  /** As announce, for a view already made. */
  show(view: Basket): Basket {
    this.lastBasketId = view.basketId;
    this.deps.emit({ type: 'basket', data: view });
    return view;
  }

  /**
   * Re-announces a basket whose closure changed state in the queue (delivered later, or refused);
   * `closeItem`, the item as just settled, saves looking it up when it is the basket's close.
   */
  announceLater(basketId: string, closeItem?: { itemId: string; state: ItemState }): void {
    const found = this.find(basketId);
    if (!found) return;
    const known = closeItem && found.basket.closeItemId === closeItem.itemId ? closeItem.state : undefined;
    // Not the till's current basket because of this: the POS may have moved on to the next sale.
    this.deps.emit({ type: 'basket', data: this.view(found, known) });
  }

  /**
   * When the basket is abandoned, untouched for holds.ttlMinutes: all its gift card tenders come off
   * (held or not: their sealed cards and PINs go with them) and their holds go back.
   */
  untouchedUntil(basket: BasketRecord): number {
    return Date.parse(basket.updatedAt) + this.deps.holdTtlMinutes * 60_000;
  }

  /**
   * When a held tender lapses: when its basket is abandoned (untouchedUntil), or HOLD_LEAD_MS before
   * Centegra lets its hold go (a basket worked on for hours), whichever comes first. Undefined for a
   * tender not held. The view (held, holdExpiresAt), the keeper and every POS call on the basket go
   * by these two rules, so none of them sees a lapsed tender another would keep.
   */
  tenderLapsesAt(basket: BasketRecord, t: TenderRecord): number | undefined {
    if (!t.holdId || !t.holdExpiresAt) return undefined;
    return Math.min(this.untouchedUntil(basket), Date.parse(t.holdExpiresAt) - HOLD_LEAD_MS);
  }

  /** Whether some of the open basket's gift cards are due to come off now (the two rules above). */
  dueToLapse(found: FoundBasket, now: number): boolean {
    if (found.basket.state !== 'OPEN' || found.tenders.length === 0) return false;
    if (now >= this.untouchedUntil(found.basket)) return true;
    return found.tenders.some((t) => (this.tenderLapsesAt(found.basket, t) ?? Infinity) <= now);
  }

  /** Open baskets with gift cards due to come off at `now` (dueToLapse, in SQL). */
  lapsing(now: number): string[] {
    const untouchedSince = new Date(now - this.deps.holdTtlMinutes * 60_000).toISOString();
    return this.rows.lapsing(untouchedSince, new Date(now + HOLD_LEAD_MS).toISOString());
  }

  /** The basket the till worked on last (for a screen that opens mid-sale). */
  current(): Basket | undefined {
    this.lastBasketId ??= this.rows.lastUpdatedId() ?? '';
    const found = this.lastBasketId ? this.find(this.lastBasketId) : undefined;
    return found && this.view(found);
  }

  private reload(basketId: string): Result<FoundBasket> {
    const found = this.rows.read(basketId);
    if (!found) return notFound(basketId);
    this.remember(found);
    return ok(found);
  }

  private remember(found: FoundBasket): void {
    const id = found.basket.basketId;
    this.recent.delete(id);
    this.recent.set(id, found);
    if (this.recent.size > RECENT_BASKETS) this.recent.delete(this.recent.keys().next().value!);
  }
}

export function notFound(basketId: string): Result<never> {
  return fail(
    'NOT_FOUND',
    `There is no basket ${basketId}. The POS opens it with PUT /v1/baskets/${basketId}.`,
  );
}

export function notOpen(basket: BasketRecord): Result<never> {
  return fail(
    'BASKET_NOT_OPEN',
    `Basket ${basket.basketId} is ${basket.state === 'CLOSED' ? 'closed' : 'voided'}; it can't be changed. Open a new basket for a new sale.`,
  );
}

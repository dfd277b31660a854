// The baskets the till is working on, as the POS and the screen see them. Every POS call reads
// its basket, so the last few are kept in memory; the cache cannot go stale because there is one
// write path (`change`): it runs the write in the storage transaction, then reads the basket
// back, caches it and returns that view. The rows are reachable only through it.
import { fail, ok, type Basket, type Result } from '../contract';
import type { Storage } from '../db';
import type { EventInput } from '../events';
import type { ItemState, OutboxStore } from '../queue';
import { dueMinor, sumMinor } from '../tender';
import { BasketRows, type BasketRecord, type FoundBasket } from './basket-rows';

export interface BasketsDeps {
  storage: Storage;
  outbox: Pick<OutboxStore, 'get'>;
  emit(event: EventInput): void;
  /** holds.ttlMinutes: an open basket untouched this long gives its holds back. */
  holdTtlMinutes: number;
  now(): Date;
}

const RECENT_BASKETS = 32;

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
   * behind. Afterwards the basket is read back and cached, and that is what is returned.
   */
  change(basketId: string, write: (rows: BasketWrites) => Result<void>): Result<FoundBasket> {
    this.recent.delete(basketId);
    const written = this.deps.storage.write(() => write(this.rows));
    if (!written.ok) return written;
    return this.reload(basketId);
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
    // A hold lapses when the basket has been untouched for holds.ttlMinutes, or when Centegra's own
    // lifetime for it runs out, whichever comes first (the keeper then takes the tender off).
    const untouchedUntil = Date.parse(basket.updatedAt) + this.deps.holdTtlMinutes * 60_000;
    const lapsesAt = (centegraExpiry: string) => Math.min(untouchedUntil, Date.parse(centegraExpiry));
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
        ...(t.holdId && t.holdExpiresAt && basket.state === 'OPEN' && lapsesAt(t.holdExpiresAt) > now
          ? { held: true, holdExpiresAt: new Date(lapsesAt(t.holdExpiresAt)).toISOString() }
          : { held: false }),
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

  /** Open baskets with gift cards on them, untouched since `before` or with a hold ending by `expiringBy`. */
  lapsing(before: string, expiringBy: string): string[] {
    return this.rows.lapsing(before, expiringBy);
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

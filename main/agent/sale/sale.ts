// The sale flow, assembled: baskets the POS opens and changes, gift cards applied as tenders, the
// close through the outbox, voids; the operations they answer, and what a delivery leaves to do.
import type { BalanceBook, CardInquiry } from '../cards';
import type { Config } from '../config';
import { ok, type Handlers } from '../contract';
import type { Storage } from '../db';
import type { EventInput } from '../events';
import type { Logger } from '../logger';
import type { DeliveryWorker, OutboxItem, OutboxStore, QueueService, SendResult } from '../queue';
import type { Holds } from '../holds';
import type { OriginalSale } from '../refunds';
import type { Vault } from '../vault';
import { Baskets } from './baskets';
import { Closing } from './close';
import type { OfflineCause } from './offline-policy';
import { Tenders } from './tenders';
import { voidBasket } from './void';

export interface SaleDeps {
  storage: Storage;
  holds: Holds;
  /** Refunds against a sale that stand: it cannot be voided while there are any. */
  liveRefunds(basketId: string): number;
  vault: Vault;
  config: Config;
  cards: CardInquiry;
  balances: BalanceBook;
  outbox: OutboxStore;
  delivery: DeliveryWorker;
  queue: QueueService;
  online(): boolean;
  probe(): void;
  /** Why Centegra can't be asked while the link is not ONLINE: an apply refused for it says so. */
  linkRefusal?(): OfflineCause;
  emit(event: EventInput): void;
  log: Logger;
  now(): Date;
}

export type SaleOperation =
  | 'putBasket'
  | 'getBasket'
  | 'currentBasket'
  | 'applyGiftCard'
  | 'removeGiftCard'
  | 'closeBasket'
  | 'voidBasket';

export class Sale {
  private readonly baskets: Baskets;
  private readonly tenders: Tenders;
  private keeper: NodeJS.Timeout | undefined;
  readonly handlers: Handlers<SaleOperation>;

  constructor(private readonly deps: SaleDeps) {
    const baskets = new Baskets({
      storage: deps.storage,
      outbox: deps.outbox,
      emit: deps.emit,
      holdTtlMinutes: deps.config.holds.ttlMinutes,
      now: deps.now,
    });
    const tenders = (this.tenders = new Tenders({ ...deps, baskets }));
    const closing = new Closing({ ...deps, baskets });
    this.baskets = baskets;
    // A closure with Factor4, or a failed one a manager settled, is never sent again: its
    // basket's sealed cards go in the same transaction.
    const dropCards = (item: { kind: string; basketId: string }) => {
      if (item.kind === 'CLOSE') baskets.dropCards(item.basketId);
    };
    deps.outbox.onDelivered(dropCards);
    deps.queue.onResolved(dropCards);
    // Every POS call on a basket finds it as the lapse rule says it is now (not as the keeper last
    // left it): one due to lapse lapses first.
    const fresh = <I extends { basketId: string }>(input: I): I => {
      tenders.lapseIfDue(input.basketId);
      return input;
    };
    this.handlers = {
      putBasket: async (input) => tenders.put(fresh(input)),
      getBasket: async (input) => {
        const found = baskets.get(fresh(input).basketId);
        return found.ok ? ok(baskets.view(found.value)) : found;
      },
      currentBasket: async () => {
        let basket = baskets.current();
        if (basket && tenders.lapseIfDue(basket.basketId)) basket = baskets.current();
        return ok(basket ? { basket } : {});
      },
      applyGiftCard: (input) => tenders.apply(fresh(input)),
      removeGiftCard: async (input) => tenders.remove(fresh(input)),
      closeBasket: (input) => closing.close(fresh(input)),
      voidBasket: async (input) => voidBasket({ ...deps, baskets }, fresh(input).basketId),
    };
  }

  /** What a refund needs of the sale it names: its state, its close, which cards paid what. */
  originalSale(basketId: string): OriginalSale | undefined {
    const found = this.baskets.find(basketId);
    if (!found) return undefined;
    return {
      state: found.basket.state,
      ...(found.basket.closeItemId ? { closeItemId: found.basket.closeItemId } : {}),
      tenders: found.tenders,
    };
  }

  /**
   * Holds kept honest: baskets untouched for holds.ttlMinutes give theirs back, and holds no sale
   * will capture are released; now (catching what lapsed while the agent was down) and every minute.
   */
  keepHolds(): void {
    const run = () => {
      try {
        this.tenders.lapse();
      } catch (e) {
        this.deps.log.warn({ err: (e as Error).message }, 'could not lapse untouched baskets');
      }
      this.deps.holds.sweep();
    };
    run();
    this.keeper = setInterval(run, KEEP_HOLDS_EVERY_MS);
    this.keeper.unref();
  }

  close(): void {
    if (this.keeper) clearInterval(this.keeper);
    this.keeper = undefined;
  }

  /**
   * What a delivery batch leaves to do here: Factor4's balance after each redemption noted, and
   * the baskets whose closure changed state announced again (their sealed cards went as the
   * delivery was recorded).
   */
  afterDelivery(settled: ReadonlyArray<{ item: OutboxItem; result: SendResult }>): void {
    for (const { result } of settled) {
      if (!('ok' in result) || !result.ok) continue;
      for (const t of result.value)
        this.deps.cards.note(t.cardNumber, {
          status: 'ACTIVE',
          balanceMinor: t.balanceAfterMinor,
          currency: t.currency,
        });
    }
    // One event per basket for the items settled together, its state taken from the item.
    const closes = new Map<string, OutboxItem>();
    for (const { item } of settled) {
      if (item.kind === 'CLOSE' && (item.state === 'DELIVERED' || item.state === 'FAILED'))
        closes.set(item.basketId, item);
    }
    for (const [basketId, item] of closes) this.baskets.announceLater(basketId, item);
    this.deps.holds.afterDelivery(settled);
    this.deps.queue.announce();
  }
}

const KEEP_HOLDS_EVERY_MS = 60_000;

// Voiding a sale: an OPEN basket (or one whose close was refused) simply ends, nothing having
// been redeemed, and its holds go back to the cards; a CLOSED one queues a Factor4 void of its
// redemptions, sent after its close.
import { randomUUID } from 'node:crypto';
import { fail, ok, type Basket, type Result } from '../contract';
import type { DeliveryWorker, OutboxStore, QueueService, VoidBody } from '../queue';
import type { Holds } from '../holds';
import type { Baskets } from './baskets';

export interface VoidDeps {
  baskets: Baskets;
  holds: Holds;
  /** Refunds against a sale that stand (not failed, not voided). */
  liveRefunds(basketId: string): number;
  outbox: OutboxStore;
  delivery: DeliveryWorker;
  queue: QueueService;
  now(): Date;
}

export function voidBasket(deps: VoidDeps, basketId: string): Result<Basket> {
  const { baskets, outbox } = deps;
  const at = deps.now().toISOString();
  const changed = baskets.change(basketId, (rows) => {
    const found = baskets.find(basketId);
    if (!found) return fail('NOT_FOUND', `There is no basket ${basketId}.`);
    const { basket } = found;
    if (basket.state === 'VOIDED') return ok(undefined);
    const close = basket.closeItemId ? outbox.get(basket.closeItemId) : undefined;
    // Open, closed without gift cards, or its close refused: nothing was redeemed at Factor4.
    if (basket.state === 'OPEN' || !basket.closeItemId || close?.state === 'FAILED') {
      rows.markVoided(basketId, null, at);
      // A refused close is never sent now: its copy of the cards goes with the basket's.
      if (close?.state === 'FAILED') outbox.dropBody(close.itemId);
      // What its cards held for it goes back to them.
      deps.holds.queueRelease(deps.holds.ofBasket(basketId), at);
      return ok(undefined);
    }
    // A void gives back every card its whole redemption; refunds already gave some of it back.
    if (deps.liveRefunds(basketId) > 0)
      return fail(
        'CONFLICT',
        `Sale ${basketId} has refunds on it that stand, or whose void Factor4 has not confirmed yet: void them first and wait for their voids to go through, then void the sale (or refund the rest instead).`,
      );
    if (!close)
      return fail(
        'NOT_FOUND',
        `Basket ${basketId} was closed too long ago for this till to void it (its record has been cleared). Void it in Centegra Plus.`,
      );
    const requestId = randomUUID();
    const itemId = outbox.insert({
      kind: 'VOID',
      nextAttemptMs: deps.queue.firstAttemptMs(),
      basketId,
      requestId,
      afterItemId: close.itemId,
      body: Buffer.from(
        JSON.stringify({ requestId, originalRequestId: close.requestId } satisfies VoidBody),
        'utf8',
      ),
      createdAt: at,
      giftCardTotalMinor: close.giftCardTotalMinor,
      currency: close.currency,
      cardsMasked: close.cardsMasked,
      cardKeys: [],
    });
    rows.markVoided(basketId, itemId, at);
    return ok(undefined);
  });
  if (!changed.ok) return changed;
  deps.delivery.wake();
  deps.queue.announce();
  return ok(baskets.announce(changed.value));
}

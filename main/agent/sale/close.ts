// Closing a sale: the closure and its outbox item written (fsync'd) in one transaction before
// anyone hears "done", then sent. Centegra's answer within closeWaitMs is given to the POS; a card
// refused at once reopens the basket without it; otherwise the queue sends it later.
import { randomUUID } from 'node:crypto';
import type { CardInquiry, ResolvedCard } from '../cards';
import type { Config } from '../config';
import { fail, ok, type Basket, type CloseResult, type ErrorCode, type Result } from '../contract';
import { afterAnswer, logAfterAnswer } from '../after-answer';
import type { Logger } from '../logger';
import { formatMinor } from '../../common';
import {
  type DeliveryWorker,
  type OutboxItem,
  type OutboxStore,
  type QueueService,
  type StoredClosure,
} from '../queue';
import { saleReceiptLines } from '../receipts';
import { closeProblem, sumMinor } from '../tender';
import { cardContext, type Vault } from '../vault';
import type { FoundBasket, TenderRecord } from './basket-rows';
import { notOpen, type Baskets } from './baskets';

export interface CloseDeps {
  baskets: Baskets;
  cards: CardInquiry;
  vault: Vault;
  outbox: OutboxStore;
  delivery: DeliveryWorker;
  queue: QueueService;
  config: Pick<Config, 'closeWaitMs'>;
  online(): boolean;
  log: Logger;
  now(): Date;
}

/** Refusals that mean a card cannot pay what its tender says: the cashier takes another tender. */
const REFUSED_CARD = ['INSUFFICIENT_FUNDS', 'CARD_NOT_ACTIVE', 'CARD_NOT_FOUND', 'PIN_REQUIRED'];

type OtherTender = { kind: 'CARD' | 'CASH' | 'OTHER'; amountMinor: number };

export class Closing {
  constructor(private readonly deps: CloseDeps) {}

  async close(input: { basketId: string; otherTenders: OtherTender[] }): Promise<Result<CloseResult>> {
    const { baskets } = this.deps;
    const request = JSON.stringify(input.otherTenders);
    const found = baskets.get(input.basketId);
    if (!found.ok) return found;
    const { basket, tenders } = found.value;
    if (basket.state === 'CLOSED') {
      // Closing again answers as the first close did (or better, if the queue has since delivered it).
      if (basket.closeRequest !== request)
        return fail(
          'BASKET_NOT_OPEN',
          'This basket was already closed with other tenders. Open a new basket for a new sale.',
        );
      return ok(this.answer(found.value));
    }
    if (basket.state === 'VOIDED') return notOpen(basket);
    const problem = closeProblem(basket.totalMinor, tenders, input.otherTenders);
    if (problem) return fail('TENDER_MISMATCH', problem);

    const closedAt = this.deps.now().toISOString();
    let itemId: string | null = null;
    const closed = baskets.change(
      basket.basketId,
      (rows) => {
        if (tenders.length > 0) itemId = this.enqueue(found.value, input.otherTenders, closedAt);
        rows.markClosed(basket.basketId, closedAt, itemId, request);
        return ok(undefined);
      },
      // What markClosed wrote, known without reading the basket back (the tenders are as they were).
      () => ({
        basket: {
          ...basket,
          state: 'CLOSED',
          closedAt,
          ...(itemId ? { closeItemId: itemId } : {}),
          closeRequest: request,
          updatedAt: closedAt,
        },
        tenders,
      }),
    );
    if (!closed.ok) return closed;
    // The log line and the basket event go once the answer is out (after-answer.ts), in that order.
    logAfterAnswer(
      this.deps.log,
      { basketId: basket.basketId, itemId, giftCards: tenders.length },
      'basket closed and stored',
    );
    this.deps.queue.announce();
    if (!itemId) return ok(this.answer(closed.value));

    const online = this.deps.online();
    if (online) this.deps.delivery.wake();
    if (!online || this.deps.config.closeWaitMs === 0) {
      // Centegra is known to be away (or the till asked not to wait): answer at once; the queue sends it.
      return ok(queued(baskets.answer(closed.value, 'PENDING'), itemId));
    }
    const item = await this.deps.delivery.waitForSettled(itemId, this.deps.config.closeWaitMs);
    if (item?.state === 'FAILED' && REFUSED_CARD.includes(item.lastErrorCode ?? ''))
      return this.reopenAfterRefusal(basket.basketId, item);
    const answer = this.answer(closed.value, item);
    afterAnswer(() => baskets.show(answer.basket));
    return ok(answer);
  }

  /** The closure and its outbox item, inside the close's transaction. Each card stays sealed as its tender sealed it (bound to basket and tender). */
  private enqueue(found: FoundBasket, otherTenders: OtherTender[], closedAt: string): string {
    const { basket, tenders } = found;
    const closure: StoredClosure = {
      requestId: randomUUID(),
      basketId: basket.basketId,
      closedAt,
      currency: basket.currency,
      totalMinor: basket.totalMinor,
      lines: basket.lines,
      tenders: [
        ...tenders.map((t) => ({
          kind: 'GIFT_CARD' as const,
          amountMinor: t.amountMinor,
          tenderId: t.tenderId,
          cardSealed: sealedCard(t),
          ...(t.holdId ? { holdId: t.holdId } : {}),
        })),
        ...otherTenders.map((o) => ({ kind: o.kind, amountMinor: o.amountMinor })),
      ],
    };
    return this.deps.outbox.insert({
      kind: 'CLOSE',
      nextAttemptMs: this.deps.queue.firstAttemptMs(),
      basketId: basket.basketId,
      requestId: closure.requestId,
      body: Buffer.from(JSON.stringify(closure), 'utf8'),
      createdAt: closedAt,
      giftCardTotalMinor: sumMinor(tenders),
      currency: basket.currency,
      cardsMasked: tenders.map((t) => t.cardMasked),
      cardKeys: tenders.map((t) => t.cardFingerprint),
    });
  }

  /** Centegra refused the close at once: nothing was redeemed; the basket goes back to the cashier without that card. */
  private async reopenAfterRefusal(basketId: string, item: OutboxItem): Promise<Result<CloseResult>> {
    const { baskets } = this.deps;
    const found = baskets.find(basketId)!;
    const refused = await this.findRefusedTenders(found.tenders, item);
    const at = this.deps.now().toISOString();
    const reopened = baskets.change(basketId, (rows) => {
      rows.reopen(basketId, at);
      for (const r of refused) rows.removeTender(basketId, r.tender.tenderId, at);
      this.deps.outbox.resolve(
        item.itemId,
        'REOPENED: refused at the till; the cashier took another tender',
        at,
      );
      return ok(undefined);
    });
    if (!reopened.ok) return reopened;
    baskets.announce(reopened.value);
    this.deps.queue.announce();
    const code = (item.lastErrorCode ?? 'INSUFFICIENT_FUNDS') as ErrorCode;
    const words = refused.map((r) =>
      r.availableMinor !== undefined
        ? `The card ending ${r.tender.cardMasked.slice(-4)} now has only ${formatMinor(r.availableMinor, found.basket.currency)} on it`
        : `The card ending ${r.tender.cardMasked.slice(-4)} can no longer be used`,
    );
    const message = `${words.join('; ') || 'Factor4 refused a gift card'}, so nothing was taken from any card and ${refused.length === 1 ? 'it has' : 'they have'} been taken off this sale. Apply it again for what it holds, or take the rest another way.`;
    this.deps.log.info({ basketId, itemId: item.itemId, code }, 'close refused at once: basket reopened');
    return fail(code, message);
  }

  private async findRefusedTenders(
    tenders: TenderRecord[],
    item: OutboxItem,
  ): Promise<Array<{ tender: TenderRecord; availableMinor?: number }>> {
    // Centegra's details say which card (its last four digits) when it can; otherwise ask Factor4 again.
    const last4 = item.lastErrorDetails?.cardNumberLast4;
    const available = item.lastErrorDetails?.availableMinor;
    if (typeof last4 === 'string') {
      const matching = tenders.filter((t) => t.cardMasked.endsWith(last4));
      if (matching.length === 1)
        return [
          { tender: matching[0]!, ...(typeof available === 'number' ? { availableMinor: available } : {}) },
        ];
    }
    const out: Array<{ tender: TenderRecord; availableMinor?: number }> = [];
    for (const t of tenders) {
      const info = await this.deps.cards.ask(this.openCard(t));
      if (!info.ok) continue;
      if (info.value.status !== 'ACTIVE') out.push({ tender: t });
      else if (info.value.balanceMinor < t.amountMinor)
        out.push({ tender: t, availableMinor: info.value.balanceMinor });
    }
    if (out.length === 0)
      this.deps.log.warn({ itemId: item.itemId }, 'close refused but no card explains it');
    return out;
  }

  /** What a close answers: DELIVERED with Factor4's transactions, or QUEUED with the item to follow. */
  private answer(found: FoundBasket, known?: OutboxItem): CloseResult {
    const { basket } = found;
    const item = basket.closeItemId ? (known ?? this.deps.outbox.get(basket.closeItemId)) : undefined;
    const view = this.deps.baskets.view(found, item?.state);
    if (!basket.closeItemId) return { state: 'DELIVERED', basket: view, transactions: [], receiptLines: [] };
    if (item?.state === 'DELIVERED') {
      const transactions = item.transactions ?? [];
      const redeemed = transactions.filter((t) => t.kind === 'REDEMPTION');
      return {
        state: 'DELIVERED',
        basket: view,
        transactions,
        receiptLines: redeemed.length > 0 ? saleReceiptLines(redeemed, view.currency) : tenderLines(view),
      };
    }
    return queued(view, basket.closeItemId);
  }

  private openCard(t: TenderRecord): ResolvedCard {
    if (!t.cardSealed) throw new Error(`tender ${t.tenderId} has no card`);
    return this.deps.vault.openJson<ResolvedCard>(t.cardSealed, cardContext.tender(t.basketId, t.tenderId));
  }
}

function sealedCard(t: TenderRecord): string {
  if (!t.cardSealed) throw new Error(`tender ${t.tenderId} has no card`);
  return t.cardSealed.toString('base64');
}

/** A close that waits in the queue: the receipt says what each card paid, and that its balance follows. */
function queued(basket: Basket, itemId: string): CloseResult {
  return { state: 'QUEUED', basket, itemId, receiptLines: tenderLines(basket) };
}

function tenderLines(basket: Basket): string[] {
  return saleReceiptLines(
    basket.giftCardTenders.map((t) => ({ cardNumberMasked: t.cardNumberMasked, amountMinor: t.amountMinor })),
    basket.currency,
  );
}

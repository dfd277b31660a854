// Refunds onto gift cards (returned goods; Factor4 Adjustment), where Centegra Plus offers them.
// Durable and exactly once like a close: the refund and its outbox item are written in one
// transaction before anyone hears "done", then sent; 200 DELIVERED within closeWaitMs, else 202
// QUEUED. Against an original sale, this till's own record refuses a card that did not pay there,
// or more than it paid less earlier refunds; Centegra checks again. Voidable through the queue.
import { hash, randomUUID } from 'node:crypto';
import type { Capabilities } from '../capabilities';
import { maskCardNumber, type CardInquiry } from '../cards';
import { asErrorCode, fail, ok, type Handlers, type Refund, type Result } from '../contract';
import type { Storage } from '../db';
import type { EventInput } from '../events';
import { logAfterAnswer } from '../after-answer';
import type { Logger } from '../logger';
import { formatMinor } from '../../common';
import {
  type DeliveryWorker,
  type OutboxItem,
  type OutboxStore,
  type QueueService,
  type StoredRefund,
  type VoidBody,
} from '../queue';
import { creditReceiptLines } from '../receipts';
import { cardContext, type Vault } from '../vault';
import { RefundRows, type RefundRecord } from './rows';

/** What a refund needs to know of the sale it gives money back from. */
export interface OriginalSale {
  state: 'OPEN' | 'CLOSED' | 'VOIDED';
  closeItemId?: string;
  /** Its gift card tenders: which card (fingerprint) paid how much. */
  tenders: ReadonlyArray<{ cardFingerprint: string; amountMinor: number }>;
}

export interface RefundDeps {
  storage: Storage;
  capabilities: Capabilities;
  cards: CardInquiry;
  vault: Vault;
  outbox: OutboxStore;
  delivery: DeliveryWorker;
  queue: QueueService;
  originalSale(basketId: string): OriginalSale | undefined;
  currency: string;
  closeWaitMs: number;
  online(): boolean;
  emit(event: EventInput): void;
  log: Logger;
  now(): Date;
}

export interface RefundInput {
  refundId: string;
  scanId?: string;
  cardNumber?: string;
  pin?: string;
  amountMinor: number;
  currency: string;
  originalBasketId?: string;
  reason?: string;
}

export type RefundOperation = 'refund' | 'getRefund' | 'voidRefund';

/** What a refund's view needs of its outbox item. */
type KnownItem = Pick<OutboxItem, 'state' | 'transactions' | 'lastErrorCode' | 'lastError'>;

export class Refunds {
  private readonly rows: RefundRows;

  readonly handlers: Handlers<RefundOperation> = {
    refund: (input) => this.refund(input),
    getRefund: async (input) => this.get(input.refundId),
    voidRefund: async (input) => this.void(input.refundId),
  };

  constructor(private readonly deps: RefundDeps) {
    this.rows = new RefundRows(deps.storage.db);
  }

  async refund(input: RefundInput): Promise<Result<Refund>> {
    const { deps } = this;
    if (!deps.capabilities.has('REFUNDS'))
      return fail(
        'NOT_SUPPORTED',
        "Centegra Plus at this site doesn't offer gift card refunds (or hasn't said so to this till yet). Refund another way; IT can ask Centegra to enable them.",
      );
    if (input.currency !== deps.currency)
      return fail('BAD_REQUEST', `This till refunds in ${deps.currency}, not ${input.currency}.`);
    const card = deps.cards.resolve(input);
    if (!card.ok) return card;
    const fingerprint = deps.vault.fingerprint(card.value.cardNumber);
    // One-shot (crypto.hash): the same digest as createHash's, without a stream object per call.
    const requestKey = hash(
      'sha256',
      [fingerprint, input.amountMinor, input.currency, input.originalBasketId ?? ''].join('\u0000'),
      'base64url',
    );
    const earlier = this.rows.get(input.refundId);
    if (earlier) {
      if (earlier.requestKey !== requestKey)
        return fail(
          'CONFLICT',
          `Refund ${input.refundId} was already made for another card, amount or sale. Use a new refundId for a new refund.`,
        );
      return ok(this.view(earlier));
    }
    const masked = maskCardNumber(card.value.cardNumber);
    const ending = masked.slice(-4);
    let originalRequestId: string | undefined;
    let afterItemId: string | undefined;
    if (input.originalBasketId !== undefined) {
      const checked = this.checkAgainstSale(input.originalBasketId, fingerprint, input.amountMinor, ending);
      if (!checked.ok) return checked;
      ({ originalRequestId, afterItemId } = checked.value);
    }

    const at = deps.now().toISOString();
    const requestId = randomUUID();
    const record: RefundRecord = {
      refundId: input.refundId,
      itemId: '',
      amountMinor: input.amountMinor,
      currency: input.currency,
      cardMasked: masked,
      cardFingerprint: fingerprint,
      ...(input.originalBasketId ? { originalBasketId: input.originalBasketId } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
      requestKey,
      createdAt: at,
    };
    const written = deps.storage.write(() => {
      const stored: StoredRefund = {
        requestId,
        refundId: input.refundId,
        cardSealed: deps.vault
          .sealJson(
            { cardNumber: card.value.cardNumber, pin: card.value.pin, entryType: card.value.entryType },
            cardContext.refund(input.refundId),
          )
          .toString('base64'),
        amountMinor: input.amountMinor,
        currency: input.currency,
        ...(originalRequestId ? { originalRequestId } : {}),
        ...(input.reason ? { reason: input.reason } : {}),
      };
      record.itemId = deps.outbox.insert({
        kind: 'REFUND',
        basketId: input.originalBasketId ?? '',
        refundId: input.refundId,
        requestId,
        ...(afterItemId ? { afterItemId } : {}),
        body: Buffer.from(JSON.stringify(stored), 'utf8'),
        createdAt: at,
        giftCardTotalMinor: input.amountMinor,
        currency: input.currency,
        cardsMasked: [masked],
        cardKeys: [fingerprint],
        nextAttemptMs: deps.queue.firstAttemptMs(),
      });
      this.rows.insert(record);
      return ok(undefined);
    });
    if (!written.ok) return written;
    const { itemId } = record;
    logAfterAnswer(deps.log, { refundId: input.refundId, itemId, card: `…${ending}` }, 'refund stored');
    deps.queue.announce();
    if (deps.online() && deps.closeWaitMs > 0) {
      deps.delivery.wake();
      const item = await deps.delivery.waitForSettled(itemId, deps.closeWaitMs);
      if (item?.state === 'FAILED') {
        // Refused while the POS waited: it is told now, so nothing is left for a manager to settle.
        deps.storage.write(() => {
          deps.outbox.resolve(
            itemId,
            'REFUSED: refused at the till; the POS was told and nothing was refunded',
            deps.now().toISOString(),
          );
          return ok(undefined);
        });
        deps.queue.announce();
        return fail(
          asErrorCode(item.lastErrorCode),
          item.lastError ?? 'Centegra Plus refused the refund.',
          numbersOf(item.lastErrorDetails),
        );
      }
      return ok(this.view(this.rows.get(input.refundId)!));
    }
    if (deps.online()) deps.delivery.wake();
    // Not waited for: its item is as just written (PENDING, or IN_FLIGHT once woken), so QUEUED,
    // answered from what was written rather than read back.
    return ok(this.view(record, { state: 'PENDING' }));
  }

  /** Refunds against this sale that stand: a void of the sale would give that money back twice. */
  liveFor(basketId: string): number {
    return this.rows.liveForBasket(basketId);
  }

  get(refundId: string): Result<Refund> {
    const r = this.rows.get(refundId);
    return r ? ok(this.view(r)) : fail('NOT_FOUND', `There is no refund ${refundId} on this till.`);
  }

  /** Voids a refund (once it has reached Factor4, or right after it does): VOIDING, then VOIDED. */
  void(refundId: string): Result<Refund> {
    const r = this.rows.get(refundId);
    if (!r) return fail('NOT_FOUND', `There is no refund ${refundId} on this till.`);
    const view = this.view(r);
    if (view.state === 'VOIDING' || view.state === 'VOIDED') return ok(view);
    if (view.state === 'FAILED')
      return fail('CONFLICT', 'This refund did not go through, so there is nothing to void.');
    const item = this.deps.outbox.get(r.itemId)!;
    const at = this.deps.now().toISOString();
    const written = this.deps.storage.write(() => {
      const requestId = randomUUID();
      const voidItemId = this.deps.outbox.insert({
        kind: 'VOID',
        basketId: r.originalBasketId ?? '',
        refundId,
        requestId,
        afterItemId: r.itemId,
        body: Buffer.from(
          JSON.stringify({ requestId, originalRequestId: item.requestId } satisfies VoidBody),
          'utf8',
        ),
        createdAt: at,
        giftCardTotalMinor: r.amountMinor,
        currency: r.currency,
        cardsMasked: [r.cardMasked],
        cardKeys: [r.cardFingerprint],
        nextAttemptMs: this.deps.queue.firstAttemptMs(),
      });
      this.rows.markVoiding(refundId, voidItemId);
      return ok(undefined);
    });
    if (!written.ok) return written;
    this.deps.delivery.wake();
    this.deps.queue.announce();
    return this.announce(refundId);
  }

  /** A refund (or its void) settled in the queue: the POS and the screen hear of it. */
  afterDelivery(settled: ReadonlyArray<{ item: OutboxItem }>): void {
    for (const { item } of settled) {
      if (!item.refundId || (item.state !== 'DELIVERED' && item.state !== 'FAILED')) continue;
      // This Centegra no longer offers refunds (downgraded, or the plan changed): not sent again
      // until /status lists them, as holds do.
      if (item.kind === 'REFUND' && item.state === 'FAILED' && item.lastErrorCode === 'NOT_SUPPORTED')
        this.deps.capabilities.lost('REFUNDS');
      this.announce(item.refundId);
    }
  }

  /** `item`: its outbox item as known (read when not given). */
  view(r: RefundRecord, item: KnownItem | undefined = this.deps.outbox.get(r.itemId)): Refund {
    const voidItem = r.voidItemId ? this.deps.outbox.get(r.voidItemId) : undefined;
    let state: Refund['state'];
    if (voidItem && voidItem.state !== 'FAILED')
      state = voidItem.state === 'DELIVERED' ? 'VOIDED' : 'VOIDING';
    else if (!item || item.state === 'DELIVERED') state = 'DELIVERED';
    else if (item.state === 'FAILED') state = 'FAILED';
    else state = 'QUEUED';
    const balanceAfter = item?.transactions?.[0]?.balanceAfterMinor;
    return {
      refundId: r.refundId,
      state,
      amountMinor: r.amountMinor,
      currency: r.currency,
      cardNumberMasked: r.cardMasked,
      ...(r.originalBasketId ? { originalBasketId: r.originalBasketId } : {}),
      ...(r.reason ? { reason: r.reason } : {}),
      ...(balanceAfter !== undefined ? { balanceAfterMinor: balanceAfter } : {}),
      createdAt: r.createdAt,
      ...(state === 'QUEUED' ? { itemId: r.itemId } : {}),
      ...(state === 'FAILED' && item
        ? { error: { code: item.lastErrorCode ?? 'CENTEGRA_ERROR', message: item.lastError ?? '' } }
        : {}),
      ...(state === 'QUEUED' || state === 'DELIVERED'
        ? {
            receiptLines: creditReceiptLines(
              'REFUND',
              {
                cardNumberMasked: r.cardMasked,
                amountMinor: r.amountMinor,
                ...(state === 'DELIVERED' && balanceAfter !== undefined
                  ? { balanceAfterMinor: balanceAfter }
                  : {}),
              },
              r.currency,
            ),
          }
        : {}),
    };
  }

  /** With an original sale: the card paid in it, and no more than it paid, less earlier refunds. */
  private checkAgainstSale(
    basketId: string,
    fingerprint: string,
    amountMinor: number,
    ending: string,
  ): Result<{ originalRequestId?: string; afterItemId?: string }> {
    const sale = this.deps.originalSale(basketId);
    if (!sale || sale.state !== 'CLOSED' || !sale.closeItemId)
      return fail(
        'CARD_NOT_IN_BASKET',
        `Sale ${basketId} took nothing from a gift card on this till (it is not a closed sale here). Check the receipt, or refund without naming the sale.`,
      );
    const close = this.deps.outbox.get(sale.closeItemId);
    const paid = sale.tenders
      .filter((t) => t.cardFingerprint === fingerprint)
      .reduce((n, t) => n + t.amountMinor, 0);
    if (paid === 0 || !close || close.state === 'FAILED')
      return fail(
        'CARD_NOT_IN_BASKET',
        `The card ending ${ending} paid nothing in sale ${basketId}. Refund it to the card that paid, or another way.`,
      );
    const refundable = paid - this.rows.refundedFor(basketId, fingerprint);
    if (amountMinor > refundable)
      return fail(
        'REFUND_EXCEEDS_ORIGINAL',
        `The card ending ${ending} paid ${formatMinor(paid, this.deps.currency)} in sale ${basketId}; ${formatMinor(Math.max(0, refundable), this.deps.currency)} of it can still be refunded. Refund no more than that, and the rest another way.`,
        { refundableMinor: Math.max(0, refundable) },
      );
    // Sent after the close it refunds: Centegra must know the sale first.
    return ok({
      originalRequestId: close.requestId,
      ...(close.state !== 'DELIVERED' ? { afterItemId: close.itemId } : {}),
    });
  }

  private announce(refundId: string): Result<Refund> {
    const view = this.view(this.rows.get(refundId)!);
    this.deps.emit({ type: 'refund', data: view });
    return ok(view);
  }
}

/** Centegra's details of a refusal, the figures only (refundableMinor…), for the POS. */
function numbersOf(details: Record<string, unknown> | undefined): Record<string, number> | undefined {
  const numbers = Object.entries(details ?? {}).filter(
    (e): e is [string, number] => typeof e[1] === 'number' && Number.isSafeInteger(e[1]),
  );
  return numbers.length ? Object.fromEntries(numbers) : undefined;
}

// The sale flow: baskets opened and changed by the POS, gift cards applied as tenders (each takes
// min(balance, due, limit)), the close written to disk with its outbox item in one transaction
// before anyone hears "done", then sent; voids and top-ups. Every answer is a Result with a
// message a cashier can act on.
import { randomBytes, randomUUID } from 'node:crypto';
import { checkCardNumber, maskCardNumber, normaliseKeyedCardNumber, type CardNumberProblem } from '../cards';
import type { CardInfo, CentegraResult, Centegra, EntryType } from '../centegra';
import type { Config } from '../config';
import {
  fail,
  ok,
  type ApiError,
  type Basket,
  type Card,
  type CloseResult,
  type ErrorCode,
  type Line,
  type QueueItem,
  type Result,
} from '../contract';
import { withRelaxedDurability, type Db } from '../db';
import type { EventInput } from '../events';
import type { Logger } from '../logger';
import { formatMinor } from '../../common';
import {
  TENDER_CONTEXT,
  type DeliveryWorker,
  type OutboxItem,
  type OutboxStore,
  type SendResult,
  type StoredClosure,
  type VoidBody,
} from '../queue';
import type { ScanStore } from '../scans';
import { amountToTake, closeProblem, dueMinor, linesProblem, sumMinor, trimToTotal } from '../tender';
import type { Vault } from '../vault';
import { BalanceBook } from './balances';
import { BasketStore, type BasketRecord, type TenderRecord } from './baskets';

export interface ResolvedCard {
  cardNumber: string;
  pin?: string;
  entryType: EntryType;
  scanId?: string;
}

export interface SaleDeps {
  db: Db;
  vault: Vault;
  config: Config;
  centegra: Centegra;
  outbox: OutboxStore;
  delivery: DeliveryWorker;
  scans: ScanStore;
  /** Card inquiry through the adapter, recording the outcome on the link. */
  inquire(card: ResolvedCard): Promise<CentegraResult<CardInfo>>;
  /** Whether Centegra Plus answered lately (the link monitor's state). */
  online(): boolean;
  /** Ask the link monitor to look again now (a refused tender while offline). */
  probe(): void;
  emit(event: EventInput): void;
  log: Logger;
  now(): Date;
}

const STATUS_WORDS: Record<string, string> = {
  INACTIVE: 'has not been activated yet (a top-up activates it)',
  BLOCKED: 'is blocked: do not accept it; the customer should contact the card issuer',
  EXPIRED: 'has expired',
};

const OFFLINE_HOLD_MS = 60_000;

/** Failures that mean "Centegra could not be asked", as opposed to an answer. */
const isUnreachable = (code: string) =>
  code === 'OFFLINE' ||
  code === 'FACTOR4_UNAVAILABLE' ||
  code === 'RATE_LIMITED' ||
  code === 'CENTEGRA_ERROR';

const newId = (prefix: string) => `${prefix}_${Date.now().toString(36)}${randomBytes(5).toString('hex')}`;

export class SaleService {
  readonly baskets: BasketStore;

  /** One transaction wrapper, made once: better-sqlite3 builds it per call otherwise. */
  private readonly inTransaction: (change: () => unknown) => unknown;

  readonly balances: BalanceBook;

  constructor(private readonly deps: SaleDeps) {
    this.baskets = new BasketStore(deps.db);
    this.balances = new BalanceBook(deps.db, (e) =>
      deps.log.warn({ err: e.message }, 'could not write the noted card balances; will try again'),
    );
    this.inTransaction = deps.db.transaction((change: () => unknown) => change());
  }

  /** A scanned (scanId) or keyed (cardNumber) card, checked against the till's card scheme. */
  resolveCard(input: { scanId?: string; cardNumber?: string; pin?: string }): Result<ResolvedCard> {
    if (input.scanId !== undefined) {
      const stored = this.deps.scans.get(input.scanId);
      if (!stored) return fail('NOT_FOUND', 'That scan is no longer available. Scan the card again.');
      if (!stored.cardNumber)
        return fail('NOT_A_GIFT_CARD', stored.scan.reason ?? "That barcode isn't a gift card.");
      const entryType: EntryType = stored.scan.symbology?.includes('QR') ? 'QR' : 'BARCODE';
      return ok({
        cardNumber: stored.cardNumber,
        ...((stored.pin ?? input.pin) ? { pin: stored.pin ?? input.pin } : {}),
        entryType,
        scanId: input.scanId,
      });
    }
    const cardNumber = normaliseKeyedCardNumber(input.cardNumber ?? '');
    const problem = checkCardNumber(cardNumber, this.deps.config.cards);
    if (problem) return fail('NOT_A_GIFT_CARD', this.describeCardNumberProblem(problem));
    return ok({ cardNumber, ...(input.pin ? { pin: input.pin } : {}), entryType: 'KEYED' });
  }

  describeCardNumberProblem(problem: CardNumberProblem): string {
    if (problem === 'EMPTY') return 'Enter the gift card number.';
    if (problem === 'LUHN')
      return "That number isn't a valid gift card number (a digit is wrong or two are swapped). Check it and try again.";
    const digits = /^\^\[0-9\]\{(\d+),(\d+)\}\$$/.exec(this.deps.config.cards.pattern);
    const shape = digits ? ` Gift card numbers here are ${digits[1]} to ${digits[2]} digits.` : '';
    return `That doesn't look like a gift card number.${shape} Check it and try again.`;
  }

  // ---- baskets ----

  getBasket(basketId: string): Result<Basket> {
    const found = this.baskets.get(basketId);
    if (!found)
      return fail(
        'NOT_FOUND',
        `There is no basket ${basketId}. The POS opens it with PUT /v1/baskets/${basketId}.`,
      );
    return ok(this.view(found.basket, found.tenders));
  }

  putBasket(input: {
    basketId: string;
    currency: string;
    totalMinor: number;
    lines: Line[];
  }): Result<Basket> {
    const { currency, totalMinor, lines, basketId } = input;
    if (currency !== this.deps.config.currency) {
      return fail(
        'BAD_REQUEST',
        `This till takes ${this.deps.config.currency}; the basket is in ${currency}. Send the basket in ${this.deps.config.currency}.`,
      );
    }
    const lineProblem = linesProblem(lines, totalMinor);
    if (lineProblem) return fail('BAD_REQUEST', lineProblem);
    const at = this.deps.now().toISOString();
    const result = this.write(() => {
      const found = this.baskets.get(basketId);
      if (!found) {
        this.baskets.create({ basketId, currency, totalMinor, lines, at });
        return ok(undefined);
      }
      if (found.basket.state !== 'OPEN') return this.notOpen(found.basket);
      this.baskets.replaceLines({ basketId, currency, totalMinor, lines, at });
      // A lower total gives back from the most recently applied cards; nothing was redeemed yet.
      const trimmed = trimToTotal(totalMinor, found.tenders);
      for (const t of found.tenders) {
        const kept = trimmed.find((k) => k.tenderId === t.tenderId);
        if (!kept) this.baskets.removeTender(basketId, t.tenderId, at);
        else if (kept.amountMinor !== t.amountMinor)
          this.baskets.setTenderAmount(basketId, t.tenderId, kept.amountMinor);
      }
      return ok(undefined);
    });
    if (!result.ok) return result;
    return this.announce(basketId);
  }

  async applyGiftCard(input: {
    basketId: string;
    scanId?: string;
    cardNumber?: string;
    pin?: string;
    maxAmountMinor?: number;
  }): Promise<Result<Basket>> {
    const open = this.openBasket(input.basketId);
    if (!open.ok) return open;
    if (dueMinor(open.value.basket.totalMinor, open.value.tenders) <= 0)
      return fail('NOTHING_DUE', 'Nothing is left to pay on this sale, so no gift card is needed.');
    const card = this.resolveCard(input);
    if (!card.ok) return card;
    const fingerprint = this.deps.vault.fingerprint(card.value.cardNumber);
    const masked = maskCardNumber(card.value.cardNumber);
    const ending = masked.slice(-4);
    if (open.value.tenders.some((t) => t.cardFingerprint === fingerprint)) {
      return fail(
        'CARD_ALREADY_APPLIED',
        `The card ending ${ending} is already on this sale. Remove it first to change what it pays.`,
      );
    }

    // What the card can give: Factor4's word when Centegra answers; else, under "allow", the
    // last balance this till heard minus what it has queued on the card, within the limits.
    let balance: { minor: number; checkedAt: string; offline: boolean; capMinor?: number };
    const info = this.deps.online() ? await this.inquire(card.value) : undefined;
    if (info?.ok) {
      const { status, balanceMinor, currency } = info.value;
      if (status !== 'ACTIVE')
        return fail(
          'CARD_NOT_ACTIVE',
          `The card ending ${ending} ${STATUS_WORDS[status] ?? 'cannot be used'}. Take another way to pay.`,
        );
      if (currency !== open.value.basket.currency) {
        return fail(
          'BAD_REQUEST',
          `The card ending ${ending} holds ${currency}, but this sale is in ${open.value.basket.currency}. It can't pay for it.`,
        );
      }
      if (balanceMinor <= 0)
        return fail(
          'ZERO_BALANCE',
          `There is nothing left on the card ending ${ending} (${formatMinor(0, currency)}). Take another way to pay.`,
        );
      balance = { minor: balanceMinor, checkedAt: this.deps.now().toISOString(), offline: false };
    } else if (info && !isUnreachable(info.error.code)) {
      return fail(info.error.code, info.error.message);
    } else {
      const offline = this.offlineBalance(fingerprint, ending, open.value.basket.currency);
      if (!offline.ok) return offline;
      balance = offline.value;
    }

    const at = this.deps.now().toISOString();
    const result = this.write(() => {
      // Read again inside the transaction: another apply may have landed while we asked Centegra.
      const now = this.openBasket(input.basketId);
      if (!now.ok) return now;
      if (now.value.tenders.some((t) => t.cardFingerprint === fingerprint))
        return fail('CARD_ALREADY_APPLIED', `The card ending ${ending} is already on this sale.`);
      const limit = Math.min(
        input.maxAmountMinor ?? Number.MAX_SAFE_INTEGER,
        balance.capMinor ?? Number.MAX_SAFE_INTEGER,
      );
      const take = amountToTake(
        balance.minor,
        dueMinor(now.value.basket.totalMinor, now.value.tenders),
        limit,
      );
      if (take <= 0)
        return fail('NOTHING_DUE', 'Nothing is left to pay on this sale, so no gift card is needed.');
      this.baskets.addTender(
        {
          tenderId: newId('tnd'),
          basketId: input.basketId,
          cardSealed: this.deps.vault.sealJson(
            { cardNumber: card.value.cardNumber, pin: card.value.pin, entryType: card.value.entryType },
            TENDER_CONTEXT,
          ),
          cardFingerprint: fingerprint,
          cardMasked: masked,
          amountMinor: take,
          balanceBeforeMinor: balance.minor,
          balanceCheckedAt: balance.offline ? balance.checkedAt : at,
          offline: balance.offline,
        },
        at,
      );
      return ok(undefined);
    });
    if (!result.ok) return result;
    this.deps.log.info(
      { basketId: input.basketId, card: masked, offline: balance.offline },
      'gift card applied',
    );
    return this.announce(input.basketId);
  }

  /**
   * Under the offline policy "allow": the last balance this till heard, minus what it has queued
   * on the card, capped by offline.maxPerCardMinor and what is left of offline.maxTotalMinor.
   * Under "block", or past a limit, a refusal that says why.
   */
  private offlineBalance(
    fingerprint: string,
    ending: string,
    currency: string,
  ): Result<{ minor: number; checkedAt: string; offline: true; capMinor: number }> {
    this.deps.probe();
    const policy = this.deps.config.offline;
    const why = "Centegra Plus can't be reached, so the card's balance can't be checked";
    if (policy.giftCardTender === 'block')
      return fail(
        'OFFLINE',
        `${why} and gift cards can't be taken now. Take another way to pay, or try again in a minute.`,
      );
    const known = this.balances.lastKnown(fingerprint);
    if (!known)
      return fail(
        'OFFLINE',
        `${why}, and this till has never seen the card ending ${ending}, so it can't be taken offline. Take another way to pay.`,
      );
    if (known.status !== 'ACTIVE')
      return fail(
        'CARD_NOT_ACTIVE',
        `The card ending ${ending} was not active when last checked. Take another way to pay.`,
      );
    if (known.currency !== currency)
      return fail(
        'BAD_REQUEST',
        `The card ending ${ending} holds ${known.currency}; this sale is in ${currency}.`,
      );
    const available = known.balanceMinor - this.balances.queuedAgainst(fingerprint);
    if (available <= 0) {
      return fail(
        'ZERO_BALANCE',
        `The card ending ${ending} has nothing left to spend offline: this till has already queued sales for all of its last known balance (${formatMinor(known.balanceMinor, currency)}).`,
      );
    }
    const totalLeft = policy.maxTotalMinor - this.balances.offlineExposure();
    if (totalLeft <= 0) {
      return fail(
        'OFFLINE',
        `${why}, and this till has reached its limit for gift cards taken offline (${formatMinor(policy.maxTotalMinor, currency)}, offline.maxTotalMinor). Take another way to pay.`,
      );
    }
    if (policy.maxPerCardMinor <= 0)
      return fail(
        'OFFLINE',
        `${why}, and offline.maxPerCardMinor allows nothing per card. Take another way to pay.`,
      );
    return ok({
      minor: available,
      checkedAt: known.checkedAt,
      offline: true,
      capMinor: Math.min(policy.maxPerCardMinor, totalLeft),
    });
  }

  /** A card inquiry that also remembers the balance, for the offline policy. */
  private async inquire(card: ResolvedCard): Promise<CentegraResult<CardInfo>> {
    const info = await this.deps.inquire(card);
    if (info.ok) this.noteBalance(card.cardNumber, info.value);
    return info;
  }

  noteBalance(
    cardNumber: string,
    info: { status: string; balanceMinor: number; currency: string },
    at: Date = this.deps.now(),
  ): void {
    try {
      this.balances.record(this.deps.vault.fingerprint(cardNumber), {
        cardMasked: maskCardNumber(cardNumber),
        status: info.status,
        balanceMinor: info.balanceMinor,
        currency: info.currency,
        checkedAt: at.toISOString(),
      });
    } catch (e) {
      // A balance note is a convenience for later; failing to write it must not fail the sale.
      this.deps.log.warn({ err: (e as Error).message }, 'could not note a card balance');
    }
  }

  removeGiftCard(input: { basketId: string; tenderId: string }): Result<Basket> {
    const result = this.write(() => {
      const open = this.openBasket(input.basketId);
      if (!open.ok) return open;
      if (!this.baskets.removeTender(input.basketId, input.tenderId, this.deps.now().toISOString())) {
        return fail('NOT_FOUND', `There is no gift card ${input.tenderId} on basket ${input.basketId}.`);
      }
      return ok(undefined);
    });
    if (!result.ok) return result;
    return this.announce(input.basketId);
  }

  // ---- close ----

  async closeBasket(input: {
    basketId: string;
    otherTenders: Array<{ kind: 'CARD' | 'CASH' | 'OTHER'; amountMinor: number }>;
  }): Promise<Result<CloseResult>> {
    const request = JSON.stringify(input.otherTenders);
    const found = this.baskets.get(input.basketId);
    if (!found)
      return fail(
        'NOT_FOUND',
        `There is no basket ${input.basketId}. The POS opens it with PUT /v1/baskets/${input.basketId}.`,
      );
    if (found.basket.state === 'CLOSED') {
      // Closing again answers as the first close did (or better, if the queue has since delivered it).
      if (found.basket.closeRequest !== request)
        return fail(
          'BASKET_NOT_OPEN',
          'This basket was already closed with other tenders. Open a new basket for a new sale.',
        );
      return ok(this.closeAnswer(found.basket, found.tenders));
    }
    if (found.basket.state === 'VOIDED') return this.notOpen(found.basket);
    const { basket, tenders } = found;
    const problem = closeProblem(basket.totalMinor, tenders, input.otherTenders);
    if (problem) return fail('TENDER_MISMATCH', problem);

    const closedAt = this.deps.now().toISOString();
    let itemId: string | null = null;
    const written = this.write(() => {
      if (tenders.length > 0) {
        // Each card stays sealed as its tender sealed it: accepting a close costs no cryptography.
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
              cardSealed: sealedCard(t),
            })),
            ...input.otherTenders.map((o) => ({ kind: o.kind, amountMinor: o.amountMinor })),
          ],
        };
        itemId = this.deps.outbox.insert({
          kind: 'CLOSE',
          nextAttemptMs: this.firstAttemptMs(),
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
      this.baskets.markClosed(basket.basketId, closedAt, itemId, request);
      return ok(undefined);
    });
    if (!written.ok) return written;
    this.deps.log.info(
      { basketId: basket.basketId, itemId, giftCards: tenders.length },
      'basket closed and stored',
    );
    this.announceQueue();
    const closed: BasketRecord = {
      ...basket,
      state: 'CLOSED',
      closedAt,
      closeRequest: request,
      ...(itemId ? { closeItemId: itemId } : {}),
    };
    if (!itemId) return ok(this.closeAnswer(closed, tenders));

    const online = this.deps.online();
    if (online) this.deps.delivery.wake();
    if (!online || this.deps.config.closeWaitMs === 0) {
      // Centegra is known to be away (or the till asked not to wait): answer at once; the queue sends it.
      const view = this.emitBasket(closed, tenders, 'PENDING');
      return ok({ state: 'QUEUED', basket: view, itemId });
    }
    const item = await this.deps.delivery.waitForSettled(itemId, this.deps.config.closeWaitMs);
    if (
      item?.state === 'FAILED' &&
      ['INSUFFICIENT_FUNDS', 'CARD_NOT_ACTIVE', 'CARD_NOT_FOUND'].includes(item.lastErrorCode ?? '')
    ) {
      return this.reopenAfterRefusal(basket.basketId, item);
    }
    const answer = this.closeAnswer(closed, tenders, item);
    this.deps.emit({ type: 'basket', data: answer.basket });
    this.lastBasketId = closed.basketId;
    return ok(answer);
  }

  /** Centegra refused the close at once: nothing was redeemed; the basket goes back to the cashier without that card. */
  private async reopenAfterRefusal(basketId: string, item: OutboxItem): Promise<Result<CloseResult>> {
    const found = this.baskets.get(basketId)!;
    const refused = await this.findRefusedTenders(found.tenders, item);
    const at = this.deps.now().toISOString();
    const reopened = this.write(() => {
      this.baskets.reopen(basketId, at);
      for (const r of refused) this.baskets.removeTender(basketId, r.tender.tenderId, at);
      this.deps.outbox.resolve(
        item.itemId,
        'REOPENED: refused at the till; the cashier took another tender',
        at,
      );
      return ok(undefined);
    });
    if (!reopened.ok) return reopened;
    this.announce(basketId);
    this.announceQueue();
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
      const info = await this.inquire(this.openCard(t));
      if (!info.ok) continue;
      if (info.value.status !== 'ACTIVE') out.push({ tender: t });
      else if (info.value.balanceMinor < t.amountMinor)
        out.push({ tender: t, availableMinor: info.value.balanceMinor });
    }
    if (out.length === 0)
      this.deps.log.warn({ itemId: item.itemId }, 'close refused but no card explains it');
    return out;
  }

  private closeAnswer(basket: BasketRecord, tenders: TenderRecord[], known?: OutboxItem): CloseResult {
    const item = basket.closeItemId ? (known ?? this.deps.outbox.get(basket.closeItemId)) : undefined;
    const view = this.view(basket, tenders, item?.state);
    if (!basket.closeItemId) return { state: 'DELIVERED', basket: view, transactions: [] };
    if (item?.state === 'DELIVERED')
      return { state: 'DELIVERED', basket: view, transactions: item.transactions ?? [] };
    return { state: 'QUEUED', basket: view, itemId: basket.closeItemId };
  }

  // ---- void ----

  voidBasket(basketId: string): Result<Basket> {
    const at = this.deps.now().toISOString();
    const result = this.write(() => {
      const found = this.baskets.get(basketId);
      if (!found) return fail('NOT_FOUND', `There is no basket ${basketId}.`);
      const { basket } = found;
      if (basket.state === 'VOIDED') return ok(undefined);
      if (basket.state === 'OPEN' || !basket.closeItemId) {
        this.baskets.markVoided(basketId, null, at);
        return ok(undefined);
      }
      const close = this.deps.outbox.get(basket.closeItemId);
      if (close?.state === 'FAILED') {
        // Nothing was redeemed, so there is nothing to void at Factor4.
        this.baskets.markVoided(basketId, null, at);
        return ok(undefined);
      }
      const requestId = randomUUID();
      const itemId = this.deps.outbox.insert({
        kind: 'VOID',
        nextAttemptMs: this.firstAttemptMs(),
        basketId,
        requestId,
        afterItemId: basket.closeItemId,
        body: Buffer.from(
          JSON.stringify({ requestId, originalRequestId: close!.requestId } satisfies VoidBody),
          'utf8',
        ),
        createdAt: at,
        giftCardTotalMinor: close!.giftCardTotalMinor,
        currency: close!.currency,
        cardsMasked: close!.cardsMasked,
        cardKeys: [],
      });
      this.baskets.markVoided(basketId, itemId, at);
      return ok(undefined);
    });
    if (!result.ok) return result;
    this.deps.delivery.wake();
    this.announceQueue();
    return this.announce(basketId);
  }

  // ---- top-up ----

  async topUp(input: {
    scanId?: string;
    cardNumber?: string;
    pin?: string;
    amountMinor: number;
    currency: string;
    requestId?: string;
  }): Promise<Result<Card>> {
    if (input.currency !== this.deps.config.currency)
      return fail('BAD_REQUEST', `This till tops up in ${this.deps.config.currency}, not ${input.currency}.`);
    const card = this.resolveCard(input);
    if (!card.ok) return card;
    if (!this.deps.online()) {
      this.deps.probe();
      return fail(
        'OFFLINE',
        "Centegra Plus can't be reached, so cards can't be topped up or activated now. Try again when the till is back online.",
      );
    }
    const requestId = input.requestId ?? randomUUID();
    const masked = maskCardNumber(card.value.cardNumber);
    // An unclear outcome is asked again with the same requestId: Centegra answers it once.
    let result = await this.deps.centegra.issue(requestId, card.value, input.amountMinor, input.currency);
    for (let attempt = 1; attempt < 3 && !result.ok && result.error.outcomeUnknown; attempt++) {
      await new Promise((r) => setTimeout(r, 250 * attempt));
      result = await this.deps.centegra.issue(requestId, card.value, input.amountMinor, input.currency);
    }
    if (!result.ok) {
      this.deps.log.warn(
        {
          card: masked,
          code: result.error.code,
          cause: result.error.cause,
          unknown: result.error.outcomeUnknown,
        },
        'top-up not confirmed',
      );
      if (result.error.outcomeUnknown) {
        return fail(
          'OUTCOME_UNKNOWN',
          `It is not known whether the top-up of ${formatMinor(input.amountMinor, input.currency)} reached the card ending ${masked.slice(-4)}. Check the card's balance before trying again.`,
        );
      }
      return fail(result.error.code, result.error.message);
    }
    const t = result.value;
    this.deps.log.info(
      { card: masked, amountMinor: t.amountMinor, replayed: result.replayed },
      'card topped up',
    );
    return ok({
      ...(card.value.scanId ? { scanId: card.value.scanId } : {}),
      cardNumberMasked: masked,
      status: 'ACTIVE',
      balanceMinor: t.balanceAfterMinor,
      currency: t.currency,
      checkedAt: this.deps.now().toISOString(),
    });
  }

  // ---- queue ----

  listQueue(input: {
    state?: QueueItem['state'];
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

  retryQueueItem(itemId: string): Result<QueueItem> {
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
    if (item.state === 'PENDING' || item.state === 'FAILED') {
      const r = this.write(() => {
        this.deps.outbox.retryNow(itemId);
        return ok(undefined);
      });
      if (!r.ok) return r;
      this.deps.delivery.wake();
    }
    return ok(queueItemView(this.deps.outbox.get(itemId)!));
  }

  // ---- helpers ----

  /** The basket as the contract shows it; for a closed one, `closeItemState` saves looking its item up. */
  view(basket: BasketRecord, tenders: TenderRecord[], closeItemState?: OutboxItem['state']): Basket {
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
      })),
      giftCardTotalMinor: sumMinor(tenders),
      dueMinor: basket.state === 'OPEN' ? dueMinor(basket.totalMinor, tenders) : 0,
      ...(closeState ? { closeState } : {}),
    };
  }

  /**
   * What a delivery batch leaves to do here, in one transaction: Factor4's balance after each
   * redemption noted, the baskets' own sealed cards forgotten once their closure is with Factor4.
   * Then the baskets whose closure changed state are announced again.
   */
  afterDelivery(settled: ReadonlyArray<{ item: OutboxItem; result: SendResult }>): void {
    try {
      withRelaxedDurability(this.deps.db, () =>
        this.inTransaction(() => {
          for (const { item, result } of settled) {
            if ('ok' in result && result.ok) {
              for (const t of result.value)
                this.noteBalance(t.cardNumber, {
                  status: 'ACTIVE',
                  balanceMinor: t.balanceAfterMinor,
                  currency: t.currency,
                });
            }
            if (item.kind === 'CLOSE' && item.state === 'DELIVERED') this.baskets.forgetCards(item.basketId);
          }
        }),
      );
    } catch (e) {
      // Bookkeeping only: the deliveries themselves are already recorded.
      this.baskets.forgetRecent();
      this.deps.log.warn({ err: (e as Error).message }, 'could not note delivered balances');
    }
    for (const { item } of settled) {
      if (item.kind === 'CLOSE' && (item.state === 'DELIVERED' || item.state === 'FAILED'))
        this.announceBasket(item.basketId);
    }
    this.announceQueue();
  }

  /** The basket the till worked on last (for a screen that opens mid-sale). */
  currentBasket(): Result<{ basket?: Basket }> {
    this.lastBasketId ??=
      (
        this.deps.db.prepare('SELECT basket_id FROM baskets ORDER BY updated_at DESC LIMIT 1').get() as
          { basket_id: string } | undefined
      )?.basket_id ?? '';
    const found = this.lastBasketId ? this.baskets.get(this.lastBasketId) : undefined;
    return ok(found ? { basket: this.view(found.basket, found.tenders) } : {});
  }

  /** Re-announces a basket whose closure changed state in the queue (delivered later, or refused). */
  announceBasket(basketId: string): void {
    const found = this.baskets.get(basketId);
    // Not the till's current basket because of this: the POS may have moved on to the next sale.
    if (found) this.deps.emit({ type: 'basket', data: this.view(found.basket, found.tenders) });
  }

  private lastBasketId: string | undefined;

  /** The queue's counts, and while it drains after an outage, how far it has got. */
  queueSummary(): ReturnType<OutboxStore['summary']> & { sending?: { sent: number; of: number } } {
    const summary = this.deps.outbox.summary();
    const progress = this.deps.delivery.drainProgress();
    return progress && summary.pending + progress.sent > 1
      ? { ...summary, sending: { sent: progress.sent, of: progress.sent + summary.pending } }
      : summary;
  }

  /** Tells subscribers the queue's counts; at most a few times a second, however busy the till. */
  announceQueue(): void {
    if (this.queueAnnounce || this.closed) return;
    this.queueAnnounce = setTimeout(() => {
      this.queueAnnounce = undefined;
      this.deps.emit({ type: 'queue', data: this.queueSummary() });
    }, 200);
    this.queueAnnounce.unref();
  }

  private queueAnnounce: NodeJS.Timeout | undefined;

  /** Stops its timers; the agent calls this before closing the database. */
  close(): void {
    this.balances.close();
    if (this.queueAnnounce) clearTimeout(this.queueAnnounce);
    this.queueAnnounce = undefined;
    this.closed = true;
  }

  private closed = false;

  /** While Centegra is unreachable a new item waits for it to come back (the link wakes the queue) rather than failing at once. */
  private firstAttemptMs(): number {
    return this.deps.online() ? 0 : this.deps.now().getTime() + OFFLINE_HOLD_MS;
  }

  private announce(basketId: string): Result<Basket> {
    const found = this.baskets.get(basketId)!;
    return ok(this.emitBasket(found.basket, found.tenders));
  }

  private emitBasket(
    basket: BasketRecord,
    tenders: TenderRecord[],
    closeItemState?: OutboxItem['state'],
  ): Basket {
    this.lastBasketId = basket.basketId;
    const view = this.view(basket, tenders, closeItemState);
    this.deps.emit({ type: 'basket', data: view });
    return view;
  }

  private openBasket(basketId: string): Result<{ basket: BasketRecord; tenders: TenderRecord[] }> {
    const found = this.baskets.get(basketId);
    if (!found)
      return fail(
        'NOT_FOUND',
        `There is no basket ${basketId}. The POS opens it with PUT /v1/baskets/${basketId}.`,
      );
    if (found.basket.state !== 'OPEN') return this.notOpen(found.basket);
    return ok(found);
  }

  private notOpen(basket: BasketRecord): Result<never> {
    return fail(
      'BASKET_NOT_OPEN',
      `Basket ${basket.basketId} is ${basket.state === 'CLOSED' ? 'closed' : 'voided'}; it can't be changed. Open a new basket for a new sale.`,
    );
  }

  private openCard(t: TenderRecord): ResolvedCard {
    if (!t.cardSealed) throw new Error(`tender ${t.tenderId} has no card`);
    return this.deps.vault.openJson<ResolvedCard>(t.cardSealed, TENDER_CONTEXT);
  }

  /**
   * Runs a change in one SQLite transaction. A full disk or any SQLite error answers
   * STORAGE_FAILED and leaves nothing half-written (the transaction rolls back).
   */
  private write<T>(change: () => Result<T>): Result<T> {
    try {
      const out = this.inTransaction(() => {
        const result = change();
        // A refusal found inside the transaction must not leave part of the change behind.
        if (!result.ok) throw new Refusal(result.error);
        return result;
      }) as Result<T>;
      if (this.storageProblem) {
        this.storageProblem = undefined;
        this.deps.emit({ type: 'storage', data: { ok: true } });
      }
      return out;
    } catch (e) {
      this.baskets.forgetRecent();
      if (e instanceof Refusal) return { ok: false, error: e.error };
      const message = describeStorageError(e);
      this.storageProblem = { message, at: this.deps.now().toISOString() };
      this.deps.log.error(
        { err: (e as Error).message, code: (e as { code?: string }).code },
        'storage failed',
      );
      this.deps.emit({ type: 'storage', data: { ok: false, problem: message } });
      return fail('STORAGE_FAILED', message);
    }
  }

  /** The last write that failed, until one succeeds: the screen turns red while it is set. */
  storageProblem: { message: string; at: string } | undefined;
}

function sealedCard(t: TenderRecord): string {
  if (!t.cardSealed) throw new Error(`tender ${t.tenderId} has no card`);
  return t.cardSealed.toString('base64');
}

class Refusal extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export function describeStorageError(e: unknown): string {
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_FULL' || /disk is full|database or disk is full/i.test((e as Error).message)) {
    return "The till's disk is full, so this could not be saved and nothing was accepted. Free some disk space (or call IT), then try again.";
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'SQLITE_IOERR' ||
    code.startsWith('SQLITE_IOERR')
  ) {
    return "Till Agent could not write to its data folder, so nothing was accepted. Call IT: the disk or the folder's permissions need checking.";
  }
  return 'Till Agent could not save this, so nothing was accepted. Try again; if it keeps happening, call IT.';
}

export function queueItemView(item: OutboxItem): QueueItem {
  return {
    itemId: item.itemId,
    basketId: item.basketId,
    kind: item.kind,
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

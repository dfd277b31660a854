// Factor4 as the simulator plays it: cards, the operations applied to them, and the business
// rules of inquiry, issuance, basket close, void, holds and refunds. No HTTP here; every call
// returns an Answer. A card's balanceMinor is what it can spend: money held for a basket is not in it.
import { badRequest, errorAnswer, last4, type Answer } from './answers';
import { Ledger, type LedgerEntry, type LedgerFilter, type LedgerTotals } from './ledger';
import type {
  CardRef,
  CloseBody,
  HoldBody,
  InquiryBody,
  IssuanceBody,
  RefundBody,
  ReleaseBody,
  Till,
  VoidBody,
} from './validate';

export type CardStatus = 'ACTIVE' | 'INACTIVE' | 'BLOCKED' | 'EXPIRED';

export interface SimCard {
  cardNumber: string;
  pin?: string;
  status: CardStatus;
  balanceMinor: number;
  currency: string;
  expiresOn?: string;
}

export type MoneyOperation = 'issuance' | 'close' | 'void' | 'hold' | 'release' | 'refund';

/** One change to one card's balance, signed as applied (redemption negative). */
interface Movement {
  cardNumber: string;
  deltaMinor: number;
  /** The issuance (or refund) activated an INACTIVE card; voiding it deactivates the card again. */
  activation: boolean;
}

/** What a void may undo, by the requestId that applied it. */
interface AppliedOperation {
  operation: 'issuance' | 'close' | 'refund';
  movements: Movement[];
  voided: boolean;
  /** A refund's basket close, so later refunds against it see this one. */
  originalRequestId?: string;
}

export type HoldState = 'HELD' | 'CAPTURED' | 'RELEASED' | 'EXPIRED';

/** A hold as the simulator keeps it; `holds()` hands out copies. */
export interface SimHold {
  holdId: string;
  requestId: string;
  basketId: string;
  till: Till;
  cardNumber: string;
  amountMinor: number;
  currency: string;
  state: HoldState;
  expiresAt: string;
  /** What a close took from it (CAPTURED only). */
  capturedMinor?: number;
}

interface GiftCardTransaction {
  cardNumber: string;
  kind: 'REDEMPTION' | 'ISSUANCE' | 'REFUND' | 'VOID';
  amount: { amountMinor: number; currency: string };
  transactionId: string;
  approvalCode: string;
  balanceAfter: { amountMinor: number; currency: string };
  holdId?: string;
}

/** The contract's default and limits for ttlSeconds. */
export const HOLD_TTL_DEFAULT_S = 1800;

const copyCard = (card: SimCard): SimCard => ({ ...card });

export class CardStore {
  private cards = new Map<string, SimCard>();
  /** Operations that changed state, by requestId: what a void may undo. */
  private readonly operations = new Map<string, AppliedOperation>();
  private readonly appliedCounts = new Map<string, { operation: MoneyOperation; count: number }>();
  private readonly holdsById = new Map<string, SimHold & { expiresAtMs: number }>();
  /** Everything Centegra confirmed, for totals; read it through ledgerEntries / ledgerTotals. */
  private readonly ledger = new Ledger();
  private transactionCounter = 0; // never reset: see reset()
  private holdCounter = 0; // never reset either

  /** `now` is the simulator's clock (ms since the epoch), which a test may move on. */
  constructor(
    private readonly seedCards: readonly SimCard[],
    private readonly now: () => number = Date.now,
  ) {
    this.reset();
  }

  reset(): void {
    this.cards = new Map(this.seedCards.map((c) => [c.cardNumber, copyCard(c)]));
    this.operations.clear();
    this.appliedCounts.clear();
    this.holdsById.clear();
    this.ledger.reset();
    // The counters keep counting: an agent's database may outlive a reset, and ids must not repeat.
  }

  card(cardNumber: string): SimCard | undefined {
    this.expireHolds();
    const card = this.cards.get(cardNumber);
    return card ? copyCard(card) : undefined;
  }

  allCards(): SimCard[] {
    this.expireHolds();
    return [...this.cards.values()].map(copyCard);
  }

  /** Every hold, oldest first, as it stands now (lapsed ones EXPIRED). */
  holds(): SimHold[] {
    this.expireHolds();
    return [...this.holdsById.values()].map(holdCopy);
  }

  hold(holdId: string): SimHold | undefined {
    this.expireHolds();
    const hold = this.holdsById.get(holdId);
    return hold ? holdCopy(hold) : undefined;
  }

  /** The books as of now: holds due to lapse are lapsed first, so they count. */
  ledgerEntries(filter?: LedgerFilter): LedgerEntry[] {
    this.expireHolds();
    return this.ledger.list(filter);
  }

  ledgerTotals(filter?: LedgerFilter): LedgerTotals {
    this.expireHolds();
    return this.ledger.totals(filter);
  }

  setCard(card: SimCard): void {
    this.cards.set(card.cardNumber, copyCard(card));
  }

  applied(): Map<string, { operation: MoneyOperation; count: number }> {
    return new Map([...this.appliedCounts].map(([id, a]) => [id, { ...a }]));
  }

  inquiry(body: InquiryBody): Answer {
    this.expireHolds();
    const card = this.findCard(body.card, true);
    if (!card) return cardNotFound();
    return { status: 200, body: cardView(card) };
  }

  issue(body: IssuanceBody): Answer {
    this.expireHolds();
    if (body.amount.amountMinor < 1) return badRequest('amount.amountMinor: an issuance must be at least 1');
    // A top-up needs no PIN (the customer hands over cash, not the card's value); a wrong one given is still refused.
    const card = this.findCard(body.card, false);
    if (!card) return cardNotFound();
    if (body.amount.currency !== card.currency) return currencyMismatch('amount.currency', card);
    if (card.status !== 'ACTIVE' && card.status !== 'INACTIVE') return cardNotActive(card);
    const activation = card.status === 'INACTIVE';
    if (this.wouldOverflow(card, body.amount.amountMinor)) {
      return badRequest(`amount.amountMinor: the card would hold more than ${MAX_BALANCE_MINOR}`);
    }
    card.status = 'ACTIVE';
    // Activation and top-up both add: a fresh card holds 0, so activation leaves exactly the amount.
    card.balanceMinor += body.amount.amountMinor;
    this.operations.set(body.requestId, {
      operation: 'issuance',
      movements: [{ cardNumber: card.cardNumber, deltaMinor: body.amount.amountMinor, activation }],
      voided: false,
    });
    this.markApplied(body.requestId, 'issuance');
    const transaction = this.transaction(card, 'ISSUANCE', body.amount.amountMinor);
    this.book('ISSUANCE', card, body.amount.amountMinor, {
      requestId: body.requestId,
      till: body.till,
      transactionId: transaction.transactionId,
    });
    return { status: 200, body: transaction };
  }

  closeBasket(body: CloseBody): Answer {
    this.expireHolds();
    const tenderedMinor = body.tenders.reduce((sum, t) => sum + t.amountMinor, 0);
    if (tenderedMinor !== body.totalMinor) {
      return badRequest(`tenders: add up to ${tenderedMinor}, but totalMinor is ${body.totalMinor}`);
    }
    const linesMinor = body.lines.reduce((sum, l) => sum + l.lineTotalMinor, 0);
    if (linesMinor !== body.totalMinor) {
      return badRequest(
        `lines: lineTotalMinor adds up to ${linesMinor}, but totalMinor is ${body.totalMinor}`,
      );
    }
    const giftTenders: { index: number; card: CardRef; amountMinor: number; holdId?: string }[] = [];
    for (const [index, tender] of body.tenders.entries()) {
      if (tender.kind !== 'GIFT_CARD') {
        if (tender.holdId !== undefined)
          return badRequest(`tenders[${index}].holdId: only a GIFT_CARD tender may carry one`);
        continue;
      }
      if (!tender.card) return badRequest(`tenders[${index}].card: is required when kind is GIFT_CARD`);
      giftTenders.push({ index, card: tender.card, amountMinor: tender.amountMinor, holdId: tender.holdId });
    }

    // All or nothing: check every tender (several on one card count together), then apply them all.
    // A tender on a standing hold is taken from that hold; any other from what the card can spend.
    const wantedMinor = new Map<string, number>();
    const holdsUsed = new Set<string>();
    const resolved: { card: SimCard; amountMinor: number; hold?: SimHold & { expiresAtMs: number } }[] = [];
    for (const tender of giftTenders) {
      const card = this.findCard(tender.card, true);
      if (!card) return cardNotFound();
      if (card.currency !== body.currency) return currencyMismatch(`tenders[${tender.index}].card`, card);
      if (card.status !== 'ACTIVE') return cardNotActive(card);
      const field = `tenders[${tender.index}].holdId`;
      const hold = tender.holdId === undefined ? undefined : this.holdsById.get(tender.holdId);
      if (tender.holdId !== undefined) {
        if (!hold) return holdNotFound(tender.holdId);
        if (holdsUsed.has(hold.holdId))
          return badRequest(`${field}: names a hold another tender of this basket takes`);
        holdsUsed.add(hold.holdId);
        if (hold.cardNumber !== card.cardNumber) {
          return badRequest(
            `${field}: the hold is on the card ending ${last4(hold.cardNumber)}, not this tender's`,
          );
        }
        if (hold.basketId !== body.basketId) {
          return badRequest(`${field}: the hold is for basket "${hold.basketId}", not "${body.basketId}"`);
        }
        if (hold.state === 'CAPTURED') return holdCaptured(hold);
      }
      if (hold?.state === 'HELD') {
        if (tender.amountMinor > hold.amountMinor) {
          return badRequest(
            `tenders[${tender.index}].amountMinor: ${tender.amountMinor} is more than the ${hold.amountMinor} held`,
          );
        }
        resolved.push({ card, amountMinor: tender.amountMinor, hold });
        continue;
      }
      // No hold, or one that lapsed or was released: it guarantees nothing, as in 1.0.
      const totalMinor = (wantedMinor.get(card.cardNumber) ?? 0) + tender.amountMinor;
      if (totalMinor > card.balanceMinor) return insufficientFunds(card);
      wantedMinor.set(card.cardNumber, totalMinor);
      resolved.push({ card, amountMinor: tender.amountMinor });
    }

    const transactions: GiftCardTransaction[] = [];
    const movements: Movement[] = [];
    const where = { requestId: body.requestId, till: body.till, basketId: body.basketId };
    for (const { card, amountMinor, hold } of resolved) {
      if (hold) {
        // HoldRedemption: the tender comes out of the hold, and whatever it kept beyond goes back.
        const remainderMinor = hold.amountMinor - amountMinor;
        hold.state = 'CAPTURED';
        hold.capturedMinor = amountMinor;
        card.balanceMinor += remainderMinor;
        this.book('HOLD_CAPTURED', card, amountMinor, { ...where, holdId: hold.holdId });
        if (remainderMinor > 0) {
          this.book('HOLD_RELEASED', card, remainderMinor, {
            ...where,
            holdId: hold.holdId,
            remainder: true,
          });
        }
      } else {
        card.balanceMinor -= amountMinor;
      }
      movements.push({ cardNumber: card.cardNumber, deltaMinor: -amountMinor, activation: false });
      const transaction = this.transaction(card, 'REDEMPTION', amountMinor, hold?.holdId);
      transactions.push(transaction);
      this.book('REDEMPTION', card, amountMinor, {
        ...where,
        transactionId: transaction.transactionId,
        ...(hold ? { holdId: hold.holdId } : {}),
      });
    }
    this.operations.set(body.requestId, {
      operation: 'close',
      movements,
      voided: false,
    });
    this.markApplied(body.requestId, 'close');
    return { status: 200, body: { basketId: body.basketId, transactions } };
  }

  voidOperation(body: VoidBody): Answer {
    this.expireHolds();
    const original = this.operations.get(body.originalRequestId);
    if (!original) {
      return errorAnswer(
        404,
        'TRANSACTION_NOT_FOUND',
        `No issuance, refund or basket close with requestId "${body.originalRequestId}" was applied.`,
      );
    }
    if (original.voided) {
      return errorAnswer(
        409,
        'ALREADY_VOIDED',
        `The operation "${body.originalRequestId}" is already voided.`,
      );
    }
    // Check everything before changing anything. Undoing an issuance or a refund takes money
    // back, so the card must still hold it (summed per card); a close's credits always fit.
    const neededMinor = new Map<string, number>();
    for (const m of original.movements) {
      const card = this.cards.get(m.cardNumber);
      if (!card) return cardNotFound();
      if (m.deltaMinor <= 0) continue;
      const totalMinor = (neededMinor.get(m.cardNumber) ?? 0) + m.deltaMinor;
      if (totalMinor > card.balanceMinor) return insufficientFunds(card);
      neededMinor.set(m.cardNumber, totalMinor);
    }

    const reverses = ({ issuance: 'ISSUANCE', close: 'REDEMPTION', refund: 'REFUND' } as const)[
      original.operation
    ];
    const transactions: GiftCardTransaction[] = [];
    for (const m of original.movements) {
      const card = this.cards.get(m.cardNumber) as SimCard; // checked above, in the same synchronous call
      card.balanceMinor -= m.deltaMinor;
      if (m.activation) card.status = 'INACTIVE';
      const transaction = this.transaction(card, 'VOID', Math.abs(m.deltaMinor));
      transactions.push(transaction);
      this.book('VOID', card, Math.abs(m.deltaMinor), {
        requestId: body.requestId,
        till: body.till,
        transactionId: transaction.transactionId,
        originalRequestId: body.originalRequestId,
        reverses,
      });
    }
    original.voided = true;
    this.markApplied(body.requestId, 'void');
    return { status: 200, body: { transactions } };
  }

  /** Factor4 Hold: part of what the card can spend is kept for one basket until captured, released or lapsed. */
  placeHold(body: HoldBody): Answer {
    this.expireHolds();
    if (body.amount.amountMinor < 1) return badRequest('amount.amountMinor: a hold must be at least 1');
    // Holding money is spending it for now: the PIN is wanted as for a redemption.
    const card = this.findCard(body.card, true);
    if (!card) return cardNotFound();
    if (body.amount.currency !== card.currency) return currencyMismatch('amount.currency', card);
    if (card.status !== 'ACTIVE') return cardNotActive(card);
    if (body.amount.amountMinor > card.balanceMinor) return insufficientFunds(card);

    card.balanceMinor -= body.amount.amountMinor;
    this.holdCounter += 1;
    const expiresAtMs = this.now() + (body.ttlSeconds ?? HOLD_TTL_DEFAULT_S) * 1000;
    const hold = {
      holdId: `H-${String(this.holdCounter).padStart(6, '0')}`,
      requestId: body.requestId,
      basketId: body.basketId,
      till: { siteId: body.till.siteId, tillId: body.till.tillId },
      cardNumber: card.cardNumber,
      amountMinor: body.amount.amountMinor,
      currency: card.currency,
      state: 'HELD' as HoldState,
      expiresAt: new Date(expiresAtMs).toISOString(),
      expiresAtMs,
    };
    this.holdsById.set(hold.holdId, hold);
    this.markApplied(body.requestId, 'hold');
    this.book('HOLD_PLACED', card, hold.amountMinor, {
      requestId: body.requestId,
      till: body.till,
      basketId: body.basketId,
      holdId: hold.holdId,
    });
    return { status: 200, body: holdView(hold, card) };
  }

  /** Factor4 HoldReturn. A hold already given back answers as it stands; a captured one cannot be. */
  releaseHold(body: ReleaseBody): Answer {
    this.expireHolds();
    const hold = this.holdsById.get(body.holdId);
    if (!hold) return holdNotFound(body.holdId);
    const card = this.cards.get(hold.cardNumber) as SimCard; // cards are replaced, never removed
    if (hold.state === 'CAPTURED') return holdCaptured(hold);
    if (hold.state === 'HELD') {
      hold.state = 'RELEASED';
      card.balanceMinor += hold.amountMinor;
      this.markApplied(body.requestId, 'release');
      this.book('HOLD_RELEASED', card, hold.amountMinor, {
        requestId: body.requestId,
        till: body.till,
        basketId: hold.basketId,
        holdId: hold.holdId,
      });
    }
    return { status: 200, body: holdView(hold, card) };
  }

  /**
   * Factor4 Adjustment: money back on a card for returned goods. Against a basket close, the card
   * may get back at most what that close took from it, less its other refunds not voided.
   */
  refund(body: RefundBody): Answer {
    this.expireHolds();
    if (body.amount.amountMinor < 1) return badRequest('amount.amountMinor: a refund must be at least 1');
    // Like a top-up, money going onto the card needs no PIN; a wrong one given is still refused.
    const card = this.findCard(body.card, false);
    if (!card) return cardNotFound();
    if (body.amount.currency !== card.currency) return currencyMismatch('amount.currency', card);
    // The contract names BLOCKED and EXPIRED; an INACTIVE card is activated by it, as by an issuance.
    if (card.status === 'BLOCKED' || card.status === 'EXPIRED') return cardNotActive(card);
    if (body.originalRequestId !== undefined) {
      const original = this.operations.get(body.originalRequestId);
      if (original?.operation !== 'close') {
        return errorAnswer(
          404,
          'TRANSACTION_NOT_FOUND',
          `No basket close with requestId "${body.originalRequestId}" was applied.`,
        );
      }
      const refundableMinor = this.refundableMinor(body.originalRequestId, card.cardNumber);
      if (body.amount.amountMinor > refundableMinor) {
        return errorAnswer(
          422,
          'REFUND_EXCEEDS_ORIGINAL',
          `At most ${refundableMinor} may still be refunded to the card ending ${last4(card.cardNumber)} for "${body.originalRequestId}".`,
          { refundableMinor, cardNumberLast4: last4(card.cardNumber) },
        );
      }
    }
    if (this.wouldOverflow(card, body.amount.amountMinor)) {
      return badRequest(`amount.amountMinor: the card would hold more than ${MAX_BALANCE_MINOR}`);
    }

    const activation = card.status === 'INACTIVE';
    card.status = 'ACTIVE';
    card.balanceMinor += body.amount.amountMinor;
    this.operations.set(body.requestId, {
      operation: 'refund',
      movements: [{ cardNumber: card.cardNumber, deltaMinor: body.amount.amountMinor, activation }],
      voided: false,
      ...(body.originalRequestId !== undefined ? { originalRequestId: body.originalRequestId } : {}),
    });
    this.markApplied(body.requestId, 'refund');
    const transaction = this.transaction(card, 'REFUND', body.amount.amountMinor);
    this.book('REFUND', card, body.amount.amountMinor, {
      requestId: body.requestId,
      till: body.till,
      transactionId: transaction.transactionId,
      refundId: body.refundId,
      ...(body.originalRequestId !== undefined ? { originalRequestId: body.originalRequestId } : {}),
    });
    return { status: 200, body: transaction };
  }

  /**
   * The card spent at another till, outside this API: from what it can spend, never from money
   * held for a basket. Throws RangeError when the card is unknown, not ACTIVE or short.
   */
  spendElsewhere(cardNumber: string, amountMinor: number): SimCard {
    this.expireHolds();
    if (!Number.isSafeInteger(amountMinor) || amountMinor < 1) {
      throw new RangeError('Spend elsewhere: amountMinor must be a whole number of pence, at least 1.');
    }
    const card = this.cards.get(cardNumber);
    if (!card) throw new RangeError(`Spend elsewhere: no card ${cardNumber} in the simulator.`);
    if (card.status !== 'ACTIVE') {
      throw new RangeError(`Spend elsewhere: the card ending ${last4(cardNumber)} is ${card.status}.`);
    }
    if (amountMinor > card.balanceMinor) {
      throw new RangeError(
        `Spend elsewhere: the card ending ${last4(cardNumber)} can spend ${card.balanceMinor}, not ${amountMinor}.`,
      );
    }
    card.balanceMinor -= amountMinor;
    this.book('SPENT_ELSEWHERE', card, amountMinor, {});
    return copyCard(card);
  }

  /** What a close took from this card, less its refunds not voided; nothing once the close is voided. */
  private refundableMinor(closeRequestId: string, cardNumber: string): number {
    const close = this.operations.get(closeRequestId);
    if (!close || close.voided) return 0;
    const redeemedMinor = close.movements
      .filter((m) => m.cardNumber === cardNumber)
      .reduce((sum, m) => sum - m.deltaMinor, 0);
    let refundedMinor = 0;
    for (const op of this.operations.values()) {
      if (op.operation !== 'refund' || op.voided || op.originalRequestId !== closeRequestId) continue;
      for (const m of op.movements) if (m.cardNumber === cardNumber) refundedMinor += m.deltaMinor;
    }
    return Math.max(0, redeemedMinor - refundedMinor);
  }

  /** Holds past their time lapse, on the simulator's clock; their money goes back to the card. */
  private expireHolds(): void {
    const now = this.now();
    for (const hold of this.holdsById.values()) {
      if (hold.state !== 'HELD' || hold.expiresAtMs > now) continue;
      hold.state = 'EXPIRED';
      const card = this.cards.get(hold.cardNumber) as SimCard;
      card.balanceMinor += hold.amountMinor;
      this.book('HOLD_EXPIRED', card, hold.amountMinor, {
        till: hold.till,
        basketId: hold.basketId,
        holdId: hold.holdId,
      });
    }
  }

  /** Over the contract's ceiling, counting money held on the card too (it comes back). */
  private wouldOverflow(card: SimCard, addMinor: number): boolean {
    let heldMinor = 0;
    for (const h of this.holdsById.values()) {
      if (h.state === 'HELD' && h.cardNumber === card.cardNumber) heldMinor += h.amountMinor;
    }
    return card.balanceMinor + heldMinor + addMinor > MAX_BALANCE_MINOR;
  }

  private book(
    operation: LedgerEntry['operation'],
    card: SimCard,
    amountMinor: number,
    extra: Omit<
      LedgerEntry,
      'seq' | 'at' | 'operation' | 'cardNumber' | 'amountMinor' | 'currency' | 'till'
    > & {
      till?: Till;
    },
  ): void {
    const { till, ...rest } = extra;
    this.ledger.add({
      at: new Date(this.now()).toISOString(),
      operation,
      cardNumber: card.cardNumber,
      amountMinor,
      currency: card.currency,
      ...(till ? { till: { siteId: till.siteId, tillId: till.tillId } } : {}),
      ...rest,
    });
  }

  /** The live card for a reference, or undefined when unknown or when its PIN is required and wrong. */
  private findCard(ref: CardRef, pinRequired: boolean): SimCard | undefined {
    const card = this.cards.get(ref.cardNumber);
    if (!card) return undefined;
    if (card.pin === undefined) return card;
    if (ref.pin === undefined) return pinRequired ? undefined : card;
    return ref.pin === card.pin ? card : undefined;
  }

  private markApplied(requestId: string, operation: MoneyOperation): void {
    const count = (this.appliedCounts.get(requestId)?.count ?? 0) + 1;
    this.appliedCounts.set(requestId, { operation, count });
  }

  private transaction(
    card: SimCard,
    kind: GiftCardTransaction['kind'],
    amountMinor: number,
    holdId?: string,
  ): GiftCardTransaction {
    this.transactionCounter += 1;
    const n = this.transactionCounter;
    return {
      cardNumber: card.cardNumber,
      kind,
      amount: { amountMinor, currency: card.currency },
      transactionId: `F4-${String(n).padStart(6, '0')}`,
      // Deterministic and six digits: tests can compare answers without a clock or a random source.
      approvalCode: String(100000 + ((n * 7919) % 900000)),
      balanceAfter: { amountMinor: card.balanceMinor, currency: card.currency },
      ...(holdId ? { holdId } : {}),
    };
  }
}

/** Money.amountMinor's maximum in the contract: a balance the agent could not read is refused. */
const MAX_BALANCE_MINOR = 100_000_000;

export function cardView(card: SimCard): Record<string, unknown> {
  return {
    cardNumber: card.cardNumber,
    status: card.status,
    balance: { amountMinor: card.balanceMinor, currency: card.currency },
    ...(card.expiresOn ? { expiresOn: card.expiresOn } : {}),
  };
}

const cardNotFound = (): Answer => errorAnswer(404, 'CARD_NOT_FOUND', 'Card number or PIN not recognised.');

const cardNotActive = (card: SimCard): Answer =>
  errorAnswer(422, 'CARD_NOT_ACTIVE', `Card ending ${last4(card.cardNumber)} is ${card.status}.`, {
    cardNumberLast4: last4(card.cardNumber),
    status: card.status,
  });

const insufficientFunds = (card: SimCard): Answer =>
  errorAnswer(422, 'INSUFFICIENT_FUNDS', `Card ending ${last4(card.cardNumber)} does not hold enough.`, {
    availableMinor: card.balanceMinor,
    cardNumberLast4: last4(card.cardNumber),
  });

const currencyMismatch = (field: string, card: SimCard): Answer =>
  badRequest(`${field}: the card ending ${last4(card.cardNumber)} holds ${card.currency}`);

/** A copy without the internal expiry in ms. */
const holdCopy = (hold: SimHold & { expiresAtMs?: number }): SimHold => {
  const { expiresAtMs: _internal, ...copy } = hold;
  return { ...copy, till: { ...copy.till } };
};

/** The contract's Hold; balanceAfter is what the card can spend elsewhere while it stands. */
function holdView(hold: SimHold, card: SimCard): Record<string, unknown> {
  return {
    holdId: hold.holdId,
    cardNumber: hold.cardNumber,
    state: hold.state,
    amount: { amountMinor: hold.amountMinor, currency: hold.currency },
    balanceAfter: { amountMinor: card.balanceMinor, currency: card.currency },
    expiresAt: hold.expiresAt,
  };
}

const holdNotFound = (holdId: string): Answer =>
  errorAnswer(404, 'HOLD_NOT_FOUND', `No hold "${holdId}".`, { holdId });

const holdCaptured = (hold: SimHold): Answer =>
  errorAnswer(
    409,
    'HOLD_CAPTURED',
    `The hold "${hold.holdId}" was captured by a basket close; void that close instead.`,
    { holdId: hold.holdId },
  );

// What the simulated Factor4 remembers between calls: cards, applied operations, holds and the
// books, with the bookkeeping every operation shares. The operations live in the *-store.ts files.
import { badRequest, errorAnswer, last4, type Answer } from './answers';
import { Ledger, type LedgerEntry } from './ledger';
import type { CardRef, Till } from './validate';

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
export interface Movement {
  cardNumber: string;
  deltaMinor: number;
  /** The issuance (or refund) activated an INACTIVE card; voiding it deactivates the card again. */
  activation: boolean;
}

/** What a void may undo, by the requestId that applied it. */
export interface AppliedOperation {
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

/** A hold with its expiry in ms too, which is not handed out. */
export type StoredHold = SimHold & { expiresAtMs: number };

export interface GiftCardTransaction {
  cardNumber: string;
  kind: 'REDEMPTION' | 'ISSUANCE' | 'REFUND' | 'VOID';
  amount: { amountMinor: number; currency: string };
  transactionId: string;
  approvalCode: string;
  balanceAfter: { amountMinor: number; currency: string };
  holdId?: string;
}

type LedgerExtra = Omit<
  LedgerEntry,
  'seq' | 'at' | 'operation' | 'cardNumber' | 'amountMinor' | 'currency' | 'till'
> & {
  till?: Till;
};

/** Money.amountMinor's maximum in the contract: a balance the agent could not read is refused. */
export const MAX_BALANCE_MINOR = 100_000_000;

export const copyCard = (card: SimCard): SimCard => ({ ...card });

export class StoreState {
  cards = new Map<string, SimCard>();
  /** Operations that changed state, by requestId: what a void may undo. */
  readonly operations = new Map<string, AppliedOperation>();
  readonly appliedCounts = new Map<string, { operation: MoneyOperation; count: number }>();
  readonly holdsById = new Map<string, StoredHold>();
  /** Everything Centegra confirmed, for totals. */
  readonly ledger = new Ledger();
  private transactionCounter = 0; // never reset: see reset()
  holdCounter = 0; // never reset either

  /** `now` is the simulator's clock (ms since the epoch), which a test may move on. */
  constructor(
    private readonly seedCards: readonly SimCard[],
    readonly now: () => number,
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

  /** A PIN card referred to without its PIN. */
  pinMissing(ref: CardRef): boolean {
    return this.cards.get(ref.cardNumber)?.pin !== undefined && ref.pin === undefined;
  }

  /** The live card for a reference, or undefined when unknown or when its PIN is required and wrong. */
  findCard(ref: CardRef, pinRequired: boolean): SimCard | undefined {
    const card = this.cards.get(ref.cardNumber);
    if (!card) return undefined;
    if (card.pin === undefined) return card;
    if (ref.pin === undefined) return pinRequired ? undefined : card;
    return ref.pin === card.pin ? card : undefined;
  }

  /** Over the contract's ceiling, counting money held on the card too (it comes back). */
  wouldOverflow(card: SimCard, addMinor: number): boolean {
    let heldMinor = 0;
    for (const h of this.holdsById.values()) {
      if (h.state === 'HELD' && h.cardNumber === card.cardNumber) heldMinor += h.amountMinor;
    }
    return card.balanceMinor + heldMinor + addMinor > MAX_BALANCE_MINOR;
  }

  /**
   * Money onto one card, for an issuance or a refund: both activate an INACTIVE card (a void
   * deactivates it again) and both are what a void may undo.
   */
  credit(
    card: SimCard,
    operation: 'issuance' | 'refund',
    body: { requestId: string; till: Till; amount: { amountMinor: number } },
    extra: { refundId?: string; originalRequestId?: string } = {},
  ): GiftCardTransaction {
    const { amountMinor } = body.amount;
    const activation = card.status === 'INACTIVE';
    // Activation and top-up both add: a fresh card holds 0, so activation leaves exactly the amount.
    card.status = 'ACTIVE';
    card.balanceMinor += amountMinor;
    this.operations.set(body.requestId, {
      operation,
      movements: [{ cardNumber: card.cardNumber, deltaMinor: amountMinor, activation }],
      voided: false,
      ...(extra.originalRequestId !== undefined ? { originalRequestId: extra.originalRequestId } : {}),
    });
    this.markApplied(body.requestId, operation);
    const kind = operation === 'issuance' ? 'ISSUANCE' : 'REFUND';
    const transaction = this.transaction(card, kind, amountMinor);
    this.book(kind, card, amountMinor, {
      requestId: body.requestId,
      till: body.till,
      transactionId: transaction.transactionId,
      ...extra,
    });
    return transaction;
  }

  book(operation: LedgerEntry['operation'], card: SimCard, amountMinor: number, extra: LedgerExtra): void {
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

  markApplied(requestId: string, operation: MoneyOperation): void {
    const count = (this.appliedCounts.get(requestId)?.count ?? 0) + 1;
    this.appliedCounts.set(requestId, { operation, count });
  }

  transaction(
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

export function cardView(card: SimCard): Record<string, unknown> {
  return {
    cardNumber: card.cardNumber,
    status: card.status,
    balance: { amountMinor: card.balanceMinor, currency: card.currency },
    ...(card.expiresOn ? { expiresOn: card.expiresOn } : {}),
  };
}

/** A card not found; `pinMissing` when it is a PIN card asked for without its PIN (the till should ask for it). */
export const cardNotFound = (pinMissing = false): Answer =>
  pinMissing
    ? errorAnswer(422, 'PIN_REQUIRED', 'This card has a PIN: send it with the card.')
    : errorAnswer(404, 'CARD_NOT_FOUND', 'Card number or PIN not recognised.');

export const cardNotActive = (card: SimCard): Answer =>
  errorAnswer(422, 'CARD_NOT_ACTIVE', `Card ending ${last4(card.cardNumber)} is ${card.status}.`, {
    cardNumberLast4: last4(card.cardNumber),
    status: card.status,
  });

export const insufficientFunds = (card: SimCard): Answer =>
  errorAnswer(422, 'INSUFFICIENT_FUNDS', `Card ending ${last4(card.cardNumber)} does not hold enough.`, {
    availableMinor: card.balanceMinor,
    cardNumberLast4: last4(card.cardNumber),
  });

export const currencyMismatch = (field: string, card: SimCard): Answer =>
  badRequest(`${field}: the card ending ${last4(card.cardNumber)} holds ${card.currency}`);

export const tooMuchOnCard = (): Answer =>
  badRequest(`amount.amountMinor: the card would hold more than ${MAX_BALANCE_MINOR}`);

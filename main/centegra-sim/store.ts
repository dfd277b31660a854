// Factor4 as the simulator plays it: cards, the operations applied to them, and the business
// rules of inquiry, issuance, basket close and void. No HTTP here; every call returns an Answer.
import { badRequest, errorAnswer, last4, type Answer } from './answers';
import type { CardRef, CloseBody, InquiryBody, IssuanceBody, VoidBody } from './validate';

export type CardStatus = 'ACTIVE' | 'INACTIVE' | 'BLOCKED' | 'EXPIRED';

export interface SimCard {
  cardNumber: string;
  pin?: string;
  status: CardStatus;
  balanceMinor: number;
  currency: string;
  expiresOn?: string;
}

export type MoneyOperation = 'issuance' | 'close' | 'void';

/** One change to one card's balance, signed as applied (redemption negative). */
interface Movement {
  cardNumber: string;
  deltaMinor: number;
  /** The issuance activated an INACTIVE card; voiding it deactivates the card again. */
  activation: boolean;
}

interface AppliedOperation {
  operation: 'issuance' | 'close';
  movements: Movement[];
  voided: boolean;
}

interface GiftCardTransaction {
  cardNumber: string;
  kind: 'REDEMPTION' | 'ISSUANCE' | 'VOID';
  amount: { amountMinor: number; currency: string };
  transactionId: string;
  approvalCode: string;
  balanceAfter: { amountMinor: number; currency: string };
}

const copyCard = (card: SimCard): SimCard => ({ ...card });

export class CardStore {
  private cards = new Map<string, SimCard>();
  /** Operations that changed state, by requestId: what a void may undo. */
  private readonly operations = new Map<string, AppliedOperation>();
  private readonly appliedCounts = new Map<string, { operation: MoneyOperation; count: number }>();
  private transactionCounter = 0; // never reset: see reset()

  constructor(private readonly seedCards: readonly SimCard[]) {
    this.reset();
  }

  reset(): void {
    this.cards = new Map(this.seedCards.map((c) => [c.cardNumber, copyCard(c)]));
    this.operations.clear();
    this.appliedCounts.clear();
    // transactionCounter keeps counting: an agent's database may outlive a reset, and ids must not repeat.
  }

  card(cardNumber: string): SimCard | undefined {
    const card = this.cards.get(cardNumber);
    return card ? copyCard(card) : undefined;
  }

  allCards(): SimCard[] {
    return [...this.cards.values()].map(copyCard);
  }

  setCard(card: SimCard): void {
    this.cards.set(card.cardNumber, copyCard(card));
  }

  applied(): Map<string, { operation: MoneyOperation; count: number }> {
    return new Map([...this.appliedCounts].map(([id, a]) => [id, { ...a }]));
  }

  inquiry(body: InquiryBody): Answer {
    const card = this.findCard(body.card, true);
    if (!card) return cardNotFound();
    return { status: 200, body: cardView(card) };
  }

  issue(body: IssuanceBody): Answer {
    if (body.amount.amountMinor < 1) return badRequest('amount.amountMinor: an issuance must be at least 1');
    // A top-up needs no PIN (the customer hands over cash, not the card's value); a wrong one given is still refused.
    const card = this.findCard(body.card, false);
    if (!card) return cardNotFound();
    if (body.amount.currency !== card.currency) return currencyMismatch('amount.currency', card);
    if (card.status !== 'ACTIVE' && card.status !== 'INACTIVE') return cardNotActive(card);
    const activation = card.status === 'INACTIVE';
    if (card.balanceMinor + body.amount.amountMinor > MAX_BALANCE_MINOR) {
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
    return { status: 200, body: this.transaction(card, 'ISSUANCE', body.amount.amountMinor) };
  }

  closeBasket(body: CloseBody): Answer {
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
    const giftTenders: { index: number; card: CardRef; amountMinor: number }[] = [];
    for (const [index, tender] of body.tenders.entries()) {
      if (tender.kind !== 'GIFT_CARD') continue;
      if (!tender.card) return badRequest(`tenders[${index}].card: is required when kind is GIFT_CARD`);
      giftTenders.push({ index, card: tender.card, amountMinor: tender.amountMinor });
    }

    // All or nothing: check every tender (several on one card count together), then apply them all.
    const wantedMinor = new Map<string, number>();
    const resolved: { card: SimCard; index: number; amountMinor: number }[] = [];
    for (const tender of giftTenders) {
      const card = this.findCard(tender.card, true);
      if (!card) return cardNotFound();
      if (card.currency !== body.currency) return currencyMismatch(`tenders[${tender.index}].card`, card);
      if (card.status !== 'ACTIVE') return cardNotActive(card);
      const totalMinor = (wantedMinor.get(card.cardNumber) ?? 0) + tender.amountMinor;
      if (totalMinor > card.balanceMinor) return insufficientFunds(card);
      wantedMinor.set(card.cardNumber, totalMinor);
      resolved.push({ card, index: tender.index, amountMinor: tender.amountMinor });
    }

    const transactions: GiftCardTransaction[] = [];
    const movements: Movement[] = [];
    for (const { card, amountMinor } of resolved) {
      card.balanceMinor -= amountMinor;
      movements.push({ cardNumber: card.cardNumber, deltaMinor: -amountMinor, activation: false });
      transactions.push(this.transaction(card, 'REDEMPTION', amountMinor));
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
    const original = this.operations.get(body.originalRequestId);
    if (!original) {
      return errorAnswer(
        404,
        'TRANSACTION_NOT_FOUND',
        `No issuance or basket close with requestId "${body.originalRequestId}" was applied.`,
      );
    }
    if (original.voided) {
      return errorAnswer(
        409,
        'ALREADY_VOIDED',
        `The operation "${body.originalRequestId}" is already voided.`,
      );
    }
    // Check everything before changing anything. Undoing an issuance takes money back, so the
    // card must still hold it (summed per card); a close's credits always fit.
    const neededMinor = new Map<string, number>();
    for (const m of original.movements) {
      const card = this.cards.get(m.cardNumber);
      if (!card) return cardNotFound();
      if (m.deltaMinor <= 0) continue;
      const totalMinor = (neededMinor.get(m.cardNumber) ?? 0) + m.deltaMinor;
      if (totalMinor > card.balanceMinor) return insufficientFunds(card);
      neededMinor.set(m.cardNumber, totalMinor);
    }

    const transactions: GiftCardTransaction[] = [];
    for (const m of original.movements) {
      const card = this.cards.get(m.cardNumber) as SimCard; // checked above, in the same synchronous call
      card.balanceMinor -= m.deltaMinor;
      if (m.activation) card.status = 'INACTIVE';
      transactions.push(this.transaction(card, 'VOID', Math.abs(m.deltaMinor)));
    }
    original.voided = true;
    this.markApplied(body.requestId, 'void');
    return { status: 200, body: { transactions } };
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

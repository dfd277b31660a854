// Factor4 as the simulator plays it: cards, the operations applied to them, and the business
// rules of inquiry, issuance, basket close, void, holds and refunds. No HTTP here; every call
// returns an Answer. A card's balanceMinor is what it can spend: money held for a basket is not in it.
// This class is the one door; each operation's rules live in its own *-store.ts.
import { last4, type Answer } from './answers';
import { closeBasket } from './basket-store';
import { expireHolds, holdCopy, placeHold, releaseHold } from './holds-store';
import { issue } from './issuance-store';
import type { LedgerEntry, LedgerFilter, LedgerTotals } from './ledger';
import { refund } from './refunds-store';
import {
  cardNotFound,
  cardView,
  copyCard,
  StoreState,
  type MoneyOperation,
  type SimCard,
  type SimHold,
} from './store-state';
import { voidOperation } from './voids-store';
import type {
  CloseBody,
  HoldBody,
  InquiryBody,
  IssuanceBody,
  RefundBody,
  ReleaseBody,
  VoidBody,
} from './validate';

export { HOLD_TTL_DEFAULT_S } from './holds-store';
export {
  cardView,
  type CardStatus,
  type HoldState,
  type MoneyOperation,
  type SimCard,
  type SimHold,
} from './store-state';

export class CardStore {
  private readonly state: StoreState;

  /** `now` is the simulator's clock (ms since the epoch), which a test may move on. */
  constructor(seedCards: readonly SimCard[], now: () => number = Date.now) {
    this.state = new StoreState(seedCards, now);
  }

  reset(): void {
    this.state.reset();
  }

  card(cardNumber: string): SimCard | undefined {
    const card = this.live().cards.get(cardNumber);
    return card ? copyCard(card) : undefined;
  }

  allCards(): SimCard[] {
    return [...this.live().cards.values()].map(copyCard);
  }

  /** Every hold, oldest first, as it stands now (lapsed ones EXPIRED). */
  holds(): SimHold[] {
    return [...this.live().holdsById.values()].map(holdCopy);
  }

  hold(holdId: string): SimHold | undefined {
    const hold = this.live().holdsById.get(holdId);
    return hold ? holdCopy(hold) : undefined;
  }

  /** The books as of now: holds due to lapse are lapsed first, so they count. */
  ledgerEntries(filter?: LedgerFilter): LedgerEntry[] {
    return this.live().ledger.list(filter);
  }

  ledgerTotals(filter?: LedgerFilter): LedgerTotals {
    return this.live().ledger.totals(filter);
  }

  setCard(card: SimCard): void {
    this.state.cards.set(card.cardNumber, copyCard(card));
  }

  applied(): Map<string, { operation: MoneyOperation; count: number }> {
    return new Map([...this.state.appliedCounts].map(([id, a]) => [id, { ...a }]));
  }

  inquiry(body: InquiryBody): Answer {
    const card = this.live().findCard(body.card, true);
    if (!card) return cardNotFound(this.live().pinMissing(body.card));
    return { status: 200, body: cardView(card) };
  }

  issue(body: IssuanceBody): Answer {
    return issue(this.live(), body);
  }

  closeBasket(body: CloseBody): Answer {
    return closeBasket(this.live(), body);
  }

  voidOperation(body: VoidBody): Answer {
    return voidOperation(this.live(), body);
  }

  placeHold(body: HoldBody): Answer {
    return placeHold(this.live(), body);
  }

  releaseHold(body: ReleaseBody): Answer {
    return releaseHold(this.live(), body);
  }

  refund(body: RefundBody): Answer {
    return refund(this.live(), body);
  }

  /**
   * The card spent at another till, outside this API: from what it can spend, never from money
   * held for a basket. Throws RangeError when the card is unknown, not ACTIVE or short.
   */
  spendElsewhere(cardNumber: string, amountMinor: number): SimCard {
    const state = this.live();
    if (!Number.isSafeInteger(amountMinor) || amountMinor < 1) {
      throw new RangeError('Spend elsewhere: amountMinor must be a whole number of pence, at least 1.');
    }
    const card = state.cards.get(cardNumber);
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
    state.book('SPENT_ELSEWHERE', card, amountMinor, {});
    return copyCard(card);
  }

  /** The state with lapsed holds lapsed first: every read and every operation sees the clock as it is now. */
  private live(): StoreState {
    expireHolds(this.state);
    return this.state;
  }
}

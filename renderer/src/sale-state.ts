// The sale on the cashier screen as a pure reducer: which basket the screen follows (the one the POS
// touched last), the queue of closures waiting to be sent, the call in flight, and the top-up steps.
// Events come from the agent in order; answers to the screen's own calls may overtake them, so an
// answer never moves a basket backwards and never brings back a basket the screen has moved on from.
import type {
  AgentEvent,
  Basket,
  Card,
  CardInquiryRequest,
  CloseResult,
  Health,
  OperationInput,
  Result,
  TopUp,
} from '../../main/agent/contract';

export type QueueSummary = Health['queue'];
export type Transaction = Extract<CloseResult, { state: 'DELIVERED' }>['transactions'][number];
export type GiftCardTender = Basket['giftCardTenders'][number];

/** How many basket ids the screen remembers, to know an event about an earlier sale when it sees one. */
const REMEMBERED_BASKETS = 50;

/** The call the sale area is waiting for; one at a time. */
export type SaleBusy =
  | { kind: 'apply'; basketId: string; tendersBefore: readonly string[] }
  /** With the card's masked number as it was, since the answer (and its event) no longer has it. */
  | { kind: 'remove'; basketId: string; tenderId: string; cardNumberMasked?: string }
  | { kind: 'start' }
  | { kind: 'close'; basketId: string }
  /** Cancelling a practice sale (demo mode). */
  | { kind: 'void'; basketId: string };

/** The card a top-up is for: keyed (number and PIN) or scanned (its scanId). */
export interface TopUpTarget {
  request: CardInquiryRequest;
  /** Its last four digits, as the cashier is asked about it. */
  last4: string;
}

/** The amount chosen, and the screen's own id for the top-up: every send of it (a retry, after a manager's PIN) uses it, so the card is loaded once. */
interface TopUpChosen {
  target: TopUpTarget;
  amountMinor: number;
  topUpId: string;
}

export type TopUpFlow =
  | { step: 'amount'; target: TopUpTarget }
  | ({ step: 'confirm' } & TopUpChosen)
  /**
   * Over the till's approval limit: a manager enters the PIN, then the same top-up goes again with
   * their session. `message` is the agent's; `limitMinor` the approval limit it names
   * (details.approvalAboveMinor); `expiredSession` the session it just refused, if any.
   */
  | ({ step: 'approval'; message: string; limitMinor?: number; expiredSession?: string } & TopUpChosen)
  | ({ step: 'sending'; session?: string } & TopUpChosen);

export interface SaleState {
  /** The basket the screen shows: the POS's current one, or the one it closed last. */
  basket?: Basket;
  /** Basket ids shown so far (oldest first). */
  seen: readonly string[];
  /** Goes up with every `basket` event, so an answer asked for before the latest event is known to be older. */
  basketEvents: number;
  /** Closures waiting to be sent or refused, from health and `queue` events. */
  queue?: QueueSummary;
  /** What Factor4 did with each card of the basket this screen closed, when the close was delivered at once. */
  transactions?: { basketId: string; list: readonly Transaction[] };
  busy?: SaleBusy;
  topUp?: TopUpFlow;
  /**
   * A gift card was taken offline on a basket shown here, so the offline policy allows it: while
   * Centegra is unreachable the sale says cards go on their last known balance.
   */
  offlineAllowed?: boolean;
  /**
   * Held cards that left the open sale without this screen removing them (their hold lapsed, or
   * the POS took them off): the cashier must know the sale no longer has that money.
   */
  gone?: { basketId: string; tenders: readonly GiftCardTender[] };
}

export const initialSale: SaleState = { seen: [], basketEvents: 0 };

export type SaleAction =
  /** The answer to `currentBasket`, asked when `basketEvents` was `asked`. */
  | { type: 'currentBasketRead'; result: Result<{ basket?: Basket }>; asked: number }
  /** The answer to `getBasket`, read again because the queue moved. */
  | { type: 'basketRead'; result: Result<Basket> }
  | { type: 'applyStarted' }
  | { type: 'applyAnswered'; result: Result<Basket> }
  | { type: 'removeStarted'; tenderId: string }
  | { type: 'removeAnswered'; result: Result<Basket> }
  | { type: 'practiceStarted' }
  | { type: 'practiceAnswered'; result: Result<Basket> }
  | { type: 'closeStarted' }
  | { type: 'closeAnswered'; result: Result<CloseResult> }
  | { type: 'voidStarted' }
  | { type: 'voidAnswered'; result: Result<Basket> }
  | { type: 'topUpOpened'; target: TopUpTarget }
  | { type: 'topUpAmountChosen'; amountMinor: number; topUpId: string }
  | { type: 'topUpBack' }
  | { type: 'topUpCancelled' }
  /** Sent: from the confirm step, or from the approval step with the manager's session. */
  | { type: 'topUpStarted'; session?: string }
  | { type: 'topUpAnswered'; result: Result<TopUp> };

/** Actions of the whole screen the sale also listens to (see state.ts). */
export type SharedAction =
  { type: 'event'; event: AgentEvent } | { type: 'healthRead'; result: Result<Health> } | { type: 'cleared' };

/**
 * How far a basket has got: open, closed and waiting, closed and settled, voided. The same basket
 * never goes backwards through an answer; only the agent's own events (in order) may reopen it.
 */
export function progress(basket: Basket): number {
  if (basket.state === 'OPEN') return 0;
  if (basket.state === 'VOIDED') return 3;
  return basket.closeState === 'DELIVERED' || basket.closeState === 'FAILED' ? 2 : 1;
}

function remember(seen: readonly string[], basketId: string): readonly string[] {
  return seen.includes(basketId) ? seen : [...seen, basketId].slice(-REMEMBERED_BASKETS);
}

function showBasket(state: SaleState, basket: Basket): SaleState {
  const other = state.basket !== undefined && state.basket.basketId !== basket.basketId;
  return {
    ...state,
    basket,
    seen: remember(state.seen, basket.basketId),
    ...(basket.giftCardTenders.some((t) => t.offline) ? { offlineAllowed: true } : {}),
    // The transactions belong to the sale they came with.
    ...(other && state.transactions ? { transactions: undefined } : {}),
  };
}

/**
 * A `basket` event: the agent's word, in order. An earlier sale seen before is followed again only
 * while it is open: the POS went back to it (only the POS changes an open basket). An earlier sale
 * closed or voided is news from the queue (delivered later, refused) or the manager, not the POS.
 */
function basketEvent(state: SaleState, basket: Basket): SaleState {
  const counted = { ...state, basketEvents: state.basketEvents + 1 };
  const current = state.basket?.basketId;
  const earlier = basket.basketId !== current && state.seen.includes(basket.basketId);
  if (earlier && basket.state !== 'OPEN') return counted;
  const shown = showBasket(counted, basket);
  const gone = goneHeldTenders(state, basket);
  if (gone.length > 0) return { ...shown, gone: { basketId: basket.basketId, tenders: gone } };
  // A note about cards gone from a sale lasts while that sale stays open.
  return shown.gone && (shown.gone.basketId !== basket.basketId || basket.state !== 'OPEN')
    ? { ...shown, gone: undefined }
    : shown;
}

/**
 * Held cards on the open sale shown that this newer word of it no longer has, and that this
 * screen did not remove: the agent took them off when their hold lapsed, or the POS did.
 */
export function goneHeldTenders(state: SaleState, basket: Basket): GiftCardTender[] {
  const before = state.basket;
  if (before?.basketId !== basket.basketId || before.state !== 'OPEN' || basket.state !== 'OPEN') return [];
  const still = new Set(basket.giftCardTenders.map((t) => t.tenderId));
  const removing = state.busy?.kind === 'remove' ? state.busy.tenderId : undefined;
  return before.giftCardTenders.filter(
    (t) => t.held === true && !still.has(t.tenderId) && t.tenderId !== removing,
  );
}

/**
 * An answer carrying a basket: shown if it is the current basket and no further behind than what
 * is shown, or (with `newSale`) a basket the screen has never seen.
 */
function basketAnswer(state: SaleState, basket: Basket, newSale = false): SaleState {
  const current = state.basket;
  if (current?.basketId === basket.basketId) {
    return progress(basket) >= progress(current) ? showBasket(state, basket) : state;
  }
  if (newSale && !state.seen.includes(basket.basketId)) return showBasket(state, basket);
  return state;
}

export function reduceSale(state: SaleState, action: SaleAction | SharedAction): SaleState {
  switch (action.type) {
    case 'event':
      if (action.event.type === 'basket') return basketEvent(state, action.event.data);
      if (action.event.type === 'queue') return { ...state, queue: action.event.data };
      return state;
    case 'healthRead':
      return action.result.ok ? { ...state, queue: action.result.value.queue } : state;
    case 'cleared': {
      // Escape leaves a top-up that is already sending to finish; any other step is dropped.
      const noted = state.gone ? { ...state, gone: undefined } : state;
      return noted.topUp && noted.topUp.step !== 'sending' ? { ...noted, topUp: undefined } : noted;
    }
    case 'currentBasketRead': {
      if (!action.result.ok) return state;
      const basket = action.result.value.basket;
      if (!basket) return state;
      // A basket event since the question is newer than this answer, unless it is about the same basket.
      if (action.asked !== state.basketEvents) return basketAnswer(state, basket);
      return basketAnswer(state, basket, true);
    }
    case 'basketRead':
      return action.result.ok ? basketAnswer(state, action.result.value) : state;
    case 'applyStarted': {
      const basket = state.basket;
      if (state.busy || basket?.state !== 'OPEN') return state;
      return {
        ...state,
        gone: undefined,
        busy: {
          kind: 'apply',
          basketId: basket.basketId,
          tendersBefore: basket.giftCardTenders.map((t) => t.tenderId),
        },
      };
    }
    case 'removeStarted': {
      const basket = state.basket;
      if (state.busy || basket?.state !== 'OPEN') return state;
      const tender = basket.giftCardTenders.find((t) => t.tenderId === action.tenderId);
      return {
        ...state,
        busy: {
          kind: 'remove',
          basketId: basket.basketId,
          tenderId: action.tenderId,
          ...(tender ? { cardNumberMasked: tender.cardNumberMasked } : {}),
        },
      };
    }
    case 'practiceStarted':
      return state.busy ? state : { ...state, busy: { kind: 'start' } };
    case 'closeStarted':
    case 'voidStarted': {
      const basket = state.basket;
      if (state.busy || basket?.state !== 'OPEN') return state;
      const kind = action.type === 'closeStarted' ? 'close' : 'void';
      return { ...state, busy: { kind, basketId: basket.basketId } };
    }
    case 'applyAnswered':
    case 'removeAnswered':
    case 'voidAnswered': {
      const idle = { ...state, busy: undefined };
      return action.result.ok ? basketAnswer(idle, action.result.value) : idle;
    }
    case 'practiceAnswered': {
      const idle = { ...state, busy: undefined };
      return action.result.ok ? basketAnswer(idle, action.result.value, true) : idle;
    }
    case 'closeAnswered': {
      const idle = { ...state, busy: undefined };
      if (!action.result.ok) return idle;
      const answer = action.result.value;
      const shown = basketAnswer(idle, answer.basket);
      if (answer.state !== 'DELIVERED' || shown.basket?.basketId !== answer.basket.basketId) return shown;
      return { ...shown, transactions: { basketId: answer.basket.basketId, list: answer.transactions } };
    }
    case 'topUpOpened':
      return state.topUp?.step === 'sending'
        ? state
        : { ...state, topUp: { step: 'amount', target: action.target } };
    case 'topUpAmountChosen':
      if (state.topUp?.step !== 'amount') return state;
      return {
        ...state,
        topUp: {
          step: 'confirm',
          target: state.topUp.target,
          amountMinor: action.amountMinor,
          topUpId: action.topUpId,
        },
      };
    case 'topUpBack':
      return state.topUp?.step === 'confirm'
        ? { ...state, topUp: { step: 'amount', target: state.topUp.target } }
        : state;
    case 'topUpCancelled':
      return state.topUp && state.topUp.step !== 'sending' ? { ...state, topUp: undefined } : state;
    case 'topUpStarted': {
      const flow = state.topUp;
      // From the confirm step as the cashier pressed it; from the approval step only with a session.
      const ready = flow?.step === 'confirm' || (flow?.step === 'approval' && action.session !== undefined);
      if (!ready) return state;
      const { target, amountMinor, topUpId } = flow;
      return {
        ...state,
        topUp: {
          step: 'sending',
          target,
          amountMinor,
          topUpId,
          ...(action.session !== undefined ? { session: action.session } : {}),
        },
      };
    }
    case 'topUpAnswered': {
      const flow = state.topUp;
      if (flow?.step !== 'sending') return state;
      const { result } = action;
      // Over the approval limit (or the manager's session ended meanwhile): ask for the PIN here.
      if (!result.ok && result.error.code === 'MANAGER_SESSION_EXPIRED') {
        const { target, amountMinor, topUpId, session } = flow;
        return {
          ...state,
          topUp: {
            step: 'approval',
            target,
            amountMinor,
            topUpId,
            message: result.error.message,
            ...(result.error.details?.['approvalAboveMinor'] !== undefined
              ? { limitMinor: result.error.details['approvalAboveMinor'] }
              : {}),
            ...(session !== undefined ? { expiredSession: session } : {}),
          },
        };
      }
      return { ...state, topUp: undefined };
    }
  }
}

// ---- what the screen offers, from the state ----

export function isOpen(basket: Basket | undefined): basket is Basket {
  return basket?.state === 'OPEN';
}

/** A gift card can be applied: a basket is open and something is still to pay. */
export function canApply(sale: SaleState): boolean {
  return isOpen(sale.basket) && sale.basket.dueMinor > 0;
}

/** The tender an apply added: the one on the answer that was not on the basket when the apply started. */
export function addedTender(busy: SaleBusy | undefined, basket: Basket): GiftCardTender | undefined {
  if (busy?.kind !== 'apply') return undefined;
  return basket.giftCardTenders.find((t) => !busy.tendersBefore.includes(t.tenderId));
}

/** While Centegra is unreachable, the open sale says cards go on their last known balance (when the policy allows it). */
export function offlineNote(sale: SaleState, linkState: string | undefined): boolean {
  return (
    isOpen(sale.basket) && linkState !== undefined && linkState !== 'ONLINE' && sale.offlineAllowed === true
  );
}

/** Which closures to report: pending, and refused ones the manager must see to. */
export function queueCounts(queue: QueueSummary | undefined): { pending: number; failed: number } {
  return { pending: queue?.pending ?? 0, failed: queue?.failed ?? 0 };
}

// ---- practice sales (demo mode only) ----

export const PRACTICE_PREFIX = 'practice-';

export function isPractice(basket: Basket | undefined): boolean {
  return basket?.basketId.startsWith(PRACTICE_PREFIX) ?? false;
}

/** A small sale to try gift cards on: 2 × coffee beans at 12.50 and a mug at 8.00, 33.00 in all. */
export function practiceBasket(nowMs: number, currency: string): OperationInput<'putBasket'> {
  const lines = [
    {
      sku: 'COFFEE-1KG',
      description: 'Coffee beans 1 kg',
      quantity: 2,
      unitPriceMinor: 1250,
      lineTotalMinor: 2500,
    },
    { sku: 'MUG', description: 'Mug', quantity: 1, unitPriceMinor: 800, lineTotalMinor: 800 },
  ];
  return {
    basketId: `${PRACTICE_PREFIX}${nowMs}`,
    currency,
    totalMinor: lines.reduce((sum, line) => sum + line.lineTotalMinor, 0),
    lines,
  };
}

/** The rest of a practice sale in cash: exactly what is still due, or no other tender when nothing is. */
export function restInCash(basket: Basket): OperationInput<'closeBasket'> {
  return {
    basketId: basket.basketId,
    otherTenders: basket.dueMinor > 0 ? [{ kind: 'CASH', amountMinor: basket.dueMinor }] : [],
  };
}

/** The card after a top-up that went through (DONE, or voided since): its new balance. */
export function cardAfterTopUp(t: TopUp): Card | undefined {
  if (t.state === 'PENDING' || t.state === 'FAILED' || t.balanceMinor === undefined) return undefined;
  return {
    ...(t.scanId ? { scanId: t.scanId } : {}),
    cardNumberMasked: t.cardNumberMasked,
    status: t.status ?? 'ACTIVE',
    balanceMinor: t.balanceMinor,
    currency: t.currency,
    checkedAt: t.checkedAt ?? t.createdAt,
  };
}

/** A fresh id for one top-up (the agent's topUpId), so the same top-up sent twice is applied once. */
export function newTopUpId(random: (bytes: Uint8Array) => Uint8Array): string {
  const bytes = random(new Uint8Array(12));
  return `topup-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

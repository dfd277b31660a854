// The cashier screen's state as a pure reducer: agent answers, agent events and the cashier's own
// actions in, one view state out. The components only draw it and say what happened.
import type {
  AgentEvent,
  ApiError,
  Card,
  CardInquiryRequest,
  CentegraLink,
  ErrorCode,
  Health,
  Result,
  Scan,
  TopUp,
} from '../../main/agent/contract';
import {
  addedTender,
  cardAfterTopUp,
  initialSale,
  reduceSale,
  type SaleAction,
  type SaleState,
  type SharedAction,
} from './sale-state';
import { errorField, type ErrorAction } from './error-words';
import type { EntryProblem, Notice, Problem } from './result-words';

/** How long "Looking up…" may show before the screen says there was no answer. */
export const LOOKUP_TIMEOUT_MS = 15_000;
/** How many recent scan ids the screen remembers, to tell a late answer from a current one. */
const REMEMBERED_SCANS = 32;

export type EntryField = 'cardNumber' | 'pin' | 'maxAmount';
export type StorageHealth = Health['storage'];

export type ResultView =
  | { kind: 'idle' }
  | { kind: 'checking' }
  /** A valid scan the agent is looking up: a `card` or `cardError` event (or the timeout) ends it. */
  | { kind: 'lookingUp'; scanId: string; cardNumberMasked?: string }
  | { kind: 'card'; card: Card; scanned: boolean }
  /** Kept as what happened, not as words: drawn in the screen's language (result-words.ts). */
  | { kind: 'problem'; problem: Problem; code?: ErrorCode; field?: EntryField }
  /** What a sale action did: a card applied or removed. */
  | { kind: 'notice'; notice: Notice }
  /** A top-up went through: the card's new balance. */
  | { kind: 'toppedUp'; card: Card; amountMinor: number }
  /** A top-up written down but not confirmed by Centegra: a `topup` event (or Check again) settles it. */
  | { kind: 'topUpPending'; topUp: TopUp };

export interface ViewState {
  /** The last health the agent gave; undefined until the first answer. */
  health?: Health;
  /** The Centegra link, from health and kept current by `centegra` events. */
  link?: CentegraLink;
  /** Why health could not be read, if it could not. */
  healthProblem?: ApiError;
  /** Whether the till can store sales, from health and kept current by `storage` events. */
  storage?: StorageHealth;
  /** The keyed check in flight; a second one is refused until it answers. */
  pendingCheck?: number;
  result: ResultView;
  /**
   * Goes up by one with every new result (and every sale step ended), so the screen knows when to
   * move focus back to the number and bring the result into view.
   */
  resultSeq: number;
  /**
   * Scans seen lately (oldest first) and the one the screen is about. An answer about an older scan,
   * or about one the cashier cleared or keyed over, is late and dropped.
   */
  scans: { current?: string; seen: readonly string[] };
  /** The sale the POS has open (or closed last), and the sale actions in flight. */
  sale: SaleState;
}

export type Action =
  | { type: 'healthRead'; result: Result<Health> }
  | { type: 'checkStarted'; checkId: number }
  | { type: 'checkFinished'; checkId: number; result: Result<Card> }
  | { type: 'entryRejected'; problem: EntryProblem; field: EntryField }
  | { type: 'event'; event: AgentEvent }
  /** The agent's answer to a keyboard-wedge scan the screen sent. */
  | { type: 'keyboardScanAnswered'; result: Result<Scan> }
  /** LOOKUP_TIMEOUT_MS passed while looking up this scan. */
  | { type: 'lookupTimedOut'; scanId: string }
  /** The answer to `getTopUp` for the top-up the screen shows as not confirmed (Check again). */
  | { type: 'topUpRead'; result: Result<TopUp> }
  | { type: 'cleared' }
  | SaleAction;

export const initialState: ViewState = {
  result: { kind: 'idle' },
  resultSeq: 0,
  scans: { seen: [] },
  sale: initialSale,
};

function showing(state: ViewState, result: ResultView): ViewState {
  return { ...state, result, resultSeq: state.resultSeq + 1 };
}

/** An error the agent answered, kept with what the cashier was doing (the one mapping words it). */
export function problemFrom(error: ApiError, action: ErrorAction = 'balance'): ResultView {
  const field = errorField(error.code);
  return {
    kind: 'problem',
    problem: { kind: 'agent', error, action },
    code: error.code,
    ...(field ? { field } : {}),
  };
}

/** A scan, from its event or from the answer to a keyboard scan (whichever comes first; once). */
function scanned(state: ViewState, scan: Scan): ViewState {
  if (state.scans.seen.includes(scan.scanId)) return state;
  const next: ViewState = {
    ...state,
    scans: { current: scan.scanId, seen: [...state.scans.seen, scan.scanId].slice(-REMEMBERED_SCANS) },
  };
  // A valid scan is followed by a `card` or `cardError` event once the agent has looked it up.
  if (scan.valid) {
    return showing(next, {
      kind: 'lookingUp',
      scanId: scan.scanId,
      ...(scan.cardNumberMasked ? { cardNumberMasked: scan.cardNumberMasked } : {}),
    });
  }
  return showing(next, {
    kind: 'problem',
    problem: { kind: 'notAGiftCard', ...(scan.reason ? { reason: scan.reason } : {}) },
    code: 'NOT_A_GIFT_CARD',
  });
}

/** An answer about a scan the screen has moved on from. Answers about scans it never saw still show. */
function isLate(state: ViewState, scanId: string | undefined): boolean {
  return scanId !== undefined && state.scans.seen.includes(scanId) && scanId !== state.scans.current;
}

function onEvent(state: ViewState, event: AgentEvent): ViewState {
  switch (event.type) {
    case 'card':
      if (isLate(state, event.data.scanId)) return state;
      return showing(state, { kind: 'card', card: event.data, scanned: true });
    case 'cardError':
      if (isLate(state, event.data.scanId)) return state;
      return showing(state, problemFrom(event.data.error));
    case 'scan':
      return scanned(state, event.data);
    case 'scanners':
      return state.health ? { ...state, health: { ...state.health, scanners: event.data.scanners } } : state;
    case 'centegra':
      return { ...state, link: event.data };
    case 'queue':
      return state.health ? { ...state, health: { ...state.health, queue: event.data } } : state;
    case 'storage':
      return { ...state, storage: event.data };
    case 'topup':
      return topUpSettled(state, event.data);
    case 'resync':
      // The screen reads health again; nothing to change until it answers.
      return state;
    default:
      // Events this screen does not show (baskets, and whatever a newer agent adds) change nothing.
      return state;
  }
}

/** The actions only the view part hears; typed as a record, so a new action must be placed here or in the sale. */
const viewOnly: Record<Exclude<Action, SaleAction | SharedAction>['type'], true> = {
  checkStarted: true,
  checkFinished: true,
  entryRejected: true,
  keyboardScanAnswered: true,
  lookupTimedOut: true,
  topUpRead: true,
};

function heardBySale(action: Action): action is SaleAction | SharedAction {
  return !Object.hasOwn(viewOnly, action.type);
}

/** The whole screen: the view's own part, then the sale's. */
export function reduce(state: ViewState, action: Action): ViewState {
  const next = reduceView(state, action);
  const sale = heardBySale(action) ? reduceSale(next.sale, action) : next.sale;
  return sale === next.sale ? next : { ...next, sale };
}

/** A top-up's answer in the result area: the new balance, not confirmed yet, or why it was refused. */
export function topUpResult(t: TopUp): ResultView {
  if (t.state === 'FAILED') return topUpProblem(t.error ?? { code: 'CENTEGRA_ERROR', message: '' });
  const card = cardAfterTopUp(t);
  return card ? { kind: 'toppedUp', card, amountMinor: t.amountMinor } : { kind: 'topUpPending', topUp: t };
}

/** A top-up refused: the customer is paying in, so nothing it says is about paying another way. */
function topUpProblem(error: ApiError): ResultView {
  return problemFrom(error, 'topUp');
}

/**
 * News of a top-up the screen shows as not confirmed: settled (DONE, FAILED) it replaces the note,
 * without taking the keyboard from where the cashier is. News of any other top-up changes nothing.
 */
function topUpSettled(state: ViewState, t: TopUp): ViewState {
  const shown = state.result;
  if (shown.kind !== 'topUpPending' || shown.topUp.topUpId !== t.topUpId) return state;
  if (t.state === 'PENDING') return state;
  return { ...state, result: topUpResult(t) };
}

/** What a sale action's answer shows in the result area, judged against the sale as it was asked. */
function saleAnswer(state: ViewState, action: SaleAction): ViewState {
  switch (action.type) {
    case 'applyAnswered': {
      if (!action.result.ok) return showing(state, problemFrom(action.result.error, 'apply'));
      const basket = action.result.value;
      const tender = addedTender(state.sale.busy, basket);
      const { currency, dueMinor } = basket;
      return showing(state, {
        kind: 'notice',
        notice: {
          kind: 'applied',
          currency,
          dueMinor,
          ...(tender
            ? {
                tender: {
                  cardNumberMasked: tender.cardNumberMasked,
                  amountMinor: tender.amountMinor,
                  balanceAfterMinor: tender.balanceAfterMinor,
                },
              }
            : {}),
        },
      });
    }
    case 'removeAnswered': {
      if (!action.result.ok) return showing(state, problemFrom(action.result.error, 'remove'));
      const busy = state.sale.busy;
      const masked = busy?.kind === 'remove' ? busy.cardNumberMasked : undefined;
      const basket = action.result.value;
      return showing(state, {
        kind: 'notice',
        notice: {
          kind: 'removed',
          currency: basket.currency,
          dueMinor: basket.dueMinor,
          ...(masked ? { cardNumberMasked: masked } : {}),
        },
      });
    }
    case 'practiceAnswered':
    case 'closeAnswered':
    case 'voidAnswered':
      // The sale area says what happened; the result area is cleared, and (as after every result)
      // the keyboard goes back to the card number for the next card.
      return showing(state, action.result.ok ? { kind: 'idle' } : problemFrom(action.result.error, 'close'));
    case 'topUpAnswered': {
      const flow = state.sale.topUp;
      if (flow?.step !== 'sending') return state;
      if (action.result.ok) return showing(state, topUpResult(action.result.value));
      // The panel asks for the manager's PIN; the result area (and the keyboard) stay as they are.
      if (action.result.error.code === 'MANAGER_SESSION_EXPIRED') return state;
      // An unknown outcome is headed "Top-up not confirmed": check the balance before taking money again.
      return showing(state, topUpProblem(action.result.error));
    }
    default:
      return state;
  }
}

function reduceView(state: ViewState, action: Action): ViewState {
  switch (action.type) {
    case 'healthRead':
      if (!action.result.ok) return { ...state, healthProblem: action.result.error };
      return {
        ...state,
        health: action.result.value,
        link: action.result.value.centegra,
        storage: action.result.value.storage,
        healthProblem: undefined,
      };
    case 'checkStarted':
      if (state.pendingCheck !== undefined) return state;
      // A keyed check is the cashier's newest question: a scan still being looked up is dropped.
      return {
        ...state,
        pendingCheck: action.checkId,
        result: { kind: 'checking' },
        scans: { seen: state.scans.seen },
      };
    case 'checkFinished':
      // An answer to a check the cashier cleared with Escape is dropped.
      if (action.checkId !== state.pendingCheck) return state;
      return {
        ...showing(
          state,
          action.result.ok
            ? { kind: 'card', card: action.result.value, scanned: false }
            : problemFrom(action.result.error),
        ),
        pendingCheck: undefined,
      };
    case 'entryRejected':
      return showing(state, {
        kind: 'problem',
        problem: { kind: 'entry', entry: action.problem },
        field: action.field,
      });
    case 'event':
      return onEvent(state, action.event);
    case 'keyboardScanAnswered':
      return action.result.ok
        ? scanned(state, action.result.value)
        : showing(state, problemFrom(action.result.error));
    case 'topUpRead':
      return action.result.ok ? topUpSettled(state, action.result.value) : state;
    case 'lookupTimedOut':
      if (state.result.kind !== 'lookingUp' || state.result.scanId !== action.scanId) return state;
      return showing(state, { kind: 'problem', problem: { kind: 'noAnswer' } });
    case 'cleared':
      // Escape also drops the answer to a scan still being looked up.
      return {
        ...state,
        pendingCheck: undefined,
        result: { kind: 'idle' },
        scans: { seen: state.scans.seen },
      };
    default:
      return saleAnswer(state, action);
  }
}

export type Entry =
  { ok: true; request: CardInquiryRequest } | { ok: false; problem: EntryProblem; field: EntryField };

const MAX_CARD_NUMBER = 64;
const PIN = /^[0-9]{4,8}$/;

/**
 * Checks what the cashier typed before asking the agent (`button`: the one pressed, named in what to
 * do). Spaces and dashes stay: the agent strips them.
 */
export function readEntry(
  cardNumber: string,
  pin: string,
  button: 'check' | 'apply' | 'topUp' = 'check',
): Entry {
  const number = cardNumber.trim();
  const pinTyped = pin.trim();
  if (number === '') return { ok: false, problem: { kind: 'numberEmpty', button }, field: 'cardNumber' };
  if (number.length > MAX_CARD_NUMBER)
    return { ok: false, problem: { kind: 'numberTooLong', max: MAX_CARD_NUMBER }, field: 'cardNumber' };
  if (pinTyped !== '' && !PIN.test(pinTyped))
    return { ok: false, problem: { kind: 'pinFormat' }, field: 'pin' };
  return {
    ok: true,
    request: pinTyped === '' ? { cardNumber: number } : { cardNumber: number, pin: pinTyped },
  };
}

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
} from '../../main/agent/contract';
import { errorHeadings, notAGiftCardMessage } from './wording';

export type EntryField = 'cardNumber' | 'pin';

export type ResultView =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'card'; card: Card; scanned: boolean }
  | { kind: 'problem'; heading: string; message: string; code?: ErrorCode; field?: EntryField };

export interface ViewState {
  /** The last health the agent gave; undefined until the first answer. */
  health?: Health;
  /** The Centegra link, from health and kept current by `centegra` events. */
  link?: CentegraLink;
  /** Why health could not be read, if it could not. */
  healthProblem?: ApiError;
  /** The keyed check in flight; a second one is refused until it answers. */
  pendingCheck?: number;
  result: ResultView;
  /** Goes up by one with every new result, so the screen knows when to move focus back to the number. */
  resultSeq: number;
}

export type Action =
  | { type: 'healthRead'; result: Result<Health> }
  | { type: 'checkStarted'; checkId: number }
  | { type: 'checkFinished'; checkId: number; result: Result<Card> }
  | { type: 'entryRejected'; heading: string; message: string; field: EntryField }
  | { type: 'event'; event: AgentEvent }
  | { type: 'cleared' };

export const initialState: ViewState = { result: { kind: 'idle' }, resultSeq: 0 };

function showing(state: ViewState, result: ResultView): ViewState {
  return { ...state, result, resultSeq: state.resultSeq + 1 };
}

export function problemFrom(error: ApiError): ResultView {
  // A code this screen does not know yet (a newer agent) still gets a heading.
  const heading = (errorHeadings as Partial<Record<string, string>>)[error.code] ?? errorHeadings.INTERNAL;
  return { kind: 'problem', heading, message: error.message, code: error.code };
}

function onEvent(state: ViewState, event: AgentEvent): ViewState {
  switch (event.type) {
    case 'card':
      return showing(state, { kind: 'card', card: event.data, scanned: true });
    case 'scan':
      // A valid scan is followed by a `card` event once the agent has looked it up.
      if (event.data.valid) return state;
      return showing(state, {
        kind: 'problem',
        heading: errorHeadings.NOT_A_GIFT_CARD,
        message: event.data.reason ?? notAGiftCardMessage,
        code: 'NOT_A_GIFT_CARD',
      });
    case 'centegra':
      return { ...state, link: event.data };
    case 'queue':
      return state.health ? { ...state, health: { ...state.health, queue: event.data } } : state;
    case 'resync':
      // The screen reads health again; nothing to change until it answers.
      return state;
  }
}

export function reduce(state: ViewState, action: Action): ViewState {
  switch (action.type) {
    case 'healthRead':
      if (!action.result.ok) return { ...state, healthProblem: action.result.error };
      return {
        ...state,
        health: action.result.value,
        link: action.result.value.centegra,
        healthProblem: undefined,
      };
    case 'checkStarted':
      if (state.pendingCheck !== undefined) return state;
      return { ...state, pendingCheck: action.checkId, result: { kind: 'checking' } };
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
        heading: action.heading,
        message: action.message,
        field: action.field,
      });
    case 'event':
      return onEvent(state, action.event);
    case 'cleared':
      return { ...state, pendingCheck: undefined, result: { kind: 'idle' } };
  }
}

export type Entry =
  | { ok: true; request: CardInquiryRequest }
  | { ok: false; heading: string; message: string; field: EntryField };

const MAX_CARD_NUMBER = 64;
const PIN = /^[0-9]{4,8}$/;

/** Checks what the cashier typed before asking the agent. Spaces and dashes stay: the agent strips them. */
export function readEntry(cardNumber: string, pin: string): Entry {
  const number = cardNumber.trim();
  const pinTyped = pin.trim();
  if (number === '') {
    return {
      ok: false,
      heading: 'Check the number',
      message: 'Type or scan the gift card number, then press Check balance.',
      field: 'cardNumber',
    };
  }
  if (number.length > MAX_CARD_NUMBER) {
    return {
      ok: false,
      heading: 'Check the number',
      message: `That is too long for a gift card number (at most ${MAX_CARD_NUMBER} characters). Clear it with Escape and try again.`,
      field: 'cardNumber',
    };
  }
  if (pinTyped !== '' && !PIN.test(pinTyped)) {
    return {
      ok: false,
      heading: 'Check the PIN',
      message: 'A PIN is 4 to 8 digits. Leave the PIN empty if the card has none.',
      field: 'pin',
    };
  }
  return {
    ok: true,
    request: pinTyped === '' ? { cardNumber: number } : { cardNumber: number, pin: pinTyped },
  };
}

// The one mapping from the agent's error codes to what a cashier or manager reads: for each code
// and each action (checking a balance, applying a card, topping up, refunding, closing a sale) a
// heading and what to do. Every screen goes through it, so applying a card and checking its
// balance say the same of the same fault. The words say what the person at the till does; IT's
// fixes (where a key is switched on, which ids Centegra needs) live on Diagnostics and in
// `diagnose` only. The words are the catalogue's (i18n/messages/errors.*: `error.<CODE>.heading`,
// `error.<CODE>[.<action>].whatToDo`, shared sentences once); this file keeps which message says
// what for each code and action, how much of the agent's own message is a fact, and where to type.
import type { ApiError, ErrorCode } from '../../main/agent/contract';
import { formatMoney } from './format';
import { enGB, type MessageId } from './i18n/en-GB';
import { messageWords } from './i18n/languages';
import type { Words } from './i18n/words';

/** What the cashier was doing when the agent refused. */
export type ErrorAction = 'balance' | 'apply' | 'remove' | 'topUp' | 'refund' | 'close' | 'manager';
export const errorActions: readonly ErrorAction[] = [
  'balance',
  'apply',
  'remove',
  'topUp',
  'refund',
  'close',
  'manager',
];

export interface ErrorWords {
  heading: string;
  /** What the person at the till does now; empty when the agent's own reason already says it. */
  whatToDo: string;
}

/** Which field the screen should send the keyboard to, when the fix is typed there. */
export type ErrorField = 'cardNumber' | 'pin';

/**
 * How much of the agent's own message the screen shows before `whatToDo`: none (it is for the POS
 * or IT, or the heading says it all), its first sentence (a fact about this card or sale), or all of
 * it (the agent's words are the cashier's instructions, e.g. how a keyed number is wrong). Shown
 * through the code's `fact` message: English repeats the agent's sentence (`{said}`), every other
 * language says the fact in its own words.
 */
type Reason = 'none' | 'first' | 'all';

/** Which catalogue message says each part; `whatToDo: null` when the fact (or heading) says it all. */
interface Said {
  heading?: MessageId;
  whatToDo?: MessageId | null;
  reason?: Reason;
  fact?: MessageId;
  /** A figure of the error's `details` (money) the fact is said with, where the agent gave it. */
  detail?: { key: string; id: MessageId; value: string };
  field?: ErrorField;
}

interface Entry extends Said {
  /** Per action, where it reads differently. */
  on?: Partial<Record<ErrorAction, Said>>;
}

/** While Centegra Plus can't be asked, per action. */
const linkDown = (code: 'OFFLINE' | 'FACTOR4_UNAVAILABLE'): Entry['on'] => ({
  balance: { whatToDo: `error.${code}.balance.whatToDo` },
  topUp: { whatToDo: 'error.moneyBackLater' },
  refund: { whatToDo: 'error.refundAnotherWay' },
  manager: { whatToDo: `error.${code}.manager.whatToDo` },
});

const MONEY_BACK: MessageId = 'error.moneyBack';
const REFUND_ANOTHER_WAY: MessageId = 'error.refundAnotherWay';

/** The agent's fact, all of it (`reason: 'all'`), for codes whose own words are the cashier's. */
const agentSays = <C extends ErrorCode>(code: C) => ({
  reason: 'all' as const,
  fact: `error.${code}.fact` as const,
});

const table: Record<ErrorCode, Entry> = {
  // ---- the link to Centegra Plus and Factor4 ----
  OFFLINE: { whatToDo: 'error.anotherPayment', on: linkDown('OFFLINE') },
  CENTEGRA_KEY_DISABLED: {
    on: {
      balance: { whatToDo: 'error.CENTEGRA_KEY_DISABLED.balance.whatToDo' },
      topUp: { whatToDo: 'error.moneyBackThenManager' },
      refund: { whatToDo: 'error.refundAnotherWayManager' },
      manager: { whatToDo: 'error.CENTEGRA_KEY_DISABLED.manager.whatToDo' },
    },
  },
  FACTOR4_UNAVAILABLE: { on: linkDown('FACTOR4_UNAVAILABLE') },
  RATE_LIMITED: {
    on: {
      topUp: { whatToDo: 'error.RATE_LIMITED.topUp.whatToDo' },
      refund: { whatToDo: 'error.RATE_LIMITED.refund.whatToDo' },
    },
  },
  CENTEGRA_ERROR: {
    on: {
      balance: { whatToDo: 'error.CENTEGRA_ERROR.balance.whatToDo' },
      topUp: { whatToDo: 'error.moneyBackLater' },
      refund: { whatToDo: REFUND_ANOTHER_WAY },
    },
  },
  SITE_NOT_CONFIGURED: {
    on: {
      balance: { whatToDo: 'error.SITE_NOT_CONFIGURED.balance.whatToDo' },
      topUp: { whatToDo: 'error.moneyBackThenManager' },
      refund: { whatToDo: 'error.refundAnotherWayManager' },
    },
  },
  NOT_SUPPORTED: {
    on: { refund: { heading: 'error.NOT_SUPPORTED.refund.heading', whatToDo: 'error.refundOtherWay' } },
  },
  OUTCOME_UNKNOWN: {
    on: {
      topUp: {
        heading: 'error.OUTCOME_UNKNOWN.topUp.heading',
        whatToDo: 'error.OUTCOME_UNKNOWN.topUp.whatToDo',
        reason: 'all',
        fact: 'error.OUTCOME_UNKNOWN.topUp.fact',
      },
    },
  },

  // ---- the card ----
  CARD_NOT_FOUND: { field: 'cardNumber', on: { topUp: { whatToDo: 'error.CARD_NOT_FOUND.topUp.whatToDo' } } },
  PIN_REQUIRED: { field: 'pin' },
  CARD_NOT_ACTIVE: {
    whatToDo: 'error.askAnotherWay',
    reason: 'first',
    fact: 'error.CARD_NOT_ACTIVE.fact',
    on: {
      balance: { whatToDo: null },
      topUp: { heading: 'error.CARD_NOT_ACTIVE.topUp.heading', whatToDo: MONEY_BACK },
      refund: { heading: 'error.CARD_NOT_ACTIVE.refund.heading', whatToDo: 'error.refundOtherWay' },
    },
  },
  ZERO_BALANCE: { whatToDo: 'error.askAnotherWay' },
  INSUFFICIENT_FUNDS: {},
  CARD_ALREADY_APPLIED: {},
  NOT_A_GIFT_CARD: { ...agentSays('NOT_A_GIFT_CARD'), field: 'cardNumber' },
  BAD_REQUEST: {
    reason: 'first',
    fact: 'error.BAD_REQUEST.fact',
    field: 'cardNumber',
    // On an apply or a top-up the agent says BAD_REQUEST for a card in another currency than the till's.
    on: {
      apply: {
        heading: 'error.BAD_REQUEST.card.heading',
        fact: 'error.BAD_REQUEST.card.fact',
        whatToDo: 'error.askAnotherWay',
      },
      topUp: {
        heading: 'error.BAD_REQUEST.card.heading',
        fact: 'error.BAD_REQUEST.card.fact',
        whatToDo: MONEY_BACK,
      },
    },
  },
  TOPUP_LIMIT: {
    ...agentSays('TOPUP_LIMIT'),
    detail: { key: 'maxMinor', id: 'error.TOPUP_LIMIT.factMax', value: 'max' },
  },
  REFUND_EXCEEDS_ORIGINAL: {
    reason: 'first',
    fact: 'error.REFUND_EXCEEDS_ORIGINAL.fact',
    detail: { key: 'refundableMinor', id: 'error.REFUND_EXCEEDS_ORIGINAL.factLeft', value: 'left' },
  },
  CARD_NOT_IN_BASKET: {},

  // ---- the sale ----
  NOTHING_DUE: {},
  BASKET_NOT_OPEN: agentSays('BASKET_NOT_OPEN'),
  TENDER_MISMATCH: agentSays('TENDER_MISMATCH'),
  NOT_FOUND: agentSays('NOT_FOUND'),
  CONFLICT: agentSays('CONFLICT'),

  // ---- the till and the manager ----
  STORAGE_FAILED: {
    on: {
      balance: { whatToDo: 'error.STORAGE_FAILED.balance.whatToDo' },
      topUp: { whatToDo: 'error.moneyBackThenManager' },
      manager: { whatToDo: 'error.STORAGE_FAILED.manager.whatToDo' },
    },
  },
  MANAGER_PIN_NOT_SET: agentSays('MANAGER_PIN_NOT_SET'),
  MANAGER_PIN_INCORRECT: agentSays('MANAGER_PIN_INCORRECT'),
  MANAGER_LOCKED: agentSays('MANAGER_LOCKED'),
  MANAGER_SESSION_EXPIRED: agentSays('MANAGER_SESSION_EXPIRED'),
  UNAUTHORIZED: { whatToDo: 'error.tryAgainManager' },
  FORBIDDEN: {},
  PAYLOAD_TOO_LARGE: { whatToDo: 'error.tryAgainManager' },
  INTERNAL: {},
};

const has = (id: string): id is MessageId => Object.hasOwn(enGB, id);

/** The ids that say which code and action; a code's own `whatToDo` message when the table names none. */
function entryFor(code: string, action: ErrorAction): Said & { heading: MessageId } {
  // A code this screen does not know yet (a newer agent) reads as an error in Till Agent.
  const known = Object.hasOwn(table, code) ? (code as ErrorCode) : 'INTERNAL';
  const { on, ...base } = table[known];
  const ownWhatToDo = `error.${known}.whatToDo`;
  const entry: Said & { heading: MessageId } = {
    heading: `error.${known}.heading`,
    ...(has(ownWhatToDo) ? { whatToDo: ownWhatToDo } : {}),
    ...base,
    ...on?.[action],
  };
  // Money going onto a card is never paid another way: what to do is about the money handed over.
  // Nothing was loaded by any refusal: the cashier is told what to do with the money (a rate limit or
  // an unknown outcome say so their own way).
  const whatToDo = entry.whatToDo ?? undefined;
  if (action === 'topUp' && (whatToDo === undefined || PAYING.has(whatToDo)))
    return { ...entry, whatToDo: MONEY_BACK };
  if (action === 'refund' && whatToDo !== undefined && PAYING.has(whatToDo))
    return { ...entry, whatToDo: REFUND_ANOTHER_WAY };
  return entry;
}

/** The catalogue's what-to-do messages that send the customer to pay another way (read in English). */
const PAYING = new Set(
  (Object.keys(enGB) as MessageId[]).filter(
    (id) =>
      id.startsWith('error.') &&
      /another way to pay|another payment|rest another way/i.test(messageWords(enGB[id])),
  ),
);

/** Whether this screen has words of its own for a code (a newer agent's may be new to it). */
export const isKnownErrorCode = (code: string): boolean => Object.hasOwn(table, code);

/** Faults of the link to Centegra Plus: the agent's words for them carry IT's fixes, so no screen shows them. */
const LINK_FAULTS = new Set<string>([
  'OFFLINE',
  'CENTEGRA_KEY_DISABLED',
  'FACTOR4_UNAVAILABLE',
  'RATE_LIMITED',
  'CENTEGRA_ERROR',
  'SITE_NOT_CONFIGURED',
]);
export const isLinkFault = (code: string): boolean => LINK_FAULTS.has(code);

/** The heading and what to do for an error code met while doing `action`, without the agent's fact. */
export function errorWords(words: Words, code: ErrorCode | string, action: ErrorAction): ErrorWords {
  const { heading, whatToDo } = entryFor(code, action);
  const say = (id: MessageId) => words.formatMessage({ id });
  return { heading: say(heading), whatToDo: whatToDo ? say(whatToDo) : '' };
}

/** The first sentence of the agent's message: a fact about this card or sale, without its advice. */
export function firstSentence(message: string): string {
  const m = /^.*?[.!?](?=\s+[A-Z"(]|\s*$)/s.exec(message.trim());
  return (m ? m[0] : message).trim();
}

export interface CashierProblem {
  heading: string;
  /** The fact (where it is one for the cashier), then what to do. */
  message: string;
  field?: ErrorField;
}

/** The agent's sentences about a customer paying with the card: never said to one paying in. */
const PAYING_WITH_THE_CARD =
  /(?<=^|[.!?]\s)[^.!?]*\b(?:another way to pay|rest another way|another payment)\b[^.!?]*(?:[.!?]\s*|$)/gi;

/** Words only IT acts on: never on a cashier's screen (Diagnostics and `diagnose` carry them). */
export const IT_ONLY_WORDS = [
  'Company Settings',
  'External Access',
  'API Secure Keys',
  'Client ID',
  'Location ID',
  'Terminal ID',
  'centegra.apiKey',
  'centegra.baseUrl',
  'config',
  'DNS',
  'firewall',
  'support bundle',
] as const;

/** Where the screen sends the keyboard for an error code, when its fix is typed (the same for every action). */
export function errorField(code: ErrorCode | string): ErrorField | undefined {
  return entryFor(code, 'balance').field;
}

// ---- In the screen's language (the catalogue's error.* messages) ----

/** A code's heading where no action changes it (a manager's list, a queued item's last error), in the screen's language. */
export function errorHeading(words: Words, code: ErrorCode | string): string {
  return words.formatMessage({ id: entryFor(code, 'balance').heading });
}

/** How money in the error's `details` is written: in the till's currency, when the caller knows it. */
export interface ProblemOptions {
  currency?: string;
}

/** An error the agent answered, as a screen shows it in its language: heading, what happened and what to do. */
export function problemWords(
  words: Words,
  error: ApiError,
  action: ErrorAction,
  options: ProblemOptions = {},
): CashierProblem {
  const { heading, whatToDo, reason = 'none', fact, detail, field } = entryFor(error.code, action);
  const said = action === 'topUp' ? error.message.replace(PAYING_WITH_THE_CARD, '') : error.message;
  const agentFact = reason === 'all' ? said.trim() : reason === 'first' ? firstSentence(said) : '';
  const figure = detail ? error.details?.[detail.key] : undefined;
  const factWords =
    reason === 'none'
      ? ''
      : detail && figure !== undefined && options.currency
        ? words.formatMessage(
            { id: detail.id },
            { [detail.value]: formatMoney(figure, options.currency, words.locale) },
          )
        : // Nothing said, nothing to put in words: the agent gave no fact (an empty message).
          agentFact && fact
          ? words.formatMessage({ id: fact }, { said: agentFact })
          : '';
  const headingWords = words.formatMessage({ id: heading });
  const message =
    [factWords, whatToDo ? words.formatMessage({ id: whatToDo }) : ''].filter(Boolean).join(' ') ||
    headingWords;
  return { heading: headingWords, message, ...(field ? { field } : {}) };
}

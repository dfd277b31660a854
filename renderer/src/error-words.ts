// The one mapping from the agent's error codes to what a cashier or manager reads: for each code
// and each action (checking a balance, applying a card, topping up, refunding, closing a sale) a
// heading and what to do. Every screen goes through it, so applying a card and checking its
// balance say the same of the same fault. The words say what the person at the till does; IT's
// fixes (where a key is switched on, which ids Centegra needs) live on Diagnostics and in
// `diagnose` only. Kept as data keyed by code and action so it can move into a message catalogue.
import type { ApiError, ErrorCode } from '../../main/agent/contract';
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
 * it (the agent's words are the cashier's instructions, e.g. how a keyed number is wrong).
 */
type Reason = 'none' | 'first' | 'all';

interface Entry {
  heading: string;
  whatToDo: string;
  reason?: Reason;
  field?: ErrorField;
  /** Per action, where it reads differently. */
  on?: Partial<Record<ErrorAction, Partial<Omit<Entry, 'on'>>>>;
}

const TELL_MANAGER = 'tell your manager';
/** A fault of the link: the sale goes on with another payment; the manager (and Diagnostics) take it from there. */
const ANOTHER_PAYMENT = `Take another payment; ${TELL_MANAGER} if it keeps happening.`;
/** A customer paying in is never told to pay another way: nothing was loaded, so the money goes back. */
const MONEY_BACK =
  'Nothing was loaded onto the card: give the customer their money back, or top up another card.';
/** Nothing loaded, for a fault the till can't get past by trying another card. */
const MONEY_BACK_THEN_MANAGER = `Nothing was loaded onto the card: give the customer their money back. Then ${TELL_MANAGER}.`;
const MONEY_BACK_LATER =
  'Nothing was loaded onto the card: give the customer their money back, or try again in a minute.';
const REFUND_ANOTHER_WAY = 'Nothing was refunded: refund another way, or try again later.';

/** While Centegra Plus can't be asked, per action. */
const linkDown = (tryAgain: string): Entry['on'] => ({
  balance: { whatToDo: `${tryAgain} If it keeps happening, ${TELL_MANAGER}.` },
  topUp: { whatToDo: MONEY_BACK_LATER },
  refund: { whatToDo: REFUND_ANOTHER_WAY },
  manager: { whatToDo: `${tryAgain} Diagnostics (Scanners tab) shows what is wrong.` },
});

const words: Record<ErrorCode, Entry> = {
  // ---- the link to Centegra Plus and Factor4 ----
  OFFLINE: {
    heading: "Centegra Plus can't be reached",
    whatToDo: ANOTHER_PAYMENT,
    on: linkDown('Try again in a minute.'),
  },
  CENTEGRA_KEY_DISABLED: {
    heading: 'Gift card key switched off',
    whatToDo: `Take another payment, and ${TELL_MANAGER}: Diagnostics says how to switch it back on.`,
    on: {
      balance: {
        whatToDo: `Tell your manager: Diagnostics says how to switch it back on.`,
      },
      topUp: {
        whatToDo: MONEY_BACK_THEN_MANAGER,
      },
      refund: { whatToDo: `Nothing was refunded: refund another way, and ${TELL_MANAGER}.` },
      manager: { whatToDo: 'Diagnostics (Scanners tab) says how to switch the gift card key back on.' },
    },
  },
  FACTOR4_UNAVAILABLE: {
    heading: "Factor4 isn't answering",
    whatToDo: 'Take another payment, or try again in a few minutes.',
    on: linkDown('Try again in a few minutes.'),
  },
  RATE_LIMITED: {
    heading: 'Centegra Plus is busy',
    whatToDo: 'Wait a few seconds, then try again.',
    on: {
      topUp: { whatToDo: 'Nothing was loaded yet: wait a few seconds, then press Top up again.' },
      refund: { whatToDo: 'Nothing was refunded yet: wait a few seconds, then try again.' },
    },
  },
  CENTEGRA_ERROR: {
    heading: 'Centegra Plus gave an error',
    whatToDo: `Try again in a moment. If it keeps happening, take another payment and ${TELL_MANAGER}.`,
    on: {
      balance: { whatToDo: `Try again in a moment. If it keeps happening, ${TELL_MANAGER}.` },
      topUp: { whatToDo: MONEY_BACK_LATER },
      refund: { whatToDo: REFUND_ANOTHER_WAY },
    },
  },
  SITE_NOT_CONFIGURED: {
    heading: 'Gift cards not set up for this shop',
    whatToDo: `Take another payment, and ${TELL_MANAGER}: Diagnostics says what to ask Centegra.`,
    on: {
      balance: { whatToDo: `Gift cards can't be used until it is set up; ${TELL_MANAGER}.` },
      topUp: { whatToDo: MONEY_BACK_THEN_MANAGER },
      refund: { whatToDo: `Nothing was refunded: refund another way, and ${TELL_MANAGER}.` },
    },
  },
  NOT_SUPPORTED: {
    heading: "Centegra Plus doesn't offer this here",
    whatToDo: 'Take the gift card payment at the end of the sale instead.',
    on: {
      refund: { heading: "Gift card refunds aren't available here", whatToDo: 'Refund another way.' },
    },
  },
  OUTCOME_UNKNOWN: {
    heading: 'Not sure it went through',
    whatToDo: 'Check before trying again: it may have gone through.',
    on: {
      topUp: {
        heading: 'Top-up not confirmed',
        whatToDo:
          "Don't take the money again yet: press Check balance first. Top up again only if the balance hasn't gone up.",
      },
    },
  },

  // ---- the card ----
  CARD_NOT_FOUND: {
    heading: 'Card number or PIN not recognised',
    whatToDo: 'Check the number (and the PIN, if the card has one), then try again, or scan the card.',
    field: 'cardNumber',
    on: {
      topUp: {
        whatToDo:
          "Check the number (and the PIN, if the card has one) and try again; if it still isn't recognised, give the customer their money back.",
      },
    },
  },
  PIN_REQUIRED: {
    heading: "Enter the card's PIN",
    whatToDo:
      'This card has a PIN: ask the customer for it, type it in the PIN field, then check or apply the card again.',
    field: 'pin',
  },
  CARD_NOT_ACTIVE: {
    heading: "This card can't be used",
    whatToDo: 'Ask for another way to pay.',
    reason: 'first',
    on: {
      balance: { whatToDo: '' },
      topUp: { heading: "This card can't be topped up", whatToDo: MONEY_BACK },
      refund: { heading: "This card can't take a refund", whatToDo: 'Refund another way.' },
    },
  },
  ZERO_BALANCE: {
    heading: 'Nothing left on this card',
    whatToDo: 'Ask for another way to pay.',
  },
  INSUFFICIENT_FUNDS: {
    heading: 'Not enough on the card',
    whatToDo: 'Check its balance, then take the rest another way.',
  },
  CARD_ALREADY_APPLIED: {
    heading: 'Card already on this sale',
    whatToDo: 'To change what it pays, remove it first.',
  },
  NOT_A_GIFT_CARD: { heading: 'Not a gift card', whatToDo: '', reason: 'all', field: 'cardNumber' },
  BAD_REQUEST: {
    heading: 'Check the number',
    whatToDo: `Check the number and try again; if it keeps happening, ${TELL_MANAGER}.`,
    reason: 'first',
    field: 'cardNumber',
    // On an apply or a top-up the agent says BAD_REQUEST for a card in another currency than the till's.
    on: {
      apply: { heading: "Can't use this card here", whatToDo: 'Ask for another way to pay.' },
      topUp: { heading: "Can't use this card here", whatToDo: MONEY_BACK },
    },
  },
  TOPUP_LIMIT: { heading: 'Too much for one top-up', whatToDo: '', reason: 'all' },
  REFUND_EXCEEDS_ORIGINAL: {
    heading: 'More than the card paid',
    whatToDo: 'Refund no more than what is left, and the rest another way.',
    reason: 'first',
  },
  CARD_NOT_IN_BASKET: {
    heading: "That card didn't pay for this sale",
    whatToDo: 'Check the card and the receipt.',
  },

  // ---- the sale ----
  NOTHING_DUE: { heading: 'Nothing to pay', whatToDo: 'No gift card is needed for this sale.' },
  BASKET_NOT_OPEN: { heading: 'No sale open', whatToDo: '', reason: 'all' },
  TENDER_MISMATCH: { heading: "The amounts don't match", whatToDo: '', reason: 'all' },
  NOT_FOUND: { heading: 'Not found', whatToDo: '', reason: 'all' },
  CONFLICT: { heading: "Can't be done as it stands", whatToDo: '', reason: 'all' },

  // ---- the till and the manager ----
  STORAGE_FAILED: {
    heading: "Couldn't save on this till",
    whatToDo: `Take another payment; ${TELL_MANAGER}.`,
    on: {
      balance: { whatToDo: `Try again; if it keeps happening, ${TELL_MANAGER}.` },
      topUp: { whatToDo: MONEY_BACK_THEN_MANAGER },
      manager: { whatToDo: 'The storage note at the top of the screen says what to do.' },
    },
  },
  MANAGER_PIN_NOT_SET: { heading: 'No manager PIN set', whatToDo: '', reason: 'all' },
  MANAGER_PIN_INCORRECT: { heading: 'Wrong PIN', whatToDo: '', reason: 'all' },
  MANAGER_LOCKED: { heading: 'Manager view locked', whatToDo: '', reason: 'all' },
  MANAGER_SESSION_EXPIRED: { heading: 'Manager view locked itself', whatToDo: '', reason: 'all' },
  UNAUTHORIZED: { heading: 'Till Agent refused the request', whatToDo: `Try again; ${TELL_MANAGER}.` },
  FORBIDDEN: {
    heading: 'Not allowed on this till',
    whatToDo: `Tell your manager.`,
  },
  PAYLOAD_TOO_LARGE: { heading: 'Too much to send', whatToDo: `Try again; ${TELL_MANAGER}.` },
  INTERNAL: {
    heading: 'Something went wrong in Till Agent',
    whatToDo: `Try again. If it happens again, ${TELL_MANAGER}.`,
  },
};

function entryFor(code: string, action: ErrorAction): Omit<Entry, 'on'> {
  // A code this screen does not know yet (a newer agent) reads as an error in Till Agent.
  const base = (words as Partial<Record<string, Entry>>)[code] ?? words.INTERNAL;
  const { on, ...rest } = base;
  const entry = { ...rest, ...on?.[action] };
  // Money going onto a card is never paid another way: what to do is about the money handed over.
  // Nothing was loaded by any refusal: the cashier is told what to do with the money (a rate limit or
  // an unknown outcome say so their own way).
  if (action === 'topUp' && (PAYING.test(entry.whatToDo) || entry.whatToDo === ''))
    return { ...entry, whatToDo: MONEY_BACK };
  if (action === 'refund' && PAYING.test(entry.whatToDo)) return { ...entry, whatToDo: REFUND_ANOTHER_WAY };
  return entry;
}

const PAYING = /another way to pay|another payment|rest another way/i;

/** Each code's heading where no action changes it (a manager's list, a queued item's last error). */
export const errorHeadings = Object.fromEntries(
  Object.entries(words).map(([code, entry]) => [code, entry.heading]),
) as Record<ErrorCode, string>;

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

/** The heading and what to do for an error code met while doing `action`. */
export function errorWords(code: ErrorCode | string, action: ErrorAction): ErrorWords {
  const { heading, whatToDo } = entryFor(code, action);
  return { heading, whatToDo };
}

/** The first sentence of the agent's message: a fact about this card or sale, without its advice. */
export function firstSentence(message: string): string {
  const m = /^.*?[.!?](?=\s+[A-Z"(]|\s*$)/s.exec(message.trim());
  return (m ? m[0] : message).trim();
}

export interface CashierProblem {
  heading: string;
  /** The agent's fact (where it is one for the cashier), then what to do. */
  message: string;
  field?: ErrorField;
}

/** The agent's sentences about a customer paying with the card: never said to one paying in. */
const PAYING_WITH_THE_CARD =
  /(?<=^|[.!?]\s)[^.!?]*\b(?:another way to pay|rest another way|another payment)\b[^.!?]*(?:[.!?]\s*|$)/gi;

/** An error the agent answered, as a screen shows it: heading, what happened and what to do, and where to type. */
export function cashierProblem(error: ApiError, action: ErrorAction): CashierProblem {
  const { heading, whatToDo, reason = 'none', field } = entryFor(error.code, action);
  const said = action === 'topUp' ? error.message.replace(PAYING_WITH_THE_CARD, '') : error.message;
  const fact = reason === 'all' ? said.trim() : reason === 'first' ? firstSentence(said) : '';
  const message = [fact, whatToDo].filter(Boolean).join(' ') || heading;
  return { heading, message, ...(field ? { field } : {}) };
}

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

// ---- In the screen's language (the catalogue's error.* messages) ----
// Every screen calls these two; until the catalogue holds the error words they read as English.

/** A code's heading where no action changes it (a manager's list, a queued item's last error), in the screen's language. */
export function errorHeading(_words: Words, code: ErrorCode | string): string {
  return (errorHeadings as Partial<Record<string, string>>)[code] ?? errorHeadings.INTERNAL;
}

/** An error the agent answered, as a screen shows it in its language: heading, what happened and what to do. */
export function problemWords(_words: Words, error: ApiError, action: ErrorAction): CashierProblem {
  return cashierProblem(error, action);
}

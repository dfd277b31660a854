// Every phrase the cashier reads that depends on what the agent answered: card status, error
// headings, link state. The agent's own error messages are shown as they come, under these headings.
import type { ApiError, Basket, Card, ErrorCode, LinkState } from '../../main/agent/contract';
import { formatLongDate } from './format';

export type Tone = 'good' | 'warning' | 'danger' | 'neutral';
/** Every state is drawn with a shape as well as a colour, so it never depends on colour alone. */
export type Shape = 'circle' | 'ring' | 'triangle' | 'cross';

export interface StatusWording {
  text: string;
  tone: Tone;
  shape: Shape;
  /** Whether the balance can be spent now; an unusable balance is drawn muted. */
  usable: boolean;
}

export function describeStatus(card: Pick<Card, 'status' | 'balanceMinor' | 'expiresOn'>): StatusWording {
  switch (card.status) {
    case 'ACTIVE':
      return card.balanceMinor > 0
        ? { text: 'Active — can be used', tone: 'good', shape: 'circle', usable: true }
        : { text: 'Nothing left on this card', tone: 'warning', shape: 'triangle', usable: false };
    case 'INACTIVE':
      return {
        text: 'Not activated — activate it with a top-up before use',
        tone: 'warning',
        shape: 'triangle',
        usable: false,
      };
    case 'BLOCKED':
      return {
        text: 'Blocked — do not accept; ask the customer to contact the card issuer',
        tone: 'danger',
        shape: 'cross',
        usable: false,
      };
    case 'EXPIRED':
      return {
        text: card.expiresOn ? `Expired on ${formatLongDate(card.expiresOn)}` : 'Expired',
        tone: 'danger',
        shape: 'cross',
        usable: false,
      };
  }
}

/** A second line for a card that works today but will stop: `Valid until 31 December 2026`. */
export function expiryNote(card: Pick<Card, 'status' | 'expiresOn'>): string | undefined {
  if (card.status === 'EXPIRED' || !card.expiresOn) return undefined;
  return `Valid until ${formatLongDate(card.expiresOn)}`;
}

export const errorHeadings: Record<ErrorCode, string> = {
  UNAUTHORIZED: 'Till Agent refused the request',
  FORBIDDEN: 'Not allowed on this till',
  BAD_REQUEST: 'Check the number',
  NOT_FOUND: 'Not found',
  BASKET_NOT_OPEN: 'No sale open',
  TENDER_MISMATCH: "The amounts don't match",
  NOT_A_GIFT_CARD: 'Not a gift card',
  CARD_NOT_ACTIVE: 'Card not activated',
  CARD_NOT_FOUND: 'Card not recognised',
  ZERO_BALANCE: 'Nothing left on this card',
  NOTHING_DUE: 'Nothing to pay',
  INSUFFICIENT_FUNDS: 'Not enough on the card',
  OFFLINE: "Centegra Plus can't be reached",
  CENTEGRA_KEY_DISABLED: 'Gift card key switched off',
  FACTOR4_UNAVAILABLE: "Factor4 isn't answering",
  STORAGE_FAILED: "Couldn't save on this till",
  TOPUP_LIMIT: 'Too much for one top-up',
  REFUND_EXCEEDS_ORIGINAL: 'More than the card paid',
  CARD_NOT_IN_BASKET: "That card didn't pay for this sale",
  NOT_SUPPORTED: "Gift card refunds aren't available here",
  CONFLICT: "Can't be done as it stands",
  SITE_NOT_CONFIGURED: 'Gift cards not set up for this shop',
  CARD_ALREADY_APPLIED: 'Card already on this sale',
  OUTCOME_UNKNOWN: 'Not sure it went through',
  MANAGER_PIN_NOT_SET: 'No manager PIN set',
  MANAGER_PIN_INCORRECT: 'Wrong PIN',
  MANAGER_LOCKED: 'Manager view locked',
  MANAGER_SESSION_EXPIRED: 'Manager view locked itself',
  RATE_LIMITED: 'Too many checks at once',
  CENTEGRA_ERROR: 'Centegra Plus gave an error',
  PAYLOAD_TOO_LARGE: 'Too much to send',
  INTERNAL: 'Something went wrong in Till Agent',
};

export interface LinkWording {
  text: string;
  tone: Tone;
  shape: Shape;
}

export const linkWording: Record<LinkState, LinkWording> = {
  ONLINE: { text: 'Online', tone: 'good', shape: 'circle' },
  OFFLINE: { text: 'Offline', tone: 'danger', shape: 'cross' },
  KEY_DISABLED: { text: 'Key switched off', tone: 'warning', shape: 'triangle' },
  FACTOR4_DOWN: { text: 'Factor4 down', tone: 'warning', shape: 'triangle' },
};

/** Before the first health answer, and when it could not be read. */
export const linkConnecting: LinkWording = { text: 'Connecting…', tone: 'neutral', shape: 'ring' };
export const linkUnknown: LinkWording = { text: 'Status unknown', tone: 'neutral', shape: 'ring' };

export const notAGiftCardMessage =
  "That barcode isn't a gift card. Scan the barcode on the back of the gift card, or type its number.";

export const lookupTimeoutHeading = 'No answer';
export const lookupTimeoutMessage =
  'No answer for that scan: scan it again. If it happens again, type the card number instead.';

// ---- the sale ----

export const noSaleMessage = 'No sale in progress. The POS opens one when it starts a sale.';

export interface StateWording {
  text: string;
  tone: Tone;
  shape: Shape;
}

/** Where a closed sale's gift cards are: with Factor4, waiting to be sent, or refused (or the POS cancelled it). */
export function describeClose(
  basket: Pick<Basket, 'state' | 'closeState' | 'giftCardTenders'>,
): StateWording {
  if (basket.state === 'VOIDED') return { text: 'Cancelled by the POS', tone: 'neutral', shape: 'ring' };
  switch (basket.closeState) {
    case 'FAILED':
      return { text: 'Refused by Factor4 — see the manager', tone: 'danger', shape: 'cross' };
    case 'DELIVERED':
      return basket.giftCardTenders.length === 0
        ? { text: 'No gift cards on this sale', tone: 'neutral', shape: 'ring' }
        : { text: 'Delivered to Factor4', tone: 'good', shape: 'circle' };
    default:
      return { text: 'Queued: will be sent when Centegra Plus is back', tone: 'warning', shape: 'triangle' };
  }
}

const sales = (n: number): string => `${n} ${n === 1 ? 'sale' : 'sales'}`;

/** The small line that stays on screen while closures wait: `2 sales waiting to be sent`. */
export function queueWording(pending: number, failed: number): string | undefined {
  const parts = [
    ...(pending > 0 ? [`${sales(pending)} waiting to be sent`] : []),
    ...(failed > 0 ? [`${sales(failed)} refused by Factor4 — see the manager`] : []),
  ];
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** The confirm step's question: `Top up the card ending 0045 by £20.00?` */
export function topUpQuestion(last4: string, amount: string): string {
  return `Top up the card ending ${last4} by ${amount}?`;
}

/** Headings that read better than the general ones when applying or topping up a card is refused. */
export const cardActionHeadings: Partial<Record<ErrorCode, string>> = {
  // On an apply or a top-up the agent says BAD_REQUEST for a card in another currency than the till's.
  BAD_REQUEST: "Can't use this card here",
};

/** Headings for a top-up refused: the customer is paying in, so nothing here is about paying another way. */
export const topUpHeadings: Partial<Record<ErrorCode, string>> = {
  ...cardActionHeadings,
  CARD_NOT_ACTIVE: "This card can't be topped up",
};

/** What the cashier does after any top-up refusal: nothing was loaded. */
export const topUpNothingLoaded =
  'Nothing was loaded onto the card: give the customer their money back, or top up another card.';

/** The agent's sentences a top-up cannot use: they are about a customer paying with the card. */
const PAYING_WITH_THE_CARD =
  /(?<=^|[.!?]\s)[^.!?]*\b(?:another way to pay|rest another way)\b[^.!?]*(?:[.!?]\s*|$)/gi;

/**
 * A top-up refused, as the cashier reads it: its heading, the agent's reason without advice meant
 * for a sale ("ask for another way to pay"), and what to do with the money taken.
 */
export function topUpRefusal(error: ApiError): { heading: string; message: string } {
  const heading =
    (topUpHeadings as Partial<Record<string, string>>)[error.code] ??
    (errorHeadings as Partial<Record<string, string>>)[error.code] ??
    errorHeadings.INTERNAL;
  const reason = error.message.replace(PAYING_WITH_THE_CARD, '').trim();
  // The agent's own words may already say what to do with the money (offline: "give the money back").
  const message = /money back/i.test(reason)
    ? reason
    : [reason, topUpNothingLoaded].filter(Boolean).join(' ');
  return { heading, message };
}

/** A top-up the agent has written down but Centegra has not confirmed (its answer was lost). */
export const topUpPendingHeading = 'Top-up not confirmed yet';
export function topUpPendingMessage(last4: string, amount: string): string {
  return `Centegra Plus hasn't confirmed the ${amount} top-up to the card ending ${last4} yet. Till Agent keeps asking, and never loads the card twice.`;
}
export const topUpPendingAdvice =
  "Don't take the money again. This changes by itself when Centegra Plus answers; if it hasn't in a minute, press Check again.";

/** Over the approval limit: the top-up waits for a manager's PIN. */
export const topUpApprovalHeading = 'A manager must approve this top-up';

export const topUpUnknownHeading = 'Top-up not confirmed';
export const topUpUnknownAdvice =
  'Do not take the money again yet: press Check balance first. Top up again only if the balance has not gone up.';

// ---- storage and the offline sale ----

export const storageHeading = 'This till has a storage problem';
export const storageProblemFallback =
  'Till Agent could not save to its data folder, so new sales may not be accepted. Call IT.';

export const offlineSaleNote = 'Offline: gift cards can only be taken on their last known balance';

// ---- holds ----

/** A held tender: Centegra keeps the amount on the card for this sale, until the time shown. */
export function heldNote(until: string | undefined): string {
  return until ? `Held on the card until ${until}` : 'Held on the card';
}

/** How long before its stated end a vanished hold still counts as lapsed (clocks differ a little). */
const LAPSE_SLACK_MS = 60_000;

/**
 * A held card that left the open sale without the cashier removing it: lapsed when its hold time
 * had come, else the POS (or a change of total) took it off.
 */
export function goneTenderNote(
  tender: { cardNumberMasked: string; amountMinor: number; holdExpiresAt?: string },
  amount: string,
  last4: string,
  nowMs: number,
): string {
  const ends = tender.holdExpiresAt ? Date.parse(tender.holdExpiresAt) : Number.NaN;
  const lapsed = !Number.isNaN(ends) && ends - LAPSE_SLACK_MS <= nowMs;
  return lapsed
    ? `The card ending ${last4} is off the sale: its hold on ${amount} ran out because the sale was left open too long. Apply the card again if the customer still wants to use it.`
    : `The card ending ${last4} (${amount}) is no longer on the sale. Apply it again if the customer still wants to use it.`;
}

// ---- the manager view ----

/** The agent's demo PIN (main/agent/manager DEMO_PIN); shown only when managerStatus says it applies. */
export const demoPinHint = 'Demo PIN: 1234';

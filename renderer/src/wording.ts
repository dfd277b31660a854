// Every phrase the cashier reads that depends on what the agent answered: card status, error
// headings (from the one mapping in error-words.ts), link state. Moving to the message catalogue
// (i18n/): what a migrated screen shows comes from there; tone and shape stay here.
import type { ApiError, Basket, Card, LinkState } from '../../main/agent/contract';
import { cashierProblem } from './error-words';
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

// The words for every error code, per action: one mapping (error-words.ts), re-exported here.
export { errorHeadings } from './error-words';

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

/** Centegra Plus is up but asked the till to slow down (429): not "Online" while it lasts. */
export const linkBusy: LinkWording = { text: 'Busy — slow down', tone: 'warning', shape: 'triangle' };

/** Before the first health answer, and when it could not be read. */
export const linkConnecting: LinkWording = { text: 'Connecting…', tone: 'neutral', shape: 'ring' };
export const linkUnknown: LinkWording = { text: 'Status unknown', tone: 'neutral', shape: 'ring' };

export const notAGiftCardMessage =
  "That barcode isn't a gift card. Scan the barcode on the back of the gift card, or type its number.";

export const lookupTimeoutHeading = 'No answer';
export const lookupTimeoutMessage =
  'No answer for that scan: scan it again. If it happens again, type the card number instead.';

// ---- the sale ----

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

/** The confirm step's question: `Top up the card ending 0045 by £20.00?` */
export function topUpQuestion(last4: string, amount: string): string {
  return `Top up the card ending ${last4} by ${amount}?`;
}

/** A top-up refused, as the cashier reads it: the customer is paying in, so nothing is about paying another way. */
export function topUpRefusal(error: ApiError): { heading: string; message: string } {
  const { heading, message } = cashierProblem(error, 'topUp');
  return { heading, message };
}

/** Over the approval limit: the top-up waits for a manager's PIN. */
export const topUpApprovalHeading = 'A manager must approve this top-up';

export const topUpUnknownHeading = 'Top-up not confirmed';
export const topUpUnknownAdvice =
  'Do not take the money again yet: press Check balance first. Top up again only if the balance has not gone up.';

// ---- storage and the offline sale ----

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

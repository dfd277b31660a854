// The manager's money beyond the single sale, as words and pure checks: the day's figures with what
// each one counts, top-ups and refunds in their states, a refund form read before it is sent, and a
// sale to void summed up for the question that confirms it. Components only draw these.
import type { ApiError, Basket, DayReport, ErrorCode, OperationOutput } from '../../main/agent/contract';
import { formatMinor, lastFour } from './format';
import { parseMoney, describeMoneyProblem } from './money-entry';
import { cashierProblem, isLinkFault } from './error-words';
import type { Shape, Tone } from './wording';

export type TopUp = OperationOutput<'managerVoidTopUp'>;
export type Refund = OperationOutput<'managerRefund'>;
export type DayReportExport = OperationOutput<'managerDayReport'>;

export interface StateWording {
  text: string;
  tone: Tone;
  shape: Shape;
}

// ---- the day ----

export type DayFigure = Exclude<keyof DayReport, 'date' | 'siteId' | 'tillId' | 'currency'>;

/** The day's figures in the report's order, each with what it counts (the contract's DayReport). */
export const dayFigures: readonly {
  figure: DayFigure;
  label: string;
  /** What one of its count is: `payment` (a gift card on a sale), `top-up`… */
  unit: string;
  definition: string;
}[] = [
  {
    figure: 'redeemed',
    label: 'Redeemed',
    unit: 'card payment',
    definition: 'Gift cards taken in sales closed that day and confirmed by Factor4, less those voided.',
  },
  {
    figure: 'pending',
    unit: 'card payment',
    label: 'Waiting to be sent',
    definition: 'Gift cards taken in sales closed that day that Factor4 has not confirmed yet.',
  },
  {
    figure: 'failed',
    unit: 'card payment',
    label: 'Did not go through',
    definition: 'Refused by Factor4 when sent, and not yet settled by a manager.',
  },
  {
    figure: 'resolved',
    unit: 'card payment',
    label: 'Settled by a manager',
    definition: 'Refused sales a manager marked as collected from the customer or written off.',
  },
  {
    figure: 'topUps',
    unit: 'top-up',
    label: 'Top-ups',
    definition: 'Money loaded onto cards that day and confirmed, less those voided.',
  },
  {
    figure: 'refunds',
    unit: 'refund',
    label: 'Refunds',
    definition: 'Money refunded onto cards that day and delivered to Factor4, less those voided.',
  },
  {
    figure: 'voided',
    unit: 'item',
    label: 'Voided',
    definition: 'Sales, top-ups and refunds of that day that were voided.',
  },
];

/** `1 sale`, `3 cards`: a count with its word. */
export function countOf(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The till's calendar day for `nowMs`, as the agent's reports name a day: 2026-12-06. */
export function localDate(nowMs: number): string {
  const at = new Date(nowMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** The calendar day `days` after `date` (before, when negative): 2026-12-01, -1 → 2026-11-30. */
export function shiftDate(date: string, days: number): string {
  const at = Date.parse(`${date}T12:00:00Z`);
  return new Date(at + days * 86_400_000).toISOString().slice(0, 10);
}

/** A day's name as a manager reads it: `Tuesday 1 December 2026`. */
export function dayName(date: string): string {
  const at = Date.parse(`${date}T12:00:00Z`);
  if (Number.isNaN(at)) return date;
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeZone: 'UTC' }).format(at).replace(',', '');
}

// ---- top-ups ----

export function describeTopUpState(state: TopUp['state']): StateWording {
  switch (state) {
    case 'DONE':
      return { text: 'Loaded', tone: 'good', shape: 'circle' };
    case 'PENDING':
      return { text: 'Not confirmed yet', tone: 'warning', shape: 'triangle' };
    case 'FAILED':
      return { text: 'Did not go through', tone: 'danger', shape: 'cross' };
    case 'VOIDING':
      return { text: 'Voiding: waiting for Factor4', tone: 'warning', shape: 'triangle' };
    case 'VOIDED':
      return { text: 'Voided', tone: 'neutral', shape: 'ring' };
  }
}

/** The question before a top-up is voided: what comes off which card. */
export function voidTopUpQuestion(t: Pick<TopUp, 'amountMinor' | 'currency' | 'cardNumberMasked'>): string {
  return `Void the ${formatMinor(t.amountMinor, t.currency)} top-up on the card ending ${lastFour(t.cardNumberMasked)}? Factor4 takes it back off the card.`;
}

// ---- refunds ----

export function describeRefundState(state: Refund['state']): StateWording {
  switch (state) {
    case 'DELIVERED':
      return { text: 'Refunded: on the card now', tone: 'good', shape: 'circle' };
    case 'QUEUED':
      return {
        text: 'Queued: will reach the card when Centegra Plus is back',
        tone: 'warning',
        shape: 'triangle',
      };
    case 'FAILED':
      return { text: 'Did not go through', tone: 'danger', shape: 'cross' };
    case 'VOIDING':
      return { text: 'Voiding: waiting for Factor4', tone: 'warning', shape: 'triangle' };
    case 'VOIDED':
      return { text: 'Voided', tone: 'neutral', shape: 'ring' };
  }
}

/** Headings for a refused refund or void, said as what the manager does next. */
const moneyHeadings: Partial<Record<ErrorCode, string>> = {
  REFUND_EXCEEDS_ORIGINAL: 'More than the card paid in that sale',
  CARD_NOT_IN_BASKET: "That card didn't pay in that sale",
  NOT_SUPPORTED: 'Gift card refunds aren’t available at this site',
  NOT_FOUND: 'Not found on this till',
  BAD_REQUEST: 'Check what was typed',
};

/**
 * A refused refund or void: the heading from the one mapping (a refund's words), the agent's own
 * reason (its figures) — except for a fault of the link, whose agent words are IT's fix.
 */
export function moneyProblem(error: ApiError): { heading: string; message: string } {
  const mapped = cashierProblem(error, 'refund');
  const heading = (moneyHeadings as Partial<Record<string, string>>)[error.code] ?? mapped.heading;
  return { heading, message: isLinkFault(error.code) ? mapped.message : error.message };
}

export interface RefundEntry {
  cardNumber: string;
  amount: string;
  originalBasketId: string;
  reason: string;
}

export type RefundField = keyof RefundEntry;

export type RefundRead =
  | {
      ok: true;
      request: {
        cardNumber?: string;
        scanId?: string;
        amountMinor: number;
        originalBasketId?: string;
        reason?: string;
      };
    }
  | { ok: false; field: RefundField; message: string };

const BASKET_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The refund form read before it is sent: a card (typed or scanned), an amount, and what is optional. */
export function readRefund(entry: RefundEntry, currency: string, scanId?: string): RefundRead {
  const number = entry.cardNumber.trim();
  if (scanId === undefined && number === '')
    return { ok: false, field: 'cardNumber', message: 'Type or scan the number of the card to refund onto.' };
  if (number.length > 64)
    return { ok: false, field: 'cardNumber', message: 'That is too long for a gift card number.' };
  const amount = parseMoney(entry.amount, currency);
  if (!amount.ok)
    return { ok: false, field: 'amount', message: describeMoneyProblem(amount.problem, currency) };
  if (amount.minor === 0)
    return { ok: false, field: 'amount', message: `Type an amount more than ${formatMinor(0, currency)}.` };
  const sale = entry.originalBasketId.trim();
  if (sale !== '' && !BASKET_ID.test(sale))
    return {
      ok: false,
      field: 'originalBasketId',
      message: 'A sale id is letters, digits, _ or - (at most 64), as on the receipt.',
    };
  const reason = entry.reason.trim();
  if (reason.length > 200)
    return { ok: false, field: 'reason', message: 'Keep the reason to 200 characters.' };
  return {
    ok: true,
    request: {
      ...(scanId !== undefined ? { scanId } : { cardNumber: number }),
      amountMinor: amount.minor,
      ...(sale ? { originalBasketId: sale } : {}),
      ...(reason ? { reason } : {}),
    },
  };
}

/** A fresh id for a refund or any other action the screen names itself, so a retry is applied once. */
export function newActionId(prefix: string, random: (bytes: Uint8Array) => Uint8Array): string {
  const bytes = random(new Uint8Array(12));
  return `${prefix}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

// ---- voiding a sale ----

/** The question before a sale is voided, from the sale as the till has it. */
export function voidSaleQuestion(basket: Basket): string {
  const gift = formatMinor(basket.giftCardTotalMinor, basket.currency);
  const cards = basket.giftCardTenders.map((t) => `•••• ${lastFour(t.cardNumberMasked)}`).join(', ');
  const taken =
    basket.giftCardTenders.length > 0 ? ` ${gift} goes back to ${cards}.` : ' It took no gift cards.';
  switch (basket.state) {
    case 'OPEN':
      return `Sale ${basket.basketId} is still open on the POS. Void it? Whatever its cards hold goes back to them.`;
    case 'VOIDED':
      return `Sale ${basket.basketId} is already voided.`;
    case 'CLOSED':
      return `Void sale ${basket.basketId} (total ${formatMinor(basket.totalMinor, basket.currency)})?${taken}`;
  }
}

/** What voiding did, once the agent answered, judged by the sale as it was before. */
export function voidSaleOutcome(before: Basket, after: Basket): string {
  const name = `Sale ${after.basketId}`;
  if (before.state === 'OPEN')
    return `${name} is voided. Nothing had been taken from its gift cards; any amount held on them is given back.`;
  if (after.giftCardTenders.length === 0 || before.closeState === 'FAILED')
    return `${name} is voided. Nothing was taken from a gift card, so nothing goes back.`;
  return `${name} is voided. ${formatMinor(after.giftCardTotalMinor, after.currency)} goes back to its gift cards once Factor4 confirms it (see the queue).`;
}

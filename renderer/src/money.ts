// The manager's money beyond the single sale, as words and pure checks: the day's figures with what
// each one counts, top-ups and refunds in their states, a refund form read before it is sent, and a
// sale to void summed up for the question that confirms it. Components only draw these.
// Every sentence is the catalogue's (i18n/messages/money.*), in the language of the `words` given.
import type { ApiError, Basket, DayReport, OperationOutput } from '../../main/agent/contract';
import { errorHeading, problemWords, type ErrorAction } from './error-words';
import { formatMoney, fractionDigits, lastFour } from './format';
import type { Words } from './i18n/words';
import { MAX_AMOUNT_MINOR, parseMoney, type MoneyProblem } from './money-entry';
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
/** What one of a figure's count is: a gift card on a sale, a top-up… */
export type DayUnit = 'payment' | 'topUp' | 'refund' | 'item';

/** The day's figures in the report's order, each with what one of its count is (the contract's DayReport). */
export const dayFigures: readonly { figure: DayFigure; unit: DayUnit }[] = [
  { figure: 'redeemed', unit: 'payment' },
  { figure: 'pending', unit: 'payment' },
  { figure: 'failed', unit: 'payment' },
  { figure: 'resolved', unit: 'payment' },
  { figure: 'topUps', unit: 'topUp' },
  { figure: 'refunds', unit: 'refund' },
  { figure: 'voided', unit: 'item' },
];

/** A figure's name and what it counts, in the screen's language. */
export function figureWords(words: Words, figure: DayFigure): { label: string; definition: string } {
  return {
    label: words.formatMessage({ id: `day.figure.${figure}` as const }),
    definition: words.formatMessage({ id: `day.figure.${figure}.definition` as const }),
  };
}

/** `1 top-up`, `3 card payments`: a count with its word, by the language's plural rules. */
export function countOf(words: Words, unit: DayUnit, count: number): string {
  return words.formatMessage({ id: `day.count.${unit}` as const }, { count });
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

/**
 * A day's name as a manager reads it, by Intl for the locale: `Tuesday 1 December 2026`,
 * `Dydd Mawrth 1 Rhagfyr 2026`. Without the language's data, in figures (`01/12/2026`).
 */
export function dayName(date: string, locale = 'en-GB'): string {
  const at = Date.parse(`${date}T12:00:00Z`);
  if (Number.isNaN(at)) return date;
  if (Intl.DateTimeFormat.supportedLocalesOf([locale]).length === 0)
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeZone: 'UTC' }).format(at);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(at).replace(',', '');
}

/** What the Day says after a download or a top-up's void, for its live region. */
export type DayNotice =
  | { kind: 'saved'; filename: string }
  | { kind: 'topUpVoided'; topUp: Pick<TopUp, 'amountMinor' | 'currency' | 'cardNumberMasked' | 'state'> };

export function dayNotice(words: Words, notice: DayNotice): string {
  if (notice.kind === 'saved') return words.formatMessage({ id: 'day.saved' }, { filename: notice.filename });
  const t = notice.topUp;
  return words.formatMessage(
    { id: t.state === 'VOIDED' ? 'dayTopUp.voided' : 'dayTopUp.voiding' },
    { amount: formatMoney(t.amountMinor, t.currency, words.locale), last4: lastFour(t.cardNumberMasked) },
  );
}

// ---- top-ups ----

const topUpShapes: Record<TopUp['state'], Omit<StateWording, 'text'>> = {
  DONE: { tone: 'good', shape: 'circle' },
  PENDING: { tone: 'warning', shape: 'triangle' },
  FAILED: { tone: 'danger', shape: 'cross' },
  VOIDING: { tone: 'warning', shape: 'triangle' },
  VOIDED: { tone: 'neutral', shape: 'ring' },
};

export function describeTopUpState(words: Words, state: TopUp['state']): StateWording {
  return { text: words.formatMessage({ id: `dayTopUp.state.${state}` as const }), ...topUpShapes[state] };
}

/** The question before a top-up is voided: what comes off which card. */
export function voidTopUpQuestion(
  words: Words,
  t: Pick<TopUp, 'amountMinor' | 'currency' | 'cardNumberMasked'>,
): string {
  return words.formatMessage(
    { id: 'dayTopUp.voidQuestion' },
    { amount: formatMoney(t.amountMinor, t.currency, words.locale), last4: lastFour(t.cardNumberMasked) },
  );
}

// ---- refunds ----

const refundShapes: Record<Refund['state'], Omit<StateWording, 'text'>> = {
  DELIVERED: { tone: 'good', shape: 'circle' },
  QUEUED: { tone: 'warning', shape: 'triangle' },
  FAILED: { tone: 'danger', shape: 'cross' },
  VOIDING: { tone: 'warning', shape: 'triangle' },
  VOIDED: { tone: 'neutral', shape: 'ring' },
};

export function describeRefundState(words: Words, state: Refund['state']): StateWording {
  return { text: words.formatMessage({ id: `refund.state.${state}` as const }), ...refundShapes[state] };
}

/** The question before a refund is voided. */
export function voidRefundQuestion(
  words: Words,
  r: Pick<Refund, 'amountMinor' | 'currency' | 'cardNumberMasked'>,
): string {
  return words.formatMessage(
    { id: 'refund.voidQuestion' },
    { amount: formatMoney(r.amountMinor, r.currency, words.locale), last4: lastFour(r.cardNumberMasked) },
  );
}

/** Codes whose heading on a refund or void is said as what the manager does next (`moneyProblem.*`). */
const MONEY_HEADINGS = new Set<string>([
  'REFUND_EXCEEDS_ORIGINAL',
  'CARD_NOT_IN_BASKET',
  'NOT_SUPPORTED',
  'NOT_FOUND',
  'BAD_REQUEST',
]);
type MoneyHeading =
  'REFUND_EXCEEDS_ORIGINAL' | 'CARD_NOT_IN_BASKET' | 'NOT_SUPPORTED' | 'NOT_FOUND' | 'BAD_REQUEST';

/**
 * A refused refund or void in the screen's language, by its code: a heading said as what the
 * manager does next, and what happened and what to do from the one mapping (`problemWords`), which
 * never shows IT's fix for a fault of the link. `action` is what the manager was doing: `refund`
 * for a refund sent, `manager` for reading the day, finding or voiding.
 */
export function moneyProblem(
  words: Words,
  error: ApiError,
  action: ErrorAction = 'refund',
  /** The till's currency, so money the agent gave in the error's details is written for the language. */
  currency?: string,
): { heading: string; message: string } {
  const { heading, message } = problemWords(words, error, action, currency ? { currency } : {});
  return {
    heading: MONEY_HEADINGS.has(error.code)
      ? words.formatMessage({ id: `moneyProblem.${error.code as MoneyHeading}` as const })
      : heading,
    message,
  };
}

/** Why a top-up or refund did not go through, by its code, in the screen's language. */
export function whyWords(words: Words, error: { code: string }): string {
  return errorHeading(words, error.code);
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

/** How an amount typed on the refund form cannot be read, in the screen's language. */
export function amountProblem(words: Words, problem: MoneyProblem, currency: string): string {
  const money = (minor: number) => formatMoney(minor, currency, words.locale);
  const decimals = fractionDigits(currency);
  switch (problem) {
    case 'empty':
      return words.formatMessage({ id: 'refund.typo.amountEmpty' });
    case 'format':
      return words.formatMessage(
        { id: decimals > 0 ? 'refund.typo.amountFormat' : 'refund.typo.amountFormatWhole' },
        { example: money(420), other: money(1200) },
      );
    case 'decimals':
      return decimals === 0
        ? words.formatMessage({ id: 'refund.typo.amountWhole' }, { currency })
        : words.formatMessage({ id: 'refund.typo.amountDecimals' }, { decimals, example: money(420) });
    case 'tooLarge':
      return words.formatMessage({ id: 'refund.typo.amountTooLarge' }, { most: money(MAX_AMOUNT_MINOR) });
  }
}

/** The refund form read before it is sent: a card (typed or scanned), an amount, and what is optional. */
export function readRefund(words: Words, entry: RefundEntry, currency: string, scanId?: string): RefundRead {
  const typo = (field: RefundField, message: string): RefundRead => ({ ok: false, field, message });
  const number = entry.cardNumber.trim();
  if (scanId === undefined && number === '')
    return typo('cardNumber', words.formatMessage({ id: 'refund.typo.cardMissing' }));
  if (number.length > 64) return typo('cardNumber', words.formatMessage({ id: 'refund.typo.cardTooLong' }));
  const amount = parseMoney(entry.amount, currency);
  if (!amount.ok) return typo('amount', amountProblem(words, amount.problem, currency));
  if (amount.minor === 0)
    return typo(
      'amount',
      words.formatMessage({ id: 'refund.typo.amountZero' }, { zero: formatMoney(0, currency, words.locale) }),
    );
  const sale = entry.originalBasketId.trim();
  if (sale !== '' && !BASKET_ID.test(sale))
    return typo('originalBasketId', words.formatMessage({ id: 'refund.typo.saleId' }));
  const reason = entry.reason.trim();
  if (reason.length > 200) return typo('reason', words.formatMessage({ id: 'refund.typo.reasonTooLong' }));
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

/** The question before a refund is sent: how much onto which card, and for which sale. */
export function refundQuestion(
  words: Words,
  amountMinor: number,
  currency: string,
  last4: string,
  saleId?: string,
): string {
  const amount = formatMoney(amountMinor, currency, words.locale);
  return saleId
    ? words.formatMessage({ id: 'refund.questionForSale' }, { amount, last4, saleId })
    : words.formatMessage({ id: 'refund.question' }, { amount, last4 });
}

/** A fresh id for a refund or any other action the screen names itself, so a retry is applied once. */
export function newActionId(prefix: string, random: (bytes: Uint8Array) => Uint8Array): string {
  const bytes = random(new Uint8Array(12));
  return `${prefix}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

// ---- voiding a sale ----

/** The question before a sale is voided, from the sale as the till has it. */
export function voidSaleQuestion(words: Words, basket: Basket): string {
  const saleId = basket.basketId;
  const money = (minor: number) => formatMoney(minor, basket.currency, words.locale);
  switch (basket.state) {
    case 'OPEN':
      return words.formatMessage({ id: 'voidSale.question.open' }, { saleId });
    case 'VOIDED':
      return words.formatMessage({ id: 'voidSale.question.voided' }, { saleId });
    case 'CLOSED': {
      const total = money(basket.totalMinor);
      if (basket.giftCardTenders.length === 0)
        return words.formatMessage({ id: 'voidSale.question.closedNoCards' }, { saleId, total });
      const cards = basket.giftCardTenders
        .map((t) => words.formatMessage({ id: 'voidSale.card' }, { last4: lastFour(t.cardNumberMasked) }))
        .join(', ');
      return words.formatMessage(
        { id: 'voidSale.question.closed' },
        { saleId, total, amount: money(basket.giftCardTotalMinor), cards },
      );
    }
  }
}

/** What voiding did, once the agent answered, judged by the sale as it was before. */
export function voidSaleOutcome(words: Words, before: Basket, after: Basket): string {
  const saleId = after.basketId;
  if (before.state === 'OPEN') return words.formatMessage({ id: 'voidSale.outcome.open' }, { saleId });
  if (after.giftCardTenders.length === 0 || before.closeState === 'FAILED')
    return words.formatMessage({ id: 'voidSale.outcome.nothing' }, { saleId });
  return words.formatMessage(
    { id: 'voidSale.outcome.back' },
    { saleId, amount: formatMoney(after.giftCardTotalMinor, after.currency, words.locale) },
  );
}

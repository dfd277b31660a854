// Lines the POS prints on the customer's receipt for a gift card: which card (last four only),
// what it paid or took in, and what is left on it. Plain text for a till printer: at most
// RECEIPT_WIDTH columns, amount right-aligned, in the POS API's language (English). Pure.
import { formatMinor } from '../../common';

/** Columns of the narrowest till printer in common use (58 mm paper, Font A). */
export const RECEIPT_WIDTH = 32;

export interface ReceiptCard {
  cardNumberMasked: string;
  amountMinor: number;
  /** Known once Factor4 has answered; absent while the sale or top-up waits to be sent. */
  balanceAfterMinor?: number;
}

/** The sale's gift cards: paid and balance left; while queued, that the balance follows. */
export function saleReceiptLines(cards: readonly ReceiptCard[], currency: string): string[] {
  if (cards.length === 0) return [];
  const lines = cards.flatMap((card) => [
    `Gift card ending ${lastFour(card.cardNumberMasked)}`,
    ...row('Paid', amountText(card.amountMinor, currency)),
    ...(card.balanceAfterMinor === undefined
      ? []
      : row('Balance left', amountText(card.balanceAfterMinor, currency))),
  ]);
  const waiting = cards.some((card) => card.balanceAfterMinor === undefined);
  return waiting ? [...lines, ...BALANCE_FOLLOWS.SALE] : lines;
}

/** A top-up or a refund onto a card: the amount put on it and the new balance, or that it follows. */
export function creditReceiptLines(kind: 'TOP_UP' | 'REFUND', card: ReceiptCard, currency: string): string[] {
  return [
    `Gift card ending ${lastFour(card.cardNumberMasked)}`,
    ...row(kind === 'TOP_UP' ? 'Topped up' : 'Refunded', amountText(card.amountMinor, currency)),
    ...(card.balanceAfterMinor === undefined
      ? BALANCE_FOLLOWS[kind]
      : row('New balance', amountText(card.balanceAfterMinor, currency))),
  ];
}

/**
 * An amount as formatMinor writes it, remembered: formatting one (Intl) measured 6-8 µs on an
 * accepted close or refund, where a till's amounts recur (the same prices, £10 and £20 cards).
 * Per currency, at most AMOUNTS_KEPT, then started afresh.
 */
const amounts = new Map<string, Map<number, string>>();
const AMOUNTS_KEPT = 1000;

function amountText(minor: number, currency: string): string {
  let known = amounts.get(currency);
  if (!known) amounts.set(currency, (known = new Map()));
  let text = known.get(minor);
  if (text === undefined) {
    if (known.size >= AMOUNTS_KEPT) known.clear();
    text = formatMinor(minor, currency);
    known.set(minor, text);
  }
  return text;
}

/** The last four characters the mask shows (never more, whatever the mask looks like). */
function lastFour(masked: string): string {
  return masked.replace(/[^0-9A-Za-z]/g, '').slice(-4);
}

/** `Paid            £12.50`, or the amount on a line of its own where both do not fit. */
function row(label: string, amount: string): string[] {
  const gap = RECEIPT_WIDTH - label.length - amount.length;
  if (gap >= 1) return [label + ' '.repeat(gap) + amount];
  return [label, amount.padStart(RECEIPT_WIDTH)];
}

function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > RECEIPT_WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

/** The line saying the balance follows, wrapped once (the same words every time). */
const BALANCE_FOLLOWS = {
  SALE: wrap('Balance updates when the sale reaches Factor4.'),
  TOP_UP: wrap('Balance updates when the top-up reaches Factor4.'),
  REFUND: wrap('Balance updates when the refund reaches Factor4.'),
} as const;

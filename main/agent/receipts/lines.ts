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
    ...row('Paid', formatMinor(card.amountMinor, currency)),
    ...(card.balanceAfterMinor === undefined
      ? []
      : row('Balance left', formatMinor(card.balanceAfterMinor, currency))),
  ]);
  const waiting = cards.some((card) => card.balanceAfterMinor === undefined);
  return waiting ? [...lines, ...wrap('Balance updates when the sale reaches Factor4.')] : lines;
}

/** A top-up or a refund onto a card: the amount put on it and the new balance, or that it follows. */
export function creditReceiptLines(kind: 'TOP_UP' | 'REFUND', card: ReceiptCard, currency: string): string[] {
  return [
    `Gift card ending ${lastFour(card.cardNumberMasked)}`,
    ...row(kind === 'TOP_UP' ? 'Topped up' : 'Refunded', formatMinor(card.amountMinor, currency)),
    ...(card.balanceAfterMinor === undefined
      ? wrap(`Balance updates when the ${kind === 'TOP_UP' ? 'top-up' : 'refund'} reaches Factor4.`)
      : row('New balance', formatMinor(card.balanceAfterMinor, currency))),
  ];
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

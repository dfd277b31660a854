// What is wrong with a gift card, in a cashier's words: one wording for a card number the cashier
// keyed and for a card Factor4 will not take, whichever operation met it.
import type { CardNumberProblem } from './card-number';

/** Why a card whose status is not ACTIVE cannot pay, after "The card ending 1234 …". */
export const CARD_STATUS_WORDS: Record<string, string> = {
  INACTIVE: 'has not been activated yet (a top-up activates it)',
  BLOCKED: 'is blocked: do not accept it; the customer should contact the card issuer',
  EXPIRED: 'has expired',
};

export function cardStatusWords(status: string): string {
  return CARD_STATUS_WORDS[status] ?? 'cannot be used';
}

const digitCount = (n: number) => `${n} digit${n === 1 ? '' : 's'}`;

/** "16 to 19 digits", "16 digits", "at least 16 digits". */
export function digitSpan(min: number, max: number): string {
  if (min === max) return digitCount(min);
  return Number.isFinite(max) ? `${min} to ${max} digits` : `at least ${digitCount(min)}`;
}

/** The m and n of a pattern `^[0-9]{m,n}$` / `^\d{m,n}$` (or {m}, {m,}), to say "too short/long". */
export function digitLengths(pattern: string): { min: number; max: number } | undefined {
  const m = /^\^(?:\[0-9\]|\\d)\{(\d+)(?:(,)(\d*))?\}\$$/.exec(pattern);
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY;
  return { min, max };
}

/** A keyed card number the till's card scheme refuses, with what to do. */
export function keyedCardProblem(problem: CardNumberProblem, pattern: string): string {
  if (problem === 'EMPTY') return 'Enter the gift card number.';
  if (problem === 'LUHN')
    return "That number isn't a valid gift card number (a digit is wrong or two are swapped). Check it and try again.";
  const lengths = digitLengths(pattern);
  const shape = lengths ? ` Gift card numbers here are ${digitSpan(lengths.min, lengths.max)}.` : '';
  return `That doesn't look like a gift card number.${shape} Check it and try again.`;
}

// Amounts the cashier types ("4.20", "£12", "1,000.50") read into integer minor units, exactly:
// the digits are joined as text, never multiplied as a float, so 4.20 is 420 and not 419.99….
import { currencySymbol, formatMinor, fractionDigits } from './format';

/** The most the agent takes in one amount: 10^8 minor units (£1,000,000.00). */
export const MAX_AMOUNT_MINOR = 100_000_000;

export type MoneyProblem = 'empty' | 'format' | 'decimals' | 'tooLarge';
export type MoneyEntry = { ok: true; minor: number } | { ok: false; problem: MoneyProblem };

/** Whole units: plain digits, or digits grouped in threes by commas ("1,000"); may be empty before a point. */
const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;

/**
 * Reads a typed amount in `currency` as minor units. Allows the currency's sign in front, commas
 * between thousands, and at most the currency's own decimals (2 for GBP). Refuses anything else:
 * negatives, letters, a comma for the decimal point, half-pence.
 */
export function parseMoney(text: string, currency: string): MoneyEntry {
  let rest = text.trim();
  if (rest === '') return { ok: false, problem: 'empty' };
  const symbol = currencySymbol(currency);
  if (rest.startsWith(symbol)) rest = rest.slice(symbol.length).trimStart();
  const match = AMOUNT.exec(rest);
  if (!match) return { ok: false, problem: 'format' };
  const whole = (match[1] ?? '').replace(/,/g, '');
  const fraction = match[2] ?? '';
  if (whole === '' && fraction === '') return { ok: false, problem: 'format' };
  const decimals = fractionDigits(currency);
  if (fraction.length > decimals) return { ok: false, problem: 'decimals' };
  const digits = (whole + fraction.padEnd(decimals, '0')).replace(/^0+(?=\d)/, '');
  // Compared as text first: a long run of digits is too large before it is ever a number.
  if (digits.length > String(MAX_AMOUNT_MINOR).length) return { ok: false, problem: 'tooLarge' };
  const minor = Number(digits);
  if (minor > MAX_AMOUNT_MINOR) return { ok: false, problem: 'tooLarge' };
  return { ok: true, minor };
}

/**
 * An amount as it stands in a money field, whose sign the field draws itself: `2000, 'GBP'` →
 * `20.00`, `123456, 'GBP'` → `1,234.56`. `parseMoney` reads it back as the same amount.
 */
export function amountFieldText(minor: number, currency: string): string {
  return formatMinor(minor, currency).replace(/^\D+/, '');
}

/** What to tell the cashier about an amount that could not be read. */
export function describeMoneyProblem(problem: MoneyProblem, currency: string): string {
  const decimals = fractionDigits(currency);
  switch (problem) {
    case 'empty':
      return 'Type an amount.';
    case 'format':
      return `Type the amount as digits, such as ${formatMinor(420, currency)} or ${formatMinor(1200, currency)}${
        decimals > 0 ? ', with a point before the pence' : ''
      }.`;
    case 'decimals':
      return decimals === 0
        ? `${currency} amounts have no decimals. Type a whole number.`
        : `At most ${decimals} digits after the point, such as ${formatMinor(420, currency)}.`;
    case 'tooLarge':
      return `That is more than ${formatMinor(MAX_AMOUNT_MINOR, currency)}, the most Till Agent takes at once.`;
  }
}

// Amounts the cashier types ("4.20", "£12", "1,000.50") read into integer minor units, exactly:
// the digits are joined as text, never multiplied as a float, so 4.20 is 420 and not 419.99….
import { currencySymbol, formatMinor, formatMoney, fractionDigits } from './format';
import type { Words } from './i18n/words';

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

/**
 * What to tell the cashier about an amount that could not be read (or, `zero`, read as nothing),
 * in the screen's language, money as it writes it.
 */
export function describeMoneyProblem(problem: MoneyProblem | 'zero', currency: string, words: Words): string {
  const money = (minor: number) => formatMoney(minor, currency, words.locale);
  const decimals = fractionDigits(currency);
  switch (problem) {
    case 'empty':
      return words.formatMessage({ id: 'moneyEntry.empty' });
    case 'zero':
      return words.formatMessage({ id: 'moneyEntry.zero' }, { zero: money(0) });
    case 'format':
      return words.formatMessage(
        { id: decimals > 0 ? 'moneyEntry.format' : 'moneyEntry.formatWhole' },
        { small: money(420), large: money(1200) },
      );
    case 'decimals':
      return decimals === 0
        ? words.formatMessage({ id: 'moneyEntry.noDecimals' }, { currency })
        : words.formatMessage({ id: 'moneyEntry.decimals' }, { decimals, example: money(420) });
    case 'tooLarge':
      return words.formatMessage({ id: 'moneyEntry.tooLarge' }, { max: money(MAX_AMOUNT_MINOR) });
  }
}

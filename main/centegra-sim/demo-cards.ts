// The cards the simulator starts with: one of each case a cashier meets, with easy-to-type
// Luhn-valid numbers, and the console table that tells a demo user which card does what.
import type { SimCard } from './store';

export interface DemoCard extends SimCard {
  /** What the card demonstrates, e.g. "active, £50.00". */
  label: string;
}

/** The digit that makes `body + digit` pass the Luhn check (ISO/IEC 7812). */
export function luhnCheckDigit(body: string): string {
  if (!/^[0-9]+$/.test(body)) throw new RangeError(`luhnCheckDigit: "${body}" is not a string of digits`);
  let sum = 0;
  // Walking from the right, the digit next to the (future) check digit is doubled, then every other one.
  for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
    let digit = Number(body[i]);
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

export function isLuhnValid(cardNumber: string): boolean {
  return /^[0-9]{2,}$/.test(cardNumber) && luhnCheckDigit(cardNumber.slice(0, -1)) === cardNumber.slice(-1);
}

/** 628039 00000000 n + check digit: sixteen digits, of which only the last two vary. */
const demoNumber = (n: number): string => {
  const body = `62803900000000${n}`;
  return body + luhnCheckDigit(body);
};

export const demoCards: readonly DemoCard[] = Object.freeze([
  {
    cardNumber: demoNumber(1),
    status: 'ACTIVE',
    balanceMinor: 5000,
    currency: 'GBP',
    label: 'active, £50.00',
  },
  {
    cardNumber: demoNumber(2),
    pin: '1234',
    status: 'ACTIVE',
    balanceMinor: 420,
    currency: 'GBP',
    label: 'active, £4.20, PIN 1234',
  },
  {
    cardNumber: demoNumber(3),
    status: 'ACTIVE',
    balanceMinor: 0,
    currency: 'GBP',
    label: 'active, nothing left',
  },
  {
    cardNumber: demoNumber(4),
    status: 'INACTIVE',
    balanceMinor: 0,
    currency: 'GBP',
    label: 'not activated yet',
  },
  { cardNumber: demoNumber(5), status: 'BLOCKED', balanceMinor: 2500, currency: 'GBP', label: 'blocked' },
  {
    cardNumber: demoNumber(6),
    status: 'EXPIRED',
    balanceMinor: 1000,
    currency: 'GBP',
    expiresOn: '2025-12-31',
    label: 'expired',
  },
  {
    cardNumber: demoNumber(7),
    status: 'ACTIVE',
    balanceMinor: 25000,
    currency: 'GBP',
    label: 'active, £250.00',
  },
] satisfies DemoCard[]);

const currencySymbols: Record<string, string> = { GBP: '£', EUR: '€', USD: '$' };

export function formatMoney(amountMinor: number, currency: string): string {
  const symbol = currencySymbols[currency];
  const amount = (amountMinor / 100).toFixed(2);
  return symbol ? `${symbol}${amount}` : `${amount} ${currency}`;
}

/** A small table for the console: one card per line with its number, PIN, status and balance. */
export function formatDemoCards(cards: readonly DemoCard[] = demoCards): string {
  const rows = cards.map((c) => [
    c.cardNumber,
    c.pin ?? '-',
    c.status,
    formatMoney(c.balanceMinor, c.currency),
    c.label,
  ]);
  const header = ['Card number', 'PIN', 'Status', 'Balance', 'What it shows'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === 3 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

// Money and dates on the cashier screen: integer minor units shown exactly, dates in en-GB words.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceWidthEm, formatLongDate, formatMinor, fractionDigits } from '../../renderer/src/format';

const MAX_MINOR = 100_000_000;

describe('formatMinor', () => {
  it('shows pence as pounds with a £ sign and two decimals', () => {
    expect(formatMinor(5000, 'GBP')).toBe('£50.00');
    expect(formatMinor(0, 'GBP')).toBe('£0.00');
    expect(formatMinor(1, 'GBP')).toBe('£0.01');
    expect(formatMinor(23456789, 'GBP')).toBe('£234,567.89');
    expect(formatMinor(MAX_MINOR, 'GBP')).toBe('£1,000,000.00');
  });

  it('gives every amount from 0 to 10^8 pence as £, thousands separators and exactly two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MINOR }), (minor) => {
        expect(formatMinor(minor, 'GBP')).toMatch(/^£(0|[1-9]\d{0,2}(,\d{3})*)\.\d{2}$/);
      }),
    );
  });

  it('round-trips: the digits it shows, read back, are the integer it was given', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MINOR }), (minor) => {
        const digits = formatMinor(minor, 'GBP').replace(/[^0-9]/g, '');
        expect(Number(digits)).toBe(minor);
      }),
    );
  });

  it('uses each currency’s own decimals', () => {
    expect(fractionDigits('GBP')).toBe(2);
    expect(fractionDigits('JPY')).toBe(0);
    expect(fractionDigits('BHD')).toBe(3);
    expect(formatMinor(1234, 'EUR')).toBe('€12.34');
    expect(formatMinor(1234, 'JPY')).toBe('JP¥1,234');
    fc.assert(
      fc.property(
        fc.constantFrom('EUR', 'USD', 'JPY', 'BHD'),
        fc.integer({ min: 0, max: MAX_MINOR }),
        (c, minor) => {
          expect(Number(formatMinor(minor, c).replace(/[^0-9]/g, ''))).toBe(minor);
        },
      ),
    );
  });
});

describe('balanceWidthEm', () => {
  it('grows with the amount, so a longer balance is drawn smaller to fit', () => {
    expect(balanceWidthEm('£50.00')).toBe(4);
    expect(balanceWidthEm('£1,234.56')).toBeCloseTo(5.8, 5);
    expect(balanceWidthEm('£1,000,000.00')).toBeGreaterThan(balanceWidthEm('£1,234.56'));
  });
});

describe('formatLongDate', () => {
  it('writes a calendar day in en-GB long form, whatever the time zone', () => {
    expect(formatLongDate('2026-12-31')).toBe('31 December 2026');
    expect(formatLongDate('2025-01-01')).toBe('1 January 2025');
  });

  it('writes a timestamp in the given zone, and leaves text it cannot read as it is', () => {
    expect(formatLongDate('2025-06-30T23:30:00Z', 'Europe/London')).toBe('1 July 2025');
    expect(formatLongDate('soon')).toBe('soon');
  });
});

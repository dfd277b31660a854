// Amounts typed on the sale screen ("Take at most", top-ups) read into exact integer minor units.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencySymbol, formatMinor, lastFour } from '../../renderer/src/format';
import {
  amountFieldText,
  describeMoneyProblem,
  MAX_AMOUNT_MINOR,
  parseMoney,
} from '../../renderer/src/money-entry';
import { intlFor } from '../../renderer/src/i18n/words';

const minor = fc.integer({ min: 0, max: MAX_AMOUNT_MINOR });
const read = (text: string, currency = 'GBP') => parseMoney(text, currency);

describe('parseMoney', () => {
  it('reads pounds and pence as pence, exactly', () => {
    expect(read('4.2')).toEqual({ ok: true, minor: 420 });
    expect(read('4.20')).toEqual({ ok: true, minor: 420 });
    expect(read('£12')).toEqual({ ok: true, minor: 1200 });
    expect(read('1,000.50')).toEqual({ ok: true, minor: 100050 });
    expect(read(' £ 0.01 ')).toEqual({ ok: true, minor: 1 });
    expect(read('.5')).toEqual({ ok: true, minor: 50 });
    expect(read('0')).toEqual({ ok: true, minor: 0 });
    expect(read('£1,000,000.00')).toEqual({ ok: true, minor: MAX_AMOUNT_MINOR });
    // The float 4.35 * 100 is 434.99999999999994; text arithmetic is not.
    expect(read('4.35')).toEqual({ ok: true, minor: 435 });
  });

  it('refuses half-pence, negatives, letters, a decimal comma and bad grouping', () => {
    expect(read('0.005')).toEqual({ ok: false, problem: 'decimals' });
    expect(read('-5')).toEqual({ ok: false, problem: 'format' });
    expect(read('£-5')).toEqual({ ok: false, problem: 'format' });
    expect(read('−5')).toEqual({ ok: false, problem: 'format' });
    expect(read('5 pounds')).toEqual({ ok: false, problem: 'format' });
    expect(read('4,20')).toEqual({ ok: false, problem: 'format' });
    expect(read('1,00')).toEqual({ ok: false, problem: 'format' });
    expect(read('1.2.3')).toEqual({ ok: false, problem: 'format' });
    expect(read('1e3')).toEqual({ ok: false, problem: 'format' });
    expect(read('£')).toEqual({ ok: false, problem: 'format' });
    expect(read('   ')).toEqual({ ok: false, problem: 'empty' });
    expect(read('£1,000,000.01')).toEqual({ ok: false, problem: 'tooLarge' });
    expect(read('9'.repeat(40))).toEqual({ ok: false, problem: 'tooLarge' });
  });

  it('round-trips every amount the agent takes, as shown, without £, and without separators', () => {
    fc.assert(
      fc.property(minor, (m) => {
        const shown = formatMinor(m, 'GBP');
        expect(read(shown)).toEqual({ ok: true, minor: m });
        expect(read(shown.replace('£', ''))).toEqual({ ok: true, minor: m });
        expect(read(shown.replace(/,/g, ''))).toEqual({ ok: true, minor: m });
        expect(read(shown.replace('£', '').replace(/,/g, ''))).toEqual({ ok: true, minor: m });
      }),
    );
  });

  it('refuses more than two decimals, whatever the digits', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.stringMatching(/^[0-9]{3,6}$/), (pounds, pence) => {
        expect(read(`${pounds}.${pence}`)).toEqual({ ok: false, problem: 'decimals' });
      }),
    );
  });

  it('refuses any amount with a minus sign', () => {
    fc.assert(
      fc.property(minor, (m) => {
        const shown = formatMinor(m, 'GBP');
        for (const text of [`-${shown}`, `-${shown.slice(1)}`, `£-${shown.slice(1)}`])
          expect(read(text).ok).toBe(false);
      }),
    );
  });

  it('refuses any amount with a letter in it', () => {
    fc.assert(
      fc.property(
        minor,
        fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'),
        fc.nat(),
        (m, letter, at) => {
          const shown = formatMinor(m, 'GBP');
          const i = at % (shown.length + 1);
          expect(read(shown.slice(0, i) + letter + shown.slice(i)).ok).toBe(false);
        },
      ),
    );
  });

  it('never gives anything but an integer from 0 to 10^8, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const r = read(text);
        if (r.ok) {
          expect(Number.isInteger(r.minor)).toBe(true);
          expect(r.minor).toBeGreaterThanOrEqual(0);
          expect(r.minor).toBeLessThanOrEqual(MAX_AMOUNT_MINOR);
        }
      }),
    );
  });

  it('follows each currency’s own decimals and sign', () => {
    expect(read('JP¥1,234', 'JPY')).toEqual({ ok: true, minor: 1234 });
    expect(read('12.5', 'JPY')).toEqual({ ok: false, problem: 'decimals' });
    expect(read('1.234', 'BHD')).toEqual({ ok: true, minor: 1234 });
    expect(read('€12.34', 'EUR')).toEqual({ ok: true, minor: 1234 });
    expect(read('£12.34', 'EUR')).toEqual({ ok: false, problem: 'format' });
    fc.assert(
      fc.property(fc.constantFrom('EUR', 'USD', 'JPY', 'BHD'), minor, (c, m) => {
        expect(read(formatMinor(m, c), c)).toEqual({ ok: true, minor: m });
      }),
    );
  });
});

describe('amountFieldText', () => {
  it('writes an amount as the cashier types it, the sign left to the field', () => {
    expect(amountFieldText(2000, 'GBP')).toBe('20.00');
    expect(amountFieldText(123456, 'GBP')).toBe('1,234.56');
    expect(amountFieldText(1234, 'JPY')).toBe('1,234');
    expect(amountFieldText(1234, 'BHD')).toBe('1.234');
  });

  it('reads back as the same amount, in every currency', () => {
    fc.assert(
      fc.property(fc.constantFrom('GBP', 'EUR', 'USD', 'JPY', 'BHD'), minor, (c, m) => {
        expect(parseMoney(amountFieldText(m, c), c)).toEqual({ ok: true, minor: m });
      }),
    );
  });
});

describe('describeMoneyProblem', () => {
  const en = intlFor('en-GB');
  it('tells the cashier how to type the amount, in pounds and pence', () => {
    expect(describeMoneyProblem('format', 'GBP', en)).toBe(
      'Type the amount as digits, such as £4.20 or £12.00, with a point before the pence.',
    );
    expect(describeMoneyProblem('decimals', 'GBP', en)).toBe(
      'At most 2 digits after the point, such as £4.20.',
    );
    expect(describeMoneyProblem('tooLarge', 'GBP', en)).toBe(
      'That is more than £1,000,000.00, the most Till Agent takes at once.',
    );
    expect(describeMoneyProblem('decimals', 'JPY', en)).toMatch(/no decimals/);
  });
});

describe('currencySymbol and lastFour', () => {
  it('gives the sign shown before an amount, and a card’s last four digits', () => {
    expect(currencySymbol('GBP')).toBe('£');
    expect(currencySymbol('EUR')).toBe('€');
    expect(lastFour('••••••••••••0011')).toBe('0011');
    expect(lastFour('•••• •••• •••• 0045')).toBe('0045');
    expect(lastFour('6280 3900 0000 0045')).toBe('0045');
  });
});

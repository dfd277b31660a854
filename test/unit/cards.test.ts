import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCardNumber, luhnValid, maskCardNumber, normaliseKeyedCardNumber } from '../../main/agent/cards';

const scheme = { pattern: '^[0-9]{15,19}$', luhn: false };

describe('card numbers', () => {
  it('masks all but the last four, keeping the length', () => {
    expect(maskCardNumber('628039000000008515')).toBe('••••••••••••••8515');
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Za-z]{5,32}$/), (n) => {
        const m = maskCardNumber(n);
        expect(m).toHaveLength(n.length);
        expect(m.slice(-4)).toBe(n.slice(-4));
        expect(m.slice(0, -4)).toMatch(/^•+$/);
      }),
    );
  });

  it('never shows a short number whole', () => {
    expect(maskCardNumber('1234')).toBe('••34');
    expect(maskCardNumber('12')).toBe('12'.replace(/./g, '•'));
  });

  it('ignores the spaces and dashes a cashier types', () => {
    expect(normaliseKeyedCardNumber(' 6280 3900-0000 0011 ')).toBe('6280390000000011');
  });

  it('checks the configured pattern and, when asked, the Luhn digit', () => {
    expect(checkCardNumber('', scheme)).toBe('EMPTY');
    expect(checkCardNumber('12345', scheme)).toBe('PATTERN');
    expect(checkCardNumber('6280390000000011', scheme)).toBeNull();
    expect(checkCardNumber('6280390000000012', { ...scheme, luhn: true })).toBe('LUHN');
    expect(checkCardNumber('6280390000000011', { ...scheme, luhn: true })).toBeNull();
  });

  it('Luhn catches every single-digit error', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{15}$/),
        fc.nat(14),
        fc.integer({ min: 1, max: 9 }),
        (body, at, delta) => {
          let check = 0;
          while (!luhnValid(body + check)) check++;
          const valid = body + check;
          const wrong = valid.slice(0, at) + ((Number(valid[at]) + delta) % 10) + valid.slice(at + 1);
          expect(luhnValid(wrong)).toBe(false);
        },
      ),
    );
  });
});

// The simulator's demo cards and the Luhn helper behind their numbers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoCards, formatDemoCards, isLuhnValid, luhnCheckDigit } from '../../main/centegra-sim/index';

describe('luhnCheckDigit', () => {
  it('gives the check digits of well-known numbers', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3'); // the textbook example
    expect(luhnCheckDigit('411111111111111')).toBe('1'); // Visa test card 4111 1111 1111 1111
    expect(luhnCheckDigit('0')).toBe('0');
  });

  it('refuses anything but digits', () => {
    expect(() => luhnCheckDigit('12a4')).toThrow(RangeError);
    expect(() => luhnCheckDigit('')).toThrow(RangeError);
  });

  it('makes every body valid, and any single changed digit invalid', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (body, at, shift) => {
          const valid = body + luhnCheckDigit(body);
          expect(isLuhnValid(valid)).toBe(true);
          const i = at % valid.length;
          const changed = valid.slice(0, i) + String((Number(valid[i]) + shift) % 10) + valid.slice(i + 1);
          expect(isLuhnValid(changed)).toBe(false);
        },
      ),
    );
  });
});

describe('demoCards', () => {
  it('are sixteen-digit, Luhn-valid, unique numbers starting 628039', () => {
    for (const card of demoCards) {
      expect(card.cardNumber).toMatch(/^628039[0-9]{10}$/);
      expect(isLuhnValid(card.cardNumber)).toBe(true);
    }
    expect(new Set(demoCards.map((c) => c.cardNumber)).size).toBe(demoCards.length);
  });

  it('cover each case a cashier meets, in GBP', () => {
    expect(demoCards.map((c) => [c.status, c.balanceMinor, c.pin, c.expiresOn])).toEqual([
      ['ACTIVE', 5000, undefined, undefined],
      ['ACTIVE', 420, '1234', undefined],
      ['ACTIVE', 0, undefined, undefined],
      ['INACTIVE', 0, undefined, undefined],
      ['BLOCKED', 2500, undefined, undefined],
      ['EXPIRED', 1000, undefined, '2025-12-31'],
      ['ACTIVE', 25000, undefined, undefined],
    ]);
    expect(demoCards.every((c) => c.currency === 'GBP')).toBe(true);
    expect(demoCards[1]?.label).toBe('active, £4.20, PIN 1234');
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(demoCards)).toBe(true);
  });
});

describe('formatDemoCards', () => {
  it('prints a header and one line per card with number, PIN, status and balance', () => {
    const lines = formatDemoCards().split('\n');
    expect(lines).toHaveLength(demoCards.length + 1);
    expect(lines[0]).toMatch(/Card number\s+PIN\s+Status\s+Balance/);
    const pinLine = lines.find((l) => l.startsWith(demoCards[1]?.cardNumber ?? '?'));
    expect(pinLine).toMatch(/ 1234 +ACTIVE +£4\.20/);
    expect(lines.find((l) => l.includes('BLOCKED'))).toContain('£25.00');
    expect(lines.find((l) => l.includes('£250.00'))).toContain(demoCards[6]?.cardNumber);
  });
});

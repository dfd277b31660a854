import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskCardNumber } from '../../main/agent/cards/card-number';
import { RECEIPT_WIDTH, creditReceiptLines, saleReceiptLines } from '../../main/agent/receipts';

const minor = fc.integer({ min: 0, max: 100_000_000 });
const cardNumber = fc.stringMatching(/^[0-9]{12,19}$/);
const card = fc.record({
  number: cardNumber,
  amountMinor: minor,
  balanceAfterMinor: fc.option(minor, { nil: undefined }),
});

/** The amount on a line, read back in pence: `£1,234.50` -> 123450. */
function pence(line: string): number {
  const amount = /£([0-9,]+)\.([0-9]{2})$/.exec(line.trim());
  if (!amount) throw new Error(`no amount in ${JSON.stringify(line)}`);
  return Number(amount[1]!.replaceAll(',', '')) * 100 + Number(amount[2]);
}

describe('receipt lines', () => {
  it('a delivered sale: each card paid and what is left on it', () => {
    expect(
      saleReceiptLines(
        [
          {
            cardNumberMasked: maskCardNumber('6280001234567898515'),
            amountMinor: 1250,
            balanceAfterMinor: 750,
          },
        ],
        'GBP',
      ),
    ).toEqual([
      'Gift card ending 8515',
      'Paid                      £12.50',
      'Balance left               £7.50',
    ]);
  });

  it('a queued sale says the balance follows, once, instead of a figure it does not know', () => {
    const lines = saleReceiptLines(
      [
        { cardNumberMasked: '••••1111', amountMinor: 500 },
        { cardNumberMasked: '••••2222', amountMinor: 700 },
      ],
      'GBP',
    );
    expect(lines.filter((l) => l.startsWith('Balance left'))).toEqual([]);
    expect(lines.slice(-2)).toEqual(['Balance updates when the sale', 'reaches Factor4.']);
  });

  it('a top-up and a refund: the amount put on and the new balance, or that it follows', () => {
    expect(
      creditReceiptLines(
        'TOP_UP',
        { cardNumberMasked: '••••8515', amountMinor: 2000, balanceAfterMinor: 4500 },
        'GBP',
      ),
    ).toEqual([
      'Gift card ending 8515',
      'Topped up                 £20.00',
      'New balance               £45.00',
    ]);
    expect(creditReceiptLines('REFUND', { cardNumberMasked: '••••8515', amountMinor: 300 }, 'GBP')).toEqual([
      'Gift card ending 8515',
      'Refunded                   £3.00',
      'Balance updates when the refund',
      'reaches Factor4.',
    ]);
  });

  it('no sale with no gift card prints anything', () => {
    expect(saleReceiptLines([], 'GBP')).toEqual([]);
  });

  it('property: every line fits the printer, amounts read back exactly, and no more than 4 digits of a card', () => {
    fc.assert(
      fc.property(fc.array(card, { minLength: 1, maxLength: 5 }), (cards) => {
        const lines = saleReceiptLines(
          cards.map((c) => ({ ...c, cardNumberMasked: maskCardNumber(c.number) })),
          'GBP',
        );
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(RECEIPT_WIDTH);
        const paid = lines.filter((l, i) => l.startsWith('Paid') || lines[i - 1] === 'Paid');
        const amounts = paid.filter((l) => l.includes('£')).map(pence);
        expect(amounts).toEqual(cards.map((c) => c.amountMinor));
        const left = lines.filter((l, i) => l.startsWith('Balance left') || lines[i - 1] === 'Balance left');
        expect(left.filter((l) => l.includes('£')).map(pence)).toEqual(
          cards.flatMap((c) => (c.balanceAfterMinor === undefined ? [] : [c.balanceAfterMinor])),
        );
        const text = lines.join('\n');
        for (const c of cards) expect(text).not.toContain(c.number.slice(-5));
      }),
    );
  });

  it('property: a top-up or refund of any amount fits and reads back', () => {
    fc.assert(
      fc.property(card, fc.constantFrom('TOP_UP' as const, 'REFUND' as const), (c, kind) => {
        const lines = creditReceiptLines(kind, { ...c, cardNumberMasked: maskCardNumber(c.number) }, 'GBP');
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(RECEIPT_WIDTH);
        expect(pence(lines.find((l) => l.includes('£'))!)).toBe(c.amountMinor);
        expect(lines.join('\n')).not.toContain(c.number.slice(-5));
      }),
    );
  });
});
